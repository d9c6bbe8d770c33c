package io.framewise.udfs.preview;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.shots.VideoException.Code;
import io.framewise.pipeline.video.BrowserFormats;
import io.framewise.pipeline.video.PreviewConfig;
import io.framewise.pipeline.video.PreviewMaker;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Makes previews with FFmpeg: H.264 (OpenH264, the encoder this build carries) in MP4 at {@code
 * preview.height}, AAC sound when the original has sound, a keyframe every {@link #GOP_SECONDS}
 * seconds so that the player seeks quickly to a found moment, the original's frame times and
 * display rotation kept, so that the preview's times are the index's.
 */
public final class FfmpegPreviewMaker implements PreviewMaker {

    /** Seconds between the preview's keyframes: what a seek decodes at most. */
    static final double GOP_SECONDS = 2;

    /** Bits per pixel and frame: about 0.6 Mbit/s at 640x360, 30 fps. */
    static final double BITS_PER_PIXEL = 0.09;

    static final int AUDIO_BITRATE = 96_000;

    private final PreviewConfig config;

    public FfmpegPreviewMaker(PreviewConfig config) {
        this.config = config;
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }

    public static PreviewMaker.Factory factory(PreviewConfig config) {
        return () -> new FfmpegPreviewMaker(config);
    }

    @Override
    public boolean make(Path video, String name, Path target) throws VideoException {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
        grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            throw new VideoException(
                    Code.NOT_A_VIDEO, "cannot open " + name + ": " + e.getMessage());
        }
        try {
            if (!grabber.hasVideo()) {
                throw new VideoException(Code.NO_VIDEO_STREAM, name + " has no video stream");
            }
            if (BrowserFormats.mediaType(name, grabber.getVideoCodecName()) != null) {
                return false;
            }
            transcode(grabber, name, target);
            return true;
        } finally {
            try {
                grabber.close();
            } catch (FrameGrabber.Exception e) {
                // Closing after reading: nothing is lost.
            }
        }
    }

    private void transcode(FFmpegFrameGrabber grabber, String name, Path target)
            throws VideoException {
        int height = even(Math.min(config.height(), grabber.getImageHeight()));
        int width =
                even(
                        (int)
                                Math.round(
                                        (double) height
                                                * grabber.getImageWidth()
                                                * aspect(grabber)
                                                / grabber.getImageHeight()));
        // The decoder scales each picture as it comes (JavaCV reads these per frame).
        grabber.setImageWidth(width);
        grabber.setImageHeight(height);
        double fps = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 25;
        boolean sound = grabber.hasAudio() && grabber.getAudioChannels() > 0;
        try (FFmpegFrameRecorder recorder =
                new FFmpegFrameRecorder(target.toFile(), width, height, sound ? 2 : 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("libopenh264");
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize((int) Math.max(1, Math.round(fps * GOP_SECONDS)));
            recorder.setVideoBitrate(
                    (int) Math.max(200_000, width * height * fps * BITS_PER_PIXEL));
            recorder.setDisplayRotation(grabber.getDisplayRotation());
            // The index box at the front: the browser starts playing before the whole file came.
            recorder.setOption("movflags", "+faststart");
            if (sound) {
                recorder.setAudioCodec(AV_CODEC_ID_AAC);
                recorder.setSampleRate(grabber.getSampleRate());
                recorder.setAudioBitrate(AUDIO_BITRATE);
            }
            recorder.start();
            Frame frame;
            while ((frame = grabber.grab()) != null) {
                if (frame.image != null) {
                    recorder.setTimestamp(Math.max(recorder.getTimestamp(), frame.timestamp));
                    recorder.record(frame, AV_PIX_FMT_YUV420P);
                } else if (frame.samples != null && sound) {
                    recorder.record(frame);
                }
            }
            recorder.stop();
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw new VideoException(
                    Code.CORRUPT, "cannot make a preview of " + name + ": " + e.getMessage());
        }
    }

    /** The pictures' sample aspect ratio (1 for square pixels). */
    private static double aspect(FFmpegFrameGrabber grabber) {
        double sar = grabber.getAspectRatio();
        return sar > 0 ? sar : 1;
    }

    private static int even(int n) {
        return Math.max(2, n - n % 2);
    }

    @Override
    public void close() {}
}
