package io.framewise.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion: a document's score is the sum over the result lists it appears in of
 * {@code 1 / (k + rank)}, rank counted from 1. Done here, not by Elasticsearch, whose RRF needs a
 * paid licence.
 *
 * <p>Only ranks matter, so BM25 scores and cosine similarities, which are not comparable, never
 * meet. Ties keep the order of first appearance (the first list wins), so the result is
 * deterministic.
 */
public final class RankFusion {

    /** The customary rank constant (Cormack et al. 2009; Elasticsearch's default). */
    public static final int DEFAULT_K = 60;

    private RankFusion() {}

    /** One fused result. */
    public record Fused(String id, double score) {}

    /** Fuses ranked lists of ids (best first); duplicates within a list count once, first rank. */
    public static List<Fused> fuse(List<List<String>> rankings, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (List<String> ranking : rankings) {
            Map<String, Boolean> seen = new LinkedHashMap<>();
            int rank = 0;
            for (String id : ranking) {
                if (seen.putIfAbsent(id, true) != null) {
                    continue;
                }
                rank++;
                scores.merge(id, 1.0 / (k + rank), Double::sum);
            }
        }
        List<Map.Entry<String, Double>> entries = new ArrayList<>(scores.entrySet());
        // A stable sort: equal scores keep their first-appearance order.
        entries.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        List<Fused> out = new ArrayList<>(entries.size());
        for (Map.Entry<String, Double> e : entries) {
            out.add(new Fused(e.getKey(), e.getValue()));
        }
        return out;
    }
}
