package io.framewise.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.util.FileUtils;

/**
 * The scratch directory of the local clusters of this JVM (Flink's {@code io.tmp.dirs}), removed
 * when the JVM exits.
 *
 * <p>A local cluster puts its working directory there and unpacks its RPC system, a 21 MB jar, each
 * time it starts. It deletes both when it closes, but it closes asynchronously after its job, and
 * the command's JVM is gone before then: every {@code framewise index} run used to leave the jar
 * and a {@code minicluster_*} directory in {@code /tmp}. A shutdown hook runs on every exit, Ctrl-C
 * included.
 */
final class LocalScratch {

    private static Path directory;

    private LocalScratch() {}

    /** The directory, created on first use, with its removal registered for the JVM's exit. */
    static synchronized Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("framewise-local-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a scratch directory", e);
            }
            Path created = directory;
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> FileUtils.deleteDirectoryQuietly(created.toFile()),
                                    "framewise-scratch-cleanup"));
        }
        return directory;
    }
}
