package io.framewise.pipeline.operators;

import java.time.Duration;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * The current key's video timeout: one processing-time timer per video, pushed back each time one
 * of its parts arrives and deleted when the video is complete. It fires only for a video whose
 * parts stopped coming for {@code timeout} ({@code job.video-timeout}), which the operator then
 * gives up and clears. Processing time, because a lost message is a matter of waiting, not of the
 * videos' event time (which for a backfill can be years old).
 */
public final class VideoTimer {

    private final Duration timeout;
    private final ValueState<Long> due;

    public VideoTimer(RuntimeContext runtime, Duration timeout) {
        this.timeout = timeout;
        due = runtime.getState(new ValueStateDescriptor<>("video-timeout", Types.LONG));
    }

    Duration timeout() {
        return timeout;
    }

    /** A part arrived: the video times out {@code timeout} from now. */
    void restart(TimerService timers) throws Exception {
        cancel(timers);
        long at = timers.currentProcessingTime() + timeout.toMillis();
        timers.registerProcessingTimeTimer(at);
        due.update(at);
    }

    /** The video is done: no timeout. */
    void cancel(TimerService timers) throws Exception {
        Long at = due.value();
        if (at != null) {
            timers.deleteProcessingTimeTimer(at);
            due.clear();
        }
    }

    /**
     * Whether a timer firing at {@code timestamp} is this video's timeout (and not a stale one that
     * a later part pushed back), and if so forgets it.
     */
    boolean fired(long timestamp) throws Exception {
        Long at = due.value();
        if (at == null || at != timestamp) {
            return false;
        }
        due.clear();
        return true;
    }
}
