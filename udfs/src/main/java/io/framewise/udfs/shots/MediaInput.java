package io.framewise.udfs.shots;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG2_FAST;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;

import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.shots.VideoException.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One opened video file: its container, its video stream and a decoder for it.
 *
 * <p>Every failure to open becomes a {@link VideoException} with a code and a one-line reason.
 * Blocking I/O inside FFmpeg is cut off at the {@link Deadline} through FFmpeg's interrupt
 * callback, so a stalled read cannot hang the caller. Not thread-safe: one per decoding thread.
 */
final class MediaInput implements AutoCloseable {

    private final String name;
    private final Deadline deadline;
    private AVFormatContext format;
    private AVCodecContext decoder;
    private AVCodecContext spare;
    private final boolean skipLoopFilter;
    private final AVStream stream;
    private final int streamIndex;

    /** Deadlines of the inputs being opened or read, by the address their callback is given. */
    private static final Map<Long, Deadline> DEADLINES = new ConcurrentHashMap<>();

    /**
     * Stops FFmpeg's blocking calls once an input's deadline has passed. One instance serves every
     * input of the JVM (JavaCPP allows only a few live callback instances per class).
     */
    private static final class Interrupt extends AVIOInterruptCB.Callback_Pointer {
        @Override
        public int call(Pointer opaque) {
            Deadline deadline = DEADLINES.get(opaque.address());
            return deadline != null && deadline.passed() ? 1 : 0;
        }
    }

    private static final Interrupt INTERRUPT = new Interrupt();

    /** A distinct native address per input, to key its deadline. */
    private final Pointer key = new BytePointer(1);

    private MediaInput(Path path, Deadline deadline, boolean skipLoopFilter) throws VideoException {
        Ffmpeg.load();
        this.name = path.toString();
        this.deadline = deadline;
        this.skipLoopFilter = skipLoopFilter;
        checkFile(path);
        DEADLINES.put(key.address(), deadline);
        AVFormatContext ctx = avformat_alloc_context();
        ctx.interrupt_callback().callback(INTERRUPT);
        ctx.interrupt_callback().opaque(key);
        int ret = avformat_open_input(ctx, path.toString(), null, null);
        if (ret < 0) {
            // avformat_open_input frees the context when it fails.
            DEADLINES.remove(key.address());
            key.close();
            deadline.check(name);
            if (isMp4(path)) {
                // An MP4 whose index (moov) was to come at the end: the upload was cut short.
                throw new VideoException(
                        Code.TRUNCATED,
                        "truncated: an MP4 file without its index (moov box), cut off before"
                                + " the end: "
                                + name);
            }
            throw new VideoException(
                    Code.NOT_A_VIDEO,
                    "not a video FFmpeg can read (" + Ffmpeg.describe(ret) + "): " + name);
        }
        this.format = ctx;
        try {
            ret = avformat_find_stream_info(format, (PointerPointer<?>) null);
            if (ret < 0) {
                deadline.check(name);
                throw new VideoException(
                        Code.CORRUPT,
                        "cannot read the streams (" + Ffmpeg.describe(ret) + "): " + name);
            }
            int index = bestVideoStream();
            this.streamIndex = index;
            this.stream = format.streams(index);
            this.decoder = openDecoder(stream.codecpar(), skipLoopFilter);
        } catch (VideoException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Opens {@code path} for decoding. */
    static MediaInput open(Path path, Deadline deadline, boolean skipLoopFilter)
            throws VideoException {
        return new MediaInput(path, deadline, skipLoopFilter);
    }

    /** True when the file starts with an ISO media {@code ftyp} box (MP4, MOV, 3GP). */
    private static boolean isMp4(Path path) {
        byte[] head = new byte[8];
        try (var in = Files.newInputStream(path)) {
            return in.readNBytes(head, 0, 8) == 8
                    && head[4] == 'f'
                    && head[5] == 't'
                    && head[6] == 'y'
                    && head[7] == 'p';
        } catch (IOException e) {
            return false;
        }
    }

    private void checkFile(Path path) throws VideoException {
        if (!Files.exists(path)) {
            throw new VideoException(Code.NOT_FOUND, "no such file: " + name);
        }
        if (!Files.isRegularFile(path)) {
            throw new VideoException(Code.UNREADABLE, "not a regular file: " + name);
        }
        if (!Files.isReadable(path)) {
            throw new VideoException(Code.UNREADABLE, "no permission to read: " + name);
        }
        try {
            if (Files.size(path) == 0) {
                throw new VideoException(Code.EMPTY_FILE, "empty file (0 bytes): " + name);
            }
        } catch (IOException e) {
            throw new VideoException(Code.UNREADABLE, "cannot read: " + name + ": " + e);
        }
    }

    private int bestVideoStream() throws VideoException {
        // Without a decoder argument FFmpeg picks the stream whatever its codec; whether the codec
        // can be decoded is checked when the decoder is opened, with its own error.
        int index = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        if (index < 0) {
            throw new VideoException(
                    Code.NO_VIDEO_STREAM, "no video stream (" + streamKinds() + "): " + name);
        }
        return index;
    }

    private String streamKinds() {
        StringBuilder kinds = new StringBuilder();
        for (int i = 0; i < format.nb_streams(); i++) {
            AVCodecParameters par = format.streams(i).codecpar();
            if (kinds.length() > 0) {
                kinds.append(", ");
            }
            kinds.append(
                    switch (par.codec_type()) {
                        case 1 -> "audio";
                        case 2 -> "data";
                        case 3 -> "subtitle";
                        case 4 -> "attachment";
                        default -> "other";
                    });
            kinds.append(' ').append(avcodec_get_name(par.codec_id()).getString());
        }
        return kinds.length() == 0 ? "no streams at all" : "only " + kinds;
    }

    private AVCodecContext openDecoder(AVCodecParameters par, boolean skipLoopFilter)
            throws VideoException {
        String codecName = avcodec_get_name(par.codec_id()).getString();
        AVCodec codec = avcodec_find_decoder(par.codec_id());
        if (codec == null) {
            throw new VideoException(
                    Code.UNSUPPORTED_CODEC,
                    "no decoder for video codec '" + codecName + "' in this build: " + name);
        }
        if (par.width() <= 0 || par.height() <= 0) {
            throw new VideoException(
                    Code.CORRUPT, "video stream has no picture size (damaged header): " + name);
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        int ret = avcodec_parameters_to_context(ctx, par);
        if (ret >= 0) {
            // One thread per decoder: parallelism comes from decoding segments side by side,
            // which scales across Flink subtasks as well as cores. (Frame threads did not speed
            // up the keyframe pass either: 22.4 s with one, 24.2 s with two on the benchmark.)
            ctx.thread_count(1);
            DecodedPictures.watch(ctx);
            if (skipLoopFilter) {
                // The deblocking filter smooths block edges; the detector's signature averages
                // blocks of ~20x20 pixels and does not see the difference, and h264 decodes
                // ~15-25% faster without it. AVDISCARD_ALL = 48.
                ctx.skip_loop_filter(48);
                ctx.flags2(ctx.flags2() | AV_CODEC_FLAG2_FAST);
            }
            ret = avcodec_open2(ctx, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
        }
        if (ret < 0) {
            DecodedPictures.forget(ctx);
            avcodec_free_context(ctx);
            throw new VideoException(
                    Code.UNSUPPORTED_CODEC,
                    "cannot open a decoder for '"
                            + codecName
                            + "' ("
                            + Ffmpeg.describe(ret)
                            + "): "
                            + name);
        }
        return ctx;
    }

    String name() {
        return name;
    }

    AVFormatContext format() {
        return format;
    }

    AVStream stream() {
        return stream;
    }

    int streamIndex() {
        return streamIndex;
    }

    AVCodecContext decoder() {
        return decoder;
    }

    Deadline deadline() {
        return deadline;
    }

    /**
     * A second decoder of the video stream with the same settings, opened on first use and freed
     * with this input: it decodes a keyframe read ahead without disturbing {@link #decoder()}.
     */
    AVCodecContext spareDecoder() throws VideoException {
        if (spare == null) {
            spare = openDecoder(stream.codecpar(), skipLoopFilter);
        }
        return spare;
    }

    /** Pictures the decoder allocated (and, once a send returns, decoded) since the last call. */
    List<AVFrame> decodedPictures() {
        return DecodedPictures.take(decoder);
    }

    String codecName() {
        return avcodec_get_name(stream.codecpar().codec_id()).getString();
    }

    String containerName() {
        return format.iformat().name().getString();
    }

    /** Clockwise display rotation from the stream's display matrix, in {0, 90, 180, 270}. */
    int rotation() {
        AVCodecParameters par = stream.codecpar();
        AVPacketSideData side =
                av_packet_side_data_get(
                        par.coded_side_data(), par.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
        if (side == null || side.isNull() || side.data() == null) {
            return 0;
        }
        // av_display_rotation_get answers counter-clockwise degrees.
        double ccw = av_display_rotation_get(new IntPointer(side.data()));
        if (Double.isNaN(ccw)) {
            return 0;
        }
        long cw = Math.round(-ccw / 90.0) * 90;
        return (int) Math.floorMod(cw, 360);
    }

    /**
     * Reads the next packet of any stream into {@code packet}.
     *
     * @return false at the end of the file
     * @throws VideoException when reading fails for another reason, or the deadline passed
     */
    boolean read(AVPacket packet) throws VideoException {
        int ret = av_read_frame(format, packet);
        if (ret >= 0) {
            return true;
        }
        if (ret == AVERROR_EOF) {
            return false;
        }
        if (ret == AVERROR_EXIT || deadline.passed()) {
            throw deadline.timeout(name);
        }
        throw new VideoException(
                Code.CORRUPT, "cannot read packets (" + Ffmpeg.describe(ret) + "): " + name);
    }

    /** Seeks the video stream to the keyframe at or before {@code timestamp}. */
    void seek(long timestamp) throws VideoException {
        int ret = av_seek_frame(format, streamIndex, timestamp, AVSEEK_FLAG_BACKWARD);
        if (ret < 0) {
            deadline.check(name);
            throw new VideoException(
                    Code.CORRUPT,
                    "cannot seek to " + timestamp + " (" + Ffmpeg.describe(ret) + "): " + name);
        }
    }

    @Override
    public void close() {
        if (spare != null) {
            DecodedPictures.forget(spare);
            avcodec_free_context(spare);
            spare = null;
        }
        if (decoder != null) {
            DecodedPictures.forget(decoder);
            avcodec_free_context(decoder);
            decoder = null;
        }
        if (format != null) {
            avformat_close_input(format);
            format = null;
        }
        DEADLINES.remove(key.address());
        key.close();
    }
}
