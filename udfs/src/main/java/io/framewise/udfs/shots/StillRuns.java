package io.framewise.udfs.shots;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import io.framewise.pipeline.shots.VideoException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Finds the rest of a group of pictures that holds still, so that it is not decoded at all (H.264
 * only).
 *
 * <p>Before the decoder is given a P-picture that starts a new run of frames, the packets up to the
 * next keyframe are read ahead. They are skipped, their signatures interpolated, when all of these
 * hold:
 *
 * <ul>
 *   <li>the last two reference pictures decoded in this group are still ({@link #still}: closer
 *       than {@code stillDistance} and not one structure cell changed);
 *   <li>the next keyframe, decoded on its own by a spare decoder, is still against the last one;
 *   <li>it is an IDR picture with no picture shown before it stored after it (a closed group), so
 *       the decoder picks up there as it does at a segment's start;
 *   <li>no packet skipped is larger than {@link #SIZE_RATIO} times the largest packet of its kind
 *       (slice type, referenced or not) in the run just decoded, plus a few hundred bytes ({@link
 *       #SLACK_PER_PIXEL}).
 * </ul>
 *
 * <p>The last rule is what keeps a change inside the group from being skipped: ends alike say
 * nothing about the middle (a slide shown for two seconds and then the first one again), but an
 * encoder spends bits where the picture changes, several times the bits of a still picture's noise.
 * A fade or any motion makes every packet larger; a cut, a replaced text or a flash makes one or
 * two a multiple larger (on the reference corpus 4-200 times). Typing and subtitles spike too:
 * there the group is decoded, as before. What can pass is a change that costs the encoder less than
 * the slack and is undone before the keyframe.
 *
 * <p>Every decision uses only the group's own packets and pictures, so it is the same whichever
 * segment decodes the group. Not thread-safe.
 */
final class StillRuns {

    /** A skipped packet may be this many times the largest of its kind in the run before. */
    static final double SIZE_RATIO = 2.0;

    /**
     * ... plus this many bytes per pixel of the picture (450 bytes at 1280x720): the tiny packets
     * of a clean still picture vary by more than {@link #SIZE_RATIO}.
     */
    static final double SLACK_PER_PIXEL = 1.0 / 2048;

    /** At most this many packets are read ahead to find the next keyframe. */
    static final int MAX_PACKETS = 1024;

    /**
     * ... and at most this many bytes, held natively by each segment's decoder: a still group is
     * small (the 10-minute lecture of the udfs README: 1.6 MB in all).
     */
    static final long MAX_BYTES = 16L << 20;

    private static final long[] NONE = new long[0];

    /** Packets noted since the group's keyframe, at most this many (the run before is short). */
    private static final int LOG = 64;

    private final MediaInput in;
    private final PacketQueue queue;
    private final H264Slices slices;
    private final SignatureSampler sampler;
    private final double stillDistance;
    private final double slack;

    /** The group's keyframe's pts; AV_NOPTS_VALUE before the first. */
    private long groupKey = AV_NOPTS_VALUE;

    /** The largest pts sent or skipped so far. */
    private long maxSent = Long.MIN_VALUE;

    /** {pts, kind, size} of the packets noted since the group's keyframe, in decoding order. */
    private final ArrayDeque<long[]> log = new ArrayDeque<>();

    /** The keyframe decoded by the spare decoder last, and its widened signature (or null). */
    private long probedPts = AV_NOPTS_VALUE;

    private int[] probed;

    /** Kinds of the packets read ahead, by pts: each is parsed once, not at every decision. */
    private final TreeMap<Long, Integer> kinds = new TreeMap<>();

    StillRuns(
            MediaInput in,
            PacketQueue queue,
            H264Slices slices,
            SignatureSampler sampler,
            double stillDistance) {
        this.in = in;
        this.queue = queue;
        this.slices = slices;
        this.sampler = sampler;
        this.stillDistance = stillDistance;
        this.slack =
                SLACK_PER_PIXEL * in.stream().codecpar().width() * in.stream().codecpar().height();
    }

    /** Notes a packet taken by the decoder (decoded or skipped by the decoder's own rule). */
    void taken(AVPacket packet) {
        long p = packet.pts();
        if (PacketQueue.isKey(packet)) {
            groupKey = p;
            log.clear();
            kinds.headMap(p, true).clear();
        }
        if (p != AV_NOPTS_VALUE) {
            maxSent = Math.max(maxSent, p);
        }
        log.addLast(new long[] {p, kind(packet), packet.size()});
        if (log.size() > LOG) {
            log.removeFirst();
        }
    }

    /**
     * The pts of {@code packet} and of the packets after it up to the next keyframe when none of
     * them needs decoding (those after it are dropped from the queue); empty otherwise.
     *
     * @param decoded widened signatures of the pictures decoded so far, by pts
     */
    long[] skip(AVPacket packet, TreeMap<Long, int[]> decoded) throws VideoException {
        long p = packet.pts();
        if (p == AV_NOPTS_VALUE
                || groupKey == AV_NOPTS_VALUE
                || PacketQueue.isKey(packet)
                || p <= maxSent) {
            return NONE;
        }
        Map.Entry<Long, int[]> last = decoded.lastEntry();
        if (last == null || last.getKey() != maxSent) {
            return NONE;
        }
        Map.Entry<Long, int[]> before = decoded.lowerEntry(last.getKey());
        if (before == null
                || before.getKey() < groupKey
                || !still(before.getValue(), last.getValue())) {
            return NONE;
        }
        long[] limits = limitsAfter(before.getKey());
        if (limits == null || !fits(packet, limits)) {
            return NONE;
        }
        List<AVPacket> ahead = queue.toNextKeyframe(MAX_PACKETS, MAX_BYTES);
        if (ahead == null) {
            return NONE;
        }
        int key = 0;
        while (!PacketQueue.isKey(ahead.get(key))) {
            key++;
        }
        AVPacket keyframe = ahead.get(key);
        long keyPts = keyframe.pts();
        if (keyPts == AV_NOPTS_VALUE
                || !slices.isIdr(keyframe)
                || (key + 1 < ahead.size() && ahead.get(key + 1).pts() < keyPts)) {
            return NONE;
        }
        long[] skipped = new long[key + 1];
        skipped[0] = p;
        for (int i = 0; i < key; i++) {
            AVPacket next = ahead.get(i);
            long at = next.pts();
            if (at == AV_NOPTS_VALUE
                    || at <= last.getKey()
                    || at >= keyPts
                    || !fits(next, limits)) {
                return NONE;
            }
            skipped[i + 1] = at;
        }
        int[] end = probe(keyframe);
        if (end == null || !still(last.getValue(), end)) {
            return NONE;
        }
        queue.drop(key);
        for (long s : skipped) {
            maxSent = Math.max(maxSent, s);
        }
        return skipped;
    }

    /** Two pictures no cut and no content change can lie between. */
    private boolean still(int[] a, int[] b) {
        return Signature.distance(a, b) < stillDistance && ContentChange.changedShare(a, b) == 0;
    }

    /**
     * The largest size of each packet kind among the packets noted after the one shown at {@code
     * pts} (-1 for kinds not seen), or null when that packet is not among those noted.
     */
    private long[] limitsAfter(long pts) {
        long[] largest = new long[16];
        Arrays.fill(largest, -1);
        boolean found = false;
        for (long[] noted : log) {
            if (found && noted[1] >= 0) {
                largest[(int) noted[1]] = Math.max(largest[(int) noted[1]], noted[2]);
            }
            found |= noted[0] == pts;
        }
        return found ? largest : null;
    }

    private int kind(AVPacket packet) {
        long p = packet.pts();
        return p == AV_NOPTS_VALUE
                ? slices.kind(packet)
                : kinds.computeIfAbsent(p, k -> slices.kind(packet));
    }

    private boolean fits(AVPacket packet, long[] limits) {
        int kind = kind(packet);
        return kind >= 0 && limits[kind] >= 0 && packet.size() <= SIZE_RATIO * limits[kind] + slack;
    }

    /** The widened signature of {@code keyframe} decoded alone, or null when it cannot be. */
    private int[] probe(AVPacket keyframe) throws VideoException {
        if (keyframe.pts() == probedPts) {
            return probed;
        }
        AVCodecContext spare = in.spareDecoder();
        probedPts = keyframe.pts();
        probed = null;
        if (avcodec_send_packet(spare, keyframe) >= 0) {
            List<AVFrame> pictures = DecodedPictures.take(spare);
            if (pictures.size() == 1
                    && pictures.get(0).crop_left() == 0
                    && pictures.get(0).crop_top() == 0) {
                probed = Signature.widen(sampler.sample(pictures.get(0)));
            }
        }
        avcodec_flush_buffers(spare);
        DecodedPictures.take(spare);
        return probed;
    }
}
