package io.framewise.udfs.aggregate;

import io.framewise.pipeline.aggregate.Scene;
import io.framewise.pipeline.aggregate.ShotFeatures;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups a video's consecutive shots into scenes by overlapping links (Hanjalic, Lagendijk and
 * Biemond, 1999), the way Azure Video Indexer groups shots into scenes from their visual and
 * textual similarity.
 *
 * <p>Each shot is compared with the {@code look-back} shots before it; a shot at least {@code
 * threshold} similar to an earlier one links the two, and every shot between them joins their
 * scene. So a conversation cut between two cameras (A B A B) stays one scene, while a shot that
 * links back to nothing starts a new one. A scene's keyframe is the best keyframe of its most
 * typical shot: the one most similar to the scene's other shots, ties going to the higher quality,
 * then to the earlier shot.
 */
final class SceneGrouper {

    private final ShotSimilarity similarity;
    private final double threshold;
    private final int lookBack;

    SceneGrouper(ShotSimilarity similarity, double threshold, int lookBack) {
        this.similarity = similarity;
        this.threshold = threshold;
        this.lookBack = lookBack;
    }

    /**
     * The scenes of {@code shots}, given in shot order; they tile the shots.
     *
     * @return empty for no shots
     */
    List<Scene> group(List<ShotFeatures> shots) {
        int n = shots.size();
        // joined[j]: shot j belongs to the scene of shot j - 1.
        boolean[] joined = new boolean[n];
        for (int j = 1; j < n; j++) {
            for (int i = Math.max(0, j - lookBack); i < j; i++) {
                if (similarity.of(shots.get(i), shots.get(j)) >= threshold) {
                    for (int k = i + 1; k <= j; k++) {
                        joined[k] = true;
                    }
                    break;
                }
            }
        }
        List<Scene> scenes = new ArrayList<>();
        int first = 0;
        for (int j = 1; j <= n; j++) {
            if (j == n || !joined[j]) {
                scenes.add(scene(scenes.size(), shots.subList(first, j)));
                first = j;
            }
        }
        return scenes;
    }

    private Scene scene(int index, List<ShotFeatures> shots) {
        ShotFeatures typical = shots.get(0);
        double bestScore = Double.NEGATIVE_INFINITY;
        for (ShotFeatures candidate : shots) {
            double score = 0;
            for (ShotFeatures other : shots) {
                if (other != candidate) {
                    score += similarity.of(candidate, other);
                }
            }
            if (score > bestScore + 1e-9
                    || (Math.abs(score - bestScore) <= 1e-9
                            && bestQuality(candidate) > bestQuality(typical))) {
                typical = candidate;
                bestScore = Math.max(score, bestScore);
            }
        }
        ShotFeatures last = shots.get(shots.size() - 1);
        return new Scene(
                index,
                shots.get(0).shotIndex(),
                last.shotIndex(),
                shots.get(0).startMs(),
                last.endMs(),
                typical.keyframeUri());
    }

    private static double bestQuality(ShotFeatures s) {
        double best = 0;
        for (double q : s.keyframeQualities()) {
            best = Math.max(best, q);
        }
        return best;
    }
}
