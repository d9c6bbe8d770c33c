package io.framewise.udfs.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Matches a window's cluster centroids to earlier ones, so that a cluster that persists keeps its
 * id: the closest pairs by cosine distance first, each centroid at most once, none farther apart
 * than the maximum distance. Centroids of different lengths (vectors of another model) never match.
 */
final class CentroidMatcher {

    private final double maxDistance;

    CentroidMatcher(double maxDistance) {
        this.maxDistance = maxDistance;
    }

    /** For each found centroid, the index of the known one it continues, or -1. */
    int[] match(List<float[]> known, List<float[]> found) {
        record Pair(int known, int found, double distance) {}
        List<Pair> pairs = new ArrayList<>();
        for (int f = 0; f < found.size(); f++) {
            for (int k = 0; k < known.size(); k++) {
                if (known.get(k).length == found.get(f).length) {
                    double d = 1 - Vectors.cosine(known.get(k), found.get(f));
                    if (d <= maxDistance) {
                        pairs.add(new Pair(k, f, d));
                    }
                }
            }
        }
        pairs.sort(
                Comparator.comparingDouble(Pair::distance)
                        .thenComparingInt(Pair::found)
                        .thenComparingInt(Pair::known));
        int[] matched = new int[found.size()];
        Arrays.fill(matched, -1);
        boolean[] taken = new boolean[known.size()];
        for (Pair p : pairs) {
            if (matched[p.found()] < 0 && !taken[p.known()]) {
                matched[p.found()] = p.known();
                taken[p.known()] = true;
            }
        }
        return matched;
    }
}
