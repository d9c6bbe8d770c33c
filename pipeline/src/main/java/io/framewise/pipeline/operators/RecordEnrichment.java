package io.framewise.pipeline.operators;

import io.framewise.pipeline.enrich.Enrichment;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.messages.Described;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.metrics.JobCounts;
import io.framewise.pipeline.stages.FrameDescribing;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The describing stage's last step: each keyframe goes on with its description (or none) and
 * without the LLM's picture; its {@code llm_calls} row (side output {@link Tags#LLM_CALLS}), and a
 * {@code failures} row (stage {@code enrich}) when it could not be described, are written here,
 * once per keyframe ({@link FrameDescribing#record}); and so are the LLM metrics (latency of the
 * requests made, errors, cache hits), which count each keyframe once however its description was
 * reached.
 */
public final class RecordEnrichment extends ProcessFunction<Described, KeyframeDone> {

    private final LlmConfig.Price price;
    private transient Histogram latencyMs;
    private transient Counter errors;
    private transient Counter cacheHits;
    private transient LongCounter described;
    private transient LongCounter describedFromCache;

    /**
     * @param price the model's price per million tokens; null when the price table has none
     */
    public RecordEnrichment(LlmConfig.Price price) {
        this.price = price;
    }

    @Override
    public void open(OpenContext context) {
        FramewiseMetrics metrics = FramewiseMetrics.of(getRuntimeContext().getMetricGroup());
        latencyMs = metrics.histogram(FramewiseMetrics.LLM_LATENCY_MS);
        errors = metrics.counter(FramewiseMetrics.LLM_ERRORS);
        cacheHits = metrics.counter(FramewiseMetrics.LLM_CACHE_HITS);
        described = JobCounts.counter(getRuntimeContext(), JobCounts.DESCRIBED);
        describedFromCache = JobCounts.counter(getRuntimeContext(), JobCounts.DESCRIBED_FROM_CACHE);
    }

    @Override
    public void processElement(Described d, Context ctx, Collector<KeyframeDone> out) {
        Enrichment e = d.enrichment();
        FrameDescribing.Recorded recorded =
                FrameDescribing.record(d.task().keyframe(), e, price, System.currentTimeMillis());
        ctx.output(Tags.LLM_CALLS, recorded.call());
        if (e.cached()) {
            cacheHits.inc();
        } else if (e.attempts() > 0) {
            latencyMs.update(e.latencyMs());
        }
        if (e.ok()) {
            described.add(1L);
            if (e.cached()) {
                describedFromCache.add(1L);
            }
        } else {
            errors.inc();
            ctx.output(Tags.FAILURES, recorded.failure());
        }
        out.collect(recorded.keyframe());
    }
}
