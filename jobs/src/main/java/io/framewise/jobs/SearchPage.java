package io.framewise.jobs;

import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.pipeline.embed.Embedder;
import io.framewise.search.SearchService;
import io.framewise.search.http.SearchServer;
import io.framewise.search.http.ServerSettings;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;

/**
 * The search page and API over one Elasticsearch, for {@code serve} and {@code demo}: the
 * connection (checked), the search service with the query embedder, and the HTTP server.
 */
public final class SearchPage implements AutoCloseable {

    private final ElasticsearchConnection es;
    private final SearchService search;
    private final SearchServer server;

    private SearchPage(ElasticsearchConnection es, SearchService search, SearchServer server) {
        this.es = es;
        this.search = search;
        this.server = server;
    }

    /**
     * Starts serving.
     *
     * @param queryEmbedder the documents' embedder, or null (search by text only)
     * @param data the indexing output directory (thumbnails)
     * @param port the port; when it is taken and {@code fallBack}, any free port
     * @throws IllegalStateException when Elasticsearch cannot be reached or the embedder does not
     *     fit the index
     */
    public static SearchPage start(
            ElasticsearchConfig config,
            Embedder.Factory queryEmbedder,
            Path data,
            String host,
            int port,
            boolean fallBack)
            throws IOException {
        return start(
                config,
                queryEmbedder,
                data,
                ServerSettings.of(host, port),
                SearchService.DEFAULT_MIN_SIMILARITY,
                fallBack);
    }

    /**
     * Starts serving with the server's limits and allowed Host names ({@code server.*}).
     *
     * @param queryEmbedder the documents' embedder, or null (search by text only)
     * @param data the indexing output directory (thumbnails)
     * @param server where to listen; when the port is taken and {@code fallBack}, any free port
     * @param minSimilarity the meaning side's relevance floor ({@code search.min-similarity})
     * @throws IllegalStateException when Elasticsearch cannot be reached or the embedder does not
     *     fit the index
     */
    public static SearchPage start(
            ElasticsearchConfig config,
            Embedder.Factory queryEmbedder,
            Path data,
            ServerSettings server,
            double minSimilarity,
            boolean fallBack)
            throws IOException {
        int port = server.port();
        ElasticsearchConnection es = ElasticsearchConnection.open(config);
        SearchService search = null;
        try {
            es.check();
            // The indexing job's previews lie beside its keyframes (Engines.previews).
            search = new SearchService(es, queryEmbedder, minSimilarity, data.resolve("previews"));
            search.checkDims();
            SearchServer http;
            try {
                http = SearchServer.start(search, data, server);
            } catch (BindException e) {
                if (!fallBack) {
                    throw new IllegalStateException(
                            "port " + port + " is taken: choose another with --port");
                }
                http = SearchServer.start(search, data, server.withPort(0));
            }
            return new SearchPage(es, search, http);
        } catch (IOException | RuntimeException e) {
            if (search != null) {
                search.close();
            }
            es.close();
            throw e;
        }
    }

    public String url() {
        return server.url() + "/";
    }

    public SearchService search() {
        return search;
    }

    @Override
    public void close() {
        server.close();
        search.close();
        es.close();
    }
}
