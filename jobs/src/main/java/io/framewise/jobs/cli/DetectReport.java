package io.framewise.jobs.cli;

import io.framewise.pipeline.shots.GradualTransition;
import io.framewise.pipeline.shots.HardCut;
import io.framewise.pipeline.shots.Shot;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.shots.VideoInfo;
import java.util.List;
import java.util.Locale;

/**
 * The JSON line {@code framewise detect --json} prints. Other tools read it: field names are a
 * contract (snake_case through {@link Json}).
 */
record DetectReport(
        String video,
        int width,
        int height,
        double fps,
        String fpsExact,
        int rotation,
        String codec,
        String container,
        long frames,
        long durationMs,
        List<HardCut> cuts,
        List<Gradual> gradual,
        List<Shot> shots) {

    /** A gradual transition with its kind in lower case. */
    record Gradual(long firstFrame, long lastFrame, String kind) {}

    /** The error object printed for a broken input. */
    record Failure(String video, Error error) {}

    /** Code and one-line message. */
    record Error(String code, String message) {}

    static DetectReport of(String video, ShotDetection d) {
        VideoInfo i = d.info();
        List<Gradual> gradual =
                d.gradual().stream()
                        .map(
                                (GradualTransition g) ->
                                        new Gradual(
                                                g.firstFrame(),
                                                g.lastFrame(),
                                                g.kind().name().toLowerCase(Locale.ROOT)))
                        .toList();
        return new DetectReport(
                video,
                i.width(),
                i.height(),
                Math.round(i.fps().toDouble() * 1000) / 1000.0,
                i.fps().toString(),
                i.rotation(),
                i.codec(),
                i.container(),
                i.frames(),
                i.durationMs(),
                d.cuts(),
                gradual,
                d.shots());
    }

    static Failure failure(String video, VideoException e) {
        return new Failure(video, new Error(e.codeName(), e.getMessage()));
    }
}
