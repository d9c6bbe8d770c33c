package io.framewise.pipeline.enrich;

import java.io.Serializable;

/**
 * The outcome of describing one keyframe: the description, or why there is none, and what the call
 * cost.
 *
 * @param status {@link #OK} or a failure code ({@link #RATE_LIMITED}, {@link #TIMEOUT}, ...)
 * @param description null unless the status is {@link #OK}
 * @param model the model asked
 * @param promptVersion the prompt's version
 * @param attempts HTTP requests made for this keyframe (0 for a cache hit)
 * @param latencyMs from the request to the answer, waits and retries included (0 for a cache hit)
 * @param inputTokens prompt tokens as the provider counted them (a batch's split evenly)
 * @param outputTokens completion tokens, likewise
 * @param cached the description was taken from the cache, not asked for
 * @param message one line on the failure for people; null when ok
 */
public record Enrichment(
        String status,
        Description description,
        String model,
        String promptVersion,
        int attempts,
        long latencyMs,
        int inputTokens,
        int outputTokens,
        boolean cached,
        String message)
        implements Serializable {

    public static final String OK = "ok";

    /** HTTP 429 on every attempt, or the client-side rate limit would wait past the deadline. */
    public static final String RATE_LIMITED = "llm_rate_limited";

    /** No answer in time: the request timeout on every attempt, or the job's async timeout. */
    public static final String TIMEOUT = "llm_timeout";

    /** The answer was not the JSON asked for, even after repair. */
    public static final String BAD_JSON = "llm_bad_json";

    /** HTTP 5xx on every attempt. */
    public static final String HTTP_5XX = "llm_http_5xx";

    /** HTTP 4xx other than 429 (bad request, authentication, unknown model): not retried. */
    public static final String HTTP_4XX = "llm_http_4xx";

    /** The provider could not be reached (connection refused or reset). */
    public static final String CONNECTION = "llm_connection";

    /** The circuit breaker stayed open (provider down) past the keyframe's deadline. */
    public static final String CIRCUIT_OPEN = "circuit_open";

    /** Anything else: a bug, or the describer was closed with the call in flight. */
    public static final String ERROR = "llm_error";

    public Enrichment {
        if (OK.equals(status) != (description != null)) {
            throw new IllegalArgumentException(
                    "status " + status + " does not go with description " + description);
        }
    }

    public boolean ok() {
        return OK.equals(status);
    }

    /** A failure with nothing known about attempts or tokens. */
    public static Enrichment failed(
            String status, String model, String promptVersion, long latencyMs, String message) {
        return new Enrichment(
                status, null, model, promptVersion, 0, latencyMs, 0, 0, false, message);
    }

    /** This outcome as a cache hit: the same description, no call, nothing spent. */
    public Enrichment asCached() {
        return new Enrichment(status, description, model, promptVersion, 0, 0, 0, 0, true, message);
    }
}
