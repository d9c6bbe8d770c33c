package io.framewise.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that runs a local job and exits right after it, as the command line does, leaves nothing in
 * the temporary directory: not the RPC jar the local cluster unpacks (21 MB), not its working
 * directory.
 */
class LocalScratchITCase {

    @TempDir Path tmp;

    @Test
    void aLocalRunLeavesNothingInTheTemporaryDirectory() throws Exception {
        Process p =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Djava.io.tmpdir=" + tmp,
                                "-Xmx256m",
                                "-cp",
                                System.getProperty("java.class.path"),
                                Child.class.getName())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        // The cluster kept its files in the scratch directory, which went with the JVM.
        assertThat(out).contains("io.tmp.dirs: " + tmp.resolve("framewise-local-"));
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(f -> f.getFileName().toString()))
                    .noneMatch(
                            name ->
                                    name.startsWith("framewise-local-")
                                            || name.startsWith("flink-rpc")
                                            || name.startsWith("minicluster_"));
        }
    }

    /** Runs a small job on a local cluster and exits at once, as {@code framewise index} does. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            StreamExecutionEnvironment env = JobEnvironment.create(1, Map.of());
            env.fromData(List.of(1, 2, 3)).sinkTo(new DiscardingSink<>());
            env.execute("scratch");
            System.out.println("io.tmp.dirs: " + env.getConfiguration().get(CoreOptions.TMP_DIRS));
            System.exit(0);
        }
    }
}
