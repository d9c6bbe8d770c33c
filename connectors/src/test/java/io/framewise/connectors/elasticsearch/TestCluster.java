package io.framewise.connectors.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.testkit.elasticsearch.LocalElasticsearch;
import java.io.IOException;
import java.util.Properties;
import java.util.UUID;

/** The JVM's shared local Elasticsearch, and configurations that keep each test's indices apart. */
final class TestCluster {

    private TestCluster() {}

    /** Settings for the shared node under a fresh index prefix, flushing quickly. */
    static Properties settings() {
        Properties p = new Properties();
        p.setProperty("es.url", LocalElasticsearch.shared().url());
        p.setProperty("es.replicas", "0");
        p.setProperty("es.bulk.flush-interval", "PT0.2S");
        p.setProperty("es.retry.initial-backoff", "PT0.05S");
        p.setProperty("es.retry.max-backoff", "PT0.5S");
        p.setProperty("es.index-prefix", "t" + UUID.randomUUID().toString().substring(0, 8) + "-");
        return p;
    }

    static ElasticsearchConfig config() {
        return ElasticsearchConfig.from(settings());
    }

    /** Installs the templates for {@code config}. */
    static void install(ElasticsearchConfig config) {
        try (ElasticsearchConnection c = ElasticsearchConnection.open(config)) {
            IndexTemplates.install(c);
        }
    }

    /** Documents in the index, after a refresh. */
    static long count(ElasticsearchConfig config, SearchIndex index) throws IOException {
        try (ElasticsearchConnection c = ElasticsearchConnection.open(config)) {
            c.json("POST", "/" + index.alias(config) + "/_refresh", null);
            return c.json("GET", "/" + index.alias(config) + "/_count", null)
                    .path("count")
                    .asLong();
        }
    }

    /** A document's source. */
    static JsonNode get(ElasticsearchConfig config, SearchIndex index, String id)
            throws IOException {
        try (ElasticsearchConnection c = ElasticsearchConnection.open(config)) {
            String encoded =
                    java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
            return c.json("GET", "/" + index.alias(config) + "/_doc/" + encoded, null)
                    .path("_source");
        }
    }
}
