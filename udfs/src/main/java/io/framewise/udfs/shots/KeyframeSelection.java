package io.framewise.udfs.shots;

import io.framewise.pipeline.frames.KeyframeQuality;
import io.framewise.pipeline.frames.Picture;
import io.framewise.udfs.frames.PerceptualHash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses the keyframes of a video shot by shot, from each shot's measured candidates.
 *
 * <p>A shot's best-scoring candidate is its first keyframe. A shot allowed {@code k > 1} keyframes
 * has its candidates split, in frame order, into {@code k} equal windows; each window without the
 * first keyframe adds its best-scoring candidate whose hash differs from every keyframe already
 * chosen in the shot by more than {@code duplicateDistance} bits, if any.
 *
 * <p><b>Content that changes within a shot</b>: candidates carry the number of their {@linkplain
 * Candidate#run run}, the stretch of the shot between two changes of content the detector did not
 * take for cuts (a caption or a line of text replaced over the same picture, a flash). Each run
 * without a keyframe then adds its best-scoring candidate that differs from every keyframe chosen
 * so far, up to {@code maxPerShot} keyframes in the shot: so the text each caption shows is read,
 * while a flash, after which the picture is the same again, adds nothing. Repeats across shots are
 * dropped later, for the whole video ({@link io.framewise.pipeline.frames.RepeatedKeyframes}).
 */
final class KeyframeSelection {

    /**
     * A measured candidate frame.
     *
     * @param run which stretch of its shot between changes of content it lies in, counted from 0
     */
    record Candidate(
            int shot,
            long frame,
            long pts,
            KeyframeQuality quality,
            long phash,
            Picture image,
            int run) {

        /** A candidate of a shot whose content does not change. */
        Candidate(
                int shot,
                long frame,
                long pts,
                KeyframeQuality quality,
                long phash,
                Picture image) {
            this(shot, frame, pts, quality, phash, image, 0);
        }
    }

    private final int duplicateDistance;
    private final int maxPerShot;

    KeyframeSelection(int duplicateDistance, int maxPerShot) {
        this.duplicateDistance = duplicateDistance;
        this.maxPerShot = maxPerShot;
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
        Map<Integer, List<Candidate>> runs = new TreeMap<>();
        candidates.forEach(c -> runs.computeIfAbsent(c.run(), r -> new ArrayList<>()).add(c));
        for (List<Candidate> run : runs.values()) {
            if (chosen.size() >= maxPerShot) {
                break;
            }
            if (run.stream().noneMatch(chosen::contains)) {
                run.stream()
                        .sorted(best)
                        .filter(c -> farFrom(c.phash(), chosen))
                        .findFirst()
                        .ifPresent(chosen::add);
            }
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
