package io.framewise.connectors.elasticsearch;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the wait before retry {@code n} (from 0) is between half and all
 * of {@code min(max, initial * 2^n)}, so writers that failed together do not retry together.
 */
record Backoff(Duration initial, Duration max) implements Serializable {

    Duration delay(int retry) {
        long cap = max.toMillis();
        long base = initial.toMillis() << Math.min(retry, 30);
        long d = Math.min(cap, base < 0 ? cap : base);
        return Duration.ofMillis(d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1));
    }
}
