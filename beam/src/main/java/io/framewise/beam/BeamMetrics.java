package io.framewise.beam;

import io.framewise.pipeline.metrics.FramewiseMetrics;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The Beam backfill's metrics, named as the Flink job's: namespace {@code framewise}, the names of
 * {@link FramewiseMetrics}, so that dashboards and the README's metric list serve both engines.
 * Flink's histograms are Beam distributions here.
 */
final class BeamMetrics {

    private BeamMetrics() {}

    static Counter counter(String name) {
        return Metrics.counter(FramewiseMetrics.GROUP, name);
    }

    static Distribution distribution(String name) {
        return Metrics.distribution(FramewiseMetrics.GROUP, name);
    }

    /** {@code framewise.errorsByStage.<stage>}, as the Flink job's per-stage error counters. */
    static Counter errorsOfStage(String stage) {
        return Metrics.counter(
                FramewiseMetrics.GROUP + "." + FramewiseMetrics.ERRORS_BY_STAGE, stage);
    }
}
