package io.framewise.jobs.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

/**
 * The job jar's entry point for {@code flink run framewise-jobs-*-flink.jar COMMAND ...}: the jobs
 * a cluster runs, {@code backfill} and {@code stream}, without ending the JVM ({@code flink run}
 * calls {@code main} in its own process and goes on after it). A failed command is thrown as an
 * exception, which {@code flink run} reports.
 *
 * <p>Every other command (detect, index, serve, the benchmarks, the demo) is local tooling that the
 * {@code framewise} launcher runs; asked for one, this says so and names the two it offers.
 */
public final class FlinkMain {

    /** The commands {@code flink run} offers. */
    static final List<String> COMMANDS = List.of("backfill", "stream");

    private FlinkMain() {}

    public static void main(String[] args) {
        String command = args.length == 0 ? null : args[0];
        if (command == null || !COMMANDS.contains(command)) {
            throw new IllegalArgumentException(
                    (command == null ? "no command given" : "unknown command '" + command + "'")
                            + ": flink run offers "
                            + String.join(" and ", COMMANDS)
                            + " (the other commands run locally through ./framewise)");
        }
        int status =
                Framewise.run(
                        args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (status != 0) {
            throw new IllegalStateException(
                    "framewise "
                            + String.join(" ", Arrays.asList(args))
                            + " ended with status "
                            + status);
        }
    }
}
