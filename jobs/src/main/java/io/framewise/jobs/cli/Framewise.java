package io.framewise.jobs.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code framewise} command line's production commands: what the job jar carries. The launcher
 * runs {@code DevFramewise} (module dev/cli), which adds the development tools (bench, eval, demo,
 * llm-sim) to these.
 *
 * <p>Exit status: 0 on success, 2 when an input video is broken (detect), 1 for bad usage or
 * configuration, with a one-line message and no stack trace (set FRAMEWISE_DEBUG=1 for one).
 */
@Command(
        name = "framewise",
        mixinStandardHelpOptions = true,
        // The JVM too: the launcher picks one (a JDK 25 or newer where installed; README).
        version = {"framewise 0.1.0", "Java ${java.version} (${java.vm.name}) at ${java.home}"},
        description = "Turns videos into a searchable, queryable index.")
public final class Framewise {

    /** The production commands, in the order help lists them. */
    static final List<Class<?>> COMMANDS =
            List.of(
                    DetectCommand.class,
                    IndexCommand.class,
                    EmbedCommand.class,
                    ServeCommand.class,
                    BackfillCommand.class,
                    StreamCommand.class,
                    TestCommand.class,
                    CommandLine.HelpCommand.class);

    private Framewise() {}

    public static void main(String[] args) {
        launch(commandLine(COMMANDS, args), args);
    }

    /** This command line, with all the production commands. */
    static CommandLine commandLine() {
        return commandLine(COMMANDS, new String[0]);
    }

    /**
     * This command line with {@code commands}, for {@code args}. When they start with a command's
     * name (other than help), only that command is built: picocli reads every command's options and
     * mixins by reflection as it adds it, which took 0.3-0.4 s of a fresh JVM for the whole tree
     * (the launcher's, 13 commands) and 0.18 s for {@code detect} alone, on every run. Help, an
     * option, an unknown name or nothing get them all, in order, so that help and picocli's
     * suggestions see every command.
     */
    static CommandLine commandLine(List<Class<?>> commands, String[] args) {
        CommandLine cli = new CommandLine(new Framewise());
        Class<?> named = args.length == 0 ? null : named(commands, args[0]);
        for (Class<?> command : commands) {
            if (named == null || command == named) {
                cli.addSubcommand(command);
            }
        }
        return cli;
    }

    /** The command of {@code commands} that {@code first} names, if any; never help. */
    private static Class<?> named(List<Class<?>> commands, String first) {
        for (Class<?> command : commands) {
            Command c = command.getAnnotation(Command.class);
            if (command != CommandLine.HelpCommand.class
                    && c != null
                    && (c.name().equals(first) || List.of(c.aliases()).contains(first))) {
                return command;
            }
        }
        return null;
    }

    /**
     * Runs {@code cli} (this command line, or one with more commands) as the program: logs to
     * files, exits with its status.
     */
    static void launch(CommandLine cli, String[] args) {
        System.exit(runAsProgram(cli, args));
    }

    /** {@link #launch}'s work without the exit: logs to files, returns the exit status. */
    static int runAsProgram(CommandLine cli, String[] args) {
        // Flink logs to a file, never over the progress display. log.file needs a directory
        // part, or Flink's REST endpoint fails to resolve it.
        java.nio.file.Path logs =
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "framewise");
        System.setProperty("framewise.log.file", logs.resolve("framewise.log").toString());
        System.setProperty("log.file", logs.resolve("flink.log").toString());
        return run(cli, args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** Runs the command line with the given output streams; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(commandLine(COMMANDS, args), args, out, err);
    }

    /** Runs {@code cli} with the given output streams; returns the exit status. */
    static int run(CommandLine cli, String[] args, PrintWriter out, PrintWriter err) {
        cli.setOut(out);
        cli.setErr(err);
        // Exit status 2 is kept for broken input videos; a usage mistake is 1.
        cli.setParameterExceptionHandler(
                (e, arguments) -> {
                    e.getCommandLine().getErr().println("framewise: " + e.getMessage());
                    e.getCommandLine().usage(e.getCommandLine().getErr());
                    return 1;
                });
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    if (System.getenv("FRAMEWISE_DEBUG") != null) {
                        e.printStackTrace(commandLine.getErr());
                    }
                    String what =
                            e instanceof IllegalArgumentException ? "configuration error" : "error";
                    commandLine.getErr().println("framewise: " + what + ": " + message(e));
                    return 1;
                });
        return cli.execute(args);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
