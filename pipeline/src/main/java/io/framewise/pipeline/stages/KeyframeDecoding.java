package io.framewise.pipeline.stages;

import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.messages.Messages.KeyframeWorkTask;
import io.framewise.pipeline.messages.Messages.KeyframesChosen;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.video.VideoFetcher;
import java.nio.file.Path;
import java.util.List;

/**
 * Step 4a (videos without keyframe candidates): decodes one part of a video's keyframe work and
 * chooses the keyframes of its shots; a part that cannot be decoded carries its reason, so that its
 * video fails as a whole.
 */
public final class KeyframeDecoding {

    private KeyframeDecoding() {}

    public static KeyframesChosen decode(
            KeyframeWorkTask task, VideoFetcher fetcher, KeyframeExtractor extractor) {
        Path local = null;
        try {
            local = fetcher.fetch(task.video());
            List<Keyframe> keyframes =
                    extractor.extract(task.video().videoId(), local, task.shots(), task.work());
            return new KeyframesChosen(
                    task.video(), task.shots(), task.work(), keyframes, null, null);
        } catch (VideoException failure) {
            VideoException e = failure.naming(local, task.video().uri());
            return new KeyframesChosen(
                    task.video(), task.shots(), task.work(), null, e.codeName(), e.getMessage());
        }
    }
}
