package io.framewise.jobs.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code framewise} command line as the launcher runs it locally: the production commands of
 * {@link Framewise} and the development tools (bench, eval, demo, llm-sim), listed in one order.
 *
 * <p>It lives in the jobs module's command package, from module dev/cli, because the tools reuse
 * that package's option mixins and runners; the job jar ({@link FlinkMain}) never sees it. Exit
 * statuses and error handling are {@link Framewise}'s.
 */
@Command(
        name = "framewise",
        mixinStandardHelpOptions = true,
        version = "framewise 0.1.0",
        description = "Turns videos into a searchable, queryable index.",
        subcommands = {
            DetectCommand.class,
            IndexCommand.class,
            EmbedCommand.class,
            ServeCommand.class,
            BackfillCommand.class,
            StreamCommand.class,
            EvalCommand.class,
            BenchCommand.class,
            DemoCommand.class,
            LlmSimCommand.class,
            TestCommand.class,
            CommandLine.HelpCommand.class
        })
public final class DevFramewise {

    private DevFramewise() {}

    public static void main(String[] args) {
        Framewise.launch(new DevFramewise(), args);
    }

    /** Runs the command line with the given output streams; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return Framewise.run(new DevFramewise(), args, out, err);
    }
}
