package io.framewise.testkit.samples;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Writes a video that speaks known sentences at known moments, for tests, the demo and the
 * benchmark: coloured shots with hard cuts, and an audio track with Debian's {@code espeak-ng}
 * speaking each sentence where it is placed, pure tones (sine sweeps) where asked, and silence
 * elsewhere. It returns where each sentence really is: its first and last sample louder than 1% of
 * full scale.
 *
 * <p>Needs the {@code espeak-ng} command ({@link #available()}); the audio is AAC in MP4 (or any
 * muxer FFmpeg has), 22,050 Hz mono as espeak-ng speaks.
 */
public final class SpeakingVideo {

    /** espeak-ng's sample rate. */
    public static final int RATE = 22_050;

    /** A sentence to speak from {@code atMs}. */
    public record Line(long atMs, String text) {}

    /** A sine sweep from {@code fromHz} to {@code toHz} over a time range. */
    public record Sweep(long startMs, long endMs, double fromHz, double toHz) {}

    /** Where a sentence is heard in the written video. */
    public record Spoken(long startMs, long endMs, String text) {}

    /**
     * What to write.
     *
     * @param lengthMs the video's length
     * @param cutsMs where shots change (hard cuts)
     * @param lines sentences to speak
     * @param sweeps tones
     * @param audio whether the file has an audio stream at all
     */
    public record Spec(
            long lengthMs,
            List<Long> cutsMs,
            List<Line> lines,
            List<Sweep> sweeps,
            boolean audio) {}

    static {
        // The recorder prints the stream layout at FFmpeg's info level; keep the console clean.
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(
                org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
    }

    private SpeakingVideo() {}

    /** Whether {@code espeak-ng} can be run here. */
    public static boolean available() {
        try {
            Process p =
                    new ProcessBuilder("espeak-ng", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code text} spoken by espeak-ng, as 22,050 Hz mono samples. */
    public static short[] speak(String text) throws IOException {
        Path wav = Files.createTempFile("framewise-speech", ".wav");
        try {
            Process p =
                    new ProcessBuilder(
                                    "espeak-ng",
                                    "-v",
                                    "en-us",
                                    "-s",
                                    "160",
                                    "-w",
                                    wav.toString(),
                                    text)
                            .redirectErrorStream(true)
                            .start();
            String said = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("espeak-ng failed: " + said.strip());
            }
            try (AudioInputStream in =
                    AudioSystem.getAudioInputStream(
                            new ByteArrayInputStream(Files.readAllBytes(wav)))) {
                AudioFormat f = in.getFormat();
                if (f.getChannels() != 1
                        || f.getSampleSizeInBits() != 16
                        || Math.round(f.getSampleRate()) != RATE) {
                    throw new IOException("espeak-ng spoke an unexpected format: " + f);
                }
                byte[] bytes = in.readAllBytes();
                short[] s = new short[bytes.length / 2];
                ByteBuffer.wrap(bytes)
                        .order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                        .asShortBuffer()
                        .get(s);
                return s;
            } catch (UnsupportedAudioFileException e) {
                throw new IOException("espeak-ng wrote no WAV file", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    /** The audio track of {@code spec} at {@link #RATE}, and where each sentence is heard. */
    public static List<Spoken> track(Spec spec, short[] track) throws IOException {
        List<Spoken> spoken = new ArrayList<>();
        java.util.Map<String, short[]> said = new java.util.HashMap<>();
        for (Line line : spec.lines()) {
            short[] s = said.get(line.text());
            if (s == null) {
                s = speak(line.text());
                said.put(line.text(), s);
            }
            int at = (int) (line.atMs() * RATE / 1000);
            int first = -1;
            int last = -1;
            for (int i = 0; i < s.length && at + i < track.length; i++) {
                track[at + i] = s[i];
                if (Math.abs(s[i]) > 328) {
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                }
            }
            if (first >= 0) {
                spoken.add(
                        new Spoken(
                                (at + first) * 1000L / RATE,
                                (at + last + 1) * 1000L / RATE,
                                line.text()));
            }
        }
        for (Sweep sw : spec.sweeps()) {
            int from = (int) (sw.startMs() * RATE / 1000);
            int to = (int) Math.min(track.length, sw.endMs() * RATE / 1000);
            double phase = 0;
            for (int i = from; i < to; i++) {
                double t = (i - from) / (double) (to - from);
                double hz = sw.fromHz() + (sw.toHz() - sw.fromHz()) * t;
                phase += 2 * Math.PI * hz / RATE;
                track[i] = (short) (0.3 * 32767 * Math.sin(phase));
            }
        }
        return spoken;
    }

    /** Writes {@code spec} to {@code file} (muxer by its extension) and returns what is heard. */
    public static List<Spoken> write(Spec spec, Path file) throws IOException {
        return write(spec, file, 25);
    }

    /** {@link #write(Spec, Path)} at {@code fps} frames per second (fewer: a long video, fast). */
    public static List<Spoken> write(Spec spec, Path file, int fps) throws IOException {
        short[] track = new short[(int) (spec.lengthMs() * RATE / 1000)];
        List<Spoken> spoken = spec.audio() ? track(spec, track) : List.of();
        int w = 320;
        int h = 240;
        Files.createDirectories(file.toAbsolutePath().getParent());
        BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Color[] colours = {
            new Color(200, 40, 40), new Color(40, 160, 60), new Color(40, 60, 200),
            new Color(220, 200, 40), new Color(160, 40, 200), new Color(40, 200, 200)
        };
        try (FFmpegFrameRecorder recorder =
                        new FFmpegFrameRecorder(file.toFile(), w, h, spec.audio() ? 1 : 0);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setVideoCodecName("mpeg4");
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize(Math.max(1, fps * 2));
            recorder.setVideoBitrate(400_000);
            if (spec.audio()) {
                recorder.setAudioCodecName("aac");
                recorder.setSampleRate(RATE);
                recorder.setAudioBitrate(64_000);
            }
            recorder.start();
            long frames = spec.lengthMs() * fps / 1000;
            int written = 0;
            for (long f = 0; f < frames; f++) {
                long ms = f * 1000 / fps;
                int shot = 0;
                for (long cut : spec.cutsMs()) {
                    if (ms >= cut) {
                        shot++;
                    }
                }
                Graphics2D g = canvas.createGraphics();
                g.setColor(colours[shot % colours.length]);
                g.fillRect(0, 0, w, h);
                g.setColor(Color.WHITE);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
                g.drawString("shot " + (shot + 1), 20 + shot * 10, 60 + shot * 20);
                g.fillRect((int) (f * 3 % (w - 20)), h - 40, 20, 20);
                g.dispose();
                recorder.record(converter.convert(canvas), AV_PIX_FMT_BGR24);
                if (spec.audio()) {
                    int upTo = (int) Math.min(track.length, (f + 1) * RATE / fps);
                    if (upTo > written) {
                        recorder.recordSamples(
                                RATE, 1, ShortBuffer.wrap(track, written, upTo - written));
                        written = upTo;
                    }
                }
            }
            if (spec.audio() && written < track.length) {
                recorder.recordSamples(
                        RATE, 1, ShortBuffer.wrap(track, written, track.length - written));
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("cannot encode " + file + ": " + e.getMessage(), e);
        }
        return spoken;
    }
}
