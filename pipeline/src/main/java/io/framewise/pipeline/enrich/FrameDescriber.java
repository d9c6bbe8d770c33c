package io.framewise.pipeline.enrich;

import java.io.Serializable;
import java.util.concurrent.CompletableFuture;

/**
 * Port: describes keyframes with a vision LLM, asynchronously.
 *
 * <p>{@link #describe} returns at once; the future completes when the description (or the final
 * failure) is known, after whatever retries, back-off, rate limiting and circuit breaking the
 * engine does. It always completes normally: a failure is an {@link Enrichment} with a failure
 * {@link Enrichment#status() status}, never an exceptional future, so that the caller can record
 * attempts, latency and tokens of failed calls too. Many calls may be in flight at once from one
 * thread; the engine needs no thread per call.
 *
 * <p>One engine per operator instance, opened in {@code open()} and closed in {@code close()};
 * closing completes the calls still in flight with a failure.
 */
public interface FrameDescriber extends AutoCloseable {

    CompletableFuture<Enrichment> describe(FrameToDescribe frame);

    @Override
    void close();

    /**
     * Serializable configuration that creates a describer where it runs. It names the model and
     * prompt version up front: with the perceptual hash and the OCR text they make the description
     * cache's key.
     */
    interface Factory extends Serializable {

        /** The model's name as configured. */
        String model();

        /**
         * The version of the prompt; a new prompt gets a new version, so nothing stale is reused.
         */
        String promptVersion();

        /**
         * A new describer.
         *
         * @param instances how many describers call the provider at once (the operator's
         *     parallelism): each takes an equal share of the configured rate limits
         */
        FrameDescriber create(int instances);
    }
}
