package io.framewise.jobs.cli;

import io.framewise.beam.BeamBackfillCommand;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The {@code framewise} command line as the launcher runs it locally: {@link Framewise} with its
 * production commands, and the development tools (eval, bench, demo, llm-sim, beam-backfill) before
 * {@code test} and {@code help}, where users have always found them.
 *
 * <p>It lives in the jobs module's command package, from module dev/cli, because the tools reuse
 * that package's option mixins and runners; the job jar ({@link FlinkMain}) never sees it. Exit
 * statuses and error handling are {@link Framewise}'s.
 */
public final class DevFramewise {

    /**
     * The commands in the order help lists them: the production ones, the tools, then test and help
     * last.
     */
    static final List<Class<?>> COMMANDS =
            Stream.of(
                            Framewise.COMMANDS.stream()
                                    .filter(c -> c != TestCommand.class)
                                    .filter(c -> c != CommandLine.HelpCommand.class),
                            Stream.of(
                                    EvalCommand.class,
                                    BenchCommand.class,
                                    DemoCommand.class,
                                    LlmSimCommand.class,
                                    // The backfill on Apache Beam: a module of its own, never in
                                    // the Flink job's jar.
                                    BeamBackfillCommand.class,
                                    TestCommand.class,
                                    CommandLine.HelpCommand.class))
                    .flatMap(s -> s)
                    .<Class<?>>map(c -> c)
                    .toList();

    private DevFramewise() {}

    public static void main(String[] args) {
        UnmappedClassArchive.forgetIfUnmapped(System.err);
        CommandLine cli = Framewise.commandLine(COMMANDS, args);
        int status = Framewise.runAsProgram(cli, args);
        ClassArchiveMark.markIfWorked(cli, status);
        System.exit(status);
    }

    /** Runs the command line with the given output streams; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return Framewise.run(Framewise.commandLine(COMMANDS, args), args, out, err);
    }

    /** {@link Framewise}'s command line with all the development tools added. */
    static CommandLine commandLine() {
        return Framewise.commandLine(COMMANDS, new String[0]);
    }
}
