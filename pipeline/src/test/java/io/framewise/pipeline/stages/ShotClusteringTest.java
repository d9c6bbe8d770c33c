package io.framewise.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.aggregate.ShotCluster;
import io.framewise.pipeline.aggregate.ShotClusterer;
import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.rows.ClusterMemberRow;
import io.framewise.pipeline.rows.ClusterRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

/** The window step both engines call: windows, ids across windows, rows, a failing clusterer. */
class ShotClusteringTest {

    static final long HOUR = 3_600_000;

    @Test
    void windowsStartWhereFlinksTumblingWindowsStart() {
        for (long t : new long[] {0, 1, HOUR - 1, HOUR, 1_733_400_123_456L, -1, -HOUR - 5}) {
            assertThat(ShotClustering.windowStart(t, HOUR))
                    .as("t=" + t)
                    .isEqualTo(TimeWindow.getWindowStartWithOffset(t, 0, HOUR));
        }
    }

    @Test
    void clustersAWindowWhateverTheOrderAndKeepsIdsInTheNextWindow() {
        List<ShotFeatures> first =
                List.of(shot("b", 0, "sea"), shot("a", 1, "city"), shot("a", 0, "sea"));
        ShotClustering.Clustered one =
                ShotClustering.cluster(
                        "acme", 0, HOUR, 0, first, ClusterRegistry.empty(), new ByText(), HOUR);
        ShotClustering.Clustered reversed =
                ShotClustering.cluster(
                        "acme",
                        0,
                        HOUR,
                        0,
                        List.of(first.get(2), first.get(1), first.get(0)),
                        ClusterRegistry.empty(),
                        new ByText(),
                        HOUR);
        assertThat(one.failures()).isEmpty();
        assertThat(one.clusters().stream().map(ClusterRow::clusterId))
                .containsExactly("acme:c1", "acme:c2");
        assertThat(reversed.clusters().stream().map(ClusterRow::clusterId))
                .isEqualTo(one.clusters().stream().map(ClusterRow::clusterId).toList());
        assertThat(reversed.members().stream().map(ShotClusteringTest::member))
                .isEqualTo(one.members().stream().map(ShotClusteringTest::member).toList());
        // Sorted by video and shot, "sea" comes first: a/0 and b/0, two videos.
        ClusterRow sea = one.clusters().get(0);
        assertThat(sea.size()).isEqualTo(2);
        assertThat(sea.videos()).isEqualTo(2);
        assertThat(sea.windowStart()).isZero();
        assertThat(sea.windowEnd()).isEqualTo(HOUR);
        assertThat(one.members().stream().map(ShotClusteringTest::member))
                .containsExactly("acme:c1 a/0", "acme:c1 b/0", "acme:c2 a/1");

        // The next window: "sea" continues acme:c1, "forest" is new.
        ShotClustering.Clustered two =
                ShotClustering.cluster(
                        "acme",
                        HOUR,
                        2 * HOUR,
                        0,
                        List.of(shot("c", 0, "forest"), shot("c", 1, "sea")),
                        one.registry(),
                        new ByText(),
                        HOUR);
        assertThat(two.members().stream().map(ShotClusteringTest::member))
                .containsExactly("acme:c3 c/0", "acme:c1 c/1");
    }

    @Test
    void aFailingClustererCostsTheWindowOneRowPerVideoAndKeepsTheRegistry() {
        ClusterRegistry known =
                ShotClustering.cluster(
                                "acme",
                                0,
                                HOUR,
                                0,
                                List.of(shot("a", 0, "sea")),
                                ClusterRegistry.empty(),
                                new ByText(),
                                HOUR)
                        .registry();
        ShotClustering.Clustered failed =
                ShotClustering.cluster(
                        "acme",
                        HOUR,
                        2 * HOUR,
                        0,
                        List.of(shot("x", 0, "boom"), shot("x", 1, "sea"), shot("y", 0, "sea")),
                        known,
                        new ByText(),
                        HOUR);
        assertThat(failed.clusters()).isEmpty();
        assertThat(failed.members()).isEmpty();
        assertThat(failed.registry()).isSameAs(known);
        assertThat(failed.failures())
                .extracting(f -> f.videoId() + " " + f.stage() + " " + f.code())
                .containsExactly("x clusters cluster_failed", "y clusters cluster_failed");
        assertThat(failed.failures().get(0).message())
                .isEqualTo("window starting at " + HOUR + ": IllegalStateException: boom");
    }

    private static String member(ClusterMemberRow m) {
        return m.clusterId() + " " + m.videoId() + "/" + m.shotIndex();
    }

    private static ShotFeatures shot(String video, int index, String text) {
        return new ShotFeatures(
                "acme",
                video,
                "file:///" + video + ".mp4",
                1,
                index,
                2,
                index * 4000L,
                (index + 1) * 4000L,
                "keyframes/" + video + "/" + index + "-0.jpg",
                new long[] {text.hashCode()},
                new double[] {0.5},
                centroid(text),
                new float[64],
                text,
                null,
                null,
                new long[] {index * 100L});
    }

    private static float[] centroid(String text) {
        return new float[] {text.hashCode(), text.length()};
    }

    /** One cluster per text, in order of first appearance; fails on a shot whose text is boom. */
    private static final class ByText implements ShotClusterer {
        @Override
        public List<ShotCluster> cluster(List<ShotFeatures> shots) {
            Map<String, List<Integer>> byText = new LinkedHashMap<>();
            for (int i = 0; i < shots.size(); i++) {
                if (shots.get(i).text().equals("boom")) {
                    throw new IllegalStateException("boom");
                }
                byText.computeIfAbsent(shots.get(i).text(), t -> new ArrayList<>()).add(i);
            }
            List<ShotCluster> clusters = new ArrayList<>();
            byText.forEach(
                    (text, members) ->
                            clusters.add(
                                    new ShotCluster(
                                            centroid(text),
                                            members.stream().mapToInt(Integer::intValue).toArray(),
                                            new double[members.size()],
                                            List.of(text),
                                            List.of())));
            return clusters;
        }

        @Override
        public int[] match(List<float[]> known, List<float[]> found) {
            int[] matched = new int[found.size()];
            for (int f = 0; f < found.size(); f++) {
                matched[f] = -1;
                for (int k = 0; k < known.size(); k++) {
                    if (Arrays.equals(known.get(k), found.get(f))) {
                        matched[f] = k;
                    }
                }
            }
            return matched;
        }
    }
}
