package io.framewise.udfs.aggregate;

import io.framewise.pipeline.aggregate.AggregateConfig;
import io.framewise.pipeline.aggregate.ShotCluster;
import io.framewise.pipeline.aggregate.ShotClusterer;
import io.framewise.pipeline.aggregate.ShotFeatures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@link ShotClusterer}: shots clustered on their combined vectors ({@link
 * ShotSimilarity#clusteringVector}) by {@link KMeans}, the number of clusters chosen by the
 * silhouette; clusters matched to earlier ones by {@link CentroidMatcher}.
 *
 * <p>Each cluster lists its members nearest to the centroid first, with their distances; its top
 * terms are the words that set its members' texts apart from the window's ({@link
 * Words#distinctive}); its representatives are the keyframes of its members nearest to the
 * centroid. Clusters come largest first.
 */
public final class KMeansShotClusterer implements ShotClusterer {

    private final AggregateConfig config;
    private final ShotSimilarity similarity;
    private final CentroidMatcher matcher;

    public KMeansShotClusterer(AggregateConfig config) {
        this.config = config;
        this.similarity = new ShotSimilarity(config);
        this.matcher = new CentroidMatcher(config.matchDistance());
    }

    /** A serializable factory for operators. */
    public static ShotClusterer.Factory factory(AggregateConfig config) {
        return () -> new KMeansShotClusterer(config);
    }

    @Override
    public List<ShotCluster> cluster(List<ShotFeatures> shots) {
        int visualDims = ShotSimilarity.visualDims(shots);
        int textDims = ShotSimilarity.textDims(shots);
        float[][] vectors = new float[shots.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = similarity.clusteringVector(shots.get(i), visualDims, textDims);
        }
        KMeans.Result result =
                KMeans.choose(
                        vectors,
                        config.maxClusters(),
                        config.minSilhouette(),
                        config.sample(),
                        config.seed());
        List<String> allTexts = new ArrayList<>();
        for (ShotFeatures s : shots) {
            if (s.text() != null) {
                allTexts.add(s.text());
            }
        }
        List<ShotCluster> clusters = new ArrayList<>();
        for (int c = 0; c < result.k(); c++) {
            float[] centroid = result.centroids()[c];
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < vectors.length; i++) {
                if (result.labels()[i] == c) {
                    members.add(i);
                }
            }
            double[] distance = new double[vectors.length];
            for (int i : members) {
                distance[i] = Math.sqrt(Vectors.squaredDistance(vectors[i], centroid));
            }
            members.sort(
                    Comparator.<Integer>comparingDouble(i -> distance[i]).thenComparing(i -> i));
            List<String> texts = new ArrayList<>();
            Set<String> representatives = new LinkedHashSet<>();
            for (int i : members) {
                ShotFeatures s = shots.get(i);
                if (s.text() != null) {
                    texts.add(s.text());
                }
                if (representatives.size() < config.representatives()
                        && s.keyframeUri() != null
                        && !s.keyframeUri().isEmpty()) {
                    representatives.add(s.keyframeUri());
                }
            }
            clusters.add(
                    new ShotCluster(
                            centroid,
                            members.stream().mapToInt(Integer::intValue).toArray(),
                            members.stream().mapToDouble(i -> distance[i]).toArray(),
                            Words.distinctive(texts, allTexts, config.terms()),
                            List.copyOf(representatives)));
        }
        clusters.sort(
                Comparator.comparingInt(ShotCluster::size)
                        .reversed()
                        .thenComparingInt(c -> minMember(c.members())));
        return clusters;
    }

    private static int minMember(int[] members) {
        int min = Integer.MAX_VALUE;
        for (int m : members) {
            min = Math.min(min, m);
        }
        return min;
    }

    @Override
    public int[] match(List<float[]> known, List<float[]> found) {
        return matcher.match(known, found);
    }
}
