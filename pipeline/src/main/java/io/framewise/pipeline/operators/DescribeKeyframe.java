package io.framewise.pipeline.operators;

import io.framewise.pipeline.enrich.Enrichment;
import io.framewise.pipeline.enrich.FrameDescriber;
import io.framewise.pipeline.enrich.FrameToDescribe;
import io.framewise.pipeline.messages.DescribeTask;
import io.framewise.pipeline.messages.Described;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.remote.Outage;
import io.framewise.pipeline.text.RecognizedText;
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
 * (Retry-After); Flink's own retry strategy is not used.
 */
public final class DescribeKeyframe extends RichAsyncFunction<DescribeTask, Described> {

    private final FrameDescriber.Factory describers;
    private final Duration timeout;
    private transient FrameDescriber describer;
    private transient Map<DescribeTask, CompletableFuture<Enrichment>> inFlight;

    public DescribeKeyframe(FrameDescriber.Factory describers, Duration timeout) {
        this.describers = describers;
        this.timeout = timeout;
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
        KeyframeDone k = task.keyframe();
        if (k.llmImage() == null) {
            result.complete(
                    List.of(
                            new Described(
                                    task,
                                    failed(
                                            Enrichment.ERROR,
                                            "no picture to send: it could not be encoded"))));
            return;
        }
        CompletableFuture<Enrichment> call;
        try {
            call =
                    describer.describe(
                            new FrameToDescribe(
                                    k.video().videoId(),
                                    k.keyframe().shot(),
                                    k.keyframe().frame(),
                                    k.llmImage(),
                                    ocrText(k.text())));
        } catch (RuntimeException e) {
            call = CompletableFuture.completedFuture(failed(Enrichment.ERROR, message(e)));
        }
        inFlight.put(task, call);
        call.whenComplete(
                (enrichment, error) -> {
                    inFlight.remove(task);
                    Enrichment outcome =
                            enrichment != null
                                    ? enrichment
                                    : failed(Enrichment.ERROR, message(error));
                    result.complete(List.of(new Described(task, outcome)));
                });
    }

    @Override
    public void timeout(DescribeTask task, ResultFuture<Described> result) {
        // The timeout's outcome first: cancelling completes the call, whose own outcome must lose.
        result.complete(
                List.of(
                        new Described(
                                task,
                                failed(
                                        Enrichment.TIMEOUT,
                                        "no answer within llm.async.timeout (" + timeout + ")"))));
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

    private Enrichment failed(String status, String message) {
        return Enrichment.failed(
                status, describers.model(), describers.promptVersion(), 0, message);
    }

    /** The text read on the frame, or null when there is none. */
    public static String ocrText(RecognizedText text) {
        return text == null || text.lines().isEmpty() ? null : text.text();
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
