package io.framewise.pipeline.metrics;

import io.framewise.pipeline.operators.CountRows;
import java.util.Map;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * The indexing job's progress as Flink accumulators: Flink merges them over every subtask and hands
 * them to whoever holds the job's client (while it runs, through {@code JobClient#getAccumulators}
 * on a local MiniCluster and on a cluster alike; at its end, in the {@code JobExecutionResult}). So
 * the command line reports the same numbers wherever the job runs, and nothing is kept in statics.
 *
 * <p>The videos, shots, keyframes and failures are counted where their rows leave the graph for the
 * tables ({@link CountRows}), so the counts are the rows written.
 */
public final class JobCounts {

    public static final String VIDEOS_INDEXED = "framewise.videosIndexed";
    public static final String VIDEOS_FAILED = "framewise.videosFailed";
    public static final String FRAMES_DECODED = "framewise.framesDecoded";
    public static final String SHOTS = "framewise.shots";
    public static final String KEYFRAMES = "framewise.keyframes";
    public static final String FAILURES = "framewise.failures";
    public static final String DESCRIBED = "framewise.described";
    public static final String DESCRIBED_FROM_CACHE = "framewise.describedFromCache";

    private JobCounts() {}

    /** The counts at one moment. */
    public record Snapshot(
            long videosDone,
            long videosFailed,
            long frames,
            long shots,
            long keyframes,
            long failures,
            long described,
            long describedFromCache) {

        public static final Snapshot NONE = new Snapshot(0, 0, 0, 0, 0, 0, 0, 0);

        /** The counts in {@code accumulators} (as a job's client or result gives them). */
        public static Snapshot of(Map<String, ?> accumulators) {
            return new Snapshot(
                    count(accumulators, VIDEOS_INDEXED),
                    count(accumulators, VIDEOS_FAILED),
                    count(accumulators, FRAMES_DECODED),
                    count(accumulators, SHOTS),
                    count(accumulators, KEYFRAMES),
                    count(accumulators, FAILURES),
                    count(accumulators, DESCRIBED),
                    count(accumulators, DESCRIBED_FROM_CACHE));
        }

        /** These counts with {@code failures} instead (e.g. the failures table's own count). */
        public Snapshot withFailures(long failures) {
            return new Snapshot(
                    videosDone,
                    videosFailed,
                    frames,
                    shots,
                    keyframes,
                    failures,
                    described,
                    describedFromCache);
        }

        private static long count(Map<String, ?> accumulators, String name) {
            return accumulators.get(name) instanceof Number n ? n.longValue() : 0;
        }
    }

    /**
     * The counter {@code name} of this operator instance, registered on first use. Two operators
     * may count into the same name: Flink adds their values up.
     */
    public static LongCounter counter(RuntimeContext context, String name) {
        Accumulator<Long, Long> existing = context.getAccumulator(name);
        if (existing instanceof LongCounter counter) {
            return counter;
        }
        LongCounter counter = new LongCounter();
        context.addAccumulator(name, counter);
        return counter;
    }
}
