package io.framewise.connectors.parquet;

import io.framewise.pipeline.rows.ClusterMemberRow;
import io.framewise.pipeline.rows.ClusterRow;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.LlmCallRow;
import io.framewise.pipeline.rows.SceneRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.SpeechCallRow;
import io.framewise.pipeline.rows.TextRow;
import io.framewise.pipeline.rows.TranscriptRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.rows.VideoSummary;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The Parquet tables the indexing job writes, with their row mappings. Column names and types are
 * the Avro schemas under {@code src/main/resources/avro/}; the README documents every column.
 */
public final class Tables {

    private Tables() {}

    public static final Table<VideoRow> VIDEOS =
            new Table<>(
                    "videos",
                    (schema, r) -> {
                        GenericRecord g = new GenericData.Record(schema);
                        g.put("video_id", r.videoId());
                        g.put("uri", r.uri());
                        g.put("width", r.width());
                        g.put("height", r.height());
                        g.put("fps", r.fps());
                        g.put("frames", r.frames());
                        g.put("duration_ms", r.durationMs());
                        g.put("codec", r.codec());
                        g.put("shots", r.shots());
                        g.put("keyframes", r.keyframes());
                        g.put("text_chars", r.textChars());
                        g.put("status", r.status());
                        g.put("processed_at", r.processedAt());
                        g.put("speech_seconds", r.speechSeconds());
                        g.put("language", r.language());
                        VideoSummary summary = r.summary();
                        if (summary != null) {
                            g.put("scenes", summary.scenes());
                            g.put("mean_shot_ms", summary.meanShotMs());
                            g.put("text_coverage", summary.textCoverage());
                            g.put("top_keywords", summary.topKeywords());
                            g.put("dominant_colours", summary.dominantColours());
                            g.put("quality_p10", summary.qualityP10());
                            g.put("quality_p50", summary.qualityP50());
                            g.put("quality_p90", summary.qualityP90());
                            g.put("enrichment_cost", summary.enrichmentCost());
                            g.put("near_duplicates", summary.nearDuplicates());
                        }
                        return g;
                    },
                    VideoRow::processedAt);

    public static final Table<ShotRow> SHOTS =
            new Table<>(
                    "shots",
                    (schema, r) -> {
                        GenericRecord g = new GenericData.Record(schema);
                        g.put("video_id", r.videoId());
                        g.put("shot_index", r.shotIndex());
                        g.put("first_frame", r.firstFrame());
                        g.put("last_frame", r.lastFrame());
                        g.put("start_ms", r.startMs());
                        g.put("end_ms", r.endMs());
                        g.put("transition_in", r.transitionIn());
                        g.put("keyframes", r.keyframes());
                        g.put("processed_at", r.processedAt());
                        g.put("speech", r.speech());
                        return g;
                    },
                    ShotRow::processedAt);

    public static final Table<FrameRow> FRAMES =
            new Table<>(
                    "frames",
                    (schema, r) -> {
                        GenericRecord g = new GenericData.Record(schema);
                        g.put("video_id", r.videoId());
                        g.put("shot_index", r.shotIndex());
                        g.put("frame", r.frame());
                        g.put("ms", r.ms());
                        g.put("timecode", r.timecode());
                        g.put("phash", r.phash());
                        g.put("quality", r.quality());
                        g.put("sharpness", r.sharpness());
                        g.put("brightness", r.brightness());
                        g.put("has_text", r.hasText());
                        g.put("ocr_text", r.ocrText());
                        g.put("ocr_confidence", r.ocrConfidence());
                        g.put("contrast", r.contrast());
                        g.put("exposure", r.exposure());
                        g.put("colourfulness", r.colourfulness());
                        g.put("text_coverage", r.textCoverage());
                        g.put("faces", r.faces());
                        g.put("largest_face", r.largestFace());
                        g.put("motion", r.motion());
                        g.put("shot_text", r.shotText());
                        g.put("text_model", r.textModel());
                        g.put("text_vector", floats(r.textVector()));
                        g.put("image_model", r.imageModel());
                        g.put("image_vector", floats(r.imageVector()));
                        g.put("keyframe_uri", r.keyframeUri());
                        g.put("description", r.description());
                        g.put("tags", r.tags());
                        g.put("speech", r.speech());
                        g.put("processed_at", r.processedAt());
                        return g;
                    },
                    FrameRow::processedAt);

    /** A vector as the Avro array of floats it is written as; null stays null. */
    static List<Float> floats(float[] vector) {
        if (vector == null) {
            return null;
        }
        List<Float> list = new ArrayList<>(vector.length);
        for (float f : vector) {
            list.add(f);
        }
        return list;
    }

    public static final Table<TextRow> TEXTS =
            new Table<>(
                    "texts",
                    (schema, r) -> {
                        GenericRecord g = new GenericData.Record(schema);
                        g.put("video_id", r.videoId());
                        g.put("shot_index", r.shotIndex());
                        g.put("text", r.text());
                        g.put("confidence", r.confidence());
                        g.put("first_ms", r.firstMs());
                        g.put("last_ms", r.lastMs());
                        g.put("sightings", r.sightings());
                        g.put("processed_at", r.processedAt());
                        return g;
                    },
                    TextRow::processedAt);

    public static final Table<SceneRow> SCENES =
            new Table<>(
                    "scenes",
                    (schema, r) -> {
                        GenericRecord g = new GenericData.Record(schema);
                        g.put("video_id", r.videoId());
                        g.put("scene_index", r.sceneIndex());
                        g.put("first_shot", r.firstShot());
                        g.put("last_shot", r.lastShot());
                        g.put("start_ms", r.startMs());
                        g.put("end_ms", r.endMs());
                        g.put("keyframe_uri", r.keyframeUri());
                        g.put("processed_at", r.processedAt());
                        return g;
                    },
                    SceneRow::processedAt);

    /** Partitioned by the window's start, so a window's revisions share a partition. */
    public static final Table<ClusterRow> CLUSTERS =
            new Table<>(
                    "clusters",
                    (schema, r) -> {
                        GenericRecord g = new GenericData.Record(schema);
                        g.put("window_start", r.windowStart());
                        g.put("window_end", r.windowEnd());
                        g.put("org", r.org());
                        g.put("cluster_id", r.clusterId());
                        g.put("revision", r.revision());
                        g.put("size", r.size());
                        g.put("videos", r.videos());
                        g.put("top_terms", r.topTerms());
                        g.put("representative_uri", r.representativeUri());
                        g.put("representative_uris", r.representativeUris());
                        List<Float> centroid = new ArrayList<>(r.centroid().length);
                        for (float x : r.centroid()) {
                            centroid.add(x);
                        }
                        g.put("centroid", centroid);
                        return g;
                    },
                    ClusterRow::windowStart);

    public static final Table<ClusterMemberRow> CLUSTER_MEMBERS =
            new Table<>(
                    "cluster_members",
                    (schema, r) -> {
                        GenericRecord g = new GenericData.Record(schema);
                        g.put("cluster_id", r.clusterId());
                        g.put("window_start", r.windowStart());
                        g.put("org", r.org());
                        g.put("revision", r.revision());
                        g.put("video_id", r.videoId());
                        g.put("shot_index", r.shotIndex());
                        g.put("distance", r.distance());
                        return g;
                    },
                    ClusterMemberRow::windowStart);

    public static final Table<FailureRow> FAILURES =
            new Table<>(
                    "failures",
                    (schema, r) -> {
                        GenericRecord g = new GenericData.Record(schema);
                        g.put("video_id", r.videoId());
                        g.put("uri", r.uri());
                        g.put("stage", r.stage());
                        g.put("code", r.code());
                        g.put("message", r.message());
                        g.put("at", r.at());
                        g.put("input", r.input());
                        g.put("payload", r.payload());
                        g.put("attempt", r.attempt());
                        return g;
                    },
                    FailureRow::at);

    public static final Table<LlmCallRow> LLM_CALLS =
            new Table<>(
                    "llm_calls",
                    (schema, r) -> {
                        GenericRecord g = new GenericData.Record(schema);
                        g.put("video_id", r.videoId());
                        g.put("frame", r.frame());
                        g.put("model", r.model());
                        g.put("prompt_version", r.promptVersion());
                        g.put("status", r.status());
                        g.put("attempts", r.attempts());
                        g.put("latency_ms", r.latencyMs());
                        g.put("input_tokens", r.inputTokens());
                        g.put("output_tokens", r.outputTokens());
                        g.put("cost", r.cost());
                        g.put("cached", r.cached());
                        g.put("at", r.at());
                        return g;
                    },
                    LlmCallRow::at);

    public static final Table<TranscriptRow> TRANSCRIPTS =
            new Table<>(
                    "transcripts",
                    (schema, r) -> {
                        GenericRecord g = new GenericData.Record(schema);
                        g.put("video_id", r.videoId());
                        g.put("segment", r.segment());
                        g.put("start_ms", r.startMs());
                        g.put("end_ms", r.endMs());
                        g.put("timecode", r.timecode());
                        g.put("text", r.text());
                        g.put("language", r.language());
                        g.put("confidence", r.confidence());
                        g.put("shot_index", r.shotIndex());
                        g.put("model", r.model());
                        g.put("processed_at", r.processedAt());
                        return g;
                    },
                    TranscriptRow::processedAt);

    public static final Table<SpeechCallRow> SPEECH_CALLS =
            new Table<>(
                    "speech_calls",
                    (schema, r) -> {
                        GenericRecord g = new GenericData.Record(schema);
                        g.put("video_id", r.videoId());
                        g.put("chunk", r.chunk());
                        g.put("start_ms", r.startMs());
                        g.put("end_ms", r.endMs());
                        g.put("model", r.model());
                        g.put("status", r.status());
                        g.put("attempts", r.attempts());
                        g.put("latency_ms", r.latencyMs());
                        g.put("audio_seconds", r.audioSeconds());
                        g.put("cost", r.cost());
                        g.put("cached", r.cached());
                        g.put("segments", r.segments());
                        g.put("at", r.at());
                        return g;
                    },
                    SpeechCallRow::at);
}
