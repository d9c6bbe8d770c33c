package io.framewise.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code --version} names the JVM as well, since the launcher may pick another than {@code java}.
 */
class FramewiseVersionTest {

    @Test
    void versionNamesTheJvmThatRuns() {
        StringWriter out = new StringWriter();
        int status =
                Framewise.run(
                        new String[] {"--version"},
                        new PrintWriter(out),
                        new PrintWriter(new StringWriter()));
        assertThat(status).isZero();
        assertThat(out.toString())
                .startsWith("framewise 0.1.0")
                .contains(
                        "Java " + System.getProperty("java.version") + " (",
                        " at " + System.getProperty("java.home"))
                .doesNotContain("${");
    }
}
