package io.framewise.pipeline.enrich;

import static io.framewise.pipeline.config.Settings.require;

import io.framewise.pipeline.config.Settings;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Frame description settings ({@code llm.*}), parsed and validated once: the provider, the client's
 * resilience, and the job's async stage and cache.
 *
 * <p>Every key, default and meaning is in {@link #KEYS} and in {@code udfs/README.md}. Besides the
 * fixed keys, {@code llm.header.NAME=VALUE} adds a request header and {@code
 * llm.price.MODEL=IN,OUT} gives a model's price in US dollars per million input and output tokens.
 * The API key itself is never part of the configuration: only the name of the environment variable
 * or the path of the file it is read from, where the describer runs. {@link #toString()} leaves
 * header values out, as they may be secrets too.
 *
 * @param url base URL of an OpenAI-compatible API ({@code .../v1}); empty: enrichment off
 * @param model the model name sent with each request
 * @param apiKeyEnv environment variable holding the API key (unset: no key sent)
 * @param apiKeyFile file holding the API key; empty: none (the variable is used)
 * @param headers extra request headers, by name
 * @param requestTimeout one HTTP request's limit
 * @param deadline one keyframe's limit, all attempts and waits together
 * @param maxAttempts HTTP requests per keyframe at most
 * @param initialBackoff back-off before the second attempt (doubles per attempt, full jitter)
 * @param maxBackoff back-off ceiling, also for the provider's Retry-After
 * @param requestsPerMinute client-side request limit across the job (0: none)
 * @param tokensPerMinute client-side token limit across the job (0: none)
 * @param circuitFailures consecutive failed requests (5xx, timeouts, connection errors) that open
 *     the circuit breaker
 * @param circuitOpenFor how long calls pause once the breaker opens, before one probe
 * @param batchMaxFrames keyframes of one shot sent in one request at most (1: no batching)
 * @param batchLinger how long a batch waits for more keyframes of its shot
 * @param imageMaxWidth the picture sent is downscaled to at most this width
 * @param imageJpegQuality JPEG quality of that picture, 1-100
 * @param imageDetail OpenAI's image detail: {@code low}, {@code high} or {@code auto}
 * @param maxTokens the answer's token limit
 * @param temperature sampling temperature (0: as deterministic as the model allows)
 * @param jsonMode ask for {@code response_format: json_object}
 * @param capacity keyframes in flight per subtask of the async stage
 * @param asyncTimeout the async stage's limit per keyframe (longer than {@code deadline}: a safety
 *     net)
 * @param cacheTtl how long a description stays in the cache
 * @param prices price per million tokens, by model
 */
public record LlmConfig(
        String url,
        String model,
        String apiKeyEnv,
        String apiKeyFile,
        Map<String, String> headers,
        Duration requestTimeout,
        Duration deadline,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        int requestsPerMinute,
        int tokensPerMinute,
        int circuitFailures,
        Duration circuitOpenFor,
        int batchMaxFrames,
        Duration batchLinger,
        int imageMaxWidth,
        int imageJpegQuality,
        String imageDetail,
        int maxTokens,
        double temperature,
        boolean jsonMode,
        int capacity,
        Duration asyncTimeout,
        Duration cacheTtl,
        Map<String, Price> prices)
        implements Serializable {

    public static final String HEADER_PREFIX = "llm.header.";
    public static final String PRICE_PREFIX = "llm.price.";

    /** Keys with their defaults, in documentation order. */
    public static final Map<String, String> KEYS = defaultKeys();

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** US dollars per million tokens. */
    public record Price(double inputPerMillion, double outputPerMillion) implements Serializable {

        /** What these tokens cost, in US dollars. */
        public double cost(int inputTokens, int outputTokens) {
            return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1e6;
        }
    }

    private static Map<String, String> defaultKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("llm.url", "");
        keys.put("llm.model", "framewise-sim");
        keys.put("llm.api-key-env", "FRAMEWISE_LLM_API_KEY");
        keys.put("llm.api-key-file", "");
        keys.put("llm.timeout", "PT30S");
        keys.put("llm.deadline", "PT2M");
        keys.put("llm.retry.max-attempts", "5");
        keys.put("llm.retry.initial-backoff", "PT0.5S");
        keys.put("llm.retry.max-backoff", "PT20S");
        keys.put("llm.rate.requests-per-minute", "0");
        keys.put("llm.rate.tokens-per-minute", "0");
        keys.put("llm.circuit.failures", "5");
        keys.put("llm.circuit.open-for", "PT30S");
        keys.put("llm.batch.max-frames", "1");
        keys.put("llm.batch.linger", "PT0.05S");
        keys.put("llm.image.max-width", "512");
        keys.put("llm.image.jpeg-quality", "80");
        keys.put("llm.image.detail", "low");
        keys.put("llm.max-tokens", "300");
        keys.put("llm.temperature", "0");
        keys.put("llm.json-mode", "true");
        keys.put("llm.async.capacity", "64");
        keys.put("llm.async.timeout", "PT3M");
        keys.put("llm.cache.ttl", "P1D");
        return Collections.unmodifiableMap(keys);
    }

    public LlmConfig {
        require(url != null, "llm.url must be given");
        url = url.trim();
        if (!url.isEmpty()) {
            URI u;
            try {
                u = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("llm.url must be a URL, got '" + url + "'");
            }
            require(
                    ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                            && u.getHost() != null,
                    "llm.url must be an http:// or https:// URL such as"
                            + " https://api.openai.com/v1, got '"
                            + url
                            + "'");
        }
        require(model != null && !model.isBlank(), "llm.model must not be empty");
        require(
                apiKeyEnv != null && (apiKeyEnv.isEmpty() || ENV_NAME.matcher(apiKeyEnv).matches()),
                "llm.api-key-env must be an environment variable name, got '" + apiKeyEnv + "'");
        require(apiKeyFile != null, "llm.api-key-file must be given");
        headers = Collections.unmodifiableMap(new TreeMap<>(headers == null ? Map.of() : headers));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            require(
                    HEADER_NAME.matcher(h.getKey()).matches(),
                    HEADER_PREFIX + h.getKey() + " is not a valid header name");
            require(
                    h.getValue().indexOf('\r') < 0 && h.getValue().indexOf('\n') < 0,
                    HEADER_PREFIX + h.getKey() + " must be one line");
        }
        positive(requestTimeout, "llm.timeout");
        positive(deadline, "llm.deadline");
        require(
                maxAttempts >= 1 && maxAttempts <= 20,
                "llm.retry.max-attempts must be between 1 and 20, got " + maxAttempts);
        positive(initialBackoff, "llm.retry.initial-backoff");
        positive(maxBackoff, "llm.retry.max-backoff");
        require(
                maxBackoff.compareTo(initialBackoff) >= 0,
                "llm.retry.max-backoff must be at least llm.retry.initial-backoff");
        require(
                requestsPerMinute >= 0,
                "llm.rate.requests-per-minute must be 0 (no limit) or more, got "
                        + requestsPerMinute);
        require(
                tokensPerMinute >= 0,
                "llm.rate.tokens-per-minute must be 0 (no limit) or more, got " + tokensPerMinute);
        require(circuitFailures >= 1, "llm.circuit.failures must be at least 1");
        positive(circuitOpenFor, "llm.circuit.open-for");
        require(
                batchMaxFrames >= 1 && batchMaxFrames <= 16,
                "llm.batch.max-frames must be between 1 and 16, got " + batchMaxFrames);
        require(
                batchLinger != null && !batchLinger.isNegative(),
                "llm.batch.linger must not be negative");
        require(
                imageMaxWidth >= 32 && imageMaxWidth <= 4096,
                "llm.image.max-width must be between 32 and 4096, got " + imageMaxWidth);
        require(
                imageJpegQuality >= 1 && imageJpegQuality <= 100,
                "llm.image.jpeg-quality must be between 1 and 100, got " + imageJpegQuality);
        require(
                "low".equals(imageDetail)
                        || "high".equals(imageDetail)
                        || "auto".equals(imageDetail),
                "llm.image.detail must be low, high or auto, got '" + imageDetail + "'");
        require(
                maxTokens >= 16 && maxTokens <= 100_000,
                "llm.max-tokens must be between 16 and 100000, got " + maxTokens);
        require(
                temperature >= 0 && temperature <= 2,
                "llm.temperature must be between 0 and 2, got " + temperature);
        require(
                capacity >= 1 && capacity <= 10_000,
                "llm.async.capacity must be between 1 and 10000, got " + capacity);
        positive(asyncTimeout, "llm.async.timeout");
        require(
                asyncTimeout.compareTo(deadline) > 0,
                "llm.async.timeout ("
                        + asyncTimeout
                        + ") must be longer than llm.deadline ("
                        + deadline
                        + "): it is the safety net behind the client's own deadline");
        positive(cacheTtl, "llm.cache.ttl");
        prices = Collections.unmodifiableMap(new TreeMap<>(prices == null ? Map.of() : prices));
    }

    private static void positive(Duration d, String key) {
        require(d != null && !d.isZero() && !d.isNegative(), key + " must be longer than 0");
    }

    /** Whether enrichment is on: a URL is configured. */
    public boolean enabled() {
        return !url.isEmpty();
    }

    /** This configuration with another URL and, when not null, another model. */
    public LlmConfig with(String url, String model) {
        return new LlmConfig(
                url,
                model == null ? this.model : model,
                apiKeyEnv,
                apiKeyFile,
                headers,
                requestTimeout,
                deadline,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                requestsPerMinute,
                tokensPerMinute,
                circuitFailures,
                circuitOpenFor,
                batchMaxFrames,
                batchLinger,
                imageMaxWidth,
                imageJpegQuality,
                imageDetail,
                maxTokens,
                temperature,
                jsonMode,
                capacity,
                asyncTimeout,
                cacheTtl,
                prices);
    }

    /**
     * What {@code inputTokens} and {@code outputTokens} of {@code model} cost in US dollars; null
     * when the price table has no entry for the model.
     */
    public Double cost(String model, int inputTokens, int outputTokens) {
        Price p = prices.get(model);
        if (p == null) {
            return null;
        }
        return p.cost(inputTokens, outputTokens);
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
        Settings s = Settings.of(fixed, "llm.", KEYS);
        return new LlmConfig(
                s.text("llm.url"),
                s.text("llm.model"),
                s.text("llm.api-key-env"),
                s.text("llm.api-key-file"),
                headers,
                s.duration("llm.timeout"),
                s.duration("llm.deadline"),
                s.integer("llm.retry.max-attempts"),
                s.duration("llm.retry.initial-backoff"),
                s.duration("llm.retry.max-backoff"),
                s.integer("llm.rate.requests-per-minute"),
                s.integer("llm.rate.tokens-per-minute"),
                s.integer("llm.circuit.failures"),
                s.duration("llm.circuit.open-for"),
                s.integer("llm.batch.max-frames"),
                s.duration("llm.batch.linger"),
                s.integer("llm.image.max-width"),
                s.integer("llm.image.jpeg-quality"),
                s.text("llm.image.detail"),
                s.integer("llm.max-tokens"),
                s.number("llm.temperature"),
                s.bool("llm.json-mode"),
                s.integer("llm.async.capacity"),
                s.duration("llm.async.timeout"),
                s.duration("llm.cache.ttl"),
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

    /** All settings but the header values, which may be secrets. */
    @Override
    public String toString() {
        return "LlmConfig[url="
                + url
                + ", model="
                + model
                + ", apiKeyEnv="
                + apiKeyEnv
                + ", apiKeyFile="
                + apiKeyFile
                + ", headers="
                + headers.keySet()
                + ", requestTimeout="
                + requestTimeout
                + ", deadline="
                + deadline
                + ", maxAttempts="
                + maxAttempts
                + ", requestsPerMinute="
                + requestsPerMinute
                + ", tokensPerMinute="
                + tokensPerMinute
                + ", capacity="
                + capacity
                + ", cacheTtl="
                + cacheTtl
                + "]";
    }
}
