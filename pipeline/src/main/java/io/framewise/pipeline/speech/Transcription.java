package io.framewise.pipeline.speech;

import java.io.Serializable;
import java.util.List;

/**
 * The outcome of transcribing one chunk: its segments (times relative to the chunk's audio), or why
 * there are none, and what the call took.
 *
 * @param status {@link #OK} or a failure code
 * @param segments the transcript's segments; empty unless ok (and possibly empty when ok: nothing
 *     was said)
 * @param language the language the server named (or the one asked for); null when unknown
 * @param model the model asked
 * @param attempts HTTP requests made (0 for a cache hit)
 * @param latencyMs from the first request to the answer, waits included (0 for a cache hit)
 * @param cached taken from the transcript cache, not asked for
 * @param message one line on the failure for people; null when ok
 */
public record Transcription(
        String status,
        List<SpokenSegment> segments,
        String language,
        String model,
        int attempts,
        long latencyMs,
        boolean cached,
        String message)
        implements Serializable {

    public static final String OK = "ok";

    /** HTTP 429 on every attempt, or the client-side rate limit would wait past the deadline. */
    public static final String RATE_LIMITED = "speech_rate_limited";

    /** No answer in time: the request timeout on every attempt, or the job's async timeout. */
    public static final String TIMEOUT = "speech_timeout";

    /** The answer was not a transcription. */
    public static final String BAD_ANSWER = "speech_bad_answer";

    /** HTTP 5xx on every attempt. */
    public static final String HTTP_5XX = "speech_http_5xx";

    /** HTTP 4xx other than 429 and 408: not retried. */
    public static final String HTTP_4XX = "speech_http_4xx";

    /** The server could not be reached. */
    public static final String CONNECTION = "speech_connection";

    /** The circuit breaker stayed open past the chunk's deadline. */
    public static final String CIRCUIT_OPEN = "circuit_open";

    /** Anything else: a bug, or the transcriber was closed with the call in flight. */
    public static final String ERROR = "speech_error";

    public Transcription {
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    public boolean ok() {
        return OK.equals(status);
    }

    public static Transcription failed(
            String status, String model, long latencyMs, String message) {
        return new Transcription(status, List.of(), null, model, 0, latencyMs, false, message);
    }

    /** This outcome as a cache hit: the same segments, no call. */
    public Transcription asCached() {
        return new Transcription(status, segments, language, model, 0, 0, true, message);
    }
}
