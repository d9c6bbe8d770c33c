package io.framewise.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Has the launcher write its class archive again when this JVM could not map it.
 *
 * <p>An ahead-of-time cache holds some of the options of the run that saved it: one saved under a
 * flight recording (which adds module {@code jdk.jfr}) is refused by every plain run after it, and
 * the JVM says so only in a log that the launcher keeps quiet. Those runs started seconds slower,
 * with nothing to show why. So the launcher names the archive's stamp (the JVM it was saved by) in
 * {@value #PROPERTY} when it maps the archive, and a run that finds itself without it removes the
 * stamp: the next run of a command that saves it (a job, or {@code detect} for its own archive)
 * saves the archive again, under its own options.
 *
 * <p>{@code java.vm.info} says "sharing" while archived classes are in use. A JDK before 25 that
 * cannot map the launcher's class-data archive still maps the JDK's own and says "sharing": there
 * this check never fires.
 */
final class UnmappedClassArchive {

    static final String PROPERTY = "framewise.class-archive.stamp";

    private UnmappedClassArchive() {}

    /** Removes the stamp the launcher named when this JVM maps no archive; true if it did. */
    static boolean forgetIfUnmapped(PrintStream err) {
        return forgetIfUnmapped(
                System.getProperty("java.vm.info", ""), System.getProperty(PROPERTY), err);
    }

    static boolean forgetIfUnmapped(String vmInfo, String stamp, PrintStream err) {
        if (stamp == null || vmInfo.contains("sharing")) {
            return false;
        }
        try {
            if (!Files.deleteIfExists(Path.of(stamp))) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + stamp, e);
        }
        err.println(
                "framewise: this run could not use the class archive (saved under other"
                        + " FRAMEWISE_JAVA_OPTS or by another JVM) and starts slower; the next "
                        + savedBy(stamp)
                        + " run saves it again");
        return true;
    }

    /**
     * Which runs save the archive of {@code stamp}: {@code detect} has one of its own ({@code
     * framewise-detect.*}, see the launcher), every job command shares the other.
     */
    private static String savedBy(String stamp) {
        String name = Path.of(stamp).getFileName().toString();
        return name.startsWith("framewise-detect.") ? "detect" : "job";
    }
}
