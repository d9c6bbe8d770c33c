package io.framewise.connectors.elasticsearch;

import io.framewise.pipeline.rows.ClusterMemberRow;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.SceneRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.TranscriptRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.rows.VideoSummary;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search documents of the job's rows, one method per index. Field names are those of the
 * Parquet columns and of the templates ({@code src/main/resources/elasticsearch/}); a new row field
 * is one {@code put} here (and a property in the template when it is not there yet). Null values
 * are left out, except in frame documents (see {@link #frame}).
 *
 * <p>Videos and shots are written whole ({@link Document.Write#INDEX}). A frame document has two
 * writers: its row, and later the cluster window of its shot, which adds {@code cluster_id} ({@link
 * #frameClusters}). Either may reach Elasticsearch first (they are separate sinks, and a restart
 * replays both), so the row is merged in ({@link Document.Write#UPSERT}) rather than replacing the
 * document, and keeps the cluster id; it names every field, nulls included, so that a rewrite still
 * clears what the row no longer has.
 */
public final class Documents {

    private Documents() {}

    /** {@code {video_id}/{shot_index}/{frame}}. */
    public static String frameId(String videoId, int shot, long frame) {
        return videoId + "/" + shot + "/" + frame;
    }

    /** {@code {video_id}/{shot_index}}. */
    public static String shotId(String videoId, int shot) {
        return videoId + "/" + shot;
    }

    /**
     * A frame's document, to be merged into what is there ({@link Document.Write#UPSERT}), with
     * every field named (null where the row has none).
     */
    public static Document frame(FrameRow r) {
        Fields d = new Fields(true);
        d.put("video_id", r.videoId());
        d.put("shot_index", r.shotIndex());
        d.put("frame", r.frame());
        d.put("ms", r.ms());
        d.put("timecode", r.timecode());
        d.put("phash", r.phash());
        d.put("quality", r.quality());
        d.put("sharpness", r.sharpness());
        d.put("brightness", r.brightness());
        d.put("has_text", r.hasText());
        d.put("ocr_text", r.ocrText());
        d.put("ocr_confidence", r.ocrConfidence());
        d.put("keyframe_uri", r.keyframeUri());
        d.put("processed_at", r.processedAt());
        d.put("description", r.description());
        d.put("tags", r.tags());
        d.put("speech", r.speech());
        d.put("text_vector", r.textVector());
        d.put("image_vector", r.imageVector());
        Fields scores = new Fields(true);
        scores.put("contrast", r.contrast());
        scores.put("exposure", r.exposure());
        scores.put("colourfulness", r.colourfulness());
        scores.put("text_coverage", r.textCoverage());
        scores.put("faces", r.faces());
        scores.put("largest_face", r.largestFace());
        scores.put("motion", r.motion());
        d.put("scores", scores.map);
        return new Document(
                frameId(r.videoId(), r.shotIndex(), r.frame()),
                r.videoId(),
                d.map,
                Document.Write.UPSERT);
    }

    /**
     * The cluster id of a shot's keyframes: one {@link Document.Write#UPDATE} of {@code cluster_id}
     * per keyframe's frame document. A later revision of the window, or a later window, writes the
     * shot's newer id over it.
     */
    public static List<Document> frameClusters(ClusterMemberRow m) {
        List<Document> docs = new ArrayList<>(m.frames() == null ? 0 : m.frames().length);
        if (m.frames() != null) {
            for (long frame : m.frames()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("cluster_id", m.clusterId());
                docs.add(
                        new Document(
                                frameId(m.videoId(), m.shotIndex(), frame),
                                m.videoId(),
                                fields,
                                Document.Write.UPDATE));
            }
        }
        return docs;
    }

    public static Document shot(ShotRow r) {
        Fields d = new Fields();
        d.put("video_id", r.videoId());
        d.put("shot_index", r.shotIndex());
        d.put("first_frame", r.firstFrame());
        d.put("last_frame", r.lastFrame());
        d.put("start_ms", r.startMs());
        d.put("end_ms", r.endMs());
        d.put("transition_in", r.transitionIn());
        d.put("keyframes", r.keyframes());
        d.put("processed_at", r.processedAt());
        d.put("speech", r.speech());
        return new Document(shotId(r.videoId(), r.shotIndex()), r.videoId(), d.map);
    }

    /** {@code {video_id}/{segment}}. */
    public static String transcriptId(String videoId, int segment) {
        return videoId + "/" + segment;
    }

    /** A transcript segment's document in {@code transcripts}. */
    public static Document transcript(TranscriptRow r) {
        Fields d = new Fields();
        d.put("video_id", r.videoId());
        d.put("segment", r.segment());
        d.put("start_ms", r.startMs());
        d.put("end_ms", r.endMs());
        d.put("timecode", r.timecode());
        d.put("text", r.text());
        d.put("language", r.language());
        d.put("confidence", r.confidence());
        d.put("shot_index", r.shotIndex());
        d.put("model", r.model());
        d.put("processed_at", r.processedAt());
        return new Document(transcriptId(r.videoId(), r.segment()), r.videoId(), d.map);
    }

    public static Document video(VideoRow r) {
        Fields d = new Fields();
        d.put("video_id", r.videoId());
        d.put("uri", r.uri());
        d.put("title", title(r.uri()));
        d.put("width", r.width());
        d.put("height", r.height());
        d.put("fps", r.fps());
        d.put("frames", r.frames());
        d.put("duration_ms", r.durationMs());
        d.put("codec", r.codec());
        d.put("shots", r.shots());
        d.put("keyframes", r.keyframes());
        d.put("text_chars", r.textChars());
        d.put("status", r.status());
        d.put("processed_at", r.processedAt());
        d.put("speech_seconds", r.speechSeconds());
        d.put("language", r.language());
        VideoSummary summary = r.summary();
        if (summary != null) {
            // The Parquet column "scenes" is the count; here "scenes" are the scenes themselves.
            d.put("scene_count", summary.scenes());
            d.put("mean_shot_ms", summary.meanShotMs());
            d.put("text_coverage", summary.textCoverage());
            d.put("top_keywords", summary.topKeywords());
            d.put("dominant_colours", summary.dominantColours());
            d.put("quality_p10", summary.qualityP10());
            d.put("quality_p50", summary.qualityP50());
            d.put("quality_p90", summary.qualityP90());
            d.put("enrichment_cost", summary.enrichmentCost());
            d.put("near_duplicates", summary.nearDuplicates());
            if (summary.sceneRows() != null) {
                List<Map<String, Object>> scenes = new ArrayList<>();
                for (SceneRow scene : summary.sceneRows()) {
                    scenes.add(scene(scene));
                }
                d.put("scenes", scenes);
            }
        }
        return new Document(r.videoId(), r.videoId(), d.map);
    }

    /** One entry of a video document's {@code scenes}. */
    static Map<String, Object> scene(SceneRow s) {
        Fields d = new Fields();
        d.put("scene_index", s.sceneIndex());
        d.put("first_shot", s.firstShot());
        d.put("last_shot", s.lastShot());
        d.put("start_ms", s.startMs());
        d.put("end_ms", s.endMs());
        d.put("keyframe_uri", s.keyframeUri());
        return d.map;
    }

    /** The file name of a video's URI, its title until videos have one of their own. */
    static String title(String uri) {
        if (uri == null) {
            return null;
        }
        String path;
        try {
            path = URI.create(uri).getPath();
        } catch (IllegalArgumentException e) {
            path = uri;
        }
        if (path == null) {
            path = uri;
        }
        int slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1) : path;
    }

    /** An ordered map that skips nulls, or keeps them (to clear the field in a merge). */
    private static final class Fields {
        final Map<String, Object> map = new LinkedHashMap<>();
        private final boolean nulls;

        Fields() {
            this(false);
        }

        Fields(boolean nulls) {
            this.nulls = nulls;
        }

        void put(String name, Object value) {
            if (value != null || nulls) {
                map.put(name, value);
            }
        }
    }
}
