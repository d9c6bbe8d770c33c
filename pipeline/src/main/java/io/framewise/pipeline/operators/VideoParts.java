package io.framewise.pipeline.operators;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The parts of the current key's video that have arrived so far, in keyed state, until all are in.
 *
 * <p>Each part is one entry of a {@link MapState}, under its own key (segment index, frame number,
 * ...), with a count of the entries beside it. An arrival writes its entry and reads only the
 * count, so taking in a video's parts costs in proportion to their number; re-reading a list of
 * them on every arrival costs its square (state backends such as RocksDB deserialise every entry on
 * each read). The parts are read back once, when the video is complete or given up. A part that
 * arrives again under the same key replaces the first and is counted once.
 *
 * @param <K> what identifies a part within its video
 * @param <V> a part
 */
public final class VideoParts<K, V> {

    private final MapState<K, V> parts;
    private final ValueState<Integer> count;

    /**
     * @param name the state's name within its operator; savepoints find the state by it. A name
     *     that a {@code ListState} of the same operator had before must not be reused: a savepoint
     *     holding the list would not restore into a map.
     */
    public VideoParts(
            RuntimeContext runtime,
            String name,
            TypeInformation<K> keys,
            TypeInformation<V> values) {
        parts = runtime.getMapState(new MapStateDescriptor<>(name, keys, values));
        count = runtime.getState(new ValueStateDescriptor<>(name + "-count", Types.INT));
    }

    /** Keeps {@code part} under {@code key}; returns how many distinct parts are in now. */
    int add(K key, V part) throws Exception {
        boolean known = parts.contains(key);
        parts.put(key, part);
        int n = count();
        if (!known) {
            n++;
            count.update(n);
        }
        return n;
    }

    /** How many distinct parts are in. */
    int count() throws Exception {
        Integer n = count.value();
        return n == null ? 0 : n;
    }

    /** Every part that is in, in no particular order. */
    List<V> all() throws Exception {
        List<V> all = new ArrayList<>();
        for (V v : parts.values()) {
            all.add(v);
        }
        return all;
    }

    /** Whether the part under {@code key} is in (without reading it). */
    boolean has(K key) throws Exception {
        return parts.contains(key);
    }

    /** The part under {@code key}; null when it is not in. */
    V get(K key) throws Exception {
        return parts.get(key);
    }

    /** Any one part, to learn what all of a video's parts share; null when none is in. */
    V any() throws Exception {
        var it = parts.values().iterator();
        return it.hasNext() ? it.next() : null;
    }

    void clear() {
        parts.clear();
        count.clear();
    }
}
