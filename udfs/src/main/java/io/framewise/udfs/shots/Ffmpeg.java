package io.framewise.udfs.shots;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import io.framewise.udfs.frames.JavaCpp;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.swscale;

/** Loads FFmpeg's natives once and keeps its logging off the console (errors are ours to word). */
final class Ffmpeg {

    static {
        JavaCpp.load(avformat.class, avcodec.class, swscale.class);
        av_log_set_level(AV_LOG_QUIET);
    }

    private Ffmpeg() {}

    /** Ensures the static initialiser ran. */
    static void load() {}

    /** FFmpeg's text for an error code, e.g. "Invalid data found when processing input". */
    static String describe(int error) {
        byte[] buf = new byte[256];
        av_strerror(error, buf, buf.length);
        int end = 0;
        while (end < buf.length && buf[end] != 0) {
            end++;
        }
        return new String(buf, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }
}
