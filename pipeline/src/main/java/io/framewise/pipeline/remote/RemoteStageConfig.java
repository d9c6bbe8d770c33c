package io.framewise.pipeline.remote;

import java.time.Duration;

/**
 * The settings every stage that calls a model server has ({@code llm.*}, {@code speech.*}): which
 * server, how to cope with it, the cache; and the answers the job's async stage asks of them.
 */
public interface RemoteStageConfig {

    ProviderConfig provider();

    ResilienceConfig resilience();

    CacheConfig cache();

    /** Whether the stage is on: a URL is configured. */
    default boolean enabled() {
        return provider().enabled();
    }

    default String url() {
        return provider().url();
    }

    default String model() {
        return provider().model();
    }

    /** Items in flight per subtask of the async stage. */
    default int capacity() {
        return resilience().capacity();
    }

    /** The async stage's limit per item. */
    default Duration asyncTimeout() {
        return resilience().asyncTimeout();
    }

    /** How long an answer stays in the cache. */
    default Duration cacheTtl() {
        return cache().ttl();
    }
}
