package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.aggregate.VideoSignature;
import io.framewise.pipeline.messages.Messages.SummarizedVideo;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.rows.VideoSummary;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class FindDuplicateVideosTest {

    private static SummarizedVideo summarized(String org, String id, String... shotTexts) {
        List<ShotFeatures> shots = new java.util.ArrayList<>();
        for (int i = 0; i < shotTexts.length; i++) {
            shots.add(FakeAggregation.shot(org, id, i, shotTexts.length, 0, shotTexts[i]));
        }
        VideoRow row =
                FakeAggregation.video(id, shotTexts.length, 0)
                        .withSummary(
                                new VideoSummary(
                                        1, 4000, 0, List.of(), List.of(), 0, 0, 0, null, List.of(),
                                        List.of()));
        return new SummarizedVideo(org, row, VideoSignature.of(id, shots));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SummarizedVideo, VideoRow>
            harness(Duration retention) throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new FindDuplicateVideos(FakeAggregation.Matcher::new, retention)),
                        SummarizedVideo::org,
                        Types.STRING);
        h.open();
        return h;
    }

    @Test
    void aLaterVideoListsTheEarlierVideosOfItsOrganisationItDuplicates() throws Exception {
        try (var h = harness(Duration.ofDays(30))) {
            h.processElement(summarized("acme", "original", "a", "b", "c"), 0);
            h.processElement(summarized("acme", "other", "x", "y"), 0);
            h.processElement(summarized("globex", "elsewhere", "a", "b", "c"), 0);
            h.processElement(summarized("acme", "copy", "a", "b", "c"), 0);

            List<VideoRow> rows = h.extractOutputValues();
            assertThat(rows)
                    .extracting(VideoRow::videoId)
                    .containsExactly("original", "other", "elsewhere", "copy");
            assertThat(rows.get(0).summary().nearDuplicates()).isEmpty();
            assertThat(rows.get(2).summary().nearDuplicates()).isEmpty();
            assertThat(rows.get(3).summary().nearDuplicates()).containsExactly("original");
            // Signatures are kept (per organisation) to compare later videos with.
            assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        }
    }

    @Test
    void signaturesOlderThanTheRetentionAreForgotten() throws Exception {
        try (var h = harness(Duration.ofMinutes(10))) {
            h.setStateTtlProcessingTime(0);
            h.processElement(summarized("acme", "original", "a", "b"), 0);
            h.setStateTtlProcessingTime(Duration.ofMinutes(11).toMillis());
            h.processElement(summarized("acme", "copy", "a", "b"), 0);

            assertThat(h.extractOutputValues().get(1).summary().nearDuplicates()).isEmpty();
        }
    }

    @Test
    void aVideoWithoutSummaryPassesThroughUnchanged() throws Exception {
        try (var h = harness(Duration.ofDays(1))) {
            SummarizedVideo plain = summarized("acme", "v", "a");
            SummarizedVideo failed =
                    new SummarizedVideo("acme", plain.row().withSummary(null), plain.signature());
            h.processElement(failed, 0);
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(r -> assertThat(r.summary()).isNull());
        }
    }
}
