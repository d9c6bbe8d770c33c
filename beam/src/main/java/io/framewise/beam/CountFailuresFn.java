package io.framewise.beam;

import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.rows.FailureRow;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Counts every failure row once on its way to the table: {@code framewise.errors} and {@code
 * framewise.errorsByStage.<stage>}, as the Flink job's {@code CountFailures}.
 */
final class CountFailuresFn extends DoFn<FailureRow, FailureRow> {

    private final Counter errors = BeamMetrics.counter(FramewiseMetrics.ERRORS);

    @ProcessElement
    public void process(@Element FailureRow row, OutputReceiver<FailureRow> out) {
        errors.inc();
        BeamMetrics.errorsOfStage(row.stage() == null ? "unknown" : row.stage()).inc();
        out.output(row);
    }
}
