package io.framewise.beam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The settings a backfill is given on Beam's command line, as the pipeline reads them. */
class BackfillSettingsTest {

    @Test
    void aValueWithCommasReachesThePipelineWhole() {
        // What beam-backfill passes for --set sources.video-extensions=mp4,mkv,webm --set ...
        Properties settings =
                BeamBackfillPipeline.settings(
                        BeamBackfillPipeline.options(
                                "--input=/in",
                                "--output=/out",
                                "--settings=sources.video-extensions=mp4,mkv,webm,shots.segments=2"));
        assertThat(settings.getProperty("sources.video-extensions")).isEqualTo("mp4,mkv,webm");
        assertThat(settings.getProperty("shots.segments")).isEqualTo("2");
    }

    @Test
    void aFirstPieceWithoutAKeyIsAnError() {
        assertThatThrownBy(
                        () ->
                                BeamBackfillPipeline.settings(
                                        BeamBackfillPipeline.options(
                                                "--input=/in",
                                                "--output=/out",
                                                "--settings=mp4,shots.segments=2")))
                .hasMessageContaining("key=value");
    }
}
