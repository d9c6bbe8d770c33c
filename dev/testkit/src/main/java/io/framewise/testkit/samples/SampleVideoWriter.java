package io.framewise.testkit.samples;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.framewise.testkit.samples.LabelledVideo.ShotText;
import io.framewise.testkit.samples.Scene.Enter;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Renders a {@link SampleSpec} to a video file and returns its exact ground truth.
 *
 * <p>Everything is drawn (Java2D) and encoded (FFmpeg through JavaCV) here, deterministically, so
 * tests and the demo need no external files: the same spec gives the same pictures and labels.
 * Keyframes follow the spec's fixed interval, never the cuts, so a detector cannot find cuts by
 * reading where the encoder put its keyframes.
 */
public final class SampleVideoWriter {

    static {
        // The recorder prints the stream layout at FFmpeg's info level; keep the console clean.
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(
                org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
    }

    private SampleVideoWriter() {}

    /** Writes {@code spec} into {@code dir} and returns the video's labels. */
    public static LabelledVideo write(SampleSpec spec, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(spec.fileName());
        Timeline timeline = Timeline.of(spec.scenes());
        int w = spec.width();
        int h = spec.height();
        double fps = (double) spec.fpsNum() / spec.fpsDen();
        BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage other = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), w, h, 0);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat(spec.muxer());
            recorder.setVideoCodecName(spec.codec());
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            // A variable-rate file is written on a doubled clock so that frames can last half or
            // one and a half nominal frames.
            recorder.setFrameRate(spec.variableRate() ? fps * 2 : fps);
            recorder.setGopSize(spec.gop());
            recorder.setMaxBFrames(spec.bFrames());
            recorder.setVideoBitrate(Math.max(400_000, w * h * 4));
            recorder.setVideoOption("sc_threshold", "1000000000");
            if (spec.rotation() != 0) {
                // JavaCV takes the angle counter-clockwise, as FFmpeg's display matrix does.
                recorder.setDisplayRotation(-spec.rotation());
            }
            recorder.start();
            long clock = 0;
            for (int f = 0; f < timeline.frames(); f++) {
                timeline.render(f, canvas, other);
                Frame frame = converter.convert(canvas);
                if (spec.variableRate()) {
                    recorder.setTimestamp(Math.round(clock * 1_000_000 / (fps * 2)));
                    clock += f % 2 == 0 ? 1 : 3;
                }
                recorder.record(frame, AV_PIX_FMT_BGR24);
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("cannot encode " + file + ": " + e.getMessage(), e);
        }
        return timeline.labels(spec.fileName(), w, h, fps);
    }

    /** Where each scene sits in the video, and how to draw any frame of it. */
    private record Timeline(List<Scene> scenes, int[] starts, int frames) {

        static Timeline of(List<Scene> scenes) {
            int[] starts = new int[scenes.size()];
            int at = 0;
            for (int i = 0; i < scenes.size(); i++) {
                starts[i] = at;
                at += scenes.get(i).frames();
            }
            return new Timeline(scenes, starts, at);
        }

        int sceneAt(int frame) {
            int k = 0;
            while (k + 1 < starts.length && starts[k + 1] <= frame) {
                k++;
            }
            return k;
        }

        void render(int frame, BufferedImage canvas, BufferedImage other) {
            int k = sceneAt(frame);
            Scene scene = scenes.get(k);
            int local = frame - starts[k];
            Graphics2D g = canvas.createGraphics();
            try {
                draw(g, scene, k, local, canvas.getWidth(), canvas.getHeight());
                int d = scene.transitionFrames();
                if (k > 0 && local < d && scene.enter() != Enter.CUT) {
                    Scene previous = scenes.get(k - 1);
                    int previousLocal = previous.frames() + local;
                    if (scene.enter() == Enter.DISSOLVE) {
                        Graphics2D o = other.createGraphics();
                        draw(
                                o,
                                previous,
                                k - 1,
                                previousLocal,
                                canvas.getWidth(),
                                canvas.getHeight());
                        o.dispose();
                        float alpha = 1f - (local + 1f) / (d + 1f);
                        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, alpha));
                        g.drawImage(other, 0, 0, null);
                    } else {
                        int half = d / 2;
                        float dark;
                        if (local < half) {
                            draw(
                                    g,
                                    previous,
                                    k - 1,
                                    previousLocal,
                                    canvas.getWidth(),
                                    canvas.getHeight());
                            dark = (local + 1f) / (half + 1f);
                        } else {
                            dark = 1f - (local - half) / (float) (d - half);
                        }
                        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, dark));
                        g.setColor(Color.BLACK);
                        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
                    }
                }
                for (int flash : scene.flashes()) {
                    if (local == flash || local == flash + 1) {
                        g.setComposite(AlphaComposite.Src);
                        g.setColor(Color.WHITE);
                        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
                    }
                }
            } finally {
                g.dispose();
            }
        }

        private static void draw(Graphics2D g, Scene scene, int index, int local, int w, int h) {
            g.setComposite(AlphaComposite.Src);
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Color bg = new Color(scene.color());
            switch (scene.look()) {
                case SOLID -> {
                    g.setColor(bg);
                    g.fillRect(0, 0, w, h);
                }
                case GRADIENT -> {
                    float shift = local * 2f;
                    g.setPaint(
                            new GradientPaint(
                                    shift, 0, bg, shift + w, h, bg.brighter().brighter(), true));
                    g.fillRect(0, 0, w, h);
                }
                case MOTION -> {
                    g.setColor(bg);
                    g.fillRect(0, 0, w, h);
                    Random random = new Random(31L * index + 7);
                    for (int s = 0; s < 8; s++) {
                        int size =
                                Math.max(
                                        8,
                                        (int)
                                                (Math.min(w, h)
                                                        * (0.08 + 0.15 * random.nextDouble())));
                        double vx = (random.nextDouble() - 0.5) * w / 20.0;
                        double vy = (random.nextDouble() - 0.5) * h / 20.0;
                        int x =
                                (int)
                                        Math.floorMod(
                                                (long) (random.nextInt(w) + vx * local), (long) w);
                        int y =
                                (int)
                                        Math.floorMod(
                                                (long) (random.nextInt(h) + vy * local), (long) h);
                        g.setColor(new Color(random.nextInt(0xFFFFFF)));
                        g.fillOval(x - size / 2, y - size / 2, size, size);
                    }
                }
            }
            TextStyle style = scene.style();
            int size = style.size() > 0 ? style.size() : Math.max(10, Math.min(w, h) / 12);
            g.setFont(
                    switch (style.face()) {
                        case SANS_BOLD -> new Font(Font.SANS_SERIF, Font.BOLD, size);
                        case SERIF -> new Font(Font.SERIF, Font.PLAIN, size);
                        case MONO -> new Font(Font.MONOSPACED, Font.PLAIN, size);
                    });
            boolean light =
                    (bg.getRed() * 299 + bg.getGreen() * 587 + bg.getBlue() * 114) / 1000 > 140;
            g.setColor(light ? Color.BLACK : Color.WHITE);
            List<String> lines = scene.text();
            int y = h / 5 + size;
            switch (style.motion()) {
                case STATIC -> {}
                case TYPED ->
                        lines = lines.subList(0, Math.min(lines.size(), 1 + local / style.step()));
                case SCROLLED -> y -= local * style.step();
                case CAPTIONS -> {
                    lines =
                            lines.isEmpty()
                                    ? lines
                                    : List.of(lines.get((local / style.step()) % lines.size()));
                    y = h * 17 / 20;
                }
            }
            for (String line : lines) {
                g.drawString(line, w / 12, y);
                y += size * 3 / 2;
            }
        }

        LabelledVideo labels(String file, int w, int h, double fps) {
            List<Integer> cuts = new ArrayList<>();
            List<int[]> gradual = new ArrayList<>();
            List<Integer> noCut = new ArrayList<>();
            List<ShotText> shots = new ArrayList<>();
            for (int k = 0; k < scenes.size(); k++) {
                Scene scene = scenes.get(k);
                int start = starts[k];
                if (k > 0 && scene.enter() == Enter.CUT) {
                    cuts.add(start);
                } else if (k > 0) {
                    gradual.add(new int[] {start, start + scene.transitionFrames() - 1});
                }
                for (int flash : scene.flashes()) {
                    noCut.add(start + flash);
                    noCut.add(start + flash + 2);
                }
                noCut.addAll(textChanges(scene, start));
                shots.add(new ShotText(start, scene.text()));
            }
            return new LabelledVideo(file, w, h, fps, frames, cuts, gradual, noCut, shots);
        }

        /** Frames where a line is typed in or a caption changes: sudden, but not cuts. */
        private static List<Integer> textChanges(Scene scene, int start) {
            TextStyle style = scene.style();
            List<Integer> frames = new ArrayList<>();
            int lines = scene.text().size();
            if (style.motion() == TextStyle.Motion.TYPED) {
                for (int i = 1; i < lines && i * style.step() < scene.frames(); i++) {
                    frames.add(start + i * style.step());
                }
            } else if (style.motion() == TextStyle.Motion.CAPTIONS && lines > 1) {
                for (int at = style.step(); at < scene.frames(); at += style.step()) {
                    frames.add(start + at);
                }
            }
            return frames;
        }
    }
}
