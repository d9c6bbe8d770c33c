package io.framewise.pipeline.embed;

import static io.framewise.pipeline.config.Settings.require;

import io.framewise.pipeline.config.Settings;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Embedding settings ({@code embedding.*}): which text model, how its output becomes a vector, how
 * the job batches, and the optional image model. Parsed and validated once.
 *
 * <p>The model is configuration. {@code embedding.model} names it; for the two models this build
 * carries ({@link #MINILM}, {@link #BGE_SMALL}) that name alone sets the file, tokenizer, pooling
 * and dimensions, and any key given explicitly overrides them. Any other model needs at least
 * {@code embedding.model.file} and {@code embedding.tokenizer.file}. Files are {@code
 * classpath:NAME} (a resource, e.g. inside a model artifact on the classpath) or a path.
 *
 * @param model the model's name, as written to the {@code text_model} column
 * @param modelFile the ONNX (or TorchScript, for {@code scoring.engine=pytorch}) file
 * @param tokenizerFile the HuggingFace {@code tokenizer.json}
 * @param pooling {@code mean} (over the tokens, by the attention mask), {@code cls} (the first
 *     token) or {@code none} (the output already is one vector per text)
 * @param normalize L2-normalise the vectors (then cosine is a dot product)
 * @param dims the vector length the model must produce (checked when it is loaded)
 * @param maxTokens texts are cut to this many tokens
 * @param output the model output to pool; empty: the first
 * @param batchSize the embedding operator embeds up to this many keyframes at once
 * @param batchMaxWait ... or what arrived within this time, whichever comes first
 * @param image the image model
 */
public record EmbeddingConfig(
        String model,
        String modelFile,
        String tokenizerFile,
        String pooling,
        boolean normalize,
        int dims,
        int maxTokens,
        String output,
        int batchSize,
        Duration batchMaxWait,
        Image image)
        implements Serializable {

    /** all-MiniLM-L6-v2, quantized (384 dims, mean pooling): the default. */
    public static final String MINILM = "all-minilm-l6-v2-q";

    /** bge-small-en-v1.5, quantized (384 dims, CLS pooling). */
    public static final String BGE_SMALL = "bge-small-en-v1.5-q";

    /** Keys with the defaults of the default model, in documentation order. */
    public static final Map<String, String> KEYS = keys(MINILM);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * The image model: a CLIP-style visual encoder given as an ONNX file, taking one NCHW float
     * picture ({@code inputSize} square, RGB, {@code (x / 255 - mean) / std} per channel) and
     * giving one vector per picture. Without a file, the cheap visual descriptor is used.
     *
     * @param file the ONNX file ({@code classpath:NAME} or a path); empty: the descriptor
     * @param model the name written to the {@code image_model} column; empty: the file's name
     * @param inputSize the side of the square input, in pixels
     * @param mean per-channel mean, R, G, B, of pixels scaled to 0-1
     * @param std per-channel standard deviation, R, G, B
     * @param input the model input to feed; empty: the first
     * @param output the model output to read; empty: the first
     * @param normalize L2-normalise the vectors
     */
    public record Image(
            String file,
            String model,
            int inputSize,
            List<Double> mean,
            List<Double> std,
            String input,
            String output,
            boolean normalize)
            implements Serializable {

        public Image {
            mean = List.copyOf(mean);
            std = List.copyOf(std);
            require(
                    inputSize >= 8 && inputSize <= 2048,
                    "embedding.image.input-size must be between 8 and 2048, got " + inputSize);
            require(
                    mean.size() == 3,
                    "embedding.image.mean must be three numbers (R,G,B), got " + mean);
            require(
                    std.size() == 3 && std.stream().allMatch(v -> v > 0),
                    "embedding.image.std must be three numbers (R,G,B) greater than 0, got " + std);
            require(
                    model.isEmpty() || NAME.matcher(model).matches(),
                    "embedding.image.model must be a name of letters, digits, '.', '_' and '-',"
                            + " got '"
                            + model
                            + "'");
        }

        /** True when an ONNX model is configured (else the descriptor is used). */
        public boolean configured() {
            return !file.isEmpty();
        }

        /** The model's name: as configured, else the file's name without directory and suffix. */
        public String name() {
            if (!model.isEmpty()) {
                return model;
            }
            String f = file.startsWith("classpath:") ? file.substring(10) : file;
            f = f.substring(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')) + 1);
            return f.endsWith(".onnx") ? f.substring(0, f.length() - 5) : f;
        }
    }

    /** The keys and defaults for {@code model}: a preset's values, else blanks to be given. */
    static Map<String, String> keys(String model) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("embedding.model", model);
        switch (model) {
            case MINILM -> {
                keys.put("embedding.model.file", "classpath:all-minilm-l6-v2-q.onnx");
                keys.put("embedding.tokenizer.file", "classpath:all-minilm-l6-v2-q-tokenizer.json");
                keys.put("embedding.pooling", "mean");
                keys.put("embedding.normalize", "true");
                keys.put("embedding.dims", "384");
                keys.put("embedding.max-tokens", "256");
            }
            case BGE_SMALL -> {
                keys.put("embedding.model.file", "classpath:bge-small-en-v1.5-q.onnx");
                keys.put(
                        "embedding.tokenizer.file", "classpath:bge-small-en-v1.5-q-tokenizer.json");
                keys.put("embedding.pooling", "cls");
                keys.put("embedding.normalize", "true");
                keys.put("embedding.dims", "384");
                keys.put("embedding.max-tokens", "512");
            }
            default -> {
                keys.put("embedding.model.file", "");
                keys.put("embedding.tokenizer.file", "");
                keys.put("embedding.pooling", "mean");
                keys.put("embedding.normalize", "true");
                keys.put("embedding.dims", "0");
                keys.put("embedding.max-tokens", "256");
            }
        }
        keys.put("embedding.output", "");
        keys.put("embedding.batch.size", "32");
        keys.put("embedding.batch.max-wait", "PT0.2S");
        keys.put("embedding.image.file", "");
        keys.put("embedding.image.model", "");
        keys.put("embedding.image.input-size", "224");
        keys.put("embedding.image.mean", "0.48145466,0.4578275,0.40821073");
        keys.put("embedding.image.std", "0.26862954,0.26130258,0.27577711");
        keys.put("embedding.image.input", "");
        keys.put("embedding.image.output", "");
        keys.put("embedding.image.normalize", "true");
        return Collections.unmodifiableMap(keys);
    }

    public EmbeddingConfig {
        require(
                model != null && NAME.matcher(model).matches(),
                "embedding.model must be a name of letters, digits, '.', '_' and '-', got '"
                        + model
                        + "'");
        require(
                !modelFile.isEmpty(),
                "embedding.model.file must be set for a model other than "
                        + MINILM
                        + " or "
                        + BGE_SMALL
                        + " (classpath:NAME or a path)");
        require(
                !tokenizerFile.isEmpty(),
                "embedding.tokenizer.file must be set for a model other than "
                        + MINILM
                        + " or "
                        + BGE_SMALL
                        + " (the model's tokenizer.json: classpath:NAME or a path)");
        require(
                "mean".equals(pooling) || "cls".equals(pooling) || "none".equals(pooling),
                "embedding.pooling must be mean, cls or none, got '" + pooling + "'");
        require(
                dims >= 1 && dims <= 8192,
                "embedding.dims must be between 1 and 8192 (the model's vector length), got "
                        + dims);
        require(
                maxTokens >= 2 && maxTokens <= 8192,
                "embedding.max-tokens must be between 2 and 8192, got " + maxTokens);
        require(
                batchSize >= 1 && batchSize <= 4096,
                "embedding.batch.size must be between 1 and 4096, got " + batchSize);
        require(
                !batchMaxWait.isNegative() && batchMaxWait.compareTo(Duration.ofMinutes(1)) <= 0,
                "embedding.batch.max-wait must be between PT0S and PT1M, got " + batchMaxWait);
    }

    /** The documented defaults: all-MiniLM-L6-v2 (quantized), no image model. */
    public static EmbeddingConfig defaults() {
        return from(new Properties());
    }

    /**
     * Reads the {@code embedding.*} keys; missing keys take the defaults of the named model.
     *
     * @throws IllegalArgumentException naming the key and what it accepts, for a bad value or an
     *     unknown {@code embedding.*} key
     */
    public static EmbeddingConfig from(Properties props) {
        String model = props.getProperty("embedding.model", MINILM).trim();
        Settings s = Settings.of(props, "embedding.", keys(model.toLowerCase(Locale.ROOT)));
        Image image =
                new Image(
                        s.text("embedding.image.file"),
                        s.text("embedding.image.model"),
                        s.integer("embedding.image.input-size"),
                        numbers(s, "embedding.image.mean"),
                        numbers(s, "embedding.image.std"),
                        s.text("embedding.image.input"),
                        s.text("embedding.image.output"),
                        s.bool("embedding.image.normalize"));
        return new EmbeddingConfig(
                model,
                s.text("embedding.model.file"),
                s.text("embedding.tokenizer.file"),
                s.text("embedding.pooling").toLowerCase(Locale.ROOT),
                s.bool("embedding.normalize"),
                s.integer("embedding.dims"),
                s.integer("embedding.max-tokens"),
                s.text("embedding.output"),
                s.integer("embedding.batch.size"),
                s.duration("embedding.batch.max-wait"),
                image);
    }

    private static List<Double> numbers(Settings s, String key) {
        String value = s.text(key);
        try {
            return java.util.Arrays.stream(value.split(","))
                    .map(String::trim)
                    .map(Double::parseDouble)
                    .toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    key + " must be three numbers separated by commas, got '" + value + "'");
        }
    }
}
