package io.framewise.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.connectors.parquet.ParquetDeadLetters;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing the templates on a real Elasticsearch, and what it refuses. */
class IndexTemplatesITCase {

    @TempDir Path out;

    @Test
    void installsVersionedIndicesBehindAliasesAndAgainIsANoOp() throws Exception {
        ElasticsearchConfig es = TestCluster.config();
        TestCluster.install(es);
        TestCluster.install(es);
        try (ElasticsearchConnection c = ElasticsearchConnection.open(es)) {
            for (SearchIndex index : SearchIndex.values()) {
                JsonNode alias = c.json("GET", "/_alias/" + index.alias(es), null);
                assertThat(alias.fieldNames()).toIterable().containsExactly(index.index(es));
                assertThat(c.exists("/_index_template/" + index.template(es))).isTrue();
            }
            JsonNode vector =
                    c.json("GET", "/" + SearchIndex.FRAMES.alias(es) + "/_mapping", null)
                            .path(SearchIndex.FRAMES.index(es))
                            .path("mappings")
                            .path("properties")
                            .path("text_vector");
            assertThat(vector.path("dims").asInt()).isEqualTo(384);
            assertThat(vector.path("index_options").path("type").asText()).isEqualTo("int8_hnsw");
        }
    }

    @Test
    void anAnalyzerTheClusterLacksIsAClearError() {
        Properties p = TestCluster.settings();
        p.setProperty("es.analyzer", "english");
        assertThatThrownBy(() -> TestCluster.install(ElasticsearchConfig.from(p)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("english")
                .hasMessageContaining("es.analyzer");
    }

    @Test
    void anIncompatibleExistingIndexIsAClearError() {
        Properties p = TestCluster.settings();
        TestCluster.install(ElasticsearchConfig.from(p));
        p.setProperty("es.text-vector.dims", "512");
        assertThatThrownBy(() -> TestCluster.install(ElasticsearchConfig.from(p)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "text_vector has 384 dims, expected 512 (es.text-vector.dims)")
                .hasMessageContaining("does not fit");
    }

    @Test
    void fieldsAnOlderIndexLacksAreAdded() throws Exception {
        ElasticsearchConfig es = TestCluster.config();
        ObjectNode template = IndexTemplates.template(SearchIndex.FRAMES, es);
        ObjectNode older = (ObjectNode) template.path("template").deepCopy();
        ((ObjectNode) older.path("mappings").path("properties")).remove("tags");
        ((ObjectNode) older.path("mappings").path("properties")).remove("cluster_id");
        older.remove("aliases");
        // A videos index from before the summaries: no scenes, no summary fields.
        ObjectNode olderVideos =
                (ObjectNode)
                        IndexTemplates.template(SearchIndex.VIDEOS, es).path("template").deepCopy();
        ObjectNode videoFields = (ObjectNode) olderVideos.path("mappings").path("properties");
        videoFields.remove("scenes");
        videoFields.remove("top_keywords");
        olderVideos.remove("aliases");
        try (ElasticsearchConnection c = ElasticsearchConnection.open(es)) {
            c.json("PUT", "/" + SearchIndex.FRAMES.index(es), older.toString());
            c.json("PUT", "/" + SearchIndex.VIDEOS.index(es), olderVideos.toString());
        }
        TestCluster.install(es);
        try (ElasticsearchConnection c = ElasticsearchConnection.open(es)) {
            for (String field : new String[] {"tags", "cluster_id"}) {
                JsonNode mapping =
                        c.json(
                                "GET",
                                "/" + SearchIndex.FRAMES.alias(es) + "/_mapping/field/" + field,
                                null);
                assertThat(
                                mapping.path(SearchIndex.FRAMES.index(es))
                                        .path("mappings")
                                        .path(field)
                                        .isMissingNode())
                        .as(field)
                        .isFalse();
            }
            JsonNode videos =
                    c.json("GET", "/" + SearchIndex.VIDEOS.alias(es) + "/_mapping", null)
                            .path(SearchIndex.VIDEOS.index(es))
                            .path("mappings")
                            .path("properties");
            assertThat(videos.path("scenes").path("type").asText()).isEqualTo("nested");
            assertThat(
                            videos.path("scenes")
                                    .path("properties")
                                    .path("end_ms")
                                    .path("type")
                                    .asText())
                    .isEqualTo("long");
            assertThat(videos.path("top_keywords").path("type").asText()).isEqualTo("keyword");
        }
    }

    @Test
    void anIndexNamedLikeTheAliasIsAClearError() throws Exception {
        ElasticsearchConfig es = TestCluster.config();
        try (ElasticsearchConnection c = ElasticsearchConnection.open(es)) {
            c.json(
                    "PUT",
                    "/" + SearchIndex.FRAMES.alias(es),
                    "{\"settings\":{\"number_of_replicas\":0}}");
        }
        assertThatThrownBy(() -> TestCluster.install(es))
                .hasMessageContaining(SearchIndex.FRAMES.alias(es) + " is an index, not an alias");
    }

    @Test
    void theSinkRefusesToStartWithoutTheIndices() {
        ElasticsearchConfig es = TestCluster.config();
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.fromData(ElasticsearchSinkITCase.frame("v", 0, 0, 0.5, "x"))
                .sinkTo(ElasticsearchSink.frames(es, ParquetDeadLetters.of(out.toString())));
        assertThatThrownBy(() -> env.execute("no indices"))
                .satisfies(
                        e -> {
                            Throwable t = e;
                            while (t.getCause() != null) {
                                t = t.getCause();
                            }
                            assertThat(t.getMessage())
                                    .contains(
                                            "alias "
                                                    + SearchIndex.FRAMES.alias(es)
                                                    + " does not exist")
                                    .contains("install the index templates");
                        });
    }
}
