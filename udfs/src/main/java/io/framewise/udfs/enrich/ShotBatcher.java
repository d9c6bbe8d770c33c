package io.framewise.udfs.enrich;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Groups items by key (keyframes by video and shot) into batches of at most {@code max}: a batch
 * goes when it is full or when the first of it has waited {@code linger}, whichever is first.
 */
final class ShotBatcher<T> {

    private final int max;
    private final long lingerNanos;
    private final ScheduledExecutorService timer;
    private final Function<T, String> key;
    private final Consumer<List<T>> send;
    private final Map<String, List<T>> open = new HashMap<>();

    ShotBatcher(
            int max,
            long lingerNanos,
            ScheduledExecutorService timer,
            Function<T, String> key,
            Consumer<List<T>> send) {
        this.max = max;
        this.lingerNanos = lingerNanos;
        this.timer = timer;
        this.key = key;
        this.send = send;
    }

    void add(T item) {
        String k = key.apply(item);
        List<T> full = null;
        synchronized (this) {
            List<T> batch = open.get(k);
            if (batch == null) {
                batch = new ArrayList<>();
                open.put(k, batch);
                List<T> first = batch;
                timer.schedule(() -> flush(k, first), lingerNanos, TimeUnit.NANOSECONDS);
            }
            batch.add(item);
            if (batch.size() >= max) {
                open.remove(k);
                full = batch;
            }
        }
        if (full != null) {
            send.accept(full);
        }
    }

    private void flush(String k, List<T> batch) {
        synchronized (this) {
            // Sent already when it filled up; a newer batch of the same shot has its own timer.
            if (open.get(k) != batch) {
                return;
            }
            open.remove(k);
        }
        send.accept(batch);
    }
}
