package io.framewise.pipeline.operators;

import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.metrics.JobCounts;
import io.framewise.pipeline.rows.FailureRow;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Counts the failure rows on their way to the {@code failures} table: the metric {@code
 * framewise.errors}, and {@code framewise.errorsByStage.<stage>} per stage. One place sees every
 * stage's failures, so a new stage's failures are counted as soon as they join the union.
 */
public final class CountFailures extends RichMapFunction<FailureRow, FailureRow> {

    private transient FramewiseMetrics metrics;
    private transient Counter all;
    private transient Map<String, Counter> byStage;
    private transient LongCounter counted;

    @Override
    public void open(OpenContext context) {
        metrics = FramewiseMetrics.of(getRuntimeContext().getMetricGroup());
        all = metrics.counter(FramewiseMetrics.ERRORS);
        byStage = new HashMap<>();
        counted = JobCounts.counter(getRuntimeContext(), JobCounts.FAILURES);
    }

    @Override
    public FailureRow map(FailureRow row) {
        all.inc();
        counted.add(1L);
        String stage = row.stage() == null ? "unknown" : row.stage();
        byStage.computeIfAbsent(
                        stage,
                        s -> metrics.group().addGroup(FramewiseMetrics.ERRORS_BY_STAGE).counter(s))
                .inc();
        return row;
    }
}
