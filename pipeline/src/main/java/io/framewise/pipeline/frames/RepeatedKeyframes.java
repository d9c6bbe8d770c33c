package io.framewise.pipeline.frames;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops keyframes that repeat an earlier shot's, once every shot's keyframes are chosen.
 *
 * <p>Shot by shot in order, a keyframe whose perceptual hash lies within {@code duplicateDistance}
 * bits of a keyframe kept in an earlier shot is dropped, except that a shot whose keyframes would
 * all be dropped keeps its best-scoring one (every shot keeps at least one keyframe). This is the
 * only step of keyframe selection that crosses shots, so it runs after the parts of a video, chosen
 * in parallel, come together.
 */
public final class RepeatedKeyframes {

    private static final Comparator<Keyframe> BEST =
            Comparator.comparingDouble((Keyframe k) -> k.quality().score())
                    .reversed()
                    .thenComparingLong(Keyframe::frame);

    private RepeatedKeyframes() {}

    /** The kept keyframes, in frame order. */
    public static List<Keyframe> drop(List<Keyframe> keyframes, int duplicateDistance) {
        Map<Integer, List<Keyframe>> byShot = new LinkedHashMap<>();
        keyframes.stream()
                .sorted(Comparator.comparingInt(Keyframe::shot).thenComparingLong(Keyframe::frame))
                .forEach(k -> byShot.computeIfAbsent(k.shot(), s -> new ArrayList<>()).add(k));
        List<Long> kept = new ArrayList<>();
        List<Keyframe> result = new ArrayList<>();
        for (List<Keyframe> shot : byShot.values()) {
            List<Keyframe> keep = new ArrayList<>();
            for (Keyframe k : shot) {
                if (kept.stream().allMatch(h -> Long.bitCount(h ^ k.phash()) > duplicateDistance)) {
                    keep.add(k);
                }
            }
            if (keep.isEmpty()) {
                keep.add(shot.stream().min(BEST).orElseThrow());
            }
            keep.forEach(k -> kept.add(k.phash()));
            result.addAll(keep);
        }
        result.sort(Comparator.comparingLong(Keyframe::frame));
        return result;
    }
}
