package io.framewise.pipeline.remote;

import static io.framewise.pipeline.config.Settings.require;

import io.framewise.pipeline.config.Key;
import io.framewise.pipeline.config.Settings;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a stage that calls a model server copes with it being slow, failing or rationed: the client's
 * timeouts, retries ({@link Backoff}), client-side rate limits and circuit breaker, and the Flink
 * async stage's capacity and safety-net timeout. The same keys under {@code llm.*} and {@code
 * speech.*}, with defaults of their own.
 *
 * @param requestTimeout one HTTP request's limit ({@code GROUP.timeout})
 * @param deadline one item's limit, all attempts and waits together
 * @param maxAttempts HTTP requests per item at most
 * @param initialBackoff the back-off step before the second attempt (see {@link Backoff})
 * @param maxBackoff the back-off step's ceiling (a Retry-After is honoured above it)
 * @param requestsPerMinute client-side request limit across the job (0: none)
 * @param tokensPerMinute client-side token limit across the job (0: none; {@code llm.*} only)
 * @param circuitFailures consecutive failed requests (5xx, timeouts, connection errors) that open
 *     the circuit breaker
 * @param circuitOpenFor how long calls pause once the breaker opens, before one probe
 * @param capacity items in flight per subtask of the async stage
 * @param asyncTimeout the async stage's limit per item (longer than {@code deadline}: a safety net)
 */
public record ResilienceConfig(
        Duration requestTimeout,
        Duration deadline,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        int requestsPerMinute,
        int tokensPerMinute,
        int circuitFailures,
        Duration circuitOpenFor,
        int capacity,
        Duration asyncTimeout)
        implements Serializable {

    /** The back-off between attempts these settings describe. */
    public Backoff backoff() {
        return new Backoff(initialBackoff, maxBackoff);
    }

    /**
     * A group's defaults where the services differ.
     *
     * @param tokenLimit whether the group has {@code GROUP.rate.tokens-per-minute}
     */
    public record Defaults(
            String requestTimeout,
            String deadline,
            boolean tokenLimit,
            String capacity,
            String asyncTimeout) {}

    /** The resilience keys of one group ({@code llm}, {@code speech}). */
    public static final class Keys {

        private final Key<Duration> requestTimeout;
        private final Key<Duration> deadline;
        private final Key<Integer> maxAttempts;
        private final Key<Duration> initialBackoff;
        private final Key<Duration> maxBackoff;
        private final Key<Integer> requestsPerMinute;
        private final Key<Integer> tokensPerMinute;
        private final Key<Integer> circuitFailures;
        private final Key<Duration> circuitOpenFor;
        private final Key<Integer> capacity;
        private final Key<Duration> asyncTimeout;

        public Keys(String group, Defaults d) {
            requestTimeout = Key.positiveDuration(group + ".timeout", d.requestTimeout());
            deadline = Key.positiveDuration(group + ".deadline", d.deadline());
            maxAttempts = Key.integer(group + ".retry.max-attempts", "5", 1, 20);
            initialBackoff = Key.positiveDuration(group + ".retry.initial-backoff", "PT0.5S");
            maxBackoff = Key.positiveDuration(group + ".retry.max-backoff", "PT20S");
            requestsPerMinute =
                    Key.integer(group + ".rate.requests-per-minute", "0", 0, Integer.MAX_VALUE);
            tokensPerMinute =
                    d.tokenLimit()
                            ? Key.integer(
                                    group + ".rate.tokens-per-minute", "0", 0, Integer.MAX_VALUE)
                            : null;
            circuitFailures = Key.integer(group + ".circuit.failures", "5", 1, Integer.MAX_VALUE);
            circuitOpenFor = Key.positiveDuration(group + ".circuit.open-for", "PT30S");
            capacity = Key.integer(group + ".async.capacity", d.capacity(), 1, 10_000);
            asyncTimeout = Key.positiveDuration(group + ".async.timeout", d.asyncTimeout());
        }

        /** The client's keys, then the async stage's (documentation order). */
        public List<Key<?>> client() {
            List<Key<?>> keys =
                    new ArrayList<>(
                            List.of(
                                    requestTimeout,
                                    deadline,
                                    maxAttempts,
                                    initialBackoff,
                                    maxBackoff,
                                    requestsPerMinute));
            if (tokensPerMinute != null) {
                keys.add(tokensPerMinute);
            }
            keys.add(circuitFailures);
            keys.add(circuitOpenFor);
            return keys;
        }

        public List<Key<?>> async() {
            return List.of(capacity, asyncTimeout);
        }

        /** The settings {@code s} give, checked against each other too. */
        public ResilienceConfig read(Settings s) {
            ResilienceConfig r =
                    new ResilienceConfig(
                            requestTimeout.read(s),
                            deadline.read(s),
                            maxAttempts.read(s),
                            initialBackoff.read(s),
                            maxBackoff.read(s),
                            requestsPerMinute.read(s),
                            tokensPerMinute == null ? 0 : tokensPerMinute.read(s),
                            circuitFailures.read(s),
                            circuitOpenFor.read(s),
                            capacity.read(s),
                            asyncTimeout.read(s));
            require(
                    r.maxBackoff().compareTo(r.initialBackoff()) >= 0,
                    maxBackoff.name() + " must be at least " + initialBackoff.name());
            require(
                    r.asyncTimeout().compareTo(r.deadline()) > 0,
                    asyncTimeout.name()
                            + " ("
                            + r.asyncTimeout()
                            + ") must be longer than "
                            + deadline.name()
                            + " ("
                            + r.deadline()
                            + "): it is the safety net behind the client's own deadline");
            return r;
        }
    }
}
