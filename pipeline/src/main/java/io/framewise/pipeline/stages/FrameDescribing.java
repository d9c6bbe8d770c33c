package io.framewise.pipeline.stages;

import io.framewise.pipeline.enrich.Enrichment;
import io.framewise.pipeline.enrich.FrameDescriber;
import io.framewise.pipeline.enrich.FrameToDescribe;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.messages.DescribeTask;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.LlmCallRow;
import io.framewise.pipeline.text.RecognizedText;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Step 5b, with frame description on: a keyframe described by the vision LLM, and what its outcome
 * becomes. Which keyframes share a description ({@link #cacheKey}), how one is asked for ({@link
 * #ask}, always an outcome, never an exception), what a follower takes from its leader ({@link
 * #forFollower}), and the rows an outcome makes ({@link #record}: the keyframe with its description
 * and cost, its {@code llm_calls} row, a {@code failures} row when it has none).
 *
 * <p>The Flink job's describing operators and the Beam backfill's describing DoFn call these; how
 * they wait for the answers (Flink's Async I/O, joining futures within a bundle) and where they
 * keep a leader's answer (keyed state, a group) is theirs.
 *
 * @param model the model asked, as the describer names it
 * @param promptVersion the prompt's version, as the describer names it
 */
public record FrameDescribing(String model, String promptVersion) implements Serializable {

    /** The stage of the {@code failures} rows of keyframes that could not be described. */
    public static final String STAGE = "enrich";

    public static FrameDescribing of(FrameDescriber.Factory describers) {
        return new FrameDescribing(describers.model(), describers.promptVersion());
    }

    /** The text read on the frame, as the prompt carries it; null when there is none. */
    public static String ocrText(RecognizedText text) {
        return text == null || text.lines().isEmpty() ? null : text.text();
    }

    /**
     * The description cache key of {@code k} ({@link DescribeTask#cacheKey}): keyframes with one
     * key make the same request, so one answer serves them all.
     */
    public String cacheKey(KeyframeDone k) {
        return DescribeTask.cacheKey(model, promptVersion, k.keyframe().phash(), ocrText(k.text()));
    }

    /**
     * Asks {@code describer} for {@code k}'s description. The future is the describer's own, so
     * that cancelling it cancels the call; it may still complete exceptionally (a describer that
     * breaks its contract), which {@link #outcome} turns into a failure. A keyframe without a
     * picture for the LLM, or a describer that throws, gets a failure at once.
     */
    public CompletableFuture<Enrichment> ask(FrameDescriber describer, KeyframeDone k) {
        if (k.llmImage() == null) {
            return CompletableFuture.completedFuture(
                    failed(Enrichment.ERROR, "no picture to send: it could not be encoded"));
        }
        try {
            return describer.describe(
                    new FrameToDescribe(
                            k.video().videoId(),
                            k.keyframe().shot(),
                            k.keyframe().frame(),
                            k.llmImage(),
                            ocrText(k.text())));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(Enrichment.ERROR, message(e)));
        }
    }

    /** The outcome of a call that completed with {@code enrichment} or {@code error}. */
    public Enrichment outcome(Enrichment enrichment, Throwable error) {
        return enrichment != null ? enrichment : failed(Enrichment.ERROR, message(error));
    }

    /**
     * The outcome of a call the engine gave up waiting for after {@code timeout} ({@code
     * llm.async.timeout}: the safety net behind the client's own deadline).
     */
    public Enrichment timedOut(Duration timeout) {
        return failed(Enrichment.TIMEOUT, "no answer within llm.async.timeout (" + timeout + ")");
    }

    /**
     * What a follower (a later keyframe with its leader's cache key) gets from its leader's
     * outcome: the leader's description, marked cached, when the leader was described; null when
     * the leader failed, and the follower must ask for itself (an orphan), rather than fail with
     * it.
     */
    public static Enrichment forFollower(Enrichment leader) {
        return leader.ok() ? leader.asCached() : null;
    }

    /**
     * What an outcome makes, once per keyframe however its description was reached.
     *
     * @param keyframe the keyframe with its description (none when it failed) and its cost, without
     *     the LLM's picture
     * @param call its {@code llm_calls} row
     * @param failure its {@code failures} row (stage {@link #STAGE}); null when it was described
     */
    public record Recorded(KeyframeDone keyframe, LlmCallRow call, FailureRow failure) {}

    /**
     * The rows of {@code k}'s outcome {@code e}.
     *
     * @param price the model's price per million tokens; null when the price table has none (no
     *     cost then)
     * @param now epoch milliseconds, the {@code llm_calls} row's time
     */
    public static Recorded record(KeyframeDone k, Enrichment e, LlmConfig.Price price, long now) {
        Double cost = price == null ? null : price.cost(e.inputTokens(), e.outputTokens());
        LlmCallRow call =
                new LlmCallRow(
                        k.video().videoId(),
                        k.keyframe().frame(),
                        e.model(),
                        e.promptVersion(),
                        e.status(),
                        e.attempts(),
                        e.latencyMs(),
                        e.inputTokens(),
                        e.outputTokens(),
                        cost,
                        e.cached(),
                        now);
        FailureRow failure =
                e.ok()
                        ? null
                        : VideoFailure.row(k.video(), STAGE, e.status(), e.message())
                                .withInput(
                                        FailureRow.keyframe(
                                                k.video().videoId(),
                                                k.keyframe().shot(),
                                                k.keyframe().frame()))
                                .withAttempt(Math.max(1, e.attempts()));
        return new Recorded(k.described(e.ok() ? e.description() : null, cost), call, failure);
    }

    private Enrichment failed(String status, String message) {
        return Enrichment.failed(status, model, promptVersion, 0, message);
    }

    /** The innermost cause, with its type: what went wrong, in one line. */
    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
