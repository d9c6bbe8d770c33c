package io.framewise.pipeline.job;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of the indexing job in this JVM, for the command line's progress display when the
 * job runs on a local MiniCluster. On a cluster the same events are Flink metrics.
 */
public final class JobProgress {

    private static final AtomicLong VIDEOS_DONE = new AtomicLong();
    private static final AtomicLong VIDEOS_FAILED = new AtomicLong();
    private static final AtomicLong FRAMES = new AtomicLong();
    private static final AtomicLong SHOTS = new AtomicLong();
    private static final AtomicLong KEYFRAMES = new AtomicLong();
    private static final AtomicLong FAILURES = new AtomicLong();
    private static final AtomicLong DESCRIBED = new AtomicLong();
    private static final AtomicLong DESCRIBED_FROM_CACHE = new AtomicLong();

    private JobProgress() {}

    /** A consistent-enough view of the counters. */
    public record Snapshot(
            long videosDone,
            long videosFailed,
            long frames,
            long shots,
            long keyframes,
            long failures,
            long described,
            long describedFromCache) {}

    public static Snapshot snapshot() {
        return new Snapshot(
                VIDEOS_DONE.get(),
                VIDEOS_FAILED.get(),
                FRAMES.get(),
                SHOTS.get(),
                KEYFRAMES.get(),
                FAILURES.get(),
                DESCRIBED.get(),
                DESCRIBED_FROM_CACHE.get());
    }

    /** Starts counting afresh (one job per JVM at a time). */
    public static void reset() {
        for (AtomicLong c :
                new AtomicLong[] {
                    VIDEOS_DONE,
                    VIDEOS_FAILED,
                    FRAMES,
                    SHOTS,
                    KEYFRAMES,
                    FAILURES,
                    DESCRIBED,
                    DESCRIBED_FROM_CACHE
                }) {
            c.set(0);
        }
    }

    static void framesDecoded(long n) {
        FRAMES.addAndGet(n);
    }

    static void shotsFound(long n) {
        SHOTS.addAndGet(n);
    }

    static void keyframesExtracted(long n) {
        KEYFRAMES.addAndGet(n);
    }

    static void videoDone() {
        VIDEOS_DONE.incrementAndGet();
    }

    static void videoFailed() {
        VIDEOS_FAILED.incrementAndGet();
        FAILURES.incrementAndGet();
    }

    static void failure() {
        FAILURES.incrementAndGet();
    }

    /** A keyframe was described, by the LLM or from the cache. */
    static void described(boolean fromCache) {
        DESCRIBED.incrementAndGet();
        if (fromCache) {
            DESCRIBED_FROM_CACHE.incrementAndGet();
        }
    }
}
