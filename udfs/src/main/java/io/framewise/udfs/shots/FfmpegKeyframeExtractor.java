package io.framewise.udfs.shots;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONREF;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import io.framewise.pipeline.frames.FrameCandidate;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeConfig;
import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.frames.KeyframeQuality;
import io.framewise.pipeline.frames.KeyframeWork;
import io.framewise.pipeline.frames.Picture;
import io.framewise.pipeline.frames.RepeatedKeyframes;
import io.framewise.pipeline.shots.Rational;
import io.framewise.pipeline.shots.Shot;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import io.framewise.pipeline.shots.Timecode;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.udfs.frames.FrameQuality;
import io.framewise.udfs.frames.PerceptualHash;
import io.framewise.udfs.frames.Pictures;
import io.framewise.udfs.shots.KeyframeSelection.Candidate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Keyframes on FFmpeg: one decoding pass per {@link KeyframeWork part} that measures a few
 * candidate frames per shot and keeps the best, with more for long shots whose content changes.
 *
 * <p>Usage: {@code try (KeyframeExtractor x = FfmpegKeyframeExtractor.factory(keyframes,
 * shots).create()) { x.extract(id, path, detection); }} with the {@link ShotDetection} of the same
 * file, or part by part ({@link KeyframeWork#split}) and then {@link #dropRepeats}. Frames are
 * found by their presentation timestamps in the detection, so a pass may start at any segment's
 * keyframe and numbers, milliseconds and timecodes follow the shot detector's exactly; a frame the
 * decoder was told to skip (or could not decode) is recognised from its packet's timestamp.
 * Pictures are decoded with the in-loop deblocking filter on, whatever {@code
 * shots.decoder.skip-loop-filter} says, since people look at them. Candidates are the only frames
 * converted to BGR, straight from the decoded planes at the output size. Unreferenced frames are
 * not decoded (by default); a candidate lost that way (or damaged) is replaced by the next decoded
 * frame of its shot. Decoding stops after the part's last candidate.
 *
 * <p>One instance per operator instance, used by one thread at a time.
 */
public final class FfmpegKeyframeExtractor implements KeyframeExtractor {

    /** Frames around a candidate that are always decoded, on top of the reordering distance. */
    static final int SKIP_MARGIN = 3;

    /** Frames on each side of a keyframe whose change counts towards its motion (0.2 s at 30). */
    static final int MOTION_RADIUS = 6;

    private final KeyframeConfig config;
    private final Duration timeout;
    private final Decoding decoding;

    /**
     * Which frames the keyframe pass decodes. Unreferenced frames cost decoding work but nothing
     * depends on them, so they can be left out wholesale: a candidate that falls on one is replaced
     * by the next decoded frame of its shot (a few frames on).
     */
    enum Decoding {
        /** Every frame. */
        ALL,
        /** Unreferenced frames only near candidates: the same keyframes as {@link #ALL}. */
        NEAR_CANDIDATES,
        /**
         * Reference frames only (I, P, referenced B), except near the end: candidates move to the
         * next reference frame of their shot. Half the decoding on typical H.264 with B-frames.
         */
        REFERENCES
    }

    public FfmpegKeyframeExtractor(KeyframeConfig config, ShotDetectionConfig shots) {
        this(config, shots, Decoding.REFERENCES);
    }

    /** With {@code skipUnreferenced} false, every frame is decoded (for tests and measurements). */
    FfmpegKeyframeExtractor(
            KeyframeConfig config, ShotDetectionConfig shots, boolean skipUnreferenced) {
        this(config, shots, skipUnreferenced ? Decoding.NEAR_CANDIDATES : Decoding.ALL);
    }

    FfmpegKeyframeExtractor(KeyframeConfig config, ShotDetectionConfig shots, Decoding decoding) {
        this.config = config;
        this.timeout = shots.timeout();
        this.decoding = decoding;
        Ffmpeg.load();
    }

    /** A serializable factory for operators: each instance opens its own extractor. */
    public static KeyframeExtractor.Factory factory(
            KeyframeConfig config, ShotDetectionConfig shots) {
        return () -> new FfmpegKeyframeExtractor(config, shots);
    }

    @Override
    public List<Keyframe> extract(
            String videoId, Path video, ShotDetection shots, KeyframeWork part)
            throws VideoException {
        Deadline deadline = Deadline.after(timeout);
        KeyframePlan plan = KeyframePlan.of(shots, config);
        // Keyframe pictures are shown to people: decode them with the deblocking filter.
        try (MediaInput in = MediaInput.open(video, deadline, false)) {
            return new Pass(videoId, in, shots, plan, part).run();
        }
    }

    /**
     * Chooses each shot's keyframes from the candidates measured while its segments were decoded
     * ({@link CandidateCapture}), as a decoding pass would from its own: the candidates on the
     * shot's usable frames ({@link KeyframePlan}: not its first and last {@link KeyframePlan#EDGE}
     * frames nor near a gradual transition; failing those, any frame outside a transition, then any
     * frame of the shot), by {@link KeyframeSelection}. No picture is read back here.
     */
    @Override
    public Optional<List<Keyframe>> chooseFrames(
            String videoId, ShotDetection shots, List<FrameCandidate> candidates) {
        KeyframePlan plan = KeyframePlan.of(shots, config);
        KeyframeSelection selection =
                new KeyframeSelection(config.duplicateDistance(), config.maxPerShot());
        List<List<Candidate>> byShot = new ArrayList<>();
        int[] runs = new int[shots.shots().size()];
        for (int i = 0; i < shots.shots().size(); i++) {
            byShot.add(new ArrayList<>());
        }
        Rational timeBase = null;
        List<FrameCandidate> inOrder = new ArrayList<>(candidates);
        inOrder.sort(Comparator.comparingLong(FrameCandidate::pts));
        for (FrameCandidate c : inOrder) {
            long n = shots.frameAt(c.pts());
            int shot = shotOf(shots.shots(), n);
            if (shot >= 0) {
                // A change of content after the shot's first candidate starts a new run; the
                // shot's own cut is no such change.
                if (c.afterChange() && !byShot.get(shot).isEmpty()) {
                    runs[shot]++;
                }
                byShot.get(shot)
                        .add(
                                new Candidate(
                                        shot,
                                        n,
                                        c.pts(),
                                        c.quality(),
                                        c.phash(),
                                        null,
                                        runs[shot]));
                timeBase = c.timeBase();
            }
        }
        List<Keyframe> chosen = new ArrayList<>();
        for (Shot shot : shots.shots()) {
            List<Candidate> usable = usableCandidates(shot, shots, byShot.get(shot.index()));
            if (usable.isEmpty()) {
                return Optional.empty();
            }
            usable.sort(Comparator.comparingLong(Candidate::frame));
            for (Candidate c : selection.choose(usable, plan.allowed(shot.index()))) {
                chosen.add(keyframe(videoId, shots, c, timeBase, null));
            }
        }
        return Optional.of(dropRepeats(chosen));
    }

    /** The keyframe of candidate {@code c}, with the detector's times and the motion around it. */
    private static Keyframe keyframe(
            String videoId, ShotDetection shots, Candidate c, Rational timeBase, Picture picture) {
        return new Keyframe(
                videoId,
                c.shot(),
                c.frame(),
                FfmpegShotDetector.millis(c.pts(), shots.pts()[0], timeBase),
                Timecode.of(c.frame(), shots.info().fps()),
                c.phash(),
                c.quality(),
                picture,
                shots.motionAround(shots.shots().get(c.shot()), c.frame(), MOTION_RADIUS));
    }

    /** The candidates of {@code shot} on its usable frames, with the plan's fallbacks. */
    private static List<Candidate> usableCandidates(
            Shot shot, ShotDetection shots, List<Candidate> inShot) {
        for (int edge : new int[] {KeyframePlan.EDGE, -1}) {
            long[] usable = KeyframePlan.usable(shot, shots.gradual(), edge);
            List<Candidate> kept = new ArrayList<>();
            for (Candidate c : inShot) {
                if (Arrays.binarySearch(usable, c.frame()) >= 0) {
                    kept.add(c);
                }
            }
            if (!kept.isEmpty()) {
                return kept;
            }
        }
        return new ArrayList<>(inShot);
    }

    private static int shotOf(List<Shot> shots, long frame) {
        if (frame < 0) {
            return -1;
        }
        int lo = 0;
        int hi = shots.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Shot s = shots.get(mid);
            if (frame < s.firstFrame()) {
                hi = mid - 1;
            } else if (frame > s.lastFrame()) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    @Override
    public List<Keyframe> dropRepeats(List<Keyframe> keyframes) {
        return RepeatedKeyframes.drop(keyframes, config.duplicateDistance());
    }

    @Override
    public void close() {}

    /** The output size in coded orientation, and the rotation to apply afterwards. */
    static int[] outputSize(MediaInput in, int maxWidth) {
        AVCodecParameters par = in.stream().codecpar();
        AVRational sar = par.sample_aspect_ratio();
        double aspect =
                sar != null && sar.num() > 0 && sar.den() > 0
                        ? (double) sar.num() / sar.den()
                        : 1.0;
        int rotation = in.rotation();
        boolean sideways = rotation == 90 || rotation == 270;
        double codedW = par.width() * aspect;
        double codedH = par.height();
        double displayW = sideways ? codedH : codedW;
        double displayH = sideways ? codedW : codedH;
        int outW = (int) Math.min(maxWidth, Math.round(displayW));
        int outH = (int) Math.max(1, Math.round(outW * displayH / displayW));
        return sideways ? new int[] {outH, outW, rotation} : new int[] {outW, outH, rotation};
    }

    /** One decoding pass over the shots of one part of a video. */
    private final class Pass {
        private final String videoId;
        private final MediaInput in;
        private final ShotDetection shots;
        private final KeyframePlan plan;
        private final KeyframeWork part;
        private final KeyframeSelection selection;
        private final Rational timeBase;
        private final long lastCandidate;
        private final long lastFrame;
        private final int rotation;
        private final int outW;
        private final int outH;

        /** Timestamps of packets sent and not yet shown: a gap in the output is a skipped frame. */
        private final TreeSet<Long> sent = new TreeSet<>();

        private final List<Keyframe> keyframes = new ArrayList<>();
        private final List<Candidate> current = new ArrayList<>();
        private int currentShot = -1;
        private long lastPts = AV_NOPTS_VALUE;

        /** Shot whose lost candidate the next decoded frame replaces, or -1. */
        private int replacing = -1;

        private boolean done;

        Pass(
                String videoId,
                MediaInput in,
                ShotDetection shots,
                KeyframePlan plan,
                KeyframeWork part) {
            this.videoId = videoId;
            this.in = in;
            this.shots = shots;
            this.plan = plan;
            this.part = part;
            this.selection = new KeyframeSelection(config.duplicateDistance(), config.maxPerShot());
            this.timeBase =
                    SegmentPlanner.rational(in.stream().time_base(), new Rational(1, 90_000));
            long[] last = plan.candidates(part.lastShot());
            this.lastCandidate = last[last.length - 1];
            this.lastFrame = shots.pts().length - 1;
            int[] size = outputSize(in, config.maxWidth());
            this.outW = size[0];
            this.outH = size[1];
            this.rotation = size[2];
        }

        List<Keyframe> run() throws VideoException {
            if (part.seekTimestamp() != Long.MIN_VALUE) {
                in.seek(part.seekTimestamp());
            }
            AVPacket packet = av_packet_alloc();
            AVFrame frame = av_frame_alloc();
            try (BgrScaler scaler = new BgrScaler(outW, outH)) {
                while (!done) {
                    in.deadline().check(in.name());
                    if (!in.read(packet)) {
                        in.decoder().skip_frame(AVDISCARD_DEFAULT);
                        avcodec_send_packet(in.decoder(), null); // drain what the decoder holds
                        in.decodedPictures();
                        receive(frame, scaler);
                        break;
                    }
                    try {
                        if (packet.stream_index() == in.streamIndex()) {
                            send(packet);
                            receive(frame, scaler);
                        }
                    } finally {
                        av_packet_unref(packet);
                    }
                }
            } finally {
                av_frame_free(frame);
                av_packet_free(packet);
            }
            flush();
            return keyframes;
        }

        private void send(AVPacket packet) {
            long p = packet.pts();
            in.decoder().skip_frame(skippable(p) ? AVDISCARD_NONREF : AVDISCARD_DEFAULT);
            if (p != AV_NOPTS_VALUE) {
                sent.add(p);
            }
            // A damaged packet is skipped; its frame is counted from its timestamp.
            avcodec_send_packet(in.decoder(), packet);
            in.decodedPictures(); // not used here; keeps the allocator's list short
        }

        /**
         * True when the frame of a packet shown at {@code p}, if nothing references it, need not be
         * decoded: it is more than {@link #SKIP_MARGIN} frames from the video's end and (unless
         * {@link Decoding#REFERENCES}) from every candidate. The detection's timestamps give its
         * frame number before it is decoded.
         */
        private boolean skippable(long p) {
            if (decoding == Decoding.ALL || replacing >= 0 || p == AV_NOPTS_VALUE) {
                return false;
            }
            if (lastPts == AV_NOPTS_VALUE || p <= lastPts) {
                return false;
            }
            long n = shots.frameAt(p);
            if (n < 0 || n + SKIP_MARGIN >= lastFrame) {
                return false;
            }
            if (decoding == Decoding.REFERENCES) {
                return true;
            }
            return !plan.anyBetween(n - SKIP_MARGIN, n + SKIP_MARGIN);
        }

        private void receive(AVFrame frame, BgrScaler scaler) throws VideoException {
            while (!done && avcodec_receive_frame(in.decoder(), frame) >= 0) {
                try {
                    long p = frame.best_effort_timestamp();
                    if (p == AV_NOPTS_VALUE) {
                        p = lastPts == AV_NOPTS_VALUE ? 0 : lastPts + Math.max(1, frame.duration());
                    }
                    if (lastPts != AV_NOPTS_VALUE) {
                        for (long s : List.copyOf(sent.subSet(lastPts, false, p, false))) {
                            count(s, null, scaler);
                        }
                    }
                    sent.headSet(p, true).clear();
                    count(p, frame, scaler);
                } finally {
                    av_frame_unref(frame);
                }
            }
        }

        /**
         * Counts the frame shown at {@code p}; {@code frame} null when it was not decoded. Frames
         * of shots outside the part (shown before its first shot) are passed over.
         */
        private void count(long p, AVFrame frame, BgrScaler scaler) throws VideoException {
            if (done) {
                return;
            }
            lastPts = p;
            long n = shots.frameAt(p);
            if (n < 0) {
                return; // not a frame the detector saw
            }
            int shot = plan.shotOf(n);
            if (shot < part.firstShot() || shot > part.lastShot()) {
                shot = -1;
            }
            if (replacing >= 0 && frame != null) {
                if (n <= plan.lastUsable(replacing)) {
                    shot = replacing;
                }
                replacing = -1;
            }
            if (shot >= 0) {
                if (frame == null) {
                    replacing = shot;
                } else {
                    measure(shot, n, p, frame, scaler);
                }
            }
            if (n >= lastCandidate && replacing < 0) {
                done = true;
            }
            in.deadline().check(in.name());
        }

        private void measure(int shot, long n, long p, AVFrame frame, BgrScaler scaler) {
            if (shot != currentShot) {
                flush();
                currentShot = shot;
            }
            Picture image = Pictures.rotate(scaler.convert(frame), rotation);
            KeyframeQuality quality = FrameQuality.of(image);
            long hash = PerceptualHash.of(image);
            current.add(new Candidate(shot, n, p, quality, hash, image));
        }

        private void flush() {
            if (currentShot < 0) {
                return;
            }
            for (Candidate c : selection.choose(current, plan.allowed(currentShot))) {
                keyframes.add(keyframe(videoId, shots, c, timeBase, c.image()));
            }
            current.clear();
            currentShot = -1;
        }
    }
}
