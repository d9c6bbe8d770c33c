package io.framewise.connectors.elasticsearch;

import static io.framewise.pipeline.config.Settings.require;

import io.framewise.pipeline.config.Settings;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Elasticsearch settings ({@code es.*}), parsed and validated once, at the edge.
 *
 * <p>Every key, default and meaning is in {@link #KEYS} and in {@code connectors/README.md}. A
 * misconfiguration (a malformed URL, a password without a user, both a user and an API key, a CA
 * file that is missing or given for plain http) is an {@link IllegalArgumentException} naming the
 * key, before anything connects.
 *
 * @param url e.g. {@code http://127.0.0.1:9200} or {@code https://es.example.org:9243}
 * @param username basic authentication user; null for none
 * @param password basic authentication password; null for none
 * @param apiKey the encoded API key ({@code Authorization: ApiKey ...}); null for none
 * @param caFile PEM file of the certificate authority that signed the server's certificate (https
 *     only); null to trust the JVM's default authorities
 * @param indexPrefix prefix of the aliases, indices and templates ({@code framewise-frames}, ...)
 * @param analyzer the analyzer of every text field, e.g. {@code standard} or {@code english}
 * @param shards primary shards per index
 * @param replicas replicas per shard (0 on a single node)
 * @param textVectorDims dims of {@code text_vector}; 0 lets the first indexed vector decide
 * @param imageVectorDims dims of {@code image_vector}; 0 lets the first indexed vector decide
 * @param vectorIndexType the {@code dense_vector} index type, e.g. {@code int8_hnsw}
 * @param bulkMaxActions a bulk request is sent at this many documents
 * @param bulkMaxBytes ... or at this many bytes of documents
 * @param bulkFlushInterval ... or when the oldest buffered document is this old
 * @param bulkConcurrentRequests bulk requests each writer keeps in flight while it fills the next
 * @param maxRetries attempts after the first for 429, 5xx and connection errors
 * @param initialBackoff wait before the first retry; doubles per retry
 * @param maxBackoff the longest wait between retries
 * @param timeout socket timeout of one request
 */
public record ElasticsearchConfig(
        String url,
        String username,
        String password,
        String apiKey,
        String caFile,
        String indexPrefix,
        String analyzer,
        int shards,
        int replicas,
        int textVectorDims,
        int imageVectorDims,
        String vectorIndexType,
        int bulkMaxActions,
        long bulkMaxBytes,
        Duration bulkFlushInterval,
        int bulkConcurrentRequests,
        int maxRetries,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration timeout)
        implements Serializable {

    /** Keys with their defaults, in documentation order. */
    public static final Map<String, String> KEYS = defaultKeys();

    /** The {@code dense_vector} index types of Elasticsearch 8.19. */
    public static final Set<String> VECTOR_INDEX_TYPES =
            Set.of(
                    "hnsw",
                    "int8_hnsw",
                    "int4_hnsw",
                    "bbq_hnsw",
                    "flat",
                    "int8_flat",
                    "int4_flat",
                    "bbq_flat");

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
    private static final Pattern ANALYZER = Pattern.compile("[a-z][a-z0-9_]*");

    private static Map<String, String> defaultKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("es.url", "");
        keys.put("es.username", "");
        keys.put("es.password", "");
        keys.put("es.api-key", "");
        keys.put("es.ca-file", "");
        keys.put("es.index-prefix", "framewise-");
        keys.put("es.analyzer", "standard");
        keys.put("es.shards", "1");
        keys.put("es.replicas", "1");
        keys.put("es.text-vector.dims", "384");
        keys.put("es.image-vector.dims", "auto");
        keys.put("es.vector.index-type", "int8_hnsw");
        keys.put("es.bulk.max-actions", "1000");
        keys.put("es.bulk.max-bytes", "5000000");
        keys.put("es.bulk.flush-interval", "PT1S");
        keys.put("es.bulk.concurrent-requests", "1");
        keys.put("es.retry.max", "8");
        keys.put("es.retry.initial-backoff", "PT0.2S");
        keys.put("es.retry.max-backoff", "PT30S");
        keys.put("es.timeout", "PT60S");
        return Collections.unmodifiableMap(keys);
    }

    public ElasticsearchConfig {
        username = blankToNull(username);
        password = blankToNull(password);
        apiKey = blankToNull(apiKey);
        caFile = blankToNull(caFile);
        require(url != null && !url.isBlank(), "es.url is needed, e.g. http://127.0.0.1:9200");
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "es.url must be a URL such as http://127.0.0.1:9200, got '" + url + "'");
        }
        require(
                ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        && uri.getHost() != null
                        && uri.getUserInfo() == null,
                "es.url must be http://HOST[:PORT] or https://HOST[:PORT] (credentials go in"
                        + " es.username/es.password or es.api-key), got '"
                        + url
                        + "'");
        require(password == null || username != null, "es.password is set but es.username is not");
        require(username == null || password != null, "es.username is set but es.password is not");
        require(
                username == null || apiKey == null,
                "set either es.username/es.password or es.api-key, not both");
        if (caFile != null) {
            require(
                    "https".equals(uri.getScheme()),
                    "es.ca-file is only used with an https es.url, got '" + url + "'");
            require(
                    Files.isReadable(Path.of(caFile)),
                    "es.ca-file must be a readable PEM file, got '" + caFile + "'");
        }
        require(
                indexPrefix != null && PREFIX.matcher(indexPrefix).matches(),
                "es.index-prefix must be lower-case letters, digits, '_', '.' or '-', got '"
                        + indexPrefix
                        + "'");
        require(
                analyzer != null && ANALYZER.matcher(analyzer).matches(),
                "es.analyzer must be an analyzer name such as standard or english, got '"
                        + analyzer
                        + "'");
        require(shards >= 1, "es.shards must be at least 1, got " + shards);
        require(replicas >= 0, "es.replicas must be 0 or more, got " + replicas);
        require(
                textVectorDims >= 0 && textVectorDims <= 4096,
                "es.text-vector.dims must be auto or 1 to 4096, got " + textVectorDims);
        require(
                imageVectorDims >= 0 && imageVectorDims <= 4096,
                "es.image-vector.dims must be auto or 1 to 4096, got " + imageVectorDims);
        require(
                VECTOR_INDEX_TYPES.contains(vectorIndexType),
                "es.vector.index-type must be one of "
                        + String.join(", ", VECTOR_INDEX_TYPES.stream().sorted().toList())
                        + ", got '"
                        + vectorIndexType
                        + "'");
        require(
                bulkMaxActions >= 1,
                "es.bulk.max-actions must be at least 1, got " + bulkMaxActions);
        require(
                bulkMaxBytes >= 1024,
                "es.bulk.max-bytes must be at least 1024, got " + bulkMaxBytes);
        require(
                !bulkFlushInterval.isNegative() && !bulkFlushInterval.isZero(),
                "es.bulk.flush-interval must be positive, got " + bulkFlushInterval);
        require(
                bulkConcurrentRequests >= 1 && bulkConcurrentRequests <= 16,
                "es.bulk.concurrent-requests must be between 1 and 16, got "
                        + bulkConcurrentRequests);
        require(maxRetries >= 0, "es.retry.max must be 0 or more, got " + maxRetries);
        require(
                !initialBackoff.isNegative(),
                "es.retry.initial-backoff must not be negative, got " + initialBackoff);
        require(
                maxBackoff.compareTo(initialBackoff) >= 0,
                "es.retry.max-backoff must be at least es.retry.initial-backoff, got "
                        + maxBackoff);
        require(
                !timeout.isNegative() && !timeout.isZero(),
                "es.timeout must be positive, got " + timeout);
    }

    /**
     * Reads the {@code es.*} keys of {@code props}; missing keys take their defaults.
     *
     * @throws IllegalArgumentException naming the key and what it accepts
     */
    public static ElasticsearchConfig from(Properties props) {
        Settings s = Settings.of(props, "es.", KEYS);
        return new ElasticsearchConfig(
                s.text("es.url"),
                s.text("es.username"),
                s.text("es.password"),
                s.text("es.api-key"),
                s.text("es.ca-file"),
                s.text("es.index-prefix"),
                s.text("es.analyzer"),
                s.integer("es.shards"),
                s.integer("es.replicas"),
                dims(s, "es.text-vector.dims"),
                dims(s, "es.image-vector.dims"),
                s.text("es.vector.index-type"),
                s.integer("es.bulk.max-actions"),
                wholeNumber(s, "es.bulk.max-bytes"),
                s.duration("es.bulk.flush-interval"),
                s.integer("es.bulk.concurrent-requests"),
                s.integer("es.retry.max"),
                s.duration("es.retry.initial-backoff"),
                s.duration("es.retry.max-backoff"),
                s.duration("es.timeout"));
    }

    /** Whether {@code props} names an Elasticsearch at all ({@code es.url}). */
    public static boolean configured(Properties props) {
        return !props.getProperty("es.url", "").isBlank();
    }

    /** The same settings with another index prefix (tests keep apart on one node this way). */
    public ElasticsearchConfig withIndexPrefix(String prefix) {
        return new ElasticsearchConfig(
                url,
                username,
                password,
                apiKey,
                caFile,
                prefix,
                analyzer,
                shards,
                replicas,
                textVectorDims,
                imageVectorDims,
                vectorIndexType,
                bulkMaxActions,
                bulkMaxBytes,
                bulkFlushInterval,
                bulkConcurrentRequests,
                maxRetries,
                initialBackoff,
                maxBackoff,
                timeout);
    }

    /** Secrets masked: configurations end up in logs and job graphs' descriptions. */
    @Override
    public String toString() {
        return "ElasticsearchConfig[url="
                + url
                + ", username="
                + username
                + ", password="
                + (password == null ? null : "***")
                + ", apiKey="
                + (apiKey == null ? null : "***")
                + ", caFile="
                + caFile
                + ", indexPrefix="
                + indexPrefix
                + ", analyzer="
                + analyzer
                + ", textVectorDims="
                + textVectorDims
                + ", imageVectorDims="
                + imageVectorDims
                + ", vectorIndexType="
                + vectorIndexType
                + "]";
    }

    private static int dims(Settings s, String key) {
        return "auto".equals(s.text(key)) ? 0 : s.integer(key);
    }

    private static long wholeNumber(Settings s, String key) {
        try {
            return Long.parseLong(s.text(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    key + " must be a whole number, got '" + s.text(key) + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
