package io.framewise.udfs.shots;

import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * Referenced B-pictures sent as stand-ins (H.264 with length-prefixed NAL units only): the
 * picture's own slice header and the first bytes of its data, instead of the whole picture.
 *
 * <p>Why: in steady texture (foliage, water, a crowd; the benchmark's Game of Life) every frame
 * changes, so the decoder must decode the reference pictures even where the detector interpolates
 * the frames between them; the middle B-picture of x264's pyramid is such a reference, and costs as
 * much as a P-picture. Where its decoded neighbours are close and the later keeps the earlier one's
 * structure ({@link SegmentDecoder#STAND_IN_SHARE}), no boundary lies between them, so the frames
 * between are interpolated and the unreferenced ones not decoded at all. The stand-in keeps the
 * picture's number, display order and reference marking, so the decoder builds every later
 * picture's reference lists as the encoder did (leaving the picture out would not: the decoder
 * fills the gap with a copy whose display order misleads later B-pictures' weighted prediction).
 *
 * <p>The stand-in's pixels are not the picture's, so it is only safe while no decoded picture
 * predicts from it: the unreferenced frames between its neighbours are skipped, and a {@link
 * ReferenceGuard} follows the references of every other picture decoded. A picture that may predict
 * from a stand-in, or a stream the guard cannot follow, throws {@link Referenced} before it is
 * decoded, and the segment is decoded again without stand-ins: the result is always that of a
 * decoding without them. x264's fast presets (one reference) take stand-ins; streams with more
 * references mostly find that out in their first group of pictures. Not thread-safe.
 */
final class StandIns {

    /** What to do with a packet. */
    enum Verdict {
        DECODE,
        STAND_IN
    }

    /** A picture about to be decoded may predict from a stand-in: decode again without them. */
    static final class Referenced extends RuntimeException {
        Referenced(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * Tests only: stand-ins whatever the parameter sets' defaults, so that a stream whose pictures
     * use more references reaches the decoding again ({@code X264PyramidITCase}).
     */
    static volatile boolean whateverTheDefaults;

    /** Slice header bytes read at most (a longer header is not followed). */
    private static final int HEADER_BYTES = 512;

    private final H264Headers headers;
    private final ReferenceGuard guard;

    /** Decoded neighbours of the latest stand-ins: the frames shown between are not decoded. */
    private final TreeMap<Long, Long> between = new TreeMap<>();

    /** Stand-ins not shown yet, by pts. */
    private final TreeSet<Long> pending = new TreeSet<>();

    /** The slice last checked, for {@link #cut}. */
    private H264Slices.Located located;

    private H264Headers.Slice header;

    private StandIns(H264Headers headers, H264Headers.Sequence sequence) {
        this.headers = headers;
        this.guard = new ReferenceGuard(sequence);
    }

    /** Stand-ins for {@code stream}, or null where its parameter sets are not followed. */
    static StandIns of(AVStream stream) {
        H264Headers headers = H264Headers.of(stream.codecpar());
        H264Headers.Sequence sequence = headers == null ? null : headers.onlySequence();
        // Parameter sets that make every picture use more than one reference are not followed,
        // and would end the stand-ins at their first picture anyway.
        return sequence == null || !(headers.oneReferenceByDefault() || whateverTheDefaults)
                ? null
                : new StandIns(headers, sequence);
    }

    /** False once stand-ins are no longer sent in this segment. */
    boolean following() {
        return guard.following();
    }

    /** True when the frame shown at {@code pts} lies between a stand-in's decoded neighbours. */
    boolean between(long pts) {
        Map.Entry<Long, Long> around = between.floorEntry(pts);
        return around != null && pts < around.getValue();
    }

    /**
     * Decides on {@code packet} (shown at its pts), about to go to the decoder: a stand-in when it
     * is a referenced B-picture whose decoded neighbours, shown at {@code before} and {@code
     * after}, are {@code steady} (asked only of such a picture, and true only where both neighbours
     * are decoded); else decoded, unless the decoder skips it ({@code skip}, for an unreferenced
     * one).
     *
     * @throws Referenced when the picture may predict from a stand-in
     */
    Verdict check(
            AVPacket packet,
            H264Slices slices,
            boolean skip,
            BooleanSupplier steady,
            long before,
            long after) {
        if (!guard.following()) {
            return Verdict.DECODE;
        }
        long pts = packet.pts();
        located = slices.onlySlice(packet, HEADER_BYTES);
        header = located == null ? null : headers.slice(located.bytes(), 0, located.bytes().length);
        if (header == null) {
            notFollowed("a picture whose references are not read, at " + pts);
            return Verdict.DECODE;
        }
        if (header.nalRefIdc() == 0 && skip) {
            return Verdict.DECODE; // skipped by the decoder: it predicts nothing
        }
        if (!ReferenceGuard.followed(header)) {
            // More references than the guard follows: stand-ins end here, before any is sent
            // where the stream shows this in its first pictures.
            notFollowed("references not followed, at " + pts);
            return Verdict.DECODE;
        }
        if (header.type() == 1 && header.nalRefIdc() != 0 && steady.getAsBoolean()) {
            guard.decoded(header, pts, true);
            pending.add(pts);
            between.headMap(before, false).clear();
            between.put(before, after);
            return Verdict.STAND_IN;
        }
        if (!guard.predictsFromNoStandIn(header, pts)) {
            if (guard.holdsStandIn()) {
                throw new Referenced("a picture may predict from a stand-in, at " + pts);
            }
            guard.stop();
            return Verdict.DECODE;
        }
        guard.decoded(header, pts, false);
        return Verdict.DECODE;
    }

    /**
     * Stand-ins end for this segment: a picture goes to the decoder that the guard does not follow
     * ({@code why}), such as one without a timestamp.
     *
     * @throws Referenced when a stand-in may still be predicted from
     */
    void notFollowed(String why) {
        guard.stop();
        if (guard.holdsStandIn()) {
            throw new Referenced(why);
        }
    }

    /**
     * The stand-in for {@code packet}, the packet last {@linkplain #check checked}: its NAL units
     * before the slice, then the slice cut after its header and {@code data} more bytes. The caller
     * frees it.
     */
    AVPacket cut(AVPacket packet, int data) {
        int keep = Math.min(located.bytes().length, header.headerBytes() + data);
        int prefix = located.at() - located.lengthSize();
        byte[] bytes = new byte[prefix + located.lengthSize() + keep];
        packet.data().position(0).get(bytes, 0, prefix);
        for (int i = 0; i < located.lengthSize(); i++) {
            bytes[prefix + i] = (byte) (keep >>> (8 * (located.lengthSize() - 1 - i)));
        }
        System.arraycopy(located.bytes(), 0, bytes, located.at(), keep);
        AVPacket cut = av_packet_alloc();
        av_new_packet(cut, bytes.length);
        cut.data().position(0).put(bytes);
        cut.pts(packet.pts());
        cut.dts(packet.dts());
        cut.duration(packet.duration());
        cut.flags(packet.flags());
        cut.stream_index(packet.stream_index());
        return cut;
    }

    /** True (once) when the frame shown at {@code pts} is a stand-in's. */
    boolean shown(long pts) {
        return pending.remove(pts);
    }
}
