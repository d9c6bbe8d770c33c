package io.framewise.pipeline.rows;

import java.io.Serializable;

/**
 * A row of the {@code llm_calls} table: one per keyframe sent to frame description, whether it was
 * asked for, taken from the cache, or failed.
 *
 * @param status {@code ok} or the failure code (as in {@code failures})
 * @param attempts HTTP requests made (0 for a cache hit)
 * @param latencyMs from the first request to the answer, retries and waits included
 * @param inputTokens prompt tokens as the provider counted them
 * @param outputTokens completion tokens
 * @param cost US dollars, from the configured price table; null when the model has no price
 * @param cached the description came from the cache
 * @param at epoch milliseconds when the outcome was known (partition date)
 */
public record LlmCallRow(
        String videoId,
        long frame,
        String model,
        String promptVersion,
        String status,
        int attempts,
        long latencyMs,
        int inputTokens,
        int outputTokens,
        Double cost,
        boolean cached,
        long at)
        implements Serializable {}
