package io.framewise.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchConfigTest {

    private static Properties props(String... pairs) {
        Properties p = new Properties();
        p.setProperty("es.url", "http://127.0.0.1:9200");
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @Test
    void defaults() {
        ElasticsearchConfig c = ElasticsearchConfig.from(props());
        assertThat(c.indexPrefix()).isEqualTo("framewise-");
        assertThat(c.analyzer()).isEqualTo("standard");
        assertThat(c.textVectorDims()).isEqualTo(384);
        assertThat(c.imageVectorDims()).isZero();
        assertThat(c.vectorIndexType()).isEqualTo("int8_hnsw");
        assertThat(c.bulkMaxActions()).isEqualTo(1000);
        assertThat(c.bulkMaxBytes()).isEqualTo(5_000_000);
        assertThat(c.bulkFlushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.bulkConcurrentRequests()).isEqualTo(1);
        assertThat(c.maxRetries()).isEqualTo(8);
        assertThat(c.username()).isNull();
        assertThat(SearchIndex.FRAMES.alias(c)).isEqualTo("framewise-frames");
        assertThat(SearchIndex.FRAMES.index(c)).isEqualTo("framewise-frames-v1");
    }

    @Test
    void misconfigurationNamesTheKey() {
        assertThatThrownBy(() -> ElasticsearchConfig.from(new Properties()))
                .hasMessageStartingWith("es.url is needed");
        assertThatThrownBy(() -> ElasticsearchConfig.from(props("es.url", "localhost:9200")))
                .hasMessageStartingWith("es.url must be http://HOST[:PORT] or https://HOST[:PORT]");
        assertThatThrownBy(() -> ElasticsearchConfig.from(props("es.url", "http://u:p@host:9200")))
                .hasMessageContaining("credentials go in");
        assertThatThrownBy(() -> ElasticsearchConfig.from(props("es.password", "x")))
                .hasMessage("es.password is set but es.username is not");
        assertThatThrownBy(
                        () ->
                                ElasticsearchConfig.from(
                                        props(
                                                "es.username",
                                                "u",
                                                "es.password",
                                                "p",
                                                "es.api-key",
                                                "k")))
                .hasMessage("set either es.username/es.password or es.api-key, not both");
        assertThatThrownBy(() -> ElasticsearchConfig.from(props("es.ca-file", "/etc/hostname")))
                .hasMessageContaining("es.ca-file is only used with an https es.url");
        assertThatThrownBy(
                        () ->
                                ElasticsearchConfig.from(
                                        props(
                                                "es.url",
                                                "https://h:9243",
                                                "es.ca-file",
                                                "/no/such.pem")))
                .hasMessageContaining("es.ca-file must be a readable PEM file");
        assertThatThrownBy(() -> ElasticsearchConfig.from(props("es.vector.index-type", "ivf")))
                .hasMessageStartingWith("es.vector.index-type must be one of bbq_flat, bbq_hnsw,");
        assertThatThrownBy(() -> ElasticsearchConfig.from(props("es.text-vector.dims", "many")))
                .hasMessage("es.text-vector.dims must be a whole number, got 'many'");
        assertThatThrownBy(() -> ElasticsearchConfig.from(props("es.bulk.flush-interval", "1s")))
                .hasMessageStartingWith("es.bulk.flush-interval must be an ISO-8601 duration");
        assertThatThrownBy(() -> ElasticsearchConfig.from(props("es.index-prefix", "Big")))
                .hasMessageStartingWith("es.index-prefix must be lower-case");
        assertThatThrownBy(() -> ElasticsearchConfig.from(props("es.bulk.size", "10")))
                .hasMessageStartingWith("unknown setting es.bulk.size");
    }

    @Test
    void secretsDoNotShowInToString(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not checked here");
        ElasticsearchConfig basic =
                ElasticsearchConfig.from(
                        props(
                                "es.url",
                                "https://h:9243",
                                "es.username",
                                "u",
                                "es.password",
                                "hunter2",
                                "es.ca-file",
                                ca.toString()));
        ElasticsearchConfig key = ElasticsearchConfig.from(props("es.api-key", "c2VjcmV0a2V5"));
        assertThat(basic.toString()).contains("username=u").doesNotContain("hunter2");
        assertThat(key.toString()).doesNotContain("c2VjcmV0a2V5");
    }
}
