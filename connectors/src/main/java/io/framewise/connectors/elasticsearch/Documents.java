package io.framewise.connectors.elasticsearch;

import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.VideoRow;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The search documents of the job's rows, one method per index. Field names are those of the
 * Parquet columns and of the templates ({@code src/main/resources/elasticsearch/}); a new row field
 * is one {@code put} here (and a property in the template when it is not there yet). Null values
 * are left out.
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

    public static Document frame(FrameRow r) {
        Fields d = new Fields();
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
        d.put("text_vector", r.textVector());
        d.put("image_vector", r.imageVector());
        Fields scores = new Fields();
        scores.put("contrast", r.contrast());
        scores.put("exposure", r.exposure());
        scores.put("colourfulness", r.colourfulness());
        scores.put("text_coverage", r.textCoverage());
        scores.put("faces", r.faces());
        scores.put("largest_face", r.largestFace());
        scores.put("motion", r.motion());
        d.put("scores", scores.map);
        return new Document(frameId(r.videoId(), r.shotIndex(), r.frame()), r.videoId(), d.map);
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
        return new Document(shotId(r.videoId(), r.shotIndex()), r.videoId(), d.map);
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
        return new Document(r.videoId(), r.videoId(), d.map);
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

    /** An ordered map that skips nulls. */
    private static final class Fields {
        final Map<String, Object> map = new LinkedHashMap<>();

        void put(String name, Object value) {
            if (value != null) {
                map.put(name, value);
            }
        }
    }
}
