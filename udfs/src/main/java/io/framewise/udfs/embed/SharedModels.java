package io.framewise.udfs.embed;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.framewise.pipeline.scores.ScoringConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Model sessions loaded once per JVM and shared. DJL's models are thread-safe, its predictors are
 * not: so each embedder keeps a predictor of its own, and the embedders of an operator's subtasks
 * in one task manager (and, in a local run, the model check beside them) share one loaded session
 * instead of each loading the file (ONNX Runtime: some 0.3 s of CPU and the model's memory each).
 * With one intra-op thread per session, each call runs on its caller's thread, so sharing keeps the
 * subtasks' parallelism. Counted: the last user's {@link #release} closes the session.
 */
final class SharedModels {

    /** What decides a loaded session: the file, and the engine and device it runs on. */
    record Key(Path file, ScoringConfig scoring, int assignedGpu) {

        Key {
            file = file.toAbsolutePath().normalize();
        }
    }

    private static final class Entry {
        final ZooModel<NDList, NDList> model;
        int users;

        Entry(ZooModel<NDList, NDList> model) {
            this.model = model;
        }
    }

    private static final Map<Key, Entry> OPEN = new HashMap<>();

    private SharedModels() {}

    /**
     * The session of {@code key} (tensors in and out as they are, {@link NoopTranslator}), loaded
     * when no one holds it. Loading holds the lock: a second subtask opening the same model waits
     * for the first one's session rather than loading its own beside it.
     */
    static synchronized ZooModel<NDList, NDList> acquire(Key key)
            throws IOException, ModelNotFoundException, MalformedModelException {
        Entry e = OPEN.get(key);
        if (e == null) {
            Criteria.Builder<NDList, NDList> criteria =
                    Criteria.builder()
                            .setTypes(NDList.class, NDList.class)
                            .optModelPath(key.file())
                            .optTranslator(new NoopTranslator());
            e =
                    new Entry(
                            DjlRuntime.place(criteria, key.scoring(), key.assignedGpu())
                                    .build()
                                    .loadModel());
            OPEN.put(key, e);
        }
        e.users++;
        return e.model;
    }

    /** Gives back a session from {@link #acquire}; the last one given back closes it. */
    static synchronized void release(Key key) {
        Entry e = OPEN.get(key);
        if (e == null) {
            throw new IllegalStateException("not acquired: " + key);
        }
        if (--e.users == 0) {
            OPEN.remove(key);
            e.model.close();
        }
    }

    /** How many hold the session of {@code key} (0: it is not loaded). */
    static synchronized int users(Key key) {
        Entry e = OPEN.get(key);
        return e == null ? 0 : e.users;
    }
}
