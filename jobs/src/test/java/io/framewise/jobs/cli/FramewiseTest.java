package io.framewise.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The job jar's command line ({@link Framewise}): what it offers and what it says of itself. */
class FramewiseTest {

    /** What the command line prints for {@code args}; it must succeed. */
    private static String run(String... args) {
        StringWriter out = new StringWriter();
        int status = Framewise.run(args, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(status).isZero();
        return out.toString();
    }

    @Test
    void theJobJarsCommandLineListsNoDevelopmentTools() {
        assertThat(run("--help"))
                .contains("backfill", "stream", "detect", "index")
                .doesNotContain("bench", "demo", "llm-sim", "eval");
    }

    /** The launcher may pick another JVM than {@code java} on the PATH: the version names it. */
    @Test
    void versionNamesTheJvmThatRuns() {
        assertThat(run("--version"))
                .startsWith("framewise 0.1.0")
                .contains(
                        "Java " + System.getProperty("java.version") + " (",
                        " at " + System.getProperty("java.home"))
                .doesNotContain("${");
    }

    @Test
    void buildsOnlyTheCommandItsArgumentsNameAndAllOfThemForHelp() {
        assertThat(
                        Framewise.commandLine(Framewise.COMMANDS, new String[] {"detect", "x.mp4"})
                                .getSubcommands()
                                .keySet())
                .containsExactly("detect");
        for (String[] args :
                new String[][] {{}, {"help", "detect"}, {"--help"}, {"dtect", "x.mp4"}}) {
            assertThat(Framewise.commandLine(Framewise.COMMANDS, args).getSubcommands().keySet())
                    .as(String.join(" ", args))
                    .containsExactly(
                            "detect",
                            "index",
                            "embed",
                            "serve",
                            "backfill",
                            "stream",
                            "test",
                            "help");
        }
        // Built alone, a command parses and runs as in the whole tree.
        StringWriter out = new StringWriter();
        int status =
                Framewise.run(
                        new String[] {"detect", "--help"},
                        new PrintWriter(out, true),
                        new PrintWriter(new StringWriter(), true));
        assertThat(status).isZero();
        assertThat(out.toString()).startsWith("Usage: framewise detect");
    }
}
