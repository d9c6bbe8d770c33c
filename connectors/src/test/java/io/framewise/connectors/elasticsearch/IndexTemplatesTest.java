package io.framewise.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class IndexTemplatesTest {

    private static ElasticsearchConfig config(String... pairs) {
        Properties p = new Properties();
        p.setProperty("es.url", "http://127.0.0.1:9200");
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return ElasticsearchConfig.from(p);
    }

    @Test
    void theTemplateTakesTheConfiguration() {
        ElasticsearchConfig c =
                config(
                        "es.analyzer",
                        "english",
                        "es.image-vector.dims",
                        "512",
                        "es.vector.index-type",
                        "int4_hnsw",
                        "es.replicas",
                        "0");
        ObjectNode t = IndexTemplates.template(SearchIndex.FRAMES, c);
        assertThat(t.path("index_patterns").get(0).asText()).isEqualTo("framewise-frames-v1");
        JsonNode settings = t.path("template").path("settings").path("index");
        assertThat(settings.path("number_of_replicas").asInt()).isZero();
        assertThat(settings.path("analysis").path("analyzer").path("default").path("type").asText())
                .isEqualTo("english");
        JsonNode props = t.path("template").path("mappings").path("properties");
        assertThat(props.path("video_id").path("type").asText()).isEqualTo("keyword");
        assertThat(props.path("ocr_text").path("type").asText()).isEqualTo("text");
        assertThat(props.path("text_vector").path("dims").asInt()).isEqualTo(384);
        assertThat(props.path("image_vector").path("dims").asInt()).isEqualTo(512);
        assertThat(props.path("image_vector").path("index_options").path("type").asText())
                .isEqualTo("int4_hnsw");
        assertThat(t.path("template").path("aliases").has("framewise-frames")).isTrue();
        assertThat(t.path("template").path("mappings").path("dynamic").asText())
                .isEqualTo("strict");
    }

    @Test
    void autoDimsAreLeftToTheFirstVector() {
        ObjectNode t =
                IndexTemplates.template(SearchIndex.FRAMES, config("es.text-vector.dims", "auto"));
        assertThat(
                        t.path("template")
                                .path("mappings")
                                .path("properties")
                                .path("text_vector")
                                .has("dims"))
                .isFalse();
    }

    @Test
    void comparisonNamesEachConflictAndCollectsMissingFields() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode expected =
                json.readTree(
                        "{\"a\":{\"type\":\"keyword\"},\"v\":{\"type\":\"dense_vector\",\"dims\":384,"
                                + "\"similarity\":\"cosine\"},\"w\":{\"type\":\"dense_vector\",\"dims\":8},"
                                + "\"new\":{\"type\":\"text\"}}");
        JsonNode actual =
                json.readTree(
                        "{\"a\":{\"type\":\"text\"},\"v\":{\"type\":\"dense_vector\",\"dims\":768,"
                                + "\"similarity\":\"dot_product\"},\"w\":{\"type\":\"dense_vector\"}}");
        List<String> problems = new ArrayList<>();
        ObjectNode missing = json.createObjectNode();
        IndexTemplates.compare(expected, actual, problems, missing);
        assertThat(problems)
                .containsExactly(
                        "a is text, expected keyword",
                        "v has 768 dims, expected 384 (es.text-vector.dims)",
                        "v compares by dot_product similarity, expected cosine");
        assertThat(missing.fieldNames()).toIterable().containsExactly("new");
    }
}
