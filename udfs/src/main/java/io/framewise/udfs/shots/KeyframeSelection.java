package io.framewise.udfs.shots;

import io.framewise.pipeline.frames.KeyframeQuality;
import io.framewise.pipeline.frames.Picture;
import io.framewise.udfs.frames.PerceptualHash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the keyframes of a video shot by shot, from each shot's measured candidates.
 *
 * <p>A shot's best-scoring candidate is its first keyframe. A shot allowed {@code k > 1} keyframes
 * has its candidates split, in frame order, into {@code k} equal windows; each window without the
 * first keyframe adds its best-scoring candidate whose hash differs from every keyframe already
 * chosen in the shot by more than {@code duplicateDistance} bits, if any. Repeats across shots are
 * dropped later, for the whole video ({@link io.framewise.pipeline.frames.RepeatedKeyframes}).
 */
final class KeyframeSelection {

    /** A measured candidate frame. */
    record Candidate(
            int shot, long frame, long pts, KeyframeQuality quality, long phash, Picture image) {}

    private final int duplicateDistance;

    KeyframeSelection(int duplicateDistance) {
        this.duplicateDistance = duplicateDistance;
    }

    /** The keyframes of one shot from its candidates (in frame order), in frame order. */
    List<Candidate> choose(List<Candidate> candidates, int allowed) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Comparator<Candidate> best =
                Comparator.comparingDouble((Candidate c) -> c.quality().score())
                        .reversed()
                        .thenComparingLong(Candidate::frame);
        Candidate first = candidates.stream().min(best).orElseThrow();
        List<Candidate> chosen = new ArrayList<>();
        chosen.add(first);
        int n = candidates.size();
        int windows = Math.max(1, Math.min(allowed, n));
        int firstIndex = candidates.indexOf(first);
        for (int w = 0; w < windows && windows > 1; w++) {
            int from = w * n / windows;
            int to = (w + 1) * n / windows;
            if (firstIndex >= from && firstIndex < to) {
                continue;
            }
            candidates.subList(from, to).stream()
                    .sorted(best)
                    .filter(c -> farFrom(c.phash(), chosen))
                    .findFirst()
                    .ifPresent(chosen::add);
        }
        chosen.sort(Comparator.comparingLong(Candidate::frame));
        return chosen;
    }

    private boolean farFrom(long hash, List<Candidate> chosen) {
        for (Candidate c : chosen) {
            if (PerceptualHash.distance(hash, c.phash()) <= duplicateDistance) {
                return false;
            }
        }
        return true;
    }
}
