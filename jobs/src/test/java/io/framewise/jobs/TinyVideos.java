package io.framewise.jobs;

import static io.framewise.testkit.samples.Scene.Look.GRADIENT;
import static io.framewise.testkit.samples.Scene.Look.SOLID;

import io.framewise.testkit.samples.LabelledVideo;
import io.framewise.testkit.samples.SampleSpec;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.Scene;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tiny labelled videos for the job tests, so that twenty index in seconds on two cores: 160x90, two
 * to four hard-cut shots of under a second each, MP4 and Matroska in turn (an MP4 needs seeking, so
 * a remote one must be spilled to a file).
 */
public final class TinyVideos {

    private static final int[] COLORS = {
        0x1E2A44, 0xF0F0F0, 0x803020, 0x20A040, 0x202020, 0xD0C020, 0x3050C0, 0x904090
    };

    private TinyVideos() {}

    /** Writes {@code n} videos named {@code PREFIX-00.mp4}, {@code PREFIX-01.mkv}, ... */
    public static List<LabelledVideo> write(Path dir, String prefix, int n) throws IOException {
        List<LabelledVideo> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Scene> scenes = new ArrayList<>();
            int shots = 2 + i % 3;
            for (int s = 0; s < shots; s++) {
                int color = COLORS[(i + 3 * s) % COLORS.length];
                scenes.add(Scene.cut(s % 2 == 0 ? SOLID : GRADIENT, color, 18 + (i + s) % 7));
            }
            SampleSpec spec = SampleSpec.of(String.format("%s-%02d", prefix, i), 160, 90, scenes);
            if (i % 2 == 0) {
                spec = spec.withFormat("mp4", "mpeg4");
            }
            out.add(SampleVideoWriter.write(spec, dir));
        }
        return out;
    }
}
