package io.framewise.pipeline.job;

import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.job.Messages.KeyframeTask;
import io.framewise.pipeline.job.Messages.VideoShots;
import io.framewise.pipeline.shots.VideoException;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Picks and extracts each video's keyframes (best quality per shot, near-duplicates skipped) and
 * sends them on one by one, each with the video's keyframe count for the assembly step.
 */
final class ExtractKeyframes extends ProcessFunction<VideoShots, KeyframeTask> {

    private final KeyframeExtractor.Factory extractors;
    private transient KeyframeExtractor extractor;

    ExtractKeyframes(KeyframeExtractor.Factory extractors) {
        this.extractors = extractors;
    }

    @Override
    public void open(OpenContext context) {
        extractor = extractors.create();
    }

    @Override
    public void processElement(VideoShots video, Context ctx, Collector<KeyframeTask> out) {
        try {
            List<Keyframe> keyframes =
                    extractor.extract(video.video().videoId(), video.video().path(), video.shots());
            if (keyframes.isEmpty()) {
                throw new VideoException(
                        VideoException.Code.CORRUPT, "no keyframe could be extracted");
            }
            JobProgress.keyframesExtracted(keyframes.size());
            for (Keyframe k : keyframes) {
                out.collect(new KeyframeTask(video.video(), video.shots(), k, keyframes.size()));
            }
        } catch (VideoException e) {
            Failures.videoFailed(
                    new Failures.Emitter(
                            row -> ctx.output(Tags.FAILURES, row),
                            row -> ctx.output(Tags.FAILED_VIDEOS, row)),
                    video.video(),
                    "keyframes",
                    e.codeName(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        if (extractor != null) {
            extractor.close();
        }
    }
}
