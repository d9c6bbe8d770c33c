package io.framewise.udfs.shots;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;

/**
 * Turns a decoded picture into a small signature without any RGB conversion.
 *
 * <p>FFmpeg's scaler area-averages the decoded planes, whatever their pixel format (8 or 10 bit,
 * 4:2:0, 4:2:2, NV12 ...), straight into a tiny 4:4:4 YUV grid of {@link Signature#LONG_SIDE} cells
 * along the longer side ({@link Signature#FINE} times that for the fine luma grid), so each cell
 * holds the mean luma and chroma of a block of the picture. Luma edges are then taken from that
 * grid. Not thread-safe.
 */
final class SignatureSampler implements AutoCloseable {

    private final int gridWidth;
    private final int gridHeight;
    private final int fineWidth;
    private final int fineHeight;
    private final ScalerTarget target;
    private final byte[] yuv;
    private SwsContext scaler;

    SignatureSampler(int width, int height) {
        int[] dims = Signature.grid(width, height);
        this.gridWidth = dims[0];
        this.gridHeight = dims[1];
        this.fineWidth = Signature.FINE * gridWidth;
        this.fineHeight = Signature.FINE * gridHeight;
        this.target = new ScalerTarget(3, fineWidth, fineHeight);
        this.yuv = new byte[3 * fineWidth * fineHeight];
    }

    /**
     * The signature of {@code frame}: a new array of {@link Signature#length(int)} bytes. Padding
     * the decoder has not cropped yet on the right or at the bottom (H.264 codes 360 rows as 368)
     * is left out, so a picture taken before cropping gets the signature of the cropped one.
     */
    byte[] sample(AVFrame frame) {
        int width = frame.width() - (int) frame.crop_right();
        int height = frame.height() - (int) frame.crop_bottom();
        scaler =
                sws_getCachedContext(
                        scaler,
                        width,
                        height,
                        frame.format(),
                        fineWidth,
                        fineHeight,
                        AV_PIX_FMT_YUV444P,
                        SWS_AREA,
                        null,
                        null,
                        (DoublePointer) null);
        sws_scale(
                scaler,
                frame.data(),
                frame.linesize(),
                0,
                height,
                target.planes(),
                target.strides());
        target.copyTo(yuv);
        return Signature.of(yuv, gridWidth, gridHeight);
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
