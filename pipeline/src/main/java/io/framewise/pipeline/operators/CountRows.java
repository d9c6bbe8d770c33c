package io.framewise.pipeline.operators;

import io.framewise.pipeline.metrics.JobCounts;
import java.io.Serializable;
import java.util.function.Predicate;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Counts the rows on their way to a table into a {@link JobCounts} accumulator, and passes them on
 * unchanged; rows that {@code other} matches are counted under a second name instead (a failed
 * video is a {@code videos} row too).
 */
public final class CountRows<T> extends RichMapFunction<T, T> {

    /** Which rows count under the second name; shipped with the operator, so serializable. */
    public interface Split<T> extends Predicate<T>, Serializable {}

    private final String name;
    private final String otherName;
    private final Split<T> other;
    private transient LongCounter counter;
    private transient LongCounter otherCounter;

    private CountRows(String name, String otherName, Split<T> other) {
        this.name = name;
        this.otherName = otherName;
        this.other = other;
    }

    /** Counts every row under {@code name}. */
    public static <T> CountRows<T> as(String name) {
        return new CountRows<>(name, null, null);
    }

    /**
     * Counts the rows {@code other} matches under {@code otherName}, the rest under {@code name}.
     */
    public static <T> CountRows<T> as(String name, String otherName, Split<T> other) {
        return new CountRows<>(name, otherName, other);
    }

    @Override
    public void open(OpenContext context) {
        counter = JobCounts.counter(getRuntimeContext(), name);
        if (otherName != null) {
            otherCounter = JobCounts.counter(getRuntimeContext(), otherName);
        }
    }

    @Override
    public T map(T row) {
        if (other != null && other.test(row)) {
            otherCounter.add(1L);
        } else {
            counter.add(1L);
        }
        return row;
    }
}
