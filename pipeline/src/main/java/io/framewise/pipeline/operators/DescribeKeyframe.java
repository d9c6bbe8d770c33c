package io.framewise.pipeline.operators;

import io.framewise.pipeline.enrich.Enrichment;
import io.framewise.pipeline.enrich.FrameDescriber;
import io.framewise.pipeline.messages.DescribeTask;
import io.framewise.pipeline.messages.Described;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.remote.Outage;
import io.framewise.pipeline.stages.FrameDescribing;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Asks the vision LLM to describe a keyframe, without blocking: Flink's Async I/O keeps up to the
 * configured capacity of keyframes in flight per subtask, and the describer (opened once per
 * subtask) completes each from its HTTP client's callbacks.
 *
 * <p>Every keyframe comes out, described or not: the describer completes with a failure outcome
 * rather than an exception, and {@link #timeout} (the job's safety net behind the client's own
 * deadline) emits a {@code llm_timeout} outcome instead of failing the job. Retries, back-off, rate
 * limits and the circuit breaker live in the describer, which knows the provider's answers
 * (Retry-After); Flink's own retry strategy is not used. What a call and its outcome are is {@link
 * FrameDescribing}'s, which the Beam backfill calls too.
 */
public final class DescribeKeyframe extends RichAsyncFunction<DescribeTask, Described> {

    private final FrameDescriber.Factory describers;
    private final Duration timeout;
    private final FrameDescribing describing;
    private transient FrameDescriber describer;
    private transient Map<DescribeTask, CompletableFuture<Enrichment>> inFlight;

    public DescribeKeyframe(FrameDescriber.Factory describers, Duration timeout) {
        this.describers = describers;
        this.timeout = timeout;
        this.describing = FrameDescribing.of(describers);
    }

    @Override
    public void open(OpenContext context) {
        describer =
                describers.create(getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
        // By identity: Flink hands timeout() the very task it handed asyncInvoke().
        inFlight = Collections.synchronizedMap(new IdentityHashMap<>());
        FramewiseMetrics.of(getRuntimeContext().getMetricGroup())
                .dependency(
                        FramewiseMetrics.LLM,
                        () -> Outage.anyUnavailable(FramewiseMetrics.LLM),
                        () -> Outage.failedAttempts(FramewiseMetrics.LLM));
    }

    @Override
    public void asyncInvoke(DescribeTask task, ResultFuture<Described> result) {
        CompletableFuture<Enrichment> call = describing.ask(describer, task.keyframe());
        inFlight.put(task, call);
        call.whenComplete(
                (enrichment, error) -> {
                    inFlight.remove(task);
                    result.complete(
                            List.of(new Described(task, describing.outcome(enrichment, error))));
                });
    }

    @Override
    public void timeout(DescribeTask task, ResultFuture<Described> result) {
        // The timeout's outcome first: cancelling completes the call, whose own outcome must lose.
        result.complete(List.of(new Described(task, describing.timedOut(timeout))));
        CompletableFuture<Enrichment> call = inFlight.remove(task);
        if (call != null) {
            call.cancel(false);
        }
    }

    @Override
    public void close() {
        if (describer != null) {
            describer.close();
        }
    }
}
