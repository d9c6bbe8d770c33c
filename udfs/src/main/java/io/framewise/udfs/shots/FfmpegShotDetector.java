package io.framewise.udfs.shots;

import io.framewise.pipeline.frames.KeyframeConfig;
import io.framewise.pipeline.shots.GradualTransition;
import io.framewise.pipeline.shots.HardCut;
import io.framewise.pipeline.shots.Rational;
import io.framewise.pipeline.shots.SegmentFeatures;
import io.framewise.pipeline.shots.SegmentPlan;
import io.framewise.pipeline.shots.Shot;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.shots.Timecode;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.shots.VideoException.Code;
import io.framewise.pipeline.shots.VideoInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Shot detection on FFmpeg: plans keyframe-aligned segments, decodes them side by side (one
 * single-threaded decoder each), joins their features and finds the boundaries.
 *
 * <p>Usage: {@code try (ShotDetector d = FfmpegShotDetector.factory(config).create()) {
 * d.detect(path); }}. One instance per operator instance; {@link #detect} may be called from one
 * thread at a time and uses the instance's own decoding threads.
 */
public final class FfmpegShotDetector implements ShotDetector {

    private final ShotDetectionConfig config;
    private final KeyframeConfig keyframes;
    private final int parallelism;
    private final ExecutorService pool;

    public FfmpegShotDetector(ShotDetectionConfig config) {
        this(config, null);
    }

    /**
     * A detector whose {@link #decode} also measures keyframe candidates ({@link
     * SegmentFeatures#candidates()}) when {@code keyframes} is not null, so that keyframes are
     * chosen from the same decoding pass ({@link FfmpegKeyframeExtractor#chooseFrames}).
     */
    public FfmpegShotDetector(ShotDetectionConfig config, KeyframeConfig keyframes) {
        this.config = config;
        this.keyframes = keyframes;
        this.parallelism =
                config.segments() > 0
                        ? config.segments()
                        : Runtime.getRuntime().availableProcessors();
        this.pool =
                Executors.newFixedThreadPool(
                        parallelism,
                        r -> {
                            Thread t = new Thread(r, "framewise-decode");
                            t.setDaemon(true);
                            return t;
                        });
        Ffmpeg.load();
    }

    /** A serializable factory for operators: each instance opens its own detector. */
    public static ShotDetector.Factory factory(ShotDetectionConfig config) {
        return () -> new FfmpegShotDetector(config);
    }

    /** A factory of detectors that capture keyframe candidates while decoding segments. */
    public static ShotDetector.Factory capturing(
            ShotDetectionConfig config, KeyframeConfig keyframes) {
        return () -> new FfmpegShotDetector(config, keyframes);
    }

    @Override
    public ShotDetection detect(Path video) throws VideoException {
        Deadline deadline = Deadline.after(config.timeout());
        Planned planned = plan(video, deadline);
        SegmentPlan plan = planned.plan();
        // The threads take the segments with the most work first and end on the small ones,
        // together (the pool hands them out in the order they are submitted).
        List<Future<SegmentFeatures>> running =
                new ArrayList<>(Collections.nCopies(plan.segments().size(), null));
        for (int index : planned.mostWorkFirst()) {
            running.set(index, pool.submit(() -> decode(plan, index, deadline)));
        }
        List<SegmentFeatures> done = new ArrayList<>();
        try {
            for (Future<SegmentFeatures> f : running) {
                done.add(await(f, deadline, video));
            }
        } finally {
            running.forEach(f -> f.cancel(true));
        }
        return stitch(plan, done);
    }

    private static SegmentFeatures await(Future<SegmentFeatures> f, Deadline deadline, Path video)
            throws VideoException {
        try {
            long left = Math.max(1, deadline.nanos() - System.nanoTime());
            return f.get(left, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VideoException ve) {
                throw ve;
            }
            throw new IllegalStateException("decoding " + video + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw deadline.timeout(video.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VideoException(Code.TIMEOUT, "interrupted: " + video);
        }
    }

    @Override
    public SegmentPlan plan(Path video) throws VideoException {
        return plan(video, Deadline.after(config.timeout())).plan();
    }

    /** A plan, and its segments' indices with the most decoding work first. */
    private record Planned(SegmentPlan plan, List<Integer> mostWorkFirst) {}

    private Planned plan(Path video, Deadline deadline) throws VideoException {
        try (MediaInput in = MediaInput.open(video, deadline, config.skipLoopFilter())) {
            DecodingCost cost = DecodingCost.fromIndex(in.stream());
            SegmentPlan plan = SegmentPlanner.plan(in, video, shares(in), cost);
            return new Planned(plan, SegmentPlanner.mostWorkFirst(plan, cost));
        }
    }

    /**
     * {@code shots.segments} equal shares, or one per {@code shots.segment-seconds} of the duration
     * the container announces (one segment when it announces none), with the last ones smaller so
     * that the decoding threads end together ({@link SegmentPlanner.Shares#taperedFor}).
     */
    private SegmentPlanner.Shares shares(MediaInput in) {
        if (config.segments() > 0) {
            return SegmentPlanner.Shares.equal(config.segments());
        }
        long micros = in.format().duration();
        int segments =
                micros <= 0
                        ? 1
                        : (int) Math.max(1, Math.ceil(micros / 1e6 / config.segmentSeconds()));
        return SegmentPlanner.Shares.taperedFor(segments, parallelism);
    }

    @Override
    public SegmentFeatures decode(SegmentPlan plan, int segment) throws VideoException {
        return decode(plan, segment, Deadline.after(config.timeout()));
    }

    private SegmentFeatures decode(SegmentPlan plan, int segment, Deadline deadline)
            throws VideoException {
        try (MediaInput in =
                MediaInput.open(Path.of(plan.video()), deadline, config.skipLoopFilter())) {
            return SegmentDecoder.decode(in, plan, segment, config, keyframes);
        }
    }

    @Override
    public ShotDetection stitch(SegmentPlan plan, List<SegmentFeatures> segments)
            throws VideoException {
        if (segments.size() != plan.segments().size()) {
            throw new IllegalArgumentException(
                    "expected " + plan.segments().size() + " segments, got " + segments.size());
        }
        FeatureSeries series = FeatureSeries.join(segments);
        if (series.frames == 0) {
            throw new VideoException(Code.CORRUPT, "no frame could be decoded: " + plan.video());
        }
        if (plan.announcedFrames() > 0 && series.frames < 0.9 * plan.announcedFrames()) {
            throw new VideoException(
                    Code.CORRUPT,
                    "damaged: decoded "
                            + series.frames
                            + " of the "
                            + plan.announcedFrames()
                            + " frames the container announces: "
                            + plan.video());
        }
        ShotDetection detection = shots(plan, series);
        long decodedMs = detection.info().durationMs();
        if (plan.announcedMs() > 2000 && decodedMs < 0.9 * plan.announcedMs()) {
            throw new VideoException(
                    Code.TRUNCATED,
                    String.format(
                            "truncated or damaged: decoded %.1f s of the %.1f s the container"
                                    + " announces: %s",
                            decodedMs / 1000.0, plan.announcedMs() / 1000.0, plan.video()));
        }
        return detection;
    }

    /**
     * The shots of the first segments alone, as if the video ended there, without the checks of a
     * whole video (frames and duration against the container's announcement); empty before a frame
     * is in. A boundary depends only on the frames within a few seconds of it, so the shots that
     * end well before the last of these frames are the whole video's shots too.
     */
    @Override
    public Optional<ShotDetection> stitchSoFar(SegmentPlan plan, List<SegmentFeatures> first) {
        FeatureSeries series = FeatureSeries.join(first);
        return series.frames == 0 ? Optional.empty() : Optional.of(shots(plan, series));
    }

    private ShotDetection shots(SegmentPlan plan, FeatureSeries series) {
        BoundaryDetector.Boundaries found = BoundaryDetector.detect(series, config);
        return assemble(plan, series, found, config.minCutDistance());
    }

    private static ShotDetection assemble(
            SegmentPlan plan,
            FeatureSeries series,
            BoundaryDetector.Boundaries found,
            double cutFloor) {
        Rational tb = plan.timeBase();
        long origin = series.pts[0];
        double span = (series.pts[series.frames - 1] - origin) * (double) tb.num() / tb.den();
        Rational fps = NominalRate.reconcile(plan.fps(), series.frames, span);
        long[] ms = new long[series.frames];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = millis(series.pts[i], origin, tb);
        }
        long durationMs = ms[ms.length - 1] + Math.round(1000.0 / fps.toDouble());

        List<HardCut> cuts = new ArrayList<>();
        TreeSet<Long> starts = new TreeSet<>();
        for (int c : found.cuts()) {
            cuts.add(new HardCut(c, ms[c], Timecode.of(c, fps)));
            starts.add((long) c);
        }
        for (GradualTransition g : found.gradual()) {
            starts.add(g.firstFrame());
        }
        List<Shot> shots = new ArrayList<>();
        long first = 0;
        for (long next : starts) {
            shots.add(new Shot(shots.size(), first, next - 1, ms[(int) first], ms[(int) next]));
            first = next;
        }
        shots.add(new Shot(shots.size(), first, series.frames - 1, ms[(int) first], durationMs));

        VideoInfo info =
                new VideoInfo(
                        plan.video(),
                        plan.width(),
                        plan.height(),
                        plan.rotation(),
                        fps,
                        series.frames,
                        durationMs,
                        plan.codec(),
                        plan.container());
        // Change per frame in units of the weakest cut accepted, so that it reads as 0-1 outside.
        float[] change = new float[series.frames];
        for (int i = 1; i < change.length; i++) {
            float d = series.distance(i, 1);
            change[i] = Float.isNaN(d) ? 0 : (float) Math.min(1.0, d / cutFloor);
        }
        return new ShotDetection(info, cuts, found.gradual(), shots, series.pts, change);
    }

    /**
     * Milliseconds of presentation timestamp {@code pts} after the first frame's {@code origin}:
     * the convention of every time the detector and the keyframe extractor report.
     */
    static long millis(long pts, long origin, Rational timeBase) {
        return Math.round((pts - origin) * 1000.0 * timeBase.num() / timeBase.den());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
