package io.framewise.search;

import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
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
    static List<String> ids(List<Hit<ObjectNode>> hits, Map<String, ObjectNode> sources) {
        List<String> ids = new ArrayList<>();
        for (Hit<ObjectNode> h : hits) {
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
                score,
                f.path("cluster_id").asText(null));
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
        // A shot's keyframes share its cluster; any one that has it tells.
        String cluster =
                frames.stream()
                        .map(Views.Frame::clusterId)
                        .filter(c -> c != null)
                        .findFirst()
                        .orElse(null);
        return new Views.Shot(
                index,
                startMs,
                endMs,
                transition,
                String.join("\n", texts),
                thumbnail,
                frames,
                cluster);
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
                v.path("processed_at").asLong(),
                summary(v));
    }

    /** The video's summary fields; null when it has none (not summarised, or failed). */
    static Views.Summary summary(ObjectNode v) {
        if (!v.hasNonNull("scene_count")) {
            return null;
        }
        return new Views.Summary(
                v.path("scene_count").asInt(),
                v.path("mean_shot_ms").asDouble(),
                v.path("text_coverage").asDouble(),
                strings(v.path("top_keywords")),
                strings(v.path("dominant_colours")),
                v.path("quality_p10").asDouble(),
                v.path("quality_p50").asDouble(),
                v.path("quality_p90").asDouble(),
                v.hasNonNull("enrichment_cost") ? v.path("enrichment_cost").asDouble() : null,
                strings(v.path("near_duplicates")));
    }

    /** The video's scenes in order, each with the shots it spans. */
    static List<Views.Scene> scenes(ObjectNode v) {
        List<Views.Scene> out = new ArrayList<>();
        for (JsonNode s : v.path("scenes")) {
            int first = s.path("first_shot").asInt();
            int last = s.path("last_shot").asInt();
            List<Integer> shots = new ArrayList<>();
            for (int i = first; i <= last; i++) {
                shots.add(i);
            }
            out.add(
                    new Views.Scene(
                            s.path("scene_index").asInt(),
                            s.path("start_ms").asLong(),
                            s.path("end_ms").asLong(),
                            first,
                            last,
                            thumbnail(s.path("keyframe_uri").asText("")),
                            shots));
        }
        out.sort((a, b) -> Integer.compare(a.scene(), b.scene()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : array) {
            out.add(e.asText());
        }
        return out;
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
        return thumbnail(f.path("keyframe_uri").asText(""));
    }

    /** {@code /thumbnails/{uri}} for a keyframe's path in the data directory; null for none. */
    static String thumbnail(String uri) {
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
