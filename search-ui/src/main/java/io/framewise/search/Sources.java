package io.framewise.search;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the documents Elasticsearch returns into the API's views. */
final class Sources {

    private Sources() {}

    /** The hits' ids in rank order; their documents go into {@code sources}. */
    static List<String> ids(SearchResponse<ObjectNode> r, Map<String, ObjectNode> sources) {
        List<String> ids = new ArrayList<>();
        for (Hit<ObjectNode> h : r.hits().hits()) {
            ids.add(h.id());
            sources.putIfAbsent(h.id(), h.source());
        }
        return ids;
    }

    static double score(Hit<ObjectNode> h) {
        return h.score() == null ? 0 : h.score();
    }

    static Views.Hit hit(String id, ObjectNode f, double score, String query) {
        return new Views.Hit(
                id,
                f.path("video_id").asText(),
                null,
                null,
                f.path("shot_index").asInt(),
                f.path("frame").asLong(),
                f.path("ms").asLong(),
                f.path("timecode").asText(""),
                Snippets.of(text(f), query),
                thumbnail(f),
                score);
    }

    static Views.Shot shot(
            int index, long startMs, long endMs, String transition, List<Views.Frame> frames) {
        Set<String> texts = new LinkedHashSet<>();
        for (Views.Frame f : frames) {
            if (!f.text().isBlank()) {
                texts.add(f.text().strip());
            }
        }
        String thumbnail = frames.isEmpty() ? null : frames.get(0).thumbnail();
        return new Views.Shot(
                index, startMs, endMs, transition, String.join("\n", texts), thumbnail, frames);
    }

    static Views.Video video(ObjectNode v) {
        return new Views.Video(
                v.path("video_id").asText(),
                v.path("uri").asText(null),
                v.path("title").asText(v.path("video_id").asText()),
                v.path("width").asInt(),
                v.path("height").asInt(),
                v.path("fps").asDouble(),
                v.path("duration_ms").asLong(),
                v.path("shots").asInt(),
                v.path("keyframes").asInt(),
                v.path("status").asText(""),
                v.path("processed_at").asLong());
    }

    /** The frame's text: OCR text, then the description, whichever there is. */
    static String text(ObjectNode f) {
        String ocr = f.path("ocr_text").asText("");
        String description = f.path("description").asText("");
        if (ocr.isBlank()) {
            return description;
        }
        return description.isBlank() ? ocr : ocr + "\n" + description;
    }

    /** {@code /thumbnails/{keyframe_uri}}, each path segment URL-encoded. */
    static String thumbnail(ObjectNode f) {
        String uri = f.path("keyframe_uri").asText("");
        if (uri.isBlank()) {
            return null;
        }
        StringBuilder path = new StringBuilder("/thumbnails");
        for (String segment : uri.split("/")) {
            path.append('/')
                    .append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path.toString();
    }
}
