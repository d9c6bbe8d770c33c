package io.framewise.udfs.shots;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONREF;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import io.framewise.pipeline.frames.KeyframeConfig;
import io.framewise.pipeline.shots.SegmentFeatures;
import io.framewise.pipeline.shots.SegmentPlan;
import io.framewise.pipeline.shots.SegmentPlan.Segment;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import io.framewise.pipeline.shots.VideoException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Decodes one segment of a plan, streaming: each frame is reduced to its signature and features as
 * soon as it is decoded, and only the look-back window of signatures is kept.
 *
 * <p>Decoding starts at the segment's keyframe and keeps frames whose presentation timestamps lie
 * in the segment's range; it goes on past the next segment's keyframe until a frame at or after the
 * range's end comes out, so that frames shown before that keyframe but stored after it are not
 * lost. Damaged packets are skipped, as FFmpeg's own tools do.
 *
 * <p><b>Frames between two close pictures are not decoded</b> ({@code
 * shots.decoder.skip-still-frames}): a frame that no other frame references (most B-frames) arrives
 * after the reference frames shown on either side of it. When those two are closer than half of
 * {@code shots.cut.min-distance} and the later one keeps the earlier one's structure (it loses less
 * of it than the frames around a content cut may, {@link BoundaryDetector#STEADY_SHARE} of {@code
 * shots.content.min-lost}), neither a cut nor a replaced text can lie between them, so the frame is
 * skipped by the decoder and its signature interpolated between its neighbours. That holds on still
 * content and in steady motion alike: a moving picture changes on every frame but keeps its kind of
 * structure. The decision depends only on frames of the same group of pictures, so it is the same
 * whichever segment decodes them.
 *
 * <p>In H.264 the referenced B-pictures of x264's pyramid (the middle B of each group) are skipped
 * too when their neighbours are closer still ({@link #STILL_REF_SHARE}, no structure cell changed):
 * the packet is not sent, and FFmpeg fills the gap in {@code frame_num} with a copy of the last
 * reference picture, as its error concealment does for a lost one. Pictures that predict from that
 * copy instead of the real B-picture carry its difference from the copy, which on such still
 * content is the encoder's noise. Other codecs are not touched: HEVC's decoder fills a missing
 * reference with grey.
 *
 * <p>Where a whole group of pictures holds still up to its next keyframe, its rest is not even read
 * into the decoder ({@link StillRuns}, {@code shots.decoder.skip-still-runs}).
 */
final class SegmentDecoder {

    /**
     * Share of {@code shots.cut.min-distance} below which two reference pictures are close enough
     * to skip the unreferenced frames between them.
     */
    static final double STILL_SHARE = 0.5;

    /**
     * Share of {@code shots.cut.min-distance} below which the neighbours of a referenced B-picture
     * are still enough to skip it. Half of {@link #STILL_SHARE}: with that share itself, the copies
     * that replace skipped pictures turned a slow fade of the reference lecture into cuts.
     */
    static final double STILL_REF_SHARE = 0.25;

    /**
     * Share of {@code shots.cut.min-distance} below which the decoded neighbours of a referenced
     * B-picture are close enough to send it as a stand-in ({@link StandIns}), when the later one
     * also keeps the earlier one's structure by the content-cut rule itself ({@code
     * shots.content.min-lost}). Measured on the reference corpus and the benchmark video: at 0.9
     * every boundary stays where it was; at 1.0 the end of one dissolve moved by a frame.
     */
    static final double STAND_IN_SHARE = 0.9;

    /**
     * Bytes kept after a stand-in's reference marking: the rest of its slice header (a few bytes)
     * and a start of data that the decoder then leaves.
     */
    private static final int STAND_IN_DATA = 16;

    /** Decoded pictures kept for decisions; enough for any reordering depth in use. */
    private static final int DECIDE_WINDOW = 32;

    private final MediaInput in;
    private final SegmentPlan plan;
    private final Segment segment;
    private final SignatureSampler sampler;
    private final boolean skipStill;
    private final double still;
    private final double steadyLoss;
    private final double stillRef;

    /** Tells referenced B-pictures of H.264 apart; null for other codecs. */
    private final H264Slices slices;

    /** Replaces referenced B-pictures in steady texture by stand-ins; null where none are sent. */
    private final StandIns standIns;

    private final double standInDistance;
    private final double standInLoss;

    private final FeatureExtractor extractor = new FeatureExtractor();
    private final List<byte[]> head = new ArrayList<>();
    private final ArrayDeque<byte[]> tail = new ArrayDeque<>();

    /** Signatures of decoded pictures by pts, taken as soon as their packet is decoded. */
    private final TreeMap<Long, byte[]> decoded = new TreeMap<>();

    /**
     * The same signatures {@linkplain Signature#widen widened}, for the still-frame decisions. The
     * arrays are only this map's: the feature extractor copies what it keeps, and an array leaving
     * the window is widened into again ({@link #spareWide}).
     */
    private final TreeMap<Long, int[]> decodedWide = new TreeMap<>();

    private final ArrayDeque<int[]> spareWide = new ArrayDeque<>();

    /** Timestamps of packets sent and not yet shown: a gap in the output is a skipped frame. */
    private final TreeSet<Long> sent = new TreeSet<>();

    /** Packets given to the decoder. */
    private int given;

    /** Stand-ins sent ({@link StandIns}). */
    private int standInsSent;

    /** Pictures the decoder decoded (or filled in for a skipped reference). */
    private int pictures;

    private long[] pts = new long[1024];
    private float[] features = new float[1024 * Features.COUNT];
    private int frames;
    private long lastPts = AV_NOPTS_VALUE;
    private byte[] lastSignature;
    private boolean finished;

    /** Measures keyframe candidates on the way, or null. */
    private final CandidateCapture capture;

    /** The video's packets, read ahead where a still run is looked for. */
    private final PacketQueue queue;

    /** Finds the still rest of a group of pictures; null where frames are not skipped. */
    private final StillRuns runs;

    private SegmentDecoder(
            MediaInput in,
            SegmentPlan plan,
            int index,
            ShotDetectionConfig config,
            KeyframeConfig keyframes,
            boolean sendStandIns) {
        this.in = in;
        this.plan = plan;
        this.segment = plan.segments().get(index);
        int w = in.stream().codecpar().width();
        int h = in.stream().codecpar().height();
        this.sampler = new SignatureSampler(w, h);
        this.skipStill = config.skipStillFrames();
        this.still = STILL_SHARE * config.minCutDistance();
        this.steadyLoss = BoundaryDetector.STEADY_SHARE * config.contentMinLost();
        this.stillRef = STILL_REF_SHARE * config.minCutDistance();
        this.slices = H264Slices.of(in.stream().codecpar());
        this.standIns =
                sendStandIns && skipStill && slices != null ? StandIns.of(in.stream()) : null;
        this.standInDistance = STAND_IN_SHARE * config.minCutDistance();
        this.standInLoss = config.contentMinLost();
        this.capture = keyframes == null ? null : new CandidateCapture(in, keyframes, config);
        this.queue = new PacketQueue(in);
        this.runs =
                config.skipStillRuns() && slices != null
                        ? new StillRuns(in, queue, slices, sampler, stillRef)
                        : null;
    }

    /**
     * Decodes segment {@code index} of {@code plan} from the opened {@code in}, measuring keyframe
     * candidates on the way when {@code keyframes} is not null.
     */
    static SegmentFeatures decode(
            MediaInput in,
            SegmentPlan plan,
            int index,
            ShotDetectionConfig config,
            KeyframeConfig keyframes)
            throws VideoException {
        return decoded(in, plan, index, config, keyframes).features();
    }

    /** A decoder that has run, and what it found. */
    private record Decoded(SegmentDecoder decoder, SegmentFeatures features, boolean again) {}

    /**
     * Runs a decoder of segment {@code index}, and a second one without stand-ins where the first
     * had to stop ({@link StandIns.Referenced}).
     */
    private static Decoded decoded(
            MediaInput in,
            SegmentPlan plan,
            int index,
            ShotDetectionConfig config,
            KeyframeConfig keyframes)
            throws VideoException {
        SegmentDecoder decoder = new SegmentDecoder(in, plan, index, config, keyframes, true);
        try {
            return new Decoded(decoder, decoder.run(), false);
        } catch (StandIns.Referenced e) {
            decoder.close();
            decoder = null;
            decoder = again(in, plan, index, config, keyframes);
            return new Decoded(decoder, decoder.run(), true);
        } finally {
            if (decoder != null) {
                decoder.close();
            }
        }
    }

    /**
     * A decoder for the segment from its start again, sending no stand-ins: a picture was about to
     * predict from one ({@link StandIns}), or the stream did something the check does not follow.
     */
    private static SegmentDecoder again(
            MediaInput in,
            SegmentPlan plan,
            int index,
            ShotDetectionConfig config,
            KeyframeConfig keyframes)
            throws VideoException {
        avcodec_flush_buffers(in.decoder());
        in.decodedPictures();
        long seek = plan.segments().get(index).seekTimestamp();
        if (seek == Long.MIN_VALUE) {
            long start = in.stream().start_time();
            in.seek(start == AV_NOPTS_VALUE ? 0 : start);
        }
        return new SegmentDecoder(in, plan, index, config, keyframes, false);
    }

    /**
     * What decoding segment {@code index} takes: {@code given} packets reach the decoder
     * (unreferenced ones it is told to skip included) and it makes {@code pictures} pictures (a
     * skipped reference's copy and stand-ins included), {@code standIns} of them stand-ins, and
     * whether it was decoded again without them. To see what the rules for frames between close
     * pictures, for still runs and for stand-ins spare.
     */
    record Work(int given, int pictures, int standIns, boolean decodedAgain) {}

    static Work work(MediaInput in, SegmentPlan plan, int index, ShotDetectionConfig config)
            throws VideoException {
        Decoded decoded = decoded(in, plan, index, config, null);
        SegmentDecoder decoder = decoded.decoder();
        return new Work(decoder.given, decoder.pictures, decoder.standInsSent, decoded.again());
    }

    private void close() {
        queue.close();
        sampler.close();
        if (capture != null) {
            capture.close();
        }
    }

    private SegmentFeatures run() throws VideoException {
        if (segment.seekTimestamp() != Long.MIN_VALUE) {
            in.seek(segment.seekTimestamp());
        }
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            while (!finished) {
                in.deadline().check(in.name());
                if (Thread.currentThread().isInterrupted()) {
                    // Another segment of the video failed and this one was cancelled.
                    throw new VideoException(
                            VideoException.Code.TIMEOUT, "cancelled: " + in.name());
                }
                if (!queue.read(packet)) {
                    in.decoder().skip_frame(AVDISCARD_DEFAULT);
                    avcodec_send_packet(in.decoder(), null); // drain what the decoder holds
                    receive(frame);
                    break;
                }
                try {
                    long[] skipped = runs == null ? null : runs.skip(packet, decodedWide);
                    if (skipped != null && skipped.length > 0) {
                        // Shown as a gap, interpolated between the pictures on either side.
                        for (long s : skipped) {
                            sent.add(s);
                        }
                    } else {
                        send(packet);
                        receive(frame);
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
        }
        return new SegmentFeatures(
                segment.index(),
                Arrays.copyOf(pts, frames),
                Arrays.copyOf(features, frames * Features.COUNT),
                Features.COUNT,
                head.toArray(new byte[0][]),
                tail.toArray(new byte[0][]),
                capture == null ? List.of() : capture.finish());
    }

    private void send(AVPacket packet) {
        if (runs != null) {
            runs.taken(packet);
        }
        long p = packet.pts();
        Neighbours around = skipStill && p != AV_NOPTS_VALUE ? decodedAround(p) : null;
        boolean skip = around != null && noBoundaryBetween(around);
        if (p != AV_NOPTS_VALUE) {
            sent.add(p);
        }
        if (skip
                && slices != null
                && (standIns == null || !standIns.following())
                && isStill(around, stillRef)
                && slices.isReferenceB(packet)) {
            return; // not sent at all: shown as a gap, interpolated like the unreferenced ones
        }
        if (standIns != null && p == AV_NOPTS_VALUE) {
            standIns.notFollowed("a picture without a timestamp");
        } else if (standIns != null) {
            skip |= standIns.between(p);
            StandIns.Verdict verdict =
                    standIns.check(
                            packet,
                            slices,
                            skip,
                            () -> around != null && steadyAround(around),
                            around == null ? p : around.shownBefore(),
                            around == null ? p : around.shownAfter());
            if (verdict == StandIns.Verdict.STAND_IN) {
                sendStandIn(packet);
                return;
            }
        }
        // Reference frames are decoded whatever this says: only unreferenced ones are skipped.
        in.decoder().skip_frame(skip ? AVDISCARD_NONREF : AVDISCARD_DEFAULT);
        given++;
        // A damaged packet is skipped; its loss shows up as missing frames.
        avcodec_send_packet(in.decoder(), packet);
        List<AVFrame> decodedNow = in.decodedPictures();
        pictures += decodedNow.size();
        for (int i = 0; i < decodedNow.size(); i++) {
            AVFrame picture = decodedNow.get(i);
            long at = shownAt(picture, p);
            // The copy that fills a skipped reference carries this packet's pts, and the picture
            // decoded from the packet comes after it: only the last one is sampled.
            boolean replaced = i + 1 < decodedNow.size() && shownAt(decodedNow.get(i + 1), p) == at;
            if (!replaced
                    && at != AV_NOPTS_VALUE
                    && picture.crop_left() == 0
                    && picture.crop_top() == 0) {
                byte[] sig = sampler.sample(picture);
                decoded.put(at, sig);
                int[] replacedWide = decodedWide.put(at, Signature.widen(sig, spareWide.poll()));
                if (replacedWide != null) {
                    spareWide.push(replacedWide);
                }
            }
        }
        while (decoded.size() > DECIDE_WINDOW) {
            decoded.pollFirstEntry();
            spareWide.push(decodedWide.pollFirstEntry().getValue());
        }
    }

    private static long shownAt(AVFrame picture, long packetPts) {
        return picture.pts() != AV_NOPTS_VALUE ? picture.pts() : packetPts;
    }

    /**
     * The decoded pictures shown just before and after a frame (their pts and widened signatures),
     * and their distance, measured once for all the decisions about the frame.
     */
    private record Neighbours(
            long shownBefore, int[] before, long shownAfter, int[] after, float distance) {}

    /** The decoded pictures shown just before and after {@code p}, or null when one is missing. */
    private Neighbours decodedAround(long p) {
        Map.Entry<Long, int[]> before = decodedWide.lowerEntry(p);
        Map.Entry<Long, int[]> after = decodedWide.higherEntry(p);
        return before == null || after == null
                ? null
                : new Neighbours(
                        before.getKey(),
                        before.getValue(),
                        after.getKey(),
                        after.getValue(),
                        Signature.distance(before.getValue(), after.getValue()));
    }

    /**
     * True when {@code around} are closer than {@link #STILL_SHARE} of the cut distance and the
     * later one loses less than {@code steadyLoss} of the earlier one's structure: no cut and no
     * content cut can lie between them.
     */
    private boolean noBoundaryBetween(Neighbours around) {
        return closeAndKept(around, still, steadyLoss);
    }

    /**
     * True when {@code around} are closer than {@link #STAND_IN_SHARE} of the cut distance and the
     * later one keeps the earlier one's structure by the content-cut rule: a referenced B-picture
     * between them may be a stand-in.
     */
    private boolean steadyAround(Neighbours around) {
        return closeAndKept(around, standInDistance, standInLoss);
    }

    /**
     * True when {@code around} are closer than {@code distance} and lose less than {@code loss}.
     */
    private static boolean closeAndKept(Neighbours around, double distance, double loss) {
        if (around.distance() >= distance) {
            return false;
        }
        float[] change = new float[ContentChange.COUNT];
        ContentChange.measure(around.after(), around.before(), change, 0);
        return change[ContentChange.LOST] < loss;
    }

    /**
     * Sends {@code packet}'s stand-in: its slice header and the first bytes of its data, which the
     * decoder takes as a picture with the right number and display order, leaving its macroblocks
     * undecoded (error concealment off: nothing reads them). Its frame is shown as a gap.
     */
    private void sendStandIn(AVPacket packet) {
        AVPacket cut = standIns.cut(packet, STAND_IN_DATA);
        int concealment = in.decoder().error_concealment();
        try {
            in.decoder().skip_frame(AVDISCARD_DEFAULT);
            in.decoder().error_concealment(0);
            avcodec_send_packet(in.decoder(), cut);
        } finally {
            in.decoder().error_concealment(concealment);
            av_packet_free(cut);
        }
        given++;
        standInsSent++;
        int made = in.decodedPictures().size();
        pictures += made;
        if (made != 1) {
            throw new StandIns.Referenced("the decoder made " + made + " pictures of a stand-in");
        }
    }

    /** True when {@code around} are closer than {@code distance} and no structure cell changed. */
    private static boolean isStill(Neighbours around, double distance) {
        return around.distance() < distance
                && ContentChange.changedShare(around.before(), around.after()) == 0;
    }

    private void receive(AVFrame frame) {
        while (!finished && avcodec_receive_frame(in.decoder(), frame) >= 0) {
            try {
                long p = frame.best_effort_timestamp();
                if (p == AV_NOPTS_VALUE) {
                    p = lastPts == AV_NOPTS_VALUE ? 0 : lastPts + Math.max(1, frame.duration());
                }
                if (standIns != null && standIns.shown(p)) {
                    continue; // a stand-in: left among the frames sent, interpolated with them
                }
                boolean sampled = decoded.containsKey(p) && frame.pts() == p;
                byte[] sig = sampled ? decoded.get(p) : sampler.sample(frame);
                // Widened once: for the still-frame decisions when it was sampled at sending.
                int[] wide = sampled ? decodedWide.get(p) : null;
                fillSkipped(p, sig);
                accept(p, sig, wide, frame.pict_type() == AV_PICTURE_TYPE_I, frame);
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    /** Frames sent but skipped between the last shown frame and {@code p}, interpolated. */
    private void fillSkipped(long p, byte[] sig) {
        if (lastSignature != null) {
            // Between two equal pictures every skipped frame is that picture (the usual case on
            // still content). The features widen a signature only if it is a new one.
            boolean equal = Arrays.equals(lastSignature, sig);
            for (long s : List.copyOf(sent.subSet(lastPts, false, p, false))) {
                double t = (double) (s - lastPts) / (p - lastPts);
                byte[] between = equal ? sig : Signature.interpolate(lastSignature, sig, t);
                accept(s, between, null, false, null);
            }
        }
        sent.headSet(p, true).clear();
    }

    /**
     * Takes the frame shown at {@code p}; {@code frame} is null for a skipped one, {@code wide}
     * null when the signature is not widened yet.
     */
    private void accept(long p, byte[] sig, int[] wide, boolean keyframe, AVFrame frame) {
        if (finished || p < segment.startPts()) {
            // Shown before this segment's keyframe: the previous segment decodes it.
            lastPts = p;
            lastSignature = sig;
            return;
        }
        if (p >= segment.endPts()) {
            finished = true;
            return;
        }
        lastPts = p;
        lastSignature = sig;
        if (frames == pts.length) {
            pts = Arrays.copyOf(pts, frames * 2);
            features = Arrays.copyOf(features, frames * 2 * Features.COUNT);
        }
        pts[frames] = p;
        extractor.next(sig, wide, features, frames * Features.COUNT);
        features[frames * Features.COUNT + Features.KEYFRAME] = keyframe ? 1 : 0;
        if (capture != null) {
            capture.offer(p, frame, sig, features, frames * Features.COUNT);
        }
        frames++;
        if (head.size() < Features.LOOK_BACK) {
            head.add(sig);
        }
        tail.addLast(sig);
        if (tail.size() > Features.LOOK_BACK) {
            tail.removeFirst();
        }
    }
}
