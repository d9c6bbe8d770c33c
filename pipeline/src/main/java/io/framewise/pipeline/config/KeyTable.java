package io.framewise.pipeline.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The keys of one group of settings ({@code llm.*}, {@code speech.*}), in documentation order: what
 * {@code KEYS} tables, the unknown-key check and the README are made from.
 */
public final class KeyTable {

    private final String prefix;
    private final List<Key<?>> keys;

    private KeyTable(String prefix, List<Key<?>> keys) {
        this.prefix = prefix;
        this.keys = List.copyOf(keys);
    }

    /** The keys of {@code prefix}, from several parts (provider, resilience, ...) in order. */
    @SafeVarargs
    public static KeyTable of(String prefix, List<? extends Key<?>>... parts) {
        List<Key<?>> all = new ArrayList<>();
        for (List<? extends Key<?>> part : parts) {
            for (Key<?> key : part) {
                if (!key.name().startsWith(prefix)) {
                    throw new IllegalStateException(key.name() + " is not under " + prefix);
                }
                all.add(key);
            }
        }
        return new KeyTable(prefix, all);
    }

    /** Every key with its default, in order. */
    public Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        keys.forEach(k -> defaults.put(k.name(), k.defaultValue()));
        return Collections.unmodifiableMap(defaults);
    }

    /**
     * The group's settings in {@code props}.
     *
     * @throws IllegalArgumentException for a key under the prefix that is not in the table
     */
    public Settings settings(Properties props) {
        return Settings.of(props, prefix, defaults());
    }
}
