package io.framewise.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code flink run} offers the cluster's jobs only; the job jar's command line has no dev tools.
 */
class FlinkMainTest {

    @Test
    void otherCommandsAreRefusedNamingTheTwoOffered() {
        for (String command : new String[] {"demo", "bench", "index", "llm-sim"}) {
            assertThatThrownBy(() -> FlinkMain.main(new String[] {command, "x"}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "unknown command '"
                                    + command
                                    + "': flink run offers backfill and stream (the other"
                                    + " commands run locally through ./framewise)");
        }
        assertThatThrownBy(() -> FlinkMain.main(new String[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no command given: flink run offers backfill and stream");
    }

    @Test
    void theJobJarsCommandLineListsNoDevelopmentTools() {
        StringWriter out = new StringWriter();
        int status =
                Framewise.run(
                        new String[] {"--help"},
                        new PrintWriter(out),
                        new PrintWriter(new StringWriter()));
        assertThat(status).isZero();
        assertThat(out.toString())
                .contains("backfill", "stream", "detect", "index")
                .doesNotContain("bench", "demo", "llm-sim", "eval");
    }
}
