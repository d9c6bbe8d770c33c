package io.framewise.pipeline.embed;

import java.io.Serializable;
import java.util.List;

/**
 * Port: turns texts into vectors of a fixed dimension.
 *
 * <p>Documents and queries go through the same embedder, so their vectors can be compared by cosine
 * (the vectors are L2-normalised when the model's configuration says so). One engine per operator
 * instance, opened in {@code open()} and closed in {@code close()}; not thread-safe.
 */
public interface Embedder extends AutoCloseable {

    /** The model's name as configured, e.g. {@code all-minilm-l6-v2-q}. */
    String model();

    /** The length of every vector this embedder returns. */
    int dims();

    /** One vector per text, in order; an empty text gets the embedding of the empty string. */
    List<float[]> embed(List<String> texts);

    /**
     * Whether the model has {@code word} whole in its vocabulary (one token). A word it only knows
     * as fragments carries little meaning for it: a query made of such words ({@code zxqvblorf})
     * gets a vector that is noise, yet near some document by chance. Engines without a vocabulary
     * know every word.
     */
    default boolean knowsWord(String word) {
        return true;
    }

    @Override
    void close();

    /** Serializable configuration that creates an embedder where it runs. */
    @FunctionalInterface
    interface Factory extends Serializable {
        Embedder create();

        /**
         * Creates an embedder on the GPU Flink assigned to this task manager (the index from the
         * external resource {@code gpu}, -1 when none was assigned). Engines configured for the CPU
         * or for a fixed GPU ignore it.
         */
        default Embedder create(int assignedGpu) {
            return create();
        }
    }
}
