package io.framewise.pipeline.stages;

import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.messages.Messages.KeyframesChosen;
import io.framewise.pipeline.shots.ShotDetection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Step 4b: joins the parts of a video's keyframes, drops keyframes that repeat an earlier shot's
 * (the one choice that crosses parts) and gives the rest, each with the video's keyframe count. A
 * video with a failed part, or with no keyframe at all, fails as a whole.
 */
public final class KeyframeCollection {

    private KeyframeCollection() {}

    /**
     * @param failure null unless the video failed
     * @param keyframes the video's keyframes in shot order; empty when it failed
     */
    public record Collected(VideoFailure failure, List<KeyframeTask> keyframes) {}

    /**
     * @param parts every part of one video, in any order
     */
    public static Collected collect(List<KeyframesChosen> parts, KeyframeExtractor extractor) {
        List<KeyframesChosen> all = new ArrayList<>(parts);
        // In shot order, so that a repeat is always the later shot's keyframe.
        all.sort(Comparator.comparingInt(p -> p.work().part()));
        KeyframesChosen part = all.get(all.size() - 1);
        List<Keyframe> chosen = new ArrayList<>();
        for (KeyframesChosen p : all) {
            if (p.keyframes() == null) {
                return failed(part, p.errorCode(), p.errorMessage());
            }
            chosen.addAll(p.keyframes());
        }
        List<Keyframe> keyframes = extractor.dropRepeats(chosen);
        if (keyframes.isEmpty()) {
            return failed(part, "corrupt", "no keyframe could be extracted");
        }
        ShotDetection shots = part.shots().withoutFrames();
        List<KeyframeTask> tasks = new ArrayList<>();
        for (Keyframe k : keyframes) {
            tasks.add(new KeyframeTask(part.video(), shots, k, keyframes.size()));
        }
        return new Collected(null, tasks);
    }

    private static Collected failed(KeyframesChosen part, String code, String message) {
        return new Collected(new VideoFailure(part.video(), "keyframes", code, message), List.of());
    }
}
