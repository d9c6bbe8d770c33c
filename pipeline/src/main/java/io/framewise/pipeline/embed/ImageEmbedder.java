package io.framewise.pipeline.embed;

import io.framewise.pipeline.frames.Picture;
import java.io.Serializable;
import java.util.List;

/**
 * Port: turns pictures into vectors of a fixed dimension, so that "more like this frame" can rank
 * keyframes by cosine.
 *
 * <p>Either a CLIP-style visual encoder (an ONNX model given in the configuration) or, without one,
 * a cheap visual descriptor; {@link #model()} says which, since vectors of different models cannot
 * be compared. One engine per operator instance, opened in {@code open()} and closed in {@code
 * close()}; not thread-safe.
 */
public interface ImageEmbedder extends AutoCloseable {

    /** The model's name, e.g. {@code colour-structure-v1} or the configured ONNX model's name. */
    String model();

    /** The length of every vector this embedder returns. */
    int dims();

    /** One vector per picture (grey or BGR, any size), in order. */
    List<float[]> embed(List<Picture> pictures);

    @Override
    void close();

    /** Serializable configuration that creates an image embedder where it runs. */
    @FunctionalInterface
    interface Factory extends Serializable {
        ImageEmbedder create();

        /**
         * Creates an embedder on the GPU Flink assigned to this task manager (-1 when none); see
         * {@link Embedder.Factory#create(int)}.
         */
        default ImageEmbedder create(int assignedGpu) {
            return create();
        }
    }
}
