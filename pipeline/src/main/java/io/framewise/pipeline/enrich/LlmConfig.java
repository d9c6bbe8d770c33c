package io.framewise.pipeline.enrich;

import static io.framewise.pipeline.config.Settings.require;

import io.framewise.pipeline.config.Key;
import io.framewise.pipeline.config.KeyTable;
import io.framewise.pipeline.config.Settings;
import io.framewise.pipeline.remote.CacheConfig;
import io.framewise.pipeline.remote.ProviderConfig;
import io.framewise.pipeline.remote.RemoteStageConfig;
import io.framewise.pipeline.remote.ResilienceConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Frame description settings ({@code llm.*}), parsed and validated once: which server ({@link
 * ProviderConfig}), how the client and the async stage cope with it ({@link ResilienceConfig}), the
 * cache ({@link CacheConfig}), and what is asked of the model.
 *
 * <p>Every key, default and check is declared once below ({@link #KEYS} lists them, {@code
 * udfs/README.md} explains them). Besides the fixed keys, {@code llm.header.NAME=VALUE} adds a
 * request header and {@code llm.price.MODEL=IN,OUT} gives a model's price in US dollars per million
 * input and output tokens.
 *
 * @param provider the server, model and API key's source
 * @param resilience timeouts, retries, rate limits, circuit breaker, async capacity
 * @param cache the description cache
 * @param batchMaxFrames keyframes of one shot sent in one request at most (1: no batching)
 * @param batchLinger how long a batch waits for more keyframes of its shot
 * @param imageMaxWidth the picture sent is downscaled to at most this width
 * @param imageJpegQuality JPEG quality of that picture, 1-100
 * @param imageDetail OpenAI's image detail: {@code low}, {@code high} or {@code auto}
 * @param maxTokens the answer's token limit
 * @param temperature sampling temperature (0: as deterministic as the model allows)
 * @param jsonMode ask for {@code response_format: json_object}
 * @param prices price per million tokens, by model
 */
public record LlmConfig(
        ProviderConfig provider,
        ResilienceConfig resilience,
        CacheConfig cache,
        int batchMaxFrames,
        Duration batchLinger,
        int imageMaxWidth,
        int imageJpegQuality,
        String imageDetail,
        int maxTokens,
        double temperature,
        boolean jsonMode,
        Map<String, Price> prices)
        implements RemoteStageConfig, Serializable {

    public static final String HEADER_PREFIX = "llm.header.";
    public static final String PRICE_PREFIX = "llm.price.";

    private static final ProviderConfig.Keys PROVIDER =
            new ProviderConfig.Keys("llm", "framewise-sim", "FRAMEWISE_LLM_API_KEY");
    private static final ResilienceConfig.Keys RESILIENCE =
            new ResilienceConfig.Keys(
                    "llm", new ResilienceConfig.Defaults("PT30S", "PT2M", true, "64", "PT3M"));
    private static final CacheConfig.Keys CACHE = new CacheConfig.Keys("llm");

    private static final Key<Integer> BATCH_MAX_FRAMES =
            Key.integer("llm.batch.max-frames", "1", 1, 16);
    private static final Key<Duration> BATCH_LINGER = Key.duration("llm.batch.linger", "PT0.05S");
    private static final Key<Integer> IMAGE_MAX_WIDTH =
            Key.integer("llm.image.max-width", "512", 32, 4096);
    private static final Key<Integer> IMAGE_JPEG_QUALITY =
            Key.integer("llm.image.jpeg-quality", "80", 1, 100);
    private static final Key<String> IMAGE_DETAIL =
            Key.oneOf("llm.image.detail", "low", "low", "high", "auto");
    private static final Key<Integer> MAX_TOKENS =
            Key.integer("llm.max-tokens", "300", 16, 100_000);
    private static final Key<Double> TEMPERATURE =
            Key.number("llm.temperature", "0").where(t -> t >= 0 && t <= 2, "between 0 and 2");
    private static final Key<Boolean> JSON_MODE = Key.bool("llm.json-mode", "true");

    private static final KeyTable TABLE =
            KeyTable.of(
                    "llm.",
                    PROVIDER.all(),
                    RESILIENCE.client(),
                    List.of(
                            BATCH_MAX_FRAMES,
                            BATCH_LINGER,
                            IMAGE_MAX_WIDTH,
                            IMAGE_JPEG_QUALITY,
                            IMAGE_DETAIL,
                            MAX_TOKENS,
                            TEMPERATURE,
                            JSON_MODE),
                    RESILIENCE.async(),
                    CACHE.all());

    /** Keys with their defaults, in documentation order. */
    public static final Map<String, String> KEYS = TABLE.defaults();

    public LlmConfig {
        prices = Collections.unmodifiableMap(new TreeMap<>(prices == null ? Map.of() : prices));
    }

    /** US dollars per million tokens. */
    public record Price(double inputPerMillion, double outputPerMillion) implements Serializable {

        /** What these tokens cost, in US dollars. */
        public double cost(int inputTokens, int outputTokens) {
            return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1e6;
        }
    }

    /**
     * What {@code inputTokens} and {@code outputTokens} of {@code model} cost in US dollars; null
     * when the price table has no entry for the model.
     */
    public Double cost(String model, int inputTokens, int outputTokens) {
        Price p = prices.get(model);
        return p == null ? null : p.cost(inputTokens, outputTokens);
    }

    public static LlmConfig defaults() {
        return from(new Properties());
    }

    /**
     * Reads the {@code llm.*} keys of {@code props}; missing keys take their defaults.
     *
     * @throws IllegalArgumentException naming the key and what it accepts, for a bad value or an
     *     unknown {@code llm.*} key
     */
    public static LlmConfig from(Properties props) {
        Properties fixed = new Properties();
        Map<String, String> headers = new TreeMap<>();
        Map<String, Price> prices = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            String value = props.getProperty(key);
            if (key.startsWith(HEADER_PREFIX)) {
                headers.put(key.substring(HEADER_PREFIX.length()), value.trim());
            } else if (key.startsWith(PRICE_PREFIX)) {
                prices.put(key.substring(PRICE_PREFIX.length()), price(key, value));
            } else {
                fixed.setProperty(key, value);
            }
        }
        Settings s = TABLE.settings(fixed);
        return new LlmConfig(
                PROVIDER.read(s, HEADER_PREFIX, headers),
                RESILIENCE.read(s),
                CACHE.read(s),
                BATCH_MAX_FRAMES.read(s),
                BATCH_LINGER.read(s),
                IMAGE_MAX_WIDTH.read(s),
                IMAGE_JPEG_QUALITY.read(s),
                IMAGE_DETAIL.read(s),
                MAX_TOKENS.read(s),
                TEMPERATURE.read(s),
                JSON_MODE.read(s),
                prices);
    }

    private static Price price(String key, String value) {
        String[] parts = value.split(",");
        String problem =
                key
                        + " must be two numbers, US dollars per million input and output tokens,"
                        + " such as 0.15,0.60, got '"
                        + value
                        + "'";
        require(parts.length == 2, problem);
        try {
            double in = Double.parseDouble(parts[0].trim());
            double out = Double.parseDouble(parts[1].trim());
            require(in >= 0 && out >= 0, problem);
            return new Price(in, out);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(problem);
        }
    }
}
