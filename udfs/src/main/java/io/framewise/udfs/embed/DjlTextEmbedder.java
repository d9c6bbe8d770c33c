package io.framewise.udfs.embed;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.util.PairList;
import io.framewise.pipeline.embed.Embedder;
import io.framewise.pipeline.embed.EmbeddingConfig;
import io.framewise.pipeline.scores.ScoringConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Embedder} on DJL: a HuggingFace tokenizer and a transformer encoder (ONNX by default,
 * on ONNX Runtime; see {@link DjlRuntime} for TensorRT and PyTorch), pooled and normalised as the
 * configuration says.
 *
 * <p>Per call: each distinct text once (the keyframes of a shot share its text), tokenized (cut to
 * {@code embedding.max-tokens}), sorted by length and run in chunks of up to {@value #CHUNK} texts
 * of similar length (at most {@value #PAD_RATIO} times the chunk's shortest, plus {@value
 * #PAD_SLACK} tokens), each padded to its longest text, so that short texts do not pay for a long
 * one's padding. The model gets {@code input_ids}, {@code attention_mask} and, when it takes them,
 * {@code token_type_ids}. Pooling: {@code mean} averages the output's token vectors where the
 * attention mask is 1; {@code cls} takes the first token's; {@code none} takes the output as it is
 * (one vector per text). Then the vector is L2-normalised when {@code embedding.normalize} is set.
 *
 * <p>One tokenizer and one {@link Predictor} per instance, made in the constructor and released in
 * {@link #close()}; the model session is the JVM's one for that file ({@link SharedModels}), loaded
 * by the first instance and closed with the last. Open one per operator instance through {@link
 * #factory} and call it from one thread at a time.
 */
public final class DjlTextEmbedder implements Embedder {

    /** Texts run through the model at once, at most. */
    static final int CHUNK = 64;

    /**
     * A chunk takes texts up to this many times its shortest text's tokens, plus {@link
     * #PAD_SLACK}: padding stays under about a fifth of the work.
     */
    static final double PAD_RATIO = 1.2;

    static final int PAD_SLACK = 2;

    private final EmbeddingConfig config;
    private final HuggingFaceTokenizer tokenizer;
    private final SharedModels.Key key;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final List<String> inputs;
    private boolean closed;

    public DjlTextEmbedder(EmbeddingConfig config, ScoringConfig scoring, int assignedGpu) {
        DjlRuntime.offline();
        TokenizerNatives.load();
        this.config = config;
        Path modelFile = ModelFiles.resolve(config.modelFile(), "embedding.model.file");
        Path tokenizerFile = ModelFiles.resolve(config.tokenizerFile(), "embedding.tokenizer.file");
        this.key = new SharedModels.Key(modelFile, scoring, assignedGpu);
        HuggingFaceTokenizer t = null;
        ZooModel<NDList, NDList> m = null;
        try {
            t =
                    HuggingFaceTokenizer.newInstance(
                            tokenizerFile,
                            Map.of(
                                    "truncation", "true",
                                    "padding", "false",
                                    "maxLength", String.valueOf(config.maxTokens())));
            m = SharedModels.acquire(key);
            this.inputs = inputNames(m, ScoringConfig.PYTORCH.equals(scoring.engine()));
            this.tokenizer = t;
            this.model = m;
            this.predictor = m.newPredictor();
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            release(t, m == null ? null : key);
            throw new IllegalArgumentException(
                    "embedding.model.file: cannot load " + config.modelFile() + ": " + e, e);
        } catch (RuntimeException e) {
            release(t, m == null ? null : key);
            throw e;
        }
        float[] probe = embed(List.of("probe")).get(0);
        if (probe.length != config.dims()) {
            close();
            throw new IllegalArgumentException(
                    "embedding.dims is "
                            + config.dims()
                            + " but "
                            + config.model()
                            + " gives vectors of "
                            + probe.length);
        }
    }

    /** A serializable factory for operators: each instance opens its own model session. */
    public static Embedder.Factory factory(EmbeddingConfig config, ScoringConfig scoring) {
        return new Embedder.Factory() {
            private static final long serialVersionUID = 1L;

            @Override
            public Embedder create() {
                return new DjlTextEmbedder(config, scoring, -1);
            }

            @Override
            public Embedder create(int assignedGpu) {
                return new DjlTextEmbedder(config, scoring, assignedGpu);
            }
        };
    }

    @Override
    public String model() {
        return config.model();
    }

    @Override
    public int dims() {
        return config.dims();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (closed) {
            throw new IllegalStateException("embedder is closed");
        }
        // The keyframes of one shot share its text: each distinct text is run once.
        Map<String, Integer> index = new HashMap<>();
        List<String> distinct = new ArrayList<>();
        int[] slot = new int[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            Integer at = index.get(t);
            if (at == null) {
                at = distinct.size();
                index.put(t, at);
                distinct.add(t);
            }
            slot[i] = at;
        }
        float[][] vectors = embedDistinct(distinct);
        List<float[]> out = new ArrayList<>(texts.size());
        boolean[] used = new boolean[distinct.size()];
        for (int s : slot) {
            out.add(used[s] ? vectors[s].clone() : vectors[s]);
            used[s] = true;
        }
        return out;
    }

    @Override
    public boolean knowsWord(String word) {
        if (closed) {
            throw new IllegalStateException("embedder is closed");
        }
        // Without special tokens: a word of the vocabulary is one token, any other several.
        return tokenizer.encode(word.strip(), false, false).getTokens().length == 1;
    }

    /** Tokenizes, sorts by length, and runs the texts in padded chunks. */
    private float[][] embedDistinct(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> encodings[i].getIds().length));
        float[][] out = new float[texts.size()][];
        int from = 0;
        while (from < order.length) {
            int shortest = encodings[order[from]].getIds().length;
            int to = from + 1;
            // A chunk grows while its padding stays small: on a CPU, padded tokens cost as much
            // as real ones, and one call per text costs little more than one per chunk.
            while (to < order.length
                    && to - from < CHUNK
                    && encodings[order[to]].getIds().length <= shortest * PAD_RATIO + PAD_SLACK) {
                to++;
            }
            Encoding[] chunk = new Encoding[to - from];
            for (int i = from; i < to; i++) {
                chunk[i - from] = encodings[order[i]];
            }
            float[][] vectors = run(chunk);
            for (int i = from; i < to; i++) {
                out[order[i]] = vectors[i - from];
            }
            from = to;
        }
        return out;
    }

    /** Runs one padded chunk through the model and pools each text's vector. */
    private float[][] run(Encoding[] chunk) {
        int n = chunk.length;
        int length = 1;
        for (Encoding e : chunk) {
            length = Math.max(length, e.getIds().length);
        }
        long[] ids = new long[n * length];
        long[] mask = new long[n * length];
        long[] types = new long[n * length];
        for (int i = 0; i < n; i++) {
            long[] id = chunk[i].getIds();
            long[] type = chunk[i].getTypeIds();
            for (int j = 0; j < id.length; j++) {
                ids[i * length + j] = id[j];
                mask[i * length + j] = 1;
                types[i * length + j] = type[j];
            }
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(n, length);
            NDList input = new NDList();
            for (String name : inputs) {
                long[] data =
                        switch (name) {
                            case "attention_mask" -> mask;
                            case "token_type_ids" -> types;
                            default -> ids;
                        };
                NDArray array = manager.create(data, shape);
                array.setName(name);
                input.add(array);
            }
            NDList output = predictor.predict(input);
            NDArray chosen = output(output);
            return Pooling.pool(
                    chosen.toFloatArray(),
                    chosen.getShape().getShape(),
                    mask,
                    config.pooling(),
                    config.normalize());
        } catch (TranslateException e) {
            throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
        }
    }

    /** The configured output, or the first. */
    private NDArray output(NDList output) {
        if (config.output().isEmpty()) {
            return output.get(0);
        }
        NDArray named = output.get(config.output());
        if (named == null) {
            List<String> names = new ArrayList<>();
            output.forEach(a -> names.add(a.getName()));
            throw new IllegalArgumentException(
                    "embedding.output: the model has no output '"
                            + config.output()
                            + "'; it has "
                            + names);
        }
        return named;
    }

    /**
     * The model's inputs in its order: the names it declares (ONNX); for TorchScript, which takes
     * tensors by position, input_ids and attention_mask.
     */
    private static List<String> inputNames(ZooModel<NDList, NDList> model, boolean positional) {
        if (positional) {
            return List.of("input_ids", "attention_mask");
        }
        PairList<String, ai.djl.ndarray.types.Shape> described = model.describeInput();
        List<String> names = new ArrayList<>();
        if (described != null) {
            for (String name : described.keys()) {
                if (name != null) {
                    names.add(name);
                }
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException(
                    "embedding.model.file: the model declares no inputs");
        }
        for (String name : names) {
            if (!name.equals("input_ids")
                    && !name.equals("attention_mask")
                    && !name.equals("token_type_ids")) {
                throw new IllegalArgumentException(
                        "embedding.model.file: the model takes an input '"
                                + name
                                + "'; a text encoder takes input_ids, attention_mask and"
                                + " token_type_ids");
            }
        }
        return names;
    }

    /** Gives the shared session back (when {@code held} is not null) and closes the tokenizer. */
    private static void release(HuggingFaceTokenizer tokenizer, SharedModels.Key held) {
        if (held != null) {
            SharedModels.release(held);
        }
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        predictor.close();
        release(tokenizer, key);
    }
}
