package io.framewise.udfs.enrich;

import java.util.function.LongSupplier;

/**
 * The client-side rate limit: requests per minute and tokens per minute, as two token buckets
 * refilled continuously, each holding at most one second's worth (so bursts stay small).
 *
 * <p>A call reserves its request and its estimated tokens at once and learns how long to wait
 * before sending (a debt is allowed, so a request larger than a second's budget still goes, after a
 * proportional wait); calls are therefore served in the order they reserved, without a queue or a
 * thread. When the answer reports the real token count, {@link #adjust} settles the difference. A
 * limit of 0 is no limit.
 */
public final class RateLimiter {

    private final Bucket requests;
    private final Bucket tokens;
    private final LongSupplier nanoTime;

    /**
     * @param requestsPerMinute this instance's share of the request limit (0: none)
     * @param tokensPerMinute this instance's share of the token limit (0: none)
     */
    public RateLimiter(double requestsPerMinute, double tokensPerMinute, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.requests = requestsPerMinute > 0 ? new Bucket(requestsPerMinute / 60.0, now) : null;
        this.tokens = tokensPerMinute > 0 ? new Bucket(tokensPerMinute / 60.0, now) : null;
    }

    /**
     * Reserves one request of {@code estimatedTokens}; returns how long the caller must wait before
     * sending it (0: now), unless that is longer than {@code maxWaitNanos}, in which case nothing
     * is reserved and the result is negative.
     */
    public synchronized long reserve(int estimatedTokens, long maxWaitNanos) {
        long now = nanoTime.getAsLong();
        long wait = 0;
        if (requests != null) {
            wait = Math.max(wait, requests.waitFor(1, now));
        }
        if (tokens != null) {
            wait = Math.max(wait, tokens.waitFor(estimatedTokens, now));
        }
        if (wait > maxWaitNanos) {
            return -1;
        }
        if (requests != null) {
            requests.take(1);
        }
        if (tokens != null) {
            tokens.take(estimatedTokens);
        }
        return wait;
    }

    /** Settles a reservation: the request used {@code delta} more tokens than estimated. */
    public synchronized void adjust(int delta) {
        if (tokens != null) {
            tokens.refill(nanoTime.getAsLong());
            tokens.take(delta);
        }
    }

    /** One budget: {@code perSecond} refilled continuously, at most one second's worth held. */
    private static final class Bucket {
        private final double perSecond;
        private final double capacity;
        private double available;
        private long at;

        Bucket(double perSecond, long now) {
            this.perSecond = perSecond;
            this.capacity = Math.max(1.0, perSecond);
            this.available = capacity;
            this.at = now;
        }

        void refill(long now) {
            available = Math.min(capacity, available + (now - at) / 1e9 * perSecond);
            at = now;
        }

        /** Nanoseconds until {@code amount} more may be spent, given what is owed already. */
        long waitFor(double amount, long now) {
            refill(now);
            double after = available - amount;
            // A debt is fine for the one reserving; it waits until the budget is back at zero.
            return after >= 0 ? 0 : (long) Math.ceil(-after / perSecond * 1e9);
        }

        void take(double amount) {
            available -= amount;
        }
    }
}
