package io.framewise.connectors.parquet;

import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.LlmCallRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.TextRow;
import io.framewise.pipeline.rows.VideoRow;
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
}
