package io.framewise.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.RescoreVector;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The requests of a search over the {@code frames} index: BM25, kNN, and their filters. */
final class FrameQueries {

    /** Results never carry the vectors: they are large and the page has no use for them. */
    static final List<String> NO_VECTORS =
            List.of(SearchService.TEXT_VECTOR, SearchService.IMAGE_VECTOR);

    private final ElasticsearchClient client;
    private final String alias;

    FrameQueries(ElasticsearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    SearchResponse<ObjectNode> text(String text, List<Query> filters, int from, int size)
            throws IOException {
        return client.search(
                s ->
                        s.index(alias)
                                .from(from)
                                .size(size)
                                .trackTotalHits(t -> t.enabled(true))
                                .source(src -> src.filter(f -> f.excludes(NO_VECTORS)))
                                .query(
                                        qq ->
                                                qq.bool(
                                                        b ->
                                                                b.must(
                                                                                m ->
                                                                                        m
                                                                                                .multiMatch(
                                                                                                        mm ->
                                                                                                                mm.query(
                                                                                                                                text)
                                                                                                                        .fields(
                                                                                                                                SearchService
                                                                                                                                        .TEXT_FIELDS)))
                                                                        // The words in their order
                                                                        // count extra.
                                                                        .should(
                                                                                sh ->
                                                                                        sh
                                                                                                .matchPhrase(
                                                                                                        mp ->
                                                                                                                mp.field(
                                                                                                                                "ocr_text")
                                                                                                                        .query(
                                                                                                                                text)
                                                                                                                        .boost(
                                                                                                                                2f)))
                                                                        .filter(filters))),
                ObjectNode.class);
    }

    SearchResponse<ObjectNode> vector(float[] vector, String field, List<Query> filters, int k)
            throws IOException {
        return vector(vector, field, filters, k, false);
    }

    /**
     * The {@code k} nearest frames by {@code field}; with {@code rescore}, their scores are
     * recomputed from the float vectors (over twice as many candidates), which a quantized index
     * ({@code int8_hnsw} and the like) otherwise scores only approximately: a relevance floor needs
     * the exact cosine.
     */
    SearchResponse<ObjectNode> vector(
            float[] vector, String field, List<Query> filters, int k, boolean rescore)
            throws IOException {
        List<Float> v = new ArrayList<>(vector.length);
        for (float x : vector) {
            v.add(x);
        }
        return client.search(
                s ->
                        s.index(alias)
                                .size(k)
                                .source(src -> src.filter(f -> f.excludes(NO_VECTORS)))
                                .knn(
                                        kn ->
                                                kn.field(field)
                                                        .queryVector(v)
                                                        .k(k)
                                                        .numCandidates(
                                                                Math.min(
                                                                        10_000,
                                                                        Math.max(100, 2 * k)))
                                                        .rescoreVector(
                                                                rescore
                                                                        ? RescoreVector.of(
                                                                                r ->
                                                                                        r
                                                                                                .oversample(
                                                                                                        2f))
                                                                        : null)
                                                        .filter(filters)),
                ObjectNode.class);
    }

    static List<Query> filters(SearchQuery q) {
        List<Query> filters = new ArrayList<>();
        if (q.video() != null) {
            filters.add(Query.of(qq -> qq.term(t -> t.field("video_id").value(q.video()))));
        }
        if (q.cluster() != null) {
            filters.add(Query.of(qq -> qq.term(t -> t.field("cluster_id").value(q.cluster()))));
        }
        if (q.dateFrom() != null || q.dateTo() != null) {
            filters.add(
                    Query.of(
                            qq ->
                                    qq.range(
                                            r ->
                                                    r.date(
                                                            d -> {
                                                                d.field("processed_at")
                                                                        .format("strict_date");
                                                                if (q.dateFrom() != null) {
                                                                    d.gte(q.dateFrom().toString());
                                                                }
                                                                if (q.dateTo() != null) {
                                                                    d.lt(
                                                                            q.dateTo()
                                                                                    .plusDays(1)
                                                                                    .toString());
                                                                }
                                                                return d;
                                                            }))));
        }
        return filters;
    }
}
