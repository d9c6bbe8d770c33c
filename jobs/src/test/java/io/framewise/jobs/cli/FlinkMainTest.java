package io.framewise.jobs.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@code flink run} offers the cluster's jobs only (the command line's own: {@link FramewiseTest}).
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
}
