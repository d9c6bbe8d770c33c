package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.aggregate.AggregateConfig;
import io.framewise.pipeline.aggregate.Aggregation;
import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.graph.AggregateStep;
import io.framewise.pipeline.rows.ClusterMemberRow;
import io.framewise.pipeline.rows.ClusterRow;
import io.framewise.pipeline.rows.FailureRow;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The cluster windows as the job builds them (event-time tumbling windows per organisation, allowed
 * lateness, late shots to a side output), driven by explicit watermarks.
 */
class ClusterShotsTest {

    static final long HOUR = 3_600_000;
    static final long LATENESS = 600_000;

    private static AggregateConfig config() {
        Properties p = new Properties();
        p.setProperty("aggregate.clusters.window", "PT1H");
        p.setProperty("aggregate.clusters.allowed-lateness", "PT10M");
        return AggregateConfig.from(p);
    }

    /** The window operator exactly as {@link AggregateStep#clusterWindows} builds it. */
    @SuppressWarnings("unchecked")
    private static KeyedOneInputStreamOperatorTestHarness<String, ShotFeatures, ClusterRow>
            harness() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var shots =
                env.fromData(
                        List.of(FakeAggregation.shot("acme", "v", 0, 1, 0, "x")),
                        TypeInformation.of(ShotFeatures.class));
        var windows =
                AggregateStep.clusterWindows(
                        shots,
                        new Aggregation(null, null, FakeAggregation.Clusterer::new, config()));
        var transformation =
                (OneInputTransformation<ShotFeatures, ClusterRow>) windows.getTransformation();
        OneInputStreamOperator<ShotFeatures, ClusterRow> operator = transformation.getOperator();
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator,
                        (ShotFeatures s) -> s.org(),
                        (TypeInformation<String>) transformation.getStateKeyType());
        h.open();
        return h;
    }

    private static ShotFeatures shot(String video, int index, long time, String look) {
        return FakeAggregation.shot("acme", video, index, 2, time, look);
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, ShotFeatures, ClusterRow> h,
            ShotFeatures s)
            throws Exception {
        h.processElement(s, s.eventTime());
    }

    private static List<ClusterRow> clusters(
            KeyedOneInputStreamOperatorTestHarness<String, ShotFeatures, ClusterRow> h) {
        return h.extractOutputValues();
    }

    @Test
    void windowsFireAtTheWatermarkKeepClusterIdsAndClearTheirState() throws Exception {
        try (var h = harness()) {
            send(h, shot("v1", 0, 1_000, "Intro"));
            send(h, shot("v2", 0, 2_000, "Intro"));
            send(h, shot("v1", 1, 3_000, "Chart"));
            h.processWatermark(HOUR - 2);
            assertThat(clusters(h)).isEmpty();

            // 1. The first window fires when the watermark passes its end.
            h.processWatermark(HOUR);
            List<ClusterRow> first = clusters(h);
            assertThat(first)
                    .extracting(ClusterRow::clusterId)
                    .containsExactly("acme:c1", "acme:c2");
            assertThat(first).extracting(ClusterRow::size).containsExactly(2, 1);
            assertThat(first).extracting(ClusterRow::videos).containsExactly(2, 1);
            assertThat(first).allSatisfy(c -> assertThat(c.revision()).isZero());
            assertThat(first.get(0).windowStart()).isZero();
            assertThat(first.get(0).windowEnd()).isEqualTo(HOUR);
            assertThat(first.get(0).representativeUri()).isEqualTo("keyframes/v1/0-0.jpg");
            assertThat(h.getSideOutput(Tags.CLUSTER_MEMBERS))
                    .extracting(StreamRecord::getValue)
                    .extracting(ClusterMemberRow::clusterId, ClusterMemberRow::videoId)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("acme:c1", "v1"),
                            org.assertj.core.groups.Tuple.tuple("acme:c1", "v2"),
                            org.assertj.core.groups.Tuple.tuple("acme:c2", "v1"));
            // Each member carries its keyframes' frame numbers, for the frame documents' ids.
            assertThat(h.getSideOutput(Tags.CLUSTER_MEMBERS))
                    .extracting(StreamRecord::getValue)
                    .allSatisfy(m -> assertThat(m.frames()).containsExactly(m.shotIndex() * 100L));

            // 2. A late shot within the allowed lateness fires the window again, as revision 1,
            // with the same ids.
            send(h, shot("v3", 0, 4_000, "Chart"));
            List<ClusterRow> again = clusters(h).subList(2, clusters(h).size());
            assertThat(again)
                    .extracting(ClusterRow::clusterId)
                    .containsExactly("acme:c1", "acme:c2");
            assertThat(again).extracting(ClusterRow::size).containsExactly(2, 2);
            assertThat(again).allSatisfy(c -> assertThat(c.revision()).isEqualTo(1));

            // 3. Past the allowed lateness the window's state is gone; only the registry of
            // known clusters (one entry per organisation) and the next window's shots remain.
            send(h, shot("v4", 0, HOUR + 5_000, "Chart"));
            send(h, shot("v4", 1, HOUR + 6_000, "Outro"));
            h.processWatermark(HOUR + LATENESS);
            assertThat(h.numKeyedStateEntries()).isEqualTo(2);

            // 4. A shot later than that leaves through the late side output, not into a cluster.
            send(h, shot("v5", 0, 1_500, "Intro"));
            assertThat(h.getSideOutput(Tags.LATE_SHOTS))
                    .singleElement()
                    .satisfies(r -> assertThat(r.getValue().videoId()).isEqualTo("v5"));
            assertThat(clusters(h)).hasSize(4);

            // 5. The next window: a cluster that persists keeps its id, a new one gets a new id.
            h.processWatermark(2 * HOUR);
            List<ClusterRow> second = clusters(h).subList(4, clusters(h).size());
            assertThat(second)
                    .extracting(ClusterRow::clusterId)
                    .containsExactly("acme:c2", "acme:c3");
            assertThat(second).allSatisfy(c -> assertThat(c.windowStart()).isEqualTo(HOUR));

            h.processWatermark(2 * HOUR + LATENESS);
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        }
    }

    @Test
    void organisationsAreClusteredApart() throws Exception {
        try (var h = harness()) {
            send(h, FakeAggregation.shot("acme", "v1", 0, 1, 1_000, "Intro"));
            send(h, FakeAggregation.shot("globex", "v2", 0, 1, 1_000, "Intro"));
            h.processWatermark(HOUR);
            assertThat(clusters(h))
                    .extracting(ClusterRow::org, ClusterRow::clusterId)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("acme", "acme:c1"),
                            org.assertj.core.groups.Tuple.tuple("globex", "globex:c1"));
        }
    }

    @Test
    void aLateShotBecomesAFailureRowWithItsReason() throws Exception {
        AggregateConfig c = config();
        try (var h =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new LateShots(c.window(), c.allowedLateness())))) {
            h.open();
            h.processElement(new StreamRecord<>(shot("v5", 3, HOUR + 1_500, "Intro")));
            FailureRow row = h.extractOutputValues().get(0);
            assertThat(row.videoId()).isEqualTo("v5");
            assertThat(row.uri()).isEqualTo("file:///v5.mp4");
            assertThat(row.stage()).isEqualTo("clusters");
            assertThat(row.code()).isEqualTo("late");
            assertThat(row.input()).isEqualTo("shot:v5/3");
            assertThat(row.message())
                    .contains("[1970-01-01T01:00:00Z, 1970-01-01T02:00:00Z)")
                    .contains("PT10M");
        }
    }
}
