package io.framewise.jobs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Tells the launcher whether the class-data archive this JVM writes as it exits is worth keeping.
 *
 * <p>The launcher saves the archive from the first job run after a build, and maps it on every
 * later run until the next build. A run that stops at its options ({@code --help}, a usage mistake)
 * loads a few thousand classes rather than a job's twenty thousand: kept, its archive would leave
 * every later run starting seconds slower, with nothing to show why. So the launcher names a file
 * in {@value #PROPERTY}, and the run creates it only when it got as far as its command's work.
 */
final class ClassArchiveMark {

    static final String PROPERTY = "framewise.class-archive.mark";

    /** The status of a usage mistake or a configuration error ({@link Framewise}). */
    private static final int USAGE = 1;

    private ClassArchiveMark() {}

    /** Creates the file the launcher named, if it named one and the run did its command's work. */
    static void markIfWorked(CommandLine cli, int status) {
        String mark = System.getProperty(PROPERTY);
        if (mark == null || !worked(cli.getParseResult(), status)) {
            return;
        }
        try {
            Files.write(Path.of(mark), new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + mark, e);
        }
    }

    /**
     * True when the command ran: not a help or version request, nor stopped by a usage mistake. A
     * broken input video (status 2) still ran the job.
     */
    static boolean worked(ParseResult parsed, int status) {
        if (status == USAGE || parsed == null) {
            return false;
        }
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return false;
            }
        }
        return parsed.hasSubcommand();
    }
}
