package io.framewise.pipeline.frames;

import io.framewise.pipeline.shots.ShotDetection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back the pictures of chosen keyframes from the candidates they were chosen from: each
 * candidate carries its picture as a JPEG, and only the chosen ones are decoded.
 */
public final class CandidatePictures {

    private CandidatePictures() {}

    /**
     * {@code chosen} with their pictures, in the same order.
     *
     * @param shots the detection whose frame numbers {@code chosen} use
     * @throws IllegalStateException for a keyframe that is no candidate's frame
     */
    public static List<Keyframe> attach(
            List<Keyframe> chosen, ShotDetection shots, List<FrameCandidate> candidates) {
        Map<Long, FrameCandidate> byFrame = new HashMap<>();
        for (FrameCandidate c : candidates) {
            byFrame.put(shots.frameAt(c.pts()), c);
        }
        List<Keyframe> withPictures = new ArrayList<>(chosen.size());
        for (Keyframe k : chosen) {
            FrameCandidate c = byFrame.get(k.frame());
            if (c == null) {
                throw new IllegalStateException("no candidate at frame " + k.frame());
            }
            withPictures.add(k.withImage(Jpeg.picture(c.jpeg())));
        }
        return withPictures;
    }
}
