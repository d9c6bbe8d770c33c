package io.framewise.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimedProcessTest {

    private static final List<String> OPTIONS =
            List.of("-XX:+UseSerialGC", "-XX:AOTCache=target/framewise.aot", "-Xlog:aot*=off");

    @Test
    void detectMapsTheArchiveItIsGiven() {
        assertThat(TimedProcess.withArchive(OPTIONS, "target/framewise-detect.aot"))
                .containsExactly(
                        "-XX:+UseSerialGC",
                        "-XX:AOTCache=target/framewise-detect.aot",
                        "-Xlog:aot*=off");
        assertThat(
                        TimedProcess.withArchive(
                                List.of("-XX:SharedArchiveFile=target/framewise.jsa"),
                                "target/framewise-detect.jsa"))
                .containsExactly("-XX:SharedArchiveFile=target/framewise-detect.jsa");
    }

    @Test
    void withoutOneTheOptionsStayAsTheyAre() {
        assertThat(TimedProcess.withArchive(OPTIONS, null)).isEqualTo(OPTIONS);
        assertThat(TimedProcess.withArchive(List.of("-Xmx1g"), "target/framewise-detect.aot"))
                .containsExactly("-Xmx1g");
    }
}
