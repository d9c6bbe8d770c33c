package io.framewise.pipeline.operators;

import io.framewise.pipeline.messages.TranscribeTask;
import io.framewise.pipeline.messages.Transcribed;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.remote.Outage;
import io.framewise.pipeline.speech.Transcriber;
import io.framewise.pipeline.speech.Transcription;
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
 * Asks the speech server to transcribe a chunk, without blocking: Flink's Async I/O keeps up to
 * {@code speech.async.capacity} chunks in flight per subtask, and the transcriber (opened once per
 * subtask) completes each from its HTTP client's callbacks.
 *
 * <p>Every chunk comes out, transcribed or not: the transcriber completes with a failure outcome
 * rather than an exception, and {@link #timeout} emits a {@code speech_timeout} outcome instead of
 * failing the job. Retries, back-off, rate limits and the circuit breaker live in the transcriber.
 */
public final class TranscribeChunk extends RichAsyncFunction<TranscribeTask, Transcribed> {

    private final Transcriber.Factory transcribers;
    private final Duration timeout;
    private transient Transcriber transcriber;
    private transient Map<TranscribeTask, CompletableFuture<Transcription>> inFlight;

    public TranscribeChunk(Transcriber.Factory transcribers, Duration timeout) {
        this.transcribers = transcribers;
        this.timeout = timeout;
    }

    @Override
    public void open(OpenContext context) {
        transcriber =
                transcribers.create(
                        getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
        // By identity: Flink hands timeout() the very task it handed asyncInvoke().
        inFlight = Collections.synchronizedMap(new IdentityHashMap<>());
        FramewiseMetrics.of(getRuntimeContext().getMetricGroup())
                .dependency(
                        FramewiseMetrics.SPEECH,
                        () -> Outage.anyUnavailable(FramewiseMetrics.SPEECH),
                        () -> Outage.failedAttempts(FramewiseMetrics.SPEECH));
    }

    @Override
    public void asyncInvoke(TranscribeTask task, ResultFuture<Transcribed> result) {
        CompletableFuture<Transcription> call = transcriber.transcribe(task.chunk());
        inFlight.put(task, call);
        call.whenComplete(
                (transcription, error) -> {
                    inFlight.remove(task);
                    Transcription outcome =
                            transcription != null
                                    ? transcription
                                    : Transcription.failed(
                                            Transcription.ERROR,
                                            transcribers.model(),
                                            0,
                                            String.valueOf(error));
                    result.complete(List.of(new Transcribed(task, outcome)));
                });
    }

    @Override
    public void timeout(TranscribeTask task, ResultFuture<Transcribed> result) {
        result.complete(
                List.of(
                        new Transcribed(
                                task,
                                Transcription.failed(
                                        Transcription.TIMEOUT,
                                        transcribers.model(),
                                        timeout.toMillis(),
                                        "no answer within speech.async.timeout ("
                                                + timeout
                                                + ")"))));
        CompletableFuture<Transcription> call = inFlight.remove(task);
        if (call != null) {
            call.cancel(false);
        }
    }

    @Override
    public void close() {
        if (transcriber != null) {
            transcriber.close();
        }
    }
}
