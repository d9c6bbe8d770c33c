package io.framewise.jobs.cli;

import io.framewise.beam.BeamBackfillCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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

    /** The commands help lists after the development tools. */
    private static final List<Class<?>> LAST =
            List.of(TestCommand.class, CommandLine.HelpCommand.class);

    /** The commands in the order help lists them: the production ones, the tools, then LAST. */
    static final List<Class<?>> COMMANDS = commands();

    private static List<Class<?>> commands() {
        List<Class<?>> all = new ArrayList<>(Framewise.COMMANDS);
        all.removeAll(LAST);
        all.add(EvalCommand.class);
        all.add(BenchCommand.class);
        all.add(DemoCommand.class);
        all.add(LlmSimCommand.class);
        // The backfill on Apache Beam: a module of its own, never in the Flink job's jar.
        all.add(BeamBackfillCommand.class);
        all.addAll(LAST);
        return List.copyOf(all);
    }

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
