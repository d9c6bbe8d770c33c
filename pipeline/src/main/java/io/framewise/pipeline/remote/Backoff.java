package io.framewise.pipeline.remote;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next attempt at a remote call (the LLM, the transcription server,
 * Elasticsearch): the server's Retry-After when it sent one, else exponential back-off with "equal
 * jitter".
 *
 * <p>The step starts at {@code initial} and doubles per failed attempt up to {@code max}; the wait
 * is half the step fixed plus up to half at random, so that many clients failing together do not
 * come back together, and none retries at once. A Retry-After is honoured as it is (plus up to 10%
 * jitter), even above {@code max}, since asking again sooner only earns another 429.
 */
public final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    private final DoubleSupplier random;

    /** Back-off with a thread-local random source. */
    public Backoff(Duration initial, Duration max) {
        this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param random values in [0, 1): tests pass fixed ones
     */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /**
     * The wait before attempt {@code failed + 1}.
     *
     * @param failed attempts made so far (at least 1)
     * @param retryAfterNanos what the server asked for, or negative when it did not
     */
    public long delayNanos(int failed, long retryAfterNanos) {
        if (retryAfterNanos >= 0) {
            return retryAfterNanos + (long) (random.getAsDouble() * 0.1 * retryAfterNanos);
        }
        int doublings = Math.min(Math.max(failed - 1, 0), 30);
        long step = Math.min(maxNanos, initialNanos << doublings);
        if (step < 0) {
            step = maxNanos;
        }
        return step / 2 + (long) (random.getAsDouble() * (step / 2));
    }

    /** The wait before retry {@code retry} (from 0), when the server asked for nothing. */
    public Duration delay(int retry) {
        return Duration.ofNanos(delayNanos(retry + 1, -1));
    }
}
