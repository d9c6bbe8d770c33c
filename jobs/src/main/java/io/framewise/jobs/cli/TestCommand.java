package io.framewise.jobs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code framewise test}: listed here so that {@code --help} shows it; the launcher script runs it
 * ({@code mvn verify}) without starting the command line, since the build is what it tests.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "test",
        description = {
            "Run the whole test suite: formatting check, unit tests (*Test) and integration"
                    + " tests (*ITCase). Same as `mvn -B verify`; the ./framewise launcher runs it."
        })
final class TestCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine()
                .getErr()
                .println("run the tests with ./framewise test (or mvn -B verify)");
        return 1;
    }
}
