package io.framewise.udfs.shots;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * Reads just enough of an H.264 packet to tell a B-picture that other pictures may reference (a
 * "B-ref" of x264's pyramid) from the rest: the NAL header's {@code nal_ref_idc} and the first
 * slice header's {@code slice_type}. Nothing is decoded.
 *
 * <p>Packets come length-prefixed (MP4, Matroska: the {@code avcC} configuration names the length's
 * size) or with Annex B start codes (MPEG-TS, raw streams).
 */
final class H264Slices {

    private static final int NAL_SLICE = 1;
    private static final int NAL_IDR = 5;
    private static final int SLICE_B = 1;

    /** Added to a {@link #kind} when other pictures may reference the picture. */
    static final int REFERENCED = 8;

    /** Bytes of each NAL unit's length prefix; 0 for Annex B start codes. */
    private final int lengthSize;

    H264Slices(int lengthSize) {
        this.lengthSize = lengthSize;
    }

    /** A reader for the stream described by {@code par}, or null when it is not H.264. */
    static H264Slices of(AVCodecParameters par) {
        if (par.codec_id() != AV_CODEC_ID_H264) {
            return null;
        }
        int size = par.extradata_size();
        if (size >= 7 && par.extradata() != null && par.extradata().get(0) == 1) {
            return new H264Slices((par.extradata().get(4) & 3) + 1);
        }
        return new H264Slices(0);
    }

    /** True when {@code packet}'s first slice is a B-slice of a reference picture. */
    boolean isReferenceB(AVPacket packet) {
        return kind(packet) == REFERENCED + SLICE_B;
    }

    /**
     * The kind of {@code packet}'s first slice, to compare sizes of like pictures: {@code
     * slice_type % 5} (0 P, 1 B, 2 I), plus 8 when other pictures may reference it; -1 when no
     * slice is found.
     */
    int kind(AVPacket packet) {
        int nal = firstSlice(packet);
        if (nal < 0) {
            return -1;
        }
        ByteBuffer data = packet.data().capacity(packet.size()).asByteBuffer();
        // nal_ref_idc 0: nothing references it.
        int ref = (data.get(nal) & 0xff) >> 5 == 0 ? 0 : REFERENCED;
        int type = sliceType(data, nal + 1);
        return type < 0 ? -1 : ref + type % 5;
    }

    /** True when {@code packet}'s first slice belongs to an IDR picture. */
    boolean isIdr(AVPacket packet) {
        int nal = firstSlice(packet);
        return nal >= 0 && (packet.data().get(nal) & 0x1f) == NAL_IDR;
    }

    /**
     * The bytes of {@code packet}'s only slice NAL unit (its header byte first), at most {@code
     * limit} of them, and where that unit starts in the packet; null when the packet is not
     * length-prefixed or holds more or less than one slice.
     */
    Located onlySlice(AVPacket packet, int limit) {
        int nal = firstSlice(packet);
        if (lengthSize == 0 || nal < 0) {
            return null;
        }
        ByteBuffer data = packet.data().capacity(packet.size()).asByteBuffer();
        long length = 0;
        for (int i = nal - lengthSize; i < nal; i++) {
            length = (length << 8) | (data.get(i) & 0xff);
        }
        if (nal + length > data.limit()) {
            return null;
        }
        int next = (int) (nal + length);
        if (next + lengthSize < data.limit() && isSlice(data.get(next + lengthSize))) {
            return null; // a second slice: the stand-in would not stand for the whole picture
        }
        byte[] bytes = new byte[(int) Math.min(length, limit)];
        data.position(nal);
        data.get(bytes);
        return new Located(nal, lengthSize, bytes);
    }

    /**
     * A slice NAL unit's first bytes and its place in its packet.
     *
     * @param at where the unit starts (after its length prefix)
     * @param lengthSize bytes of the prefix before {@code at}
     */
    record Located(int at, int lengthSize, byte[] bytes) {}

    private int firstSlice(AVPacket packet) {
        if (packet.data() == null || packet.size() <= 0) {
            return -1;
        }
        ByteBuffer data = packet.data().capacity(packet.size()).asByteBuffer();
        return lengthSize > 0 ? firstSliceByLength(data) : firstSliceByStartCode(data);
    }

    private int firstSliceByLength(ByteBuffer data) {
        int at = 0;
        while (at + lengthSize < data.limit()) {
            long length = 0;
            for (int i = 0; i < lengthSize; i++) {
                length = (length << 8) | (data.get(at + i) & 0xff);
            }
            int nal = at + lengthSize;
            if (isSlice(data.get(nal))) {
                return nal;
            }
            if (length <= 0 || nal + length > data.limit()) {
                return -1;
            }
            at = (int) (nal + length);
        }
        return -1;
    }

    private static int firstSliceByStartCode(ByteBuffer data) {
        int zeros = 0;
        for (int i = 0; i < data.limit() - 1; i++) {
            int b = data.get(i) & 0xff;
            if (b == 1 && zeros >= 2 && isSlice(data.get(i + 1))) {
                return i + 1;
            }
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return -1;
    }

    private static boolean isSlice(byte header) {
        int type = header & 0x1f;
        return type == NAL_SLICE || type == NAL_IDR;
    }

    /**
     * {@code slice_type} from the slice header at {@code at}: it follows first_mb_in_slice; -1 when
     * the packet ends first.
     */
    private static int sliceType(ByteBuffer data, int at) {
        byte[] head = new byte[Math.min(HEAD, data.limit() - at)];
        data.get(at, head);
        try {
            Rbsp bits = new Rbsp(head, 0, head.length);
            bits.ue(); // first_mb_in_slice
            return bits.ue();
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    /** Bytes that hold first_mb_in_slice and slice_type whatever their values. */
    private static final int HEAD = 16;
}
