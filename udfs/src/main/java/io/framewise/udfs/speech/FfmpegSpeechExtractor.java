package io.framewise.udfs.speech;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;

import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.shots.VideoException.Code;
import io.framewise.pipeline.speech.AudioChunk;
import io.framewise.pipeline.speech.SpeechAudio;
import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.pipeline.speech.SpeechExtractor;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * The {@link SpeechExtractor} on FFmpeg (JavaCV): decodes a video's audio stream, downmixed and
 * resampled to 16 kHz mono 16-bit by FFmpeg's resampler, and streams it through a {@link
 * SpeechChunker}. No external process; video packets are skipped without being decoded.
 *
 * <p>A stream that decodes to less than 90% of the duration its container declares is damaged: the
 * chunks found before the damage have been handed on, and a {@code corrupt} {@link VideoException}
 * reports it (FFmpeg's decoders skip packets they cannot read rather than fail).
 *
 * <p>The audio stream is the best one FFmpeg finds, or the stream {@code speech.audio-stream}
 * names. A file without an audio stream gives {@link SpeechAudio#none()}; an audio stream that
 * cannot be opened or decoded is a {@link VideoException} ({@code corrupt} or {@code
 * unsupported_codec}). The first sample is placed at the first audio frame's timestamp on the
 * file's timeline.
 */
public final class FfmpegSpeechExtractor implements SpeechExtractor {

    static {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }

    private final SpeechConfig config;

    public FfmpegSpeechExtractor(SpeechConfig config) {
        this.config = config;
    }

    /** A serializable factory for the job. */
    public static SpeechExtractor.Factory factory(SpeechConfig config) {
        return new ExtractorFactory(config);
    }

    private record ExtractorFactory(SpeechConfig config) implements SpeechExtractor.Factory {
        @Override
        public SpeechExtractor create() {
            return new FfmpegSpeechExtractor(config);
        }
    }

    @Override
    public SpeechAudio extract(String videoId, Path video, Consumer<AudioChunk> chunks)
            throws VideoException {
        if (!Files.isRegularFile(video)) {
            throw new VideoException(Code.NOT_FOUND, "no such file: " + video);
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
        grabber.setSampleMode(FrameGrabber.SampleMode.SHORT);
        grabber.setSampleFormat(AV_SAMPLE_FMT_S16);
        grabber.setSampleRate(SpeechChunker.RATE);
        grabber.setAudioChannels(1);
        if (config.audioStream() >= 0) {
            grabber.setAudioStream(config.audioStream());
        }
        try {
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                // The file as a whole is unreadable: the visual stages report it too.
                throw new VideoException(
                        Code.NOT_A_VIDEO,
                        "not a media file FFmpeg can read: " + video.getFileName());
            }
            if (!grabber.hasAudio()) {
                return SpeechAudio.none();
            }
            SpeechChunker chunker = null;
            short[] block = new short[0];
            Frame frame;
            while (true) {
                try {
                    frame = grabber.grabSamples();
                } catch (FrameGrabber.Exception | RuntimeException e) {
                    throw new VideoException(
                            Code.CORRUPT,
                            "the audio stream cannot be decoded ("
                                    + oneLine(e)
                                    + "): "
                                    + video.getFileName());
                }
                if (frame == null) {
                    break;
                }
                if (frame.samples == null || frame.samples.length == 0) {
                    continue;
                }
                if (chunker == null) {
                    long offsetMs = Math.max(0, frame.timestamp / 1000);
                    chunker = new SpeechChunker(config, videoId, offsetMs, chunks);
                }
                ShortBuffer sb = (ShortBuffer) frame.samples[0];
                int n = sb.remaining();
                if (block.length < n) {
                    block = new short[n];
                }
                sb.get(block, 0, n);
                chunker.accept(block, 0, n);
            }
            if (chunker == null) {
                throw new VideoException(
                        Code.CORRUPT,
                        "the audio stream holds no audio that can be decoded: "
                                + video.getFileName());
            }
            chunker.finish();
            long decodedMs = chunker.samples() * 1000 / SpeechChunker.RATE;
            long declaredMs = declaredMs(grabber);
            if (declaredMs > 2_000 && decodedMs < declaredMs * 9 / 10) {
                // The decoder skips packets it cannot read: a stream that yields much less audio
                // than it declares is damaged. What was found before goes on; this is reported.
                throw new VideoException(
                        Code.CORRUPT,
                        String.format(
                                Locale.ROOT,
                                "the audio stream is damaged: only %.1f s of its %.1f s could be"
                                        + " decoded: %s",
                                decodedMs / 1000.0,
                                declaredMs / 1000.0,
                                video.getFileName()));
            }
            return new SpeechAudio(
                    true,
                    chunker.samples() * 1000 / SpeechChunker.RATE,
                    chunker.regions(),
                    chunker.chunks());
        } finally {
            try {
                grabber.close();
            } catch (FrameGrabber.Exception e) {
                // Closing a file we only read: nothing to lose.
            }
        }
    }

    /** The audio stream's duration as its container declares it; 0 when unknown. */
    private static long declaredMs(FFmpegFrameGrabber grabber) {
        AVFormatContext format = grabber.getFormatContext();
        int index = grabber.getAudioStream();
        if (format == null || index < 0 || index >= format.nb_streams()) {
            return 0;
        }
        AVStream stream = format.streams(index);
        if (stream.duration() == avutil.AV_NOPTS_VALUE || stream.duration() <= 0) {
            return 0;
        }
        AVRational base = stream.time_base();
        return stream.duration() * 1000 * base.num() / base.den();
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }

    @Override
    public void close() {}
}
