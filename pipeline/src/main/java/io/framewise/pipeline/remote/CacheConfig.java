package io.framewise.pipeline.remote;

import io.framewise.pipeline.config.Key;
import io.framewise.pipeline.config.Settings;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * The content-hash cache in front of a model server ({@code GROUP.cache.*}): the same picture or
 * audio is answered from the cache instead of being paid for again.
 *
 * @param ttl how long an answer stays in the cache
 */
public record CacheConfig(Duration ttl) implements Serializable {

    /** The cache keys of one group ({@code llm}, {@code speech}). */
    public record Keys(Key<Duration> ttl) {

        public Keys(String group) {
            this(Key.positiveDuration(group + ".cache.ttl", "P1D"));
        }

        public List<Key<?>> all() {
            return List.of(ttl);
        }

        public CacheConfig read(Settings s) {
            return new CacheConfig(ttl.read(s));
        }
    }
}
