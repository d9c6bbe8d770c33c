package io.framewise.connectors.source;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Holds incoming videos back to at most a given rate, so that a backfill does not flood shared
 * storage or the cluster: each of the operator's subtasks lets through its share of the rate.
 * Malformed events are not held back.
 */
public final class Throttle extends RichMapFunction<Incoming, Incoming> {

    private final double videosPerSecond;
    private transient long intervalNanos;
    private transient long next;

    public Throttle(double videosPerSecond) {
        if (!(videosPerSecond > 0)) {
            throw new IllegalArgumentException(
                    "the rate must be more than 0 videos per second, got " + videosPerSecond);
        }
        this.videosPerSecond = videosPerSecond;
    }

    @Override
    public void open(OpenContext context) {
        int subtasks = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        intervalNanos = (long) (1e9 * subtasks / videosPerSecond);
        next = System.nanoTime();
    }

    @Override
    public Incoming map(Incoming in) throws InterruptedException {
        if (in.video() == null) {
            return in;
        }
        long now = System.nanoTime();
        if (now < next) {
            Thread.sleep((next - now) / 1_000_000, (int) ((next - now) % 1_000_000));
            now = next;
        }
        next = now + intervalNanos;
        return in;
    }
}
