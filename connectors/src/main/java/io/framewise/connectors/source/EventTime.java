package io.framewise.connectors.source;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of the incoming videos: an upload's {@code received_at} (a listed object's
 * modification time), with watermarks that allow events to arrive out of order by a bounded delay
 * and that do not hold back the job while a partition is idle.
 */
public final class EventTime {

    private EventTime() {}

    /** The watermark strategy declared beside every source of {@link Incoming}. */
    public static WatermarkStrategy<Incoming> watermarks(
            Duration maxOutOfOrderness, Duration idleness) {
        return WatermarkStrategy.<Incoming>forBoundedOutOfOrderness(maxOutOfOrderness)
                .withTimestampAssigner(new ArrivalTime())
                .withIdleness(idleness);
    }

    /** An incoming video's arrival time; the source's record time when it has none. */
    static final class ArrivalTime implements SerializableTimestampAssigner<Incoming> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(Incoming in, long recordTimestamp) {
            return in.at() > 0 ? in.at() : Math.max(recordTimestamp, 0);
        }
    }
}
