package io.framewise.search;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.SignificantStringTermsBucket;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.util.ObjectBuilder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The sub-aggregations that name a cluster for people: the words most particular to its frames'
 * text ({@code significant_text} over a sample of its frames, against all frames) and its best
 * keyframe by quality.
 */
final class ClusterAggs {

    /** Words per cluster name. */
    static final int TERMS = 3;

    /** Frames per shard a cluster's words are drawn from. */
    static final int SAMPLE = 100;

    private ClusterAggs() {}

    static ObjectBuilder<Aggregation> topTerms(Aggregation.Builder a) {
        return a.sampler(s -> s.shardSize(SAMPLE))
                .aggregations(
                        "terms",
                        t ->
                                t.significantText(
                                        st ->
                                                st.field("ocr_text")
                                                        .size(TERMS)
                                                        .minDocCount(1L)
                                                        .filterDuplicateText(true)));
    }

    static ObjectBuilder<Aggregation> bestKeyframe(Aggregation.Builder a) {
        return a.topHits(
                h ->
                        h.size(1)
                                .source(s -> s.filter(f -> f.includes("keyframe_uri")))
                                .sort(o -> o.field(f -> f.field("quality").order(SortOrder.Desc))));
    }

    static List<String> terms(Aggregate sample) {
        List<String> out = new ArrayList<>();
        if (sample == null || !sample.isSampler()) {
            return out;
        }
        Aggregate terms = sample.sampler().aggregations().get("terms");
        if (terms == null || !terms.isSigsterms()) {
            return out;
        }
        for (SignificantStringTermsBucket b : terms.sigsterms().buckets().array()) {
            out.add(b.key());
        }
        return out;
    }

    static String thumbnail(Aggregate best) {
        if (best == null || !best.isTopHits()) {
            return null;
        }
        for (Hit<JsonData> h : best.topHits().hits().hits()) {
            if (h.source() != null) {
                ObjectNode source = h.source().to(ObjectNode.class);
                return Sources.thumbnail(source);
            }
        }
        return null;
    }
}
