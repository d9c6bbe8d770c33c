package io.framewise.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.connectors.elasticsearch.SearchIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What was said, from the {@code transcripts} index: the lines that match a phrase (each with the
 * moment it was said, so the page can jump there), and one video's whole transcript. Thread-safe.
 */
public final class SpokenLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** At most this many lines of one video's transcript. */
    static final int MAX_TRANSCRIPT = 10_000;

    /**
     * One transcript segment.
     *
     * @param score the match's relevance; 0 in a whole transcript
     * @param highlight the text with the matched words in {@code <em>}; null in a whole transcript
     */
    public record Line(
            String videoId,
            int segment,
            long startMs,
            long endMs,
            String timecode,
            String text,
            int shotIndex,
            String language,
            double score,
            String highlight) {}

    private final ElasticsearchConnection es;
    private final String index;

    public SpokenLines(ElasticsearchConnection es) {
        this.es = es;
        this.index = SearchIndex.TRANSCRIPTS.alias(es.config());
    }

    /**
     * The lines that match {@code query}, best first: the exact phrase ranks above its words.
     *
     * @param videoId only this video's lines; null for all videos
     */
    public List<Line> search(String query, String videoId, int size) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("q must not be empty");
        }
        if (size < 1 || size > 100) {
            throw new IllegalArgumentException("size must be between 1 and 100, got " + size);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("size", size);
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode should = bool.putArray("should");
        should.addObject()
                .putObject("match_phrase")
                .putObject("text")
                .put("query", query)
                .put("slop", 1)
                .put("boost", 3);
        should.addObject()
                .putObject("match")
                .putObject("text")
                .put("query", query)
                .put("operator", "and");
        bool.put("minimum_should_match", 1);
        if (videoId != null) {
            bool.putArray("filter").addObject().putObject("term").put("video_id", videoId);
        }
        body.putObject("highlight")
                .putObject("fields")
                .putObject("text")
                .put("number_of_fragments", 0);
        return lines(post(body));
    }

    /** {@code videoId}'s transcript in time order; empty when it has none. */
    public List<Line> transcript(String videoId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", MAX_TRANSCRIPT);
        body.putObject("query").putObject("term").put("video_id", videoId);
        body.putArray("sort").addObject().put("start_ms", "asc");
        return lines(post(body));
    }

    private JsonNode post(ObjectNode body) {
        try {
            return es.json("POST", "/" + index + "/_search", body.toString());
        } catch (IOException e) {
            throw new SearchUnavailableException(
                    "Elasticsearch cannot be reached for " + index + ": " + e.getMessage(),
                    "Elasticsearch is not reachable: search is unavailable for now",
                    e);
        }
    }

    private static List<Line> lines(JsonNode answer) {
        List<Line> lines = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            JsonNode s = hit.path("_source");
            JsonNode hl = hit.path("highlight").path("text").path(0);
            lines.add(
                    new Line(
                            s.path("video_id").asText(),
                            s.path("segment").asInt(),
                            s.path("start_ms").asLong(),
                            s.path("end_ms").asLong(),
                            s.path("timecode").asText(null),
                            s.path("text").asText(),
                            s.path("shot_index").asInt(),
                            s.path("language").asText(null),
                            hit.path("_score").asDouble(0),
                            hl.isTextual() ? hl.asText() : null));
        }
        return lines;
    }
}
