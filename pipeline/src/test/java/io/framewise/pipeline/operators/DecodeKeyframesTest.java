package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.frames.KeyframeWork;
import io.framewise.pipeline.messages.Messages.KeyframeWorkTask;
import io.framewise.pipeline.messages.Messages.KeyframesChosen;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.VideoException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DecodeKeyframesTest {

    /** One keyframe per shot of the part, at its first frame; a part from frame 100 on is cut. */
    static final class FirstFrames extends FakeEngines.Extractor {
        @Override
        public List<Keyframe> extract(
                String videoId, Path video, ShotDetection shots, KeyframeWork part)
                throws VideoException {
            if (part.seekTimestamp() >= 100) {
                throw new VideoException(VideoException.Code.CORRUPT, "bad packet at 130");
            }
            List<Keyframe> chosen = new ArrayList<>();
            for (int s = part.firstShot(); s <= part.lastShot(); s++) {
                chosen.add(FakeEngines.keyframe(s, shots.shots().get(s).firstFrame()));
            }
            return chosen;
        }
    }

    @Test
    void eachPartReportsItsKeyframesOrItsError() throws Exception {
        ShotDetection shots = FakeEngines.shots(200);
        try (var h =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new DecodeKeyframes((KeyframeExtractor.Factory) FirstFrames::new))) {
            h.processElement(
                    new KeyframeWorkTask(FakeEngines.VIDEO, shots, new KeyframeWork(0, 2, 0, 0, 1)),
                    0);
            h.processElement(
                    new KeyframeWorkTask(
                            FakeEngines.VIDEO, shots, new KeyframeWork(1, 2, 100, 1, 1)),
                    0);

            List<KeyframesChosen> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            assertThat(out.get(0).keyframes()).extracting(Keyframe::frame).containsExactly(0L, 50L);
            assertThat(out.get(0).errorCode()).isNull();
            assertThat(out.get(0).work().part()).isZero();
            // A part that cannot be decoded goes on with its reason: its video fails as a whole.
            assertThat(out.get(1).keyframes()).isNull();
            assertThat(out.get(1).work().part()).isEqualTo(1);
            assertThat(out.get(1).errorCode()).isEqualTo("corrupt");
            assertThat(out.get(1).errorMessage()).isEqualTo("bad packet at 130");
        }
    }
}
