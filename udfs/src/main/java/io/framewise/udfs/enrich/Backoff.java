package io.framewise.udfs.enrich;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next attempt: the provider's Retry-After when it sent one, else
 * exponential back-off with "equal jitter" (half the step fixed, half random), so that many clients
 * failing together do not come back together, and none retries at once.
 */
public final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /**
     * The wait before attempt {@code failed + 1}.
     *
     * @param failed attempts made so far (at least 1)
     * @param retryAfterNanos what the provider asked for, or negative when it did not: honoured as
     *     it is (plus up to 10% jitter), even above the back-off ceiling, since asking again sooner
     *     only earns another 429
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
}
