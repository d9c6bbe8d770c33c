package io.framewise.jobs.cli;

import io.framewise.beam.BeamBackfillCommand;
import java.io.PrintWriter;
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

    /** The commands listed after the tools. */
    private static final String[] LAST = {"test", "help"};

    private DevFramewise() {}

    public static void main(String[] args) {
        UnmappedClassArchive.forgetIfUnmapped(System.err);
        CommandLine cli = commandLine();
        int status = Framewise.runAsProgram(cli, args);
        ClassArchiveMark.markIfWorked(cli, status);
        System.exit(status);
    }

    /** Runs the command line with the given output streams; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return Framewise.run(commandLine(), args, out, err);
    }

    /** {@link Framewise}'s command line with the development tools added. */
    static CommandLine commandLine() {
        CommandLine cli = Framewise.commandLine();
        CommandLine[] last = new CommandLine[LAST.length];
        for (int i = 0; i < LAST.length; i++) {
            last[i] = cli.getCommandSpec().removeSubcommand(LAST[i]);
        }
        cli.addSubcommand(EvalCommand.class);
        cli.addSubcommand(BenchCommand.class);
        cli.addSubcommand(DemoCommand.class);
        cli.addSubcommand(LlmSimCommand.class);
        // The backfill on Apache Beam: a module of its own, never in the Flink job's jar.
        cli.addSubcommand(BeamBackfillCommand.class);
        for (int i = 0; i < LAST.length; i++) {
            cli.addSubcommand(LAST[i], last[i]);
        }
        return cli;
    }
}
