package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.messages.Messages.SegmentTask;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.shots.SegmentPlan;
import io.framewise.pipeline.shots.SegmentPlans;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.video.VideoFetcher;
import io.framewise.pipeline.video.VideoRef;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PlanSegmentsTest {

    /** Fetches every video but {@code missing}, into a path named after its id. */
    static final class Fetcher implements VideoFetcher {
        @Override
        public Path fetch(VideoRef video) throws VideoException {
            if (video.uri().contains("missing")) {
                throw new VideoException(VideoException.Code.FETCH_FAILED, "HTTP 404");
            }
            return Path.of("/spill", video.videoId() + ".mp4");
        }

        @Override
        public void close() {}
    }

    /** Plans two segments, except for a file that is no video. */
    static final class Planner extends FakeEngines.Detector {
        @Override
        public SegmentPlan plan(Path video) throws VideoException {
            if (video.toString().contains("notes")) {
                throw new VideoException(VideoException.Code.NOT_A_VIDEO, "no video stream");
            }
            if (video.toString().contains("cut-short")) {
                // As MediaInput words it: the reason, then the file it read.
                throw new VideoException(
                        VideoException.Code.TRUNCATED, "the file ends early: " + video);
            }
            if (video.toString().contains("/even-")) {
                // Spans 290, 310, 300, 100 and 150 frames.
                return SegmentPlans.withSegments(
                        FakeEngines.plan(1),
                        List.of(
                                new SegmentPlan.Segment(0, Long.MIN_VALUE, Long.MIN_VALUE, 290),
                                new SegmentPlan.Segment(1, 290, 290, 600),
                                new SegmentPlan.Segment(2, 600, 600, 900),
                                new SegmentPlan.Segment(3, 900, 900, 1000),
                                new SegmentPlan.Segment(4, 1000, 1000, 1150)));
            }
            if (video.toString().contains("uneven")) {
                return SegmentPlans.withSegments(
                        FakeEngines.plan(1),
                        List.of(
                                new SegmentPlan.Segment(0, Long.MIN_VALUE, Long.MIN_VALUE, 100),
                                new SegmentPlan.Segment(1, 100, 100, 400),
                                new SegmentPlan.Segment(2, 400, 400, 450),
                                new SegmentPlan.Segment(3, 450, 450, 650)));
            }
            return super.plan(video);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, VideoRef, SegmentTask> harness()
            throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new PlanSegments(
                                        (ShotDetector.Factory) Planner::new,
                                        (VideoFetcher.Factory) Fetcher::new)),
                        VideoRef::videoId,
                        Types.STRING);
        h.open();
        return h;
    }

    /**
     * Decoding subtasks take segments in turn and the video waits for the last: the longest go
     * first, so that none is handed out last to keep one subtask busy alone; segments of about the
     * longest's length go in video order, so that the first ones are in first.
     */
    @Test
    void segmentsOfAboutOneLengthGoOutInVideoOrderAndShorterOnesAfter() throws Exception {
        try (var h = harness()) {
            h.processElement(new VideoRef("even-1", "file:///videos/even.mp4"), 0);

            assertThat(h.extractOutputValues())
                    .extracting(SegmentTask::segment)
                    .containsExactly(0, 1, 2, 4, 3);
        }
    }

    /**
     * Decoding subtasks take segments in turn and the video waits for the last: the longest go
     * first, so that none is handed out last to keep one subtask busy alone.
     */
    @Test
    void segmentsGoOutLongestFirst() throws Exception {
        try (var h = harness()) {
            h.processElement(new VideoRef("uneven-1", "file:///videos/uneven.mp4"), 0);

            assertThat(h.extractOutputValues())
                    .extracting(SegmentTask::segment)
                    .containsExactly(1, 3, 0, 2);
        }
    }

    @Test
    void aVideoIsSplitIntoOneTaskPerSegment() throws Exception {
        try (var h = harness()) {
            h.processElement(FakeEngines.VIDEO, 0);

            assertThat(h.extractOutputValues())
                    .extracting(SegmentTask::segment)
                    .containsExactly(0, 1);
            assertThat(h.extractOutputValues())
                    .allSatisfy(
                            t -> {
                                assertThat(t.video()).isEqualTo(FakeEngines.VIDEO);
                                assertThat(t.plan().segments()).hasSize(2);
                            });
            assertThat(h.getSideOutput(Tags.FAILURES)).isNull();
            // Planning keeps nothing per video.
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aVideoThatCannotBeFetchedOrOpenedFailsWithItsStageAndReason() throws Exception {
        VideoRef missing = new VideoRef("gone-1", "s3://videos/missing.mp4");
        VideoRef notes = new VideoRef("notes-2", "file:///videos/notes.mp4");
        try (var h = harness()) {
            h.processElement(missing, 0);
            h.processElement(notes, 0);

            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(VideoTimeoutTest.values(h.getSideOutput(Tags.FAILURES)))
                    .extracting(
                            FailureRow::videoId,
                            FailureRow::uri,
                            FailureRow::input,
                            FailureRow::stage,
                            FailureRow::code,
                            FailureRow::message)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "gone-1",
                                    missing.uri(),
                                    missing.uri(),
                                    "fetch",
                                    "fetch_failed",
                                    "HTTP 404"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "notes-2",
                                    notes.uri(),
                                    notes.uri(),
                                    "plan",
                                    "not_a_video",
                                    "no video stream"));
            assertThat(VideoTimeoutTest.values(h.getSideOutput(Tags.FAILED_VIDEOS)))
                    .extracting(v -> v.videoId() + " " + v.status())
                    .containsExactly("gone-1 failed", "notes-2 failed");
        }
    }

    @Test
    void aFailureNamesTheVideoNotTheLocalCopyItWasReadFrom() throws Exception {
        VideoRef remote = new VideoRef("cut-short-3", "s3://videos/cut-short.mp4");
        try (var h = harness()) {
            h.processElement(remote, 0);

            assertThat(VideoTimeoutTest.values(h.getSideOutput(Tags.FAILURES)))
                    .extracting(FailureRow::code, FailureRow::message)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "truncated", "the file ends early: s3://videos/cut-short.mp4"));
        }
    }
}
