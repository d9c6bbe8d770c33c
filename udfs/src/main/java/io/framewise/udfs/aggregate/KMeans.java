package io.framewise.udfs.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * k-means with k-means++ seeding (Arthur and Vassilvitskii, 2007), with the number of clusters
 * chosen by the mean silhouette (Rousseeuw, 1987), on Euclidean distance.
 *
 * <p>For k from 2 to {@code max-k} (and never more than the distinct points), the model is fitted
 * on at most {@code sample} points ({@value #RESTARTS} seedings, the lowest inertia kept) and
 * scored by the mean silhouette of at most {@value #SILHOUETTE_POINTS} of them; the best k wins if
 * its silhouette reaches {@code min-silhouette}, else all points are one cluster (data without
 * structure is not split for the sake of it). Every point is then assigned to its nearest centroid
 * and the centroids are recomputed from all members. The random choices come from the seed, so the
 * same points in the same order give the same clusters.
 */
final class KMeans {

    static final int RESTARTS = 3;
    static final int MAX_ITERATIONS = 100;

    /** The fewest clusters whose silhouette is within this of the best are chosen. */
    static final double SILHOUETTE_TOLERANCE = 0.05;

    /** Silhouettes need all pairwise distances: at most this many points are scored. */
    static final int SILHOUETTE_POINTS = 1000;

    /** Clusters of all points: each point's label and the centroids. */
    record Result(int[] labels, float[][] centroids, double silhouette) {
        int k() {
            return centroids.length;
        }
    }

    private record Model(int[] labels, float[][] centroids, double inertia) {}

    private KMeans() {}

    static Result choose(float[][] points, int maxK, double minSilhouette, int sample, long seed) {
        int n = points.length;
        if (n == 0) {
            return new Result(new int[0], new float[0][], 0);
        }
        Random random = new Random(seed);
        int[] order = shuffled(n, random);
        int fitN = Math.min(n, sample);
        float[][] fitPoints = new float[fitN][];
        for (int i = 0; i < fitN; i++) {
            fitPoints[i] = points[order[i]];
        }
        Map<FloatKey, Integer> copies = new HashMap<>();
        for (float[] p : fitPoints) {
            copies.merge(new FloatKey(p), 1, Integer::sum);
        }
        int[] scored = distinctIndexes(fitPoints, SILHOUETTE_POINTS);
        boolean[] repeated = new boolean[scored.length];
        for (int i = 0; i < scored.length; i++) {
            repeated[i] = copies.get(new FloatKey(fitPoints[scored[i]])) > 1;
        }
        double[][] distances = distances(fitPoints, scored);
        int limit = Math.min(Math.min(maxK, fitN - 1), scored.length);

        List<Model> models = new ArrayList<>();
        List<Double> silhouettes = new ArrayList<>();
        double top = Double.NEGATIVE_INFINITY;
        for (int k = 2; k <= limit; k++) {
            Model model = fit(fitPoints, k, new Random(seed + k));
            int[] labels = new int[scored.length];
            for (int i = 0; i < scored.length; i++) {
                labels[i] = model.labels()[scored[i]];
            }
            double s = silhouette(distances, labels, k, repeated);
            models.add(model);
            silhouettes.add(s);
            top = Math.max(top, s);
        }
        // The fewest clusters that score nearly as well as the best: splitting near-identical
        // points apart also scores well, but says nothing new.
        Model chosen = null;
        double silhouette = 0;
        for (int i = 0; i < models.size(); i++) {
            double s = silhouettes.get(i);
            if (s >= minSilhouette && s >= top - SILHOUETTE_TOLERANCE) {
                chosen = models.get(i);
                silhouette = s;
                break;
            }
        }
        float[][] centroids = chosen != null ? chosen.centroids() : new float[][] {mean(fitPoints)};
        return assignAll(points, centroids, silhouette);
    }

    /** Every point to its nearest centroid, centroids recomputed, empty clusters dropped. */
    private static Result assignAll(float[][] points, float[][] centroids, double silhouette) {
        int[] labels = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            labels[i] = nearest(centroids, points[i]);
        }
        float[][] updated = centroids(points, labels, centroids.length);
        int[] renumber = new int[centroids.length];
        List<float[]> kept = new ArrayList<>();
        for (int c = 0; c < centroids.length; c++) {
            renumber[c] = updated[c] == null ? -1 : kept.size();
            if (updated[c] != null) {
                kept.add(updated[c]);
            }
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = renumber[labels[i]];
        }
        return new Result(labels, kept.toArray(new float[0][]), silhouette);
    }

    /** Lloyd's iterations from k-means++ seeds; the best of {@value #RESTARTS} seedings. */
    private static Model fit(float[][] points, int k, Random random) {
        Model best = null;
        for (int r = 0; r < RESTARTS; r++) {
            float[][] centroids = seed(points, k, random);
            int[] labels = new int[points.length];
            Arrays.fill(labels, -1);
            for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
                boolean changed = false;
                for (int i = 0; i < points.length; i++) {
                    int c = nearest(centroids, points[i]);
                    changed |= c != labels[i];
                    labels[i] = c;
                }
                if (!changed) {
                    break;
                }
                float[][] updated = centroids(points, labels, k);
                for (int c = 0; c < k; c++) {
                    // An emptied cluster restarts at the point farthest from its centroid.
                    centroids[c] =
                            updated[c] != null ? updated[c] : farthest(points, labels, centroids);
                }
            }
            double inertia = 0;
            for (int i = 0; i < points.length; i++) {
                inertia += Vectors.squaredDistance(points[i], centroids[labels[i]]);
            }
            if (best == null || inertia < best.inertia()) {
                best = new Model(labels.clone(), centroids, inertia);
            }
        }
        return best;
    }

    /** k-means++: each next seed drawn with probability proportional to its squared distance. */
    private static float[][] seed(float[][] points, int k, Random random) {
        float[][] seeds = new float[k][];
        seeds[0] = points[random.nextInt(points.length)];
        double[] d2 = new double[points.length];
        Arrays.fill(d2, Double.MAX_VALUE);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < points.length; i++) {
                d2[i] = Math.min(d2[i], Vectors.squaredDistance(points[i], seeds[c - 1]));
                total += d2[i];
            }
            double target = random.nextDouble() * total;
            int chosen = points.length - 1;
            for (int i = 0; i < points.length; i++) {
                target -= d2[i];
                if (target < 0 && d2[i] > 0) {
                    chosen = i;
                    break;
                }
            }
            seeds[c] = points[chosen];
        }
        float[][] copies = new float[k][];
        for (int c = 0; c < k; c++) {
            copies[c] = seeds[c].clone();
        }
        return copies;
    }

    static int nearest(float[][] centroids, float[] p) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int c = 0; c < centroids.length; c++) {
            double d = Vectors.squaredDistance(p, centroids[c]);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /** The members' means; null for a cluster without members. */
    private static float[][] centroids(float[][] points, int[] labels, int k) {
        int dims = points[0].length;
        double[][] sums = new double[k][dims];
        int[] counts = new int[k];
        for (int i = 0; i < points.length; i++) {
            counts[labels[i]]++;
            for (int d = 0; d < dims; d++) {
                sums[labels[i]][d] += points[i][d];
            }
        }
        float[][] out = new float[k][];
        for (int c = 0; c < k; c++) {
            if (counts[c] > 0) {
                out[c] = new float[dims];
                for (int d = 0; d < dims; d++) {
                    out[c][d] = (float) (sums[c][d] / counts[c]);
                }
            }
        }
        return out;
    }

    private static float[] farthest(float[][] points, int[] labels, float[][] centroids) {
        int far = 0;
        double farthest = -1;
        for (int i = 0; i < points.length; i++) {
            float[] c = centroids[labels[i]];
            double d = c == null ? 0 : Vectors.squaredDistance(points[i], c);
            if (d > farthest) {
                farthest = d;
                far = i;
            }
        }
        return points[far].clone();
    }

    static float[] mean(float[][] points) {
        return centroids(points, new int[points.length], 1)[0];
    }

    /**
     * The mean silhouette of the first {@code distances.length} points: per point, {@code (b - a) /
     * max(a, b)}, where a is its mean distance to its own cluster and b the smallest mean distance
     * to another cluster; 0 for a point alone in its cluster.
     */
    static double silhouette(double[][] distances, int[] labels, int k, boolean[] repeated) {
        int n = distances.length;
        if (n < 2) {
            return 0;
        }
        double total = 0;
        double[] sums = new double[k];
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
            Arrays.fill(sums, 0);
            Arrays.fill(counts, 0);
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sums[labels[j]] += distances[i][j];
                    counts[labels[j]]++;
                }
            }
            int own = labels[i];
            if (counts[own] == 0) {
                // Alone among the distinct points: a perfectly tight cluster if it holds copies
                // of the point, a point of its own otherwise.
                total += repeated[i] && k > 1 ? 1 : 0;
                continue;
            }
            double a = sums[own] / counts[own];
            double b = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                if (c != own && counts[c] > 0) {
                    b = Math.min(b, sums[c] / counts[c]);
                }
            }
            if (b == Double.MAX_VALUE || Math.max(a, b) == 0) {
                continue;
            }
            total += (b - a) / Math.max(a, b);
        }
        return total / n;
    }

    /** Euclidean distances among the points at {@code indexes}. */
    private static double[][] distances(float[][] points, int[] indexes) {
        int n = indexes.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[i][j] =
                        d[j][i] =
                                Math.sqrt(
                                        Vectors.squaredDistance(
                                                points[indexes[i]], points[indexes[j]]));
            }
        }
        return d;
    }

    /**
     * The indexes of the first {@code cap} distinct points. Silhouettes are scored on distinct
     * points only: copies of one point would make splitting them off from their near neighbours
     * look perfect.
     */
    private static int[] distinctIndexes(float[][] points, int cap) {
        Set<FloatKey> seen = new HashSet<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < points.length && indexes.size() < cap; i++) {
            if (seen.add(new FloatKey(points[i]))) {
                indexes.add(i);
            }
        }
        return indexes.stream().mapToInt(Integer::intValue).toArray();
    }

    private record FloatKey(float[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof FloatKey other && Arrays.equals(values, other.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
