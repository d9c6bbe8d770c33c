package io.framewise.jobs.cli;

import java.io.PrintWriter;
import java.util.Arrays;

/**
 * The job jar's entry point for {@code flink run framewise-jobs-*-flink.jar COMMAND ...}: the same
 * commands as {@code framewise}, without ending the JVM ({@code flink run} calls {@code main} in
 * its own process and goes on after it). A failed command is thrown as an exception, which {@code
 * flink run} reports.
 */
public final class FlinkMain {

    private FlinkMain() {}

    public static void main(String[] args) {
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
