package io.framewise.pipeline.stages;

import io.framewise.pipeline.messages.VideoSpeech;
import io.framewise.pipeline.rows.TranscriptRow;
import io.framewise.pipeline.shots.Shot;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.Timecode;
import io.framewise.pipeline.speech.SpokenSegment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins a video's transcript to its shots: each segment belongs to the shot it starts in (before
 * the first shot: the first; after the last: the last), becomes a {@code transcripts} row with that
 * shot and its timecode, and joins the shot's spoken text.
 */
public final class SpeechOnShots {

    private SpeechOnShots() {}

    /**
     * Emits the {@code transcripts} rows of {@code speech} and returns each shot's spoken text
     * (segments joined by spaces), by shot index; shots where nothing is said are absent.
     */
    public static Map<Integer, String> write(
            VideoSpeech speech, ShotDetection shots, long now, VideoAssembly.Rows out) {
        Map<Integer, StringBuilder> texts = new HashMap<>();
        List<SpokenSegment> segments = speech.segments();
        for (int i = 0; i < segments.size(); i++) {
            SpokenSegment s = segments.get(i);
            int shot = shotAt(shots.shots(), s.startMs());
            out.transcript(
                    new TranscriptRow(
                            speech.videoId(),
                            i,
                            s.startMs(),
                            s.endMs(),
                            timecode(shots, s.startMs()),
                            s.text(),
                            speech.language(),
                            s.confidence(),
                            shot,
                            speech.model(),
                            now));
            StringBuilder b = texts.computeIfAbsent(shot, k -> new StringBuilder());
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(s.text());
        }
        Map<Integer, String> byShot = new HashMap<>();
        texts.forEach((shot, b) -> byShot.put(shot, b.toString()));
        return byShot;
    }

    /** The index of the shot {@code ms} falls in. */
    public static int shotAt(List<Shot> shots, long ms) {
        if (shots.isEmpty()) {
            return 0;
        }
        for (Shot s : shots) {
            if (ms < s.endMs()) {
                return s.index();
            }
        }
        return shots.get(shots.size() - 1).index();
    }

    private static String timecode(ShotDetection shots, long ms) {
        var fps = shots.info().fps();
        long frame = Math.round(ms / 1000.0 * fps.toDouble());
        return Timecode.of(frame, fps);
    }
}
