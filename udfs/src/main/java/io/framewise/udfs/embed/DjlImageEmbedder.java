package io.framewise.udfs.embed;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.framewise.pipeline.embed.EmbeddingConfig;
import io.framewise.pipeline.embed.ImageEmbedder;
import io.framewise.pipeline.frames.Picture;
import io.framewise.pipeline.scores.ScoringConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link ImageEmbedder} on any CLIP-style visual encoder given as an ONNX file ({@code
 * embedding.image.*}), on DJL (engine and device from {@code scoring.*}, see {@link DjlRuntime}).
 *
 * <p>Pictures are prepared as {@link ClipPreprocessing} says (centred square, {@code input-size},
 * RGB, mean and standard deviation per channel, NCHW) and run as one batch {@code [n, 3, size,
 * size]} into the configured input (or the first). The configured output (or the first) must be one
 * vector per picture ({@code [n, dims]}); an output of one vector per token ({@code [n, tokens,
 * dims]}) gives its first token's. Vectors are L2-normalised when {@code embedding.image.normalize}
 * is set. The length is learnt when the model is loaded, from a blank picture.
 *
 * <p>One {@link Predictor} per instance, released in {@link #close()}, on the JVM's one session for
 * the file ({@link SharedModels}); call from one thread at a time.
 */
public final class DjlImageEmbedder implements ImageEmbedder {

    private final EmbeddingConfig.Image config;
    private final SharedModels.Key key;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final String input;
    private final int dims;
    private boolean closed;

    public DjlImageEmbedder(EmbeddingConfig.Image config, ScoringConfig scoring, int assignedGpu) {
        DjlRuntime.offline();
        this.config = config;
        Path file = ModelFiles.resolve(config.file(), "embedding.image.file");
        this.key = new SharedModels.Key(file, scoring, assignedGpu);
        ZooModel<NDList, NDList> m = null;
        try {
            m = SharedModels.acquire(key);
            this.input = input(m, config.input());
            this.model = m;
            this.predictor = m.newPredictor();
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            if (m != null) {
                SharedModels.release(key);
            }
            throw new IllegalArgumentException(
                    "embedding.image.file: cannot load " + config.file() + ": " + e, e);
        } catch (RuntimeException e) {
            if (m != null) {
                SharedModels.release(key);
            }
            throw e;
        }
        byte[] grey = new byte[config.inputSize() * config.inputSize()];
        java.util.Arrays.fill(grey, (byte) 128);
        this.dims =
                run(List.of(new Picture(config.inputSize(), config.inputSize(), 1, grey)))[0]
                        .length;
    }

    /**
     * A serializable factory: the configured ONNX model, or the {@link VisualDescriptor} when
     * {@code embedding.image.file} is empty.
     */
    public static ImageEmbedder.Factory factory(
            EmbeddingConfig.Image config, ScoringConfig scoring) {
        if (!config.configured()) {
            return VisualDescriptor.factory();
        }
        return new ImageEmbedder.Factory() {
            private static final long serialVersionUID = 1L;

            @Override
            public ImageEmbedder create() {
                return new DjlImageEmbedder(config, scoring, -1);
            }

            @Override
            public ImageEmbedder create(int assignedGpu) {
                return new DjlImageEmbedder(config, scoring, assignedGpu);
            }
        };
    }

    @Override
    public String model() {
        return config.name();
    }

    @Override
    public int dims() {
        return dims;
    }

    @Override
    public List<float[]> embed(List<Picture> pictures) {
        if (closed) {
            throw new IllegalStateException("image embedder is closed");
        }
        if (pictures.isEmpty()) {
            return List.of();
        }
        return List.of(run(pictures));
    }

    private float[][] run(List<Picture> pictures) {
        int size = config.inputSize();
        int n = pictures.size();
        int each = 3 * size * size;
        float[] data = new float[n * each];
        for (int i = 0; i < n; i++) {
            float[] one =
                    ClipPreprocessing.prepare(pictures.get(i), size, config.mean(), config.std());
            System.arraycopy(one, 0, data, i * each, each);
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray array = manager.create(data, new Shape(n, 3, size, size));
            array.setName(input);
            NDList output = predictor.predict(new NDList(array));
            NDArray chosen = output(output);
            long[] shape = chosen.getShape().getShape();
            float[] values = chosen.toFloatArray();
            float[][] vectors;
            if (shape.length == 2 && shape[0] == n) {
                vectors = Pooling.pool(values, shape, null, "none", config.normalize());
            } else if (shape.length == 3 && shape[0] == n) {
                vectors = Pooling.pool(values, shape, null, "cls", config.normalize());
            } else {
                throw new IllegalArgumentException(
                        "embedding.image.output: expected one vector per picture, shape ["
                                + n
                                + ", dims], got "
                                + chosen.getShape());
            }
            return vectors;
        } catch (TranslateException e) {
            throw new IllegalStateException("image embedding failed: " + e.getMessage(), e);
        }
    }

    private NDArray output(NDList output) {
        if (config.output().isEmpty()) {
            return output.get(0);
        }
        NDArray named = output.get(config.output());
        if (named == null) {
            List<String> names = new ArrayList<>();
            output.forEach(a -> names.add(a.getName()));
            throw new IllegalArgumentException(
                    "embedding.image.output: the model has no output '"
                            + config.output()
                            + "'; it has "
                            + names);
        }
        return named;
    }

    private static String input(ZooModel<NDList, NDList> model, String configured) {
        List<String> names = new ArrayList<>();
        if (model.describeInput() != null) {
            names.addAll(model.describeInput().keys());
        }
        if (configured.isEmpty()) {
            if (names.size() != 1) {
                throw new IllegalArgumentException(
                        "embedding.image.input: the model has inputs "
                                + names
                                + "; say which one takes the picture");
            }
            return names.get(0);
        }
        if (!names.contains(configured)) {
            throw new IllegalArgumentException(
                    "embedding.image.input: the model has no input '"
                            + configured
                            + "'; it has "
                            + names);
        }
        return configured;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        predictor.close();
        SharedModels.release(key);
    }
}
