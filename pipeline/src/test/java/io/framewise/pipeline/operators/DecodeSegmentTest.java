package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.messages.Messages.SegmentDone;
import io.framewise.pipeline.messages.Messages.SegmentTask;
import io.framewise.pipeline.shots.SegmentFeatures;
import io.framewise.pipeline.shots.SegmentPlan;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.shots.VideoException;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DecodeSegmentTest {

    /** Decodes segment 0; segment 1 of the file is cut short. */
    static final class CutShort extends FakeEngines.Detector {
        @Override
        public SegmentFeatures decode(SegmentPlan plan, int segment) throws VideoException {
            if (segment == 1) {
                throw new VideoException(VideoException.Code.TRUNCATED, "end of file at 140");
            }
            return super.decode(plan, segment);
        }
    }

    @Test
    void eachSegmentReportsItsFeaturesOrItsError() throws Exception {
        SegmentPlan plan = FakeEngines.plan(2);
        try (var h =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new DecodeSegment((ShotDetector.Factory) CutShort::new))) {
            h.processElement(new SegmentTask(FakeEngines.VIDEO, plan, 0), 0);
            h.processElement(new SegmentTask(FakeEngines.VIDEO, plan, 1), 0);

            assertThat(h.extractOutputValues()).hasSize(2);
            SegmentDone decoded = h.extractOutputValues().get(0);
            assertThat(decoded.segment()).isZero();
            assertThat(decoded.features().frames()).isEqualTo(100);
            assertThat(decoded.errorCode()).isNull();
            // A failed segment still reports, so that stitching does not wait for it.
            SegmentDone failed = h.extractOutputValues().get(1);
            assertThat(failed.segment()).isEqualTo(1);
            assertThat(failed.video()).isEqualTo(FakeEngines.VIDEO);
            assertThat(failed.features()).isNull();
            assertThat(failed.errorCode()).isEqualTo("truncated");
            assertThat(failed.errorMessage()).isEqualTo("end of file at 140");
        }
    }
}
