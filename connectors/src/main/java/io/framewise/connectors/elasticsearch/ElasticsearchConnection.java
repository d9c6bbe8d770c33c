package io.framewise.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * A connection to one Elasticsearch cluster: the official Java client (typed requests: bulk,
 * search) over its low-level REST client (raw JSON: templates, mappings, health), with basic
 * authentication or an API key, and https trusting a given CA file.
 *
 * <p>Not serializable: open one where it is used (a sink writer opens its own) and close it.
 */
public final class ElasticsearchConnection implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElasticsearchConfig config;
    private final RestClient rest;
    private final ElasticsearchClient client;

    private ElasticsearchConnection(ElasticsearchConfig config, RestClient rest) {
        this.config = config;
        this.rest = rest;
        this.client =
                new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
    }

    /** Opens a connection (nothing is sent yet). */
    public static ElasticsearchConnection open(ElasticsearchConfig config) {
        RestClientBuilder builder = RestClient.builder(HttpHost.create(config.url().strip()));
        if (config.apiKey() != null) {
            builder.setDefaultHeaders(
                    new Header[] {new BasicHeader("Authorization", "ApiKey " + config.apiKey())});
        } else if (config.username() != null) {
            String pair = config.username() + ":" + config.password();
            builder.setDefaultHeaders(
                    new Header[] {
                        new BasicHeader(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        pair.getBytes(StandardCharsets.UTF_8)))
                    });
        }
        if (config.caFile() != null) {
            SSLContext ssl = trusting(Path.of(config.caFile()));
            builder.setHttpClientConfigCallback(http -> http.setSSLContext(ssl));
        }
        int timeout = (int) config.timeout().toMillis();
        builder.setRequestConfigCallback(
                rc -> rc.setConnectTimeout(Math.min(timeout, 10_000)).setSocketTimeout(timeout));
        return new ElasticsearchConnection(config, builder.build());
    }

    public ElasticsearchConfig config() {
        return config;
    }

    /** The typed client. */
    public ElasticsearchClient client() {
        return client;
    }

    /** The low-level client, for raw JSON requests. */
    public RestClient rest() {
        return rest;
    }

    /**
     * Checks that the cluster answers and the credentials are accepted ({@code _cluster/health};
     * the test distribution has no {@code GET /}).
     *
     * @throws IllegalStateException with what went wrong, in one line
     */
    public void check() {
        try {
            JsonNode health = json("GET", "/_cluster/health", null);
            if ("red".equals(health.path("status").asText())) {
                throw new IllegalStateException(
                        "Elasticsearch at " + config.url() + " is red (some data is unavailable)");
            }
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 401 || status == 403) {
                throw new IllegalStateException(
                        "Elasticsearch at "
                                + config.url()
                                + " refused the credentials (HTTP "
                                + status
                                + "): check es.username/es.password or es.api-key");
            }
            throw new IllegalStateException(
                    "Elasticsearch at " + config.url() + " answered HTTP " + status, e);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Elasticsearch is not reachable at " + config.url() + ": " + describe(e), e);
        }
    }

    /**
     * Sends a raw JSON request and parses the answer.
     *
     * @param body JSON, or null for none
     * @throws ResponseException for an error status (its response carries the body)
     */
    public JsonNode json(String method, String path, String body) throws IOException {
        Request request = new Request(method, path);
        if (body != null) {
            request.setJsonEntity(body);
        }
        Response response = rest.performRequest(request);
        try (InputStream in =
                response.getEntity() == null ? null : response.getEntity().getContent()) {
            return in == null ? JSON.createObjectNode() : JSON.readTree(in);
        }
    }

    /** Whether {@code path} exists ({@code HEAD}: 200 or 404). */
    public boolean exists(String path) throws IOException {
        try {
            // The low-level client answers a HEAD's 404 without throwing.
            return rest.performRequest(new Request("HEAD", path)).getStatusLine().getStatusCode()
                    == 200;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** One line for an I/O error, naming its cause rather than the client's wrapper. */
    public static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.replace('\n', ' '));
    }

    @Override
    public void close() {
        try {
            rest.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate ca :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, ca);
            }
            if (i == 0) {
                throw new IllegalArgumentException(
                        "es.ca-file " + caFile + " holds no PEM certificate");
            }
            TrustManagerFactory tmf =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "es.ca-file " + caFile + " is not a usable PEM certificate: " + e.getMessage(),
                    e);
        }
    }
}
