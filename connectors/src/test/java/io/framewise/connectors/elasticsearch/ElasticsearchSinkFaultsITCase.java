package io.framewise.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.connectors.elasticsearch.FaultyProxy.Fault;
import io.framewise.connectors.parquet.ParquetDeadLetters;
import io.framewise.pipeline.rows.FrameRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink against an Elasticsearch that misbehaves (a proxy injecting 429s, 503s, dropped
 * connections, refusals), behind authentication, and over https with a CA file.
 */
class ElasticsearchSinkFaultsITCase {

    @TempDir Path out;

    private static List<FrameRow> rows(int n) {
        List<FrameRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(ElasticsearchSinkITCase.frame("v", i / 10, i, 0.5, "text " + i));
        }
        return rows;
    }

    private void write(ElasticsearchConfig es, List<FrameRow> rows) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.fromData(rows, TypeInformation.of(FrameRow.class))
                .sinkTo(ElasticsearchSink.frames(es, ParquetDeadLetters.of(out.toString())));
        env.execute("faults");
    }

    /** Settings for the same indices as {@code base}, reached through {@code url}. */
    private static Properties through(ElasticsearchConfig base, String url) {
        Properties p = TestCluster.settings();
        p.setProperty("es.url", url);
        p.setProperty("es.index-prefix", base.indexPrefix());
        p.setProperty("es.bulk.max-actions", "20");
        return p;
    }

    /** Every message down the chain of causes (Flink wraps the writer's exception). */
    private static String rootMessage(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void retriesThrough429s503sAndDroppedConnections() throws Exception {
        ElasticsearchConfig base = TestCluster.config();
        TestCluster.install(base);
        try (FaultyProxy proxy =
                FaultyProxy.http(
                        base.url(),
                        List.of(
                                Fault.TOO_MANY_REQUESTS,
                                Fault.UNAVAILABLE,
                                Fault.DROP,
                                Fault.TOO_MANY_REQUESTS),
                        Fault.PASS,
                        "ApiKey c2VjcmV0")) {
            Properties p = through(base, proxy.url("http"));
            p.setProperty("es.api-key", "c2VjcmV0");
            // Two requests in flight at once, each retried on its own.
            p.setProperty("es.bulk.concurrent-requests", "2");
            write(ElasticsearchConfig.from(p), rows(100));
            assertThat(proxy.faults.get()).isEqualTo(4);
            // Five batches of 20, four of them tried again.
            assertThat(proxy.bulks.get()).isGreaterThanOrEqualTo(9);
        }
        assertThat(TestCluster.count(base, SearchIndex.FRAMES)).isEqualTo(100);
    }

    @Test
    void givesUpAfterItsRetriesAndFailsTheJob() throws Exception {
        ElasticsearchConfig base = TestCluster.config();
        TestCluster.install(base);
        try (FaultyProxy proxy = FaultyProxy.http(base.url(), List.of(), Fault.UNAVAILABLE, null)) {
            Properties p = through(base, proxy.url("http"));
            p.setProperty("es.retry.max", "2");
            assertThatThrownBy(() -> write(ElasticsearchConfig.from(p), rows(5)))
                    .satisfies(
                            e ->
                                    assertThat(rootMessage(e))
                                            .contains("did not take 5 documents after 2 retries")
                                            .contains("503"));
            assertThat(proxy.bulks.get()).isEqualTo(3);
        }
    }

    @Test
    void aRefusedRequestFailsAtOnce() throws Exception {
        ElasticsearchConfig base = TestCluster.config();
        TestCluster.install(base);
        try (FaultyProxy proxy =
                FaultyProxy.http(base.url(), List.of(), Fault.UNAUTHORIZED, null)) {
            Properties p = through(base, proxy.url("http"));
            assertThatThrownBy(() -> write(ElasticsearchConfig.from(p), rows(5)))
                    .satisfies(
                            e ->
                                    assertThat(rootMessage(e))
                                            .contains("refused a bulk request of 5 documents")
                                            .contains("401"));
            assertThat(proxy.bulks.get()).isEqualTo(1);
        }
    }

    @Test
    void basicAuthenticationAndWrongCredentials() throws Exception {
        ElasticsearchConfig base = TestCluster.config();
        String basic =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        "framewise:s3cret".getBytes(StandardCharsets.UTF_8));
        try (FaultyProxy proxy = FaultyProxy.http(base.url(), List.of(), Fault.PASS, basic)) {
            Properties p = through(base, proxy.url("http"));
            p.setProperty("es.username", "framewise");
            p.setProperty("es.password", "s3cret");
            try (ElasticsearchConnection c =
                    ElasticsearchConnection.open(ElasticsearchConfig.from(p))) {
                c.check();
                IndexTemplates.install(c);
            }
            write(ElasticsearchConfig.from(p), rows(3));
            p.setProperty("es.password", "wrong");
            try (ElasticsearchConnection c =
                    ElasticsearchConnection.open(ElasticsearchConfig.from(p))) {
                assertThatThrownBy(c::check)
                        .hasMessageContaining("refused the credentials (HTTP 401)")
                        .hasMessageContaining("es.username/es.password");
            }
        }
        assertThat(TestCluster.count(base, SearchIndex.FRAMES)).isEqualTo(3);
    }

    @Test
    void httpsTrustingTheGivenCa(@TempDir Path certs) throws Exception {
        ElasticsearchConfig base = TestCluster.config();
        Path ca = certs.resolve("ca.pem");
        try (FaultyProxy proxy = FaultyProxy.https(base.url(), certs, ca)) {
            Properties p = through(base, proxy.url("https"));
            Properties untrusted = (Properties) p.clone();
            p.setProperty("es.ca-file", ca.toString());
            ElasticsearchConfig es = ElasticsearchConfig.from(p);
            try (ElasticsearchConnection c = ElasticsearchConnection.open(es)) {
                c.check();
                IndexTemplates.install(c);
            }
            write(es, rows(7));
            try (ElasticsearchConnection c =
                    ElasticsearchConnection.open(ElasticsearchConfig.from(untrusted))) {
                assertThatThrownBy(c::check).hasMessageContaining("not reachable");
            }
        }
        assertThat(TestCluster.count(base, SearchIndex.FRAMES)).isEqualTo(7);
    }
}
