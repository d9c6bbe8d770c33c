package io.framewise.udfs.shots;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import io.framewise.pipeline.frames.Picture;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;

/**
 * Converts a decoded picture straight to a reduced BGR picture with FFmpeg's scaler (area
 * averaging), whatever its pixel format, without a full-size RGB copy. BT.709 video is converted
 * with BT.709 coefficients, everything else with the scaler's default (BT.601). Not thread-safe.
 */
final class BgrScaler implements AutoCloseable {

    private final int width;
    private final int height;
    private final ScalerTarget target;
    private SwsContext scaler;

    /** A scaler to {@code width x height} BGR (coded orientation). */
    BgrScaler(int width, int height) {
        this.width = width;
        this.height = height;
        this.target = new ScalerTarget(1, 3 * width, height);
    }

    Picture convert(AVFrame frame) {
        scaler =
                sws_getCachedContext(
                        scaler,
                        frame.width(),
                        frame.height(),
                        frame.format(),
                        width,
                        height,
                        AV_PIX_FMT_BGR24,
                        SWS_AREA,
                        null,
                        null,
                        (DoublePointer) null);
        if (scaler == null) {
            throw new IllegalStateException(
                    "FFmpeg's scaler cannot convert pixel format " + frame.format() + " to BGR");
        }
        if (frame.colorspace() == AVCOL_SPC_BT709) {
            int srcRange = frame.color_range() == AVCOL_RANGE_JPEG ? 1 : 0;
            sws_setColorspaceDetails(
                    scaler,
                    sws_getCoefficients(SWS_CS_ITU709),
                    srcRange,
                    sws_getCoefficients(SWS_CS_DEFAULT),
                    1,
                    0,
                    1 << 16,
                    1 << 16);
        }
        sws_scale(
                scaler,
                frame.data(),
                frame.linesize(),
                0,
                frame.height(),
                target.planes(),
                target.strides());
        byte[] pixels = new byte[3 * width * height];
        target.copyTo(pixels);
        return new Picture(width, height, 3, pixels);
    }

    @Override
    public void close() {
        if (scaler != null) {
            sws_freeContext(scaler);
            scaler = null;
        }
        target.close();
    }
}
