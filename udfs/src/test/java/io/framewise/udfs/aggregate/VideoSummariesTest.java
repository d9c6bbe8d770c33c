package io.framewise.udfs.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.framewise.pipeline.aggregate.AggregateConfig;
import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.aggregate.VideoAggregate;
import io.framewise.pipeline.frames.ColourHistogram;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.rows.VideoSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class VideoSummariesTest {

    private static final int NAVY = ColourHistogram.bin(0, 0, 1);
    private static final int WHITE = ColourHistogram.bin(3, 3, 3);

    private static VideoRow video(int shots, long durationMs) {
        return new VideoRow(
                "v",
                "file:///v.mp4",
                640,
                360,
                25,
                durationMs / 40,
                durationMs,
                "h264",
                shots,
                shots,
                0,
                "ok",
                0,
                null);
    }

    private static ShotFeatures withQualityAndCost(ShotFeatures s, double[] q, Double cost) {
        return new ShotFeatures(
                s.org(),
                s.videoId(),
                s.videoUri(),
                s.eventTime(),
                s.shotIndex(),
                s.shotsOfVideo(),
                s.startMs(),
                s.endMs(),
                s.keyframeUri(),
                s.keyframePhashes(),
                q,
                s.visual(),
                s.colours(),
                s.text(),
                s.textVector(),
                cost,
                s.keyframeFrames());
    }

    @Test
    void summarisesTheShots() {
        // Three navy slides with text (12 s), one white shot without (4 s, two keyframes).
        List<ShotFeatures> shots =
                List.of(
                        withQualityAndCost(
                                TestShots.shot(0, 0x1111L, NAVY, "Quarterly results"),
                                new double[] {0.9},
                                0.002),
                        withQualityAndCost(
                                TestShots.shot(1, 0x1113L, NAVY, "Results by region"),
                                new double[] {0.7},
                                null),
                        withQualityAndCost(
                                TestShots.shot(2, 0x1117L, NAVY, "Quarterly outlook"),
                                new double[] {0.5},
                                0.003),
                        withQualityAndCost(
                                TestShots.shot(3, 0x7777_0000_0000_0000L, WHITE, null),
                                new double[] {0.1, 0.3},
                                null));
        VideoAggregate a =
                new VideoSummaries(AggregateConfig.defaults()).summarize(video(4, 16000), shots);
        VideoSummary s = a.summary();
        assertThat(a.scenes()).hasSize(2);
        assertThat(s.scenes()).isEqualTo(2);
        assertThat(s.meanShotMs()).isEqualTo(4000);
        assertThat(s.textCoverage()).isEqualTo(0.75);
        assertThat(s.topKeywords()).containsExactly("quarterly", "results", "outlook", "region");
        // Navy covers 3/4 of the time, white 1/4.
        assertThat(s.dominantColours()).containsExactly("#202060", "#e0e0e0");
        // Qualities 0.1 0.3 0.5 0.7 0.9: nearest rank.
        assertThat(s.qualityP10()).isEqualTo(0.1);
        assertThat(s.qualityP50()).isEqualTo(0.5);
        assertThat(s.qualityP90()).isEqualTo(0.9);
        assertThat(s.enrichmentCost()).isCloseTo(0.005, within(1e-12));
        assertThat(s.nearDuplicates()).isEmpty();
    }

    @Test
    void aVideoWithoutShotsHasAnEmptySummary() {
        VideoSummary s =
                new VideoSummaries(AggregateConfig.defaults())
                        .summarize(video(0, 0), List.of())
                        .summary();
        assertThat(s.scenes()).isZero();
        assertThat(s.textCoverage()).isZero();
        assertThat(s.topKeywords()).isEmpty();
        assertThat(s.dominantColours()).isEmpty();
        assertThat(s.qualityP50()).isZero();
        assertThat(s.enrichmentCost()).isNull();
    }

    @Test
    void coloursBelowFivePercentAreNotDominant() {
        List<ShotFeatures> shots =
                List.of(
                        TestShots.shot("v", 0, 0, 99_000, 1L, NAVY, null),
                        TestShots.shot("v", 1, 99_000, 100_000, 2L, WHITE, null));
        assertThat(VideoSummaries.dominantColours(shots, 3)).containsExactly("#202060");
    }
}
