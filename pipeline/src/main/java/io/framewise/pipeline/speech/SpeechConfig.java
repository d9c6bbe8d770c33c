package io.framewise.pipeline.speech;

import static io.framewise.pipeline.config.Settings.require;

import io.framewise.pipeline.config.Settings;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Speech settings ({@code speech.*}), parsed and validated once: the audio, voice activity and
 * chunking, the transcription server, the client's resilience, and the job's async stage.
 *
 * <p>Every key with its default is in {@link #KEYS}; the table is in {@code udfs/README.md}. The
 * API key itself is never part of the configuration, only the name of the environment variable or
 * the path of the file it is read from, where the transcriber runs.
 *
 * @param url base URL of an OpenAI-compatible API ({@code .../v1}); empty: speech off
 * @param model the transcription model sent with each request
 * @param apiKeyEnv environment variable holding the API key (unset: none sent)
 * @param apiKeyFile file holding the API key; empty: none (the variable is used)
 * @param language ISO-639-1 language sent to the server; empty: the server detects it
 * @param prompt text sent as the {@code prompt} (vocabulary, spelling); empty: none
 * @param responseFormat {@code verbose_json} (segments and times) or {@code json} (text only)
 * @param audioStream index of the audio stream among the file's audio streams; -1: the best one
 * @param startDb a frame at least this loud (dBFS) starts a speech region
 * @param endDb a region goes on while frames are at least this loud (dBFS); below {@code startDb}
 * @param minSilence a region ends after this much audio below {@code endDb}
 * @param minSpeech regions shorter than this are dropped (clicks, coughs)
 * @param maxTonalShare a region whose loud frames are pure tones more often than this is not speech
 * @param padding audio kept before and after each region in the chunk sent
 * @param maxGap regions closer than this go in one chunk, the silence between them included
 * @param chunkMaxDuration a chunk's audio at most (cut at the quietest moment near the limit)
 * @param chunkMaxBytes a chunk's encoded size at most
 * @param requestTimeout one HTTP request's limit
 * @param deadline one chunk's limit, all attempts and waits together
 * @param maxAttempts HTTP requests per chunk at most
 * @param initialBackoff back-off before the second attempt
 * @param maxBackoff back-off ceiling (the provider's Retry-After is honoured above it)
 * @param requestsPerMinute client-side request limit across the job (0: none)
 * @param circuitFailures consecutive failed requests that open the circuit breaker
 * @param circuitOpenFor how long calls pause once it opens
 * @param capacity chunks in flight per subtask of the async stage
 * @param asyncTimeout the stage's limit per chunk (longer than {@code deadline}: a safety net)
 * @param cacheTtl how long a transcript stays in the cache
 * @param pricePerMinute US dollars per minute of audio sent (0: unknown)
 */
public record SpeechConfig(
        String url,
        String model,
        String apiKeyEnv,
        String apiKeyFile,
        String language,
        String prompt,
        String responseFormat,
        int audioStream,
        double startDb,
        double endDb,
        Duration minSilence,
        Duration minSpeech,
        double maxTonalShare,
        Duration padding,
        Duration maxGap,
        Duration chunkMaxDuration,
        long chunkMaxBytes,
        Duration requestTimeout,
        Duration deadline,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        int requestsPerMinute,
        int circuitFailures,
        Duration circuitOpenFor,
        int capacity,
        Duration asyncTimeout,
        Duration cacheTtl,
        double pricePerMinute)
        implements Serializable {

    /** Keys with their defaults, in documentation order. */
    public static final Map<String, String> KEYS = defaultKeys();

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    private static Map<String, String> defaultKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("speech.url", "");
        keys.put("speech.model", "framewise-sim-speech");
        keys.put("speech.api-key-env", "FRAMEWISE_SPEECH_API_KEY");
        keys.put("speech.api-key-file", "");
        keys.put("speech.language", "");
        keys.put("speech.prompt", "");
        keys.put("speech.response-format", "verbose_json");
        keys.put("speech.audio-stream", "-1");
        keys.put("speech.vad.start-db", "-35");
        keys.put("speech.vad.end-db", "-45");
        keys.put("speech.vad.min-silence", "PT0.4S");
        keys.put("speech.vad.min-speech", "PT0.15S");
        keys.put("speech.vad.max-tonal-share", "0.5");
        keys.put("speech.chunk.padding", "PT0.2S");
        keys.put("speech.chunk.max-gap", "PT2S");
        keys.put("speech.chunk.max-duration", "PT10M");
        keys.put("speech.chunk.max-bytes", "24000000");
        keys.put("speech.timeout", "PT2M");
        keys.put("speech.deadline", "PT5M");
        keys.put("speech.retry.max-attempts", "5");
        keys.put("speech.retry.initial-backoff", "PT0.5S");
        keys.put("speech.retry.max-backoff", "PT20S");
        keys.put("speech.rate.requests-per-minute", "0");
        keys.put("speech.circuit.failures", "5");
        keys.put("speech.circuit.open-for", "PT30S");
        keys.put("speech.async.capacity", "16");
        keys.put("speech.async.timeout", "PT6M");
        keys.put("speech.cache.ttl", "P1D");
        keys.put("speech.price-per-minute", "0");
        return Collections.unmodifiableMap(keys);
    }

    public SpeechConfig {
        require(url != null, "speech.url must be given");
        url = url.trim();
        if (!url.isEmpty()) {
            URI u;
            try {
                u = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("speech.url must be a URL, got '" + url + "'");
            }
            require(
                    ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                            && u.getHost() != null,
                    "speech.url must be an http:// or https:// URL such as"
                            + " https://api.openai.com/v1, got '"
                            + url
                            + "'");
        }
        require(model != null && !model.isBlank(), "speech.model must not be empty");
        require(
                apiKeyEnv != null && (apiKeyEnv.isEmpty() || ENV_NAME.matcher(apiKeyEnv).matches()),
                "speech.api-key-env must be an environment variable name, got '" + apiKeyEnv + "'");
        require(apiKeyFile != null, "speech.api-key-file must be given");
        require(
                language != null && (language.isEmpty() || LANGUAGE.matcher(language).matches()),
                "speech.language must be empty (detect) or an ISO-639-1 code such as en, got '"
                        + language
                        + "'");
        require(prompt != null, "speech.prompt must be given");
        require(
                "verbose_json".equals(responseFormat) || "json".equals(responseFormat),
                "speech.response-format must be verbose_json or json, got '"
                        + responseFormat
                        + "'");
        require(
                audioStream >= -1,
                "speech.audio-stream must be -1 (the best) or an audio stream's index, got "
                        + audioStream);
        require(
                startDb < 0 && startDb > -100,
                "speech.vad.start-db must be between -100 and 0 dBFS, got " + startDb);
        require(
                endDb < startDb && endDb > -100,
                "speech.vad.end-db must be below speech.vad.start-db ("
                        + startDb
                        + ") and above -100, got "
                        + endDb);
        positive(minSilence, "speech.vad.min-silence");
        positive(minSpeech, "speech.vad.min-speech");
        require(
                maxTonalShare > 0 && maxTonalShare <= 1,
                "speech.vad.max-tonal-share must be above 0 and at most 1, got " + maxTonalShare);
        require(
                padding != null && !padding.isNegative() && padding.toMillis() <= 2000,
                "speech.chunk.padding must be between PT0S and PT2S");
        positive(maxGap, "speech.chunk.max-gap");
        require(
                chunkMaxDuration != null && chunkMaxDuration.toMillis() >= 10_000,
                "speech.chunk.max-duration must be at least PT10S");
        require(
                chunkMaxBytes >= 400_000,
                "speech.chunk.max-bytes must be at least 400000 (ten seconds of audio), got "
                        + chunkMaxBytes);
        positive(requestTimeout, "speech.timeout");
        positive(deadline, "speech.deadline");
        require(
                maxAttempts >= 1 && maxAttempts <= 20,
                "speech.retry.max-attempts must be between 1 and 20, got " + maxAttempts);
        positive(initialBackoff, "speech.retry.initial-backoff");
        positive(maxBackoff, "speech.retry.max-backoff");
        require(
                maxBackoff.compareTo(initialBackoff) >= 0,
                "speech.retry.max-backoff must be at least speech.retry.initial-backoff");
        require(
                requestsPerMinute >= 0,
                "speech.rate.requests-per-minute must be 0 (no limit) or more, got "
                        + requestsPerMinute);
        require(circuitFailures >= 1, "speech.circuit.failures must be at least 1");
        positive(circuitOpenFor, "speech.circuit.open-for");
        require(
                capacity >= 1 && capacity <= 10_000,
                "speech.async.capacity must be between 1 and 10000, got " + capacity);
        positive(asyncTimeout, "speech.async.timeout");
        require(
                asyncTimeout.compareTo(deadline) > 0,
                "speech.async.timeout ("
                        + asyncTimeout
                        + ") must be longer than speech.deadline ("
                        + deadline
                        + "): it is the safety net behind the client's own deadline");
        positive(cacheTtl, "speech.cache.ttl");
        require(
                pricePerMinute >= 0,
                "speech.price-per-minute must be 0 (unknown) or more, got " + pricePerMinute);
    }

    private static void positive(Duration d, String key) {
        require(d != null && !d.isZero() && !d.isNegative(), key + " must be longer than 0");
    }

    /** Whether speech is on: a URL is configured. */
    public boolean enabled() {
        return !url.isEmpty();
    }

    /**
     * The longest chunk in milliseconds: {@code speech.chunk.max-duration}, or less where {@code
     * speech.chunk.max-bytes} holds less 16-bit 16 kHz audio.
     */
    public long chunkMaxMs() {
        long byBytes = (chunkMaxBytes - 44) / 32;
        return Math.min(chunkMaxDuration.toMillis(), byBytes);
    }

    /** What {@code audioMs} of audio sent costs in US dollars; null when no price is set. */
    public Double cost(long audioMs) {
        return pricePerMinute == 0 ? null : pricePerMinute * audioMs / 60_000.0;
    }

    public static SpeechConfig defaults() {
        return from(new Properties());
    }

    /**
     * Reads the {@code speech.*} keys of {@code props}; missing keys take their defaults.
     *
     * @throws IllegalArgumentException naming the key and what it accepts, for a bad value or an
     *     unknown {@code speech.*} key
     */
    public static SpeechConfig from(Properties props) {
        Settings s = Settings.of(props, "speech.", KEYS);
        return new SpeechConfig(
                s.text("speech.url"),
                s.text("speech.model"),
                s.text("speech.api-key-env"),
                s.text("speech.api-key-file"),
                s.text("speech.language"),
                s.text("speech.prompt"),
                s.text("speech.response-format"),
                s.integer("speech.audio-stream"),
                s.number("speech.vad.start-db"),
                s.number("speech.vad.end-db"),
                s.duration("speech.vad.min-silence"),
                s.duration("speech.vad.min-speech"),
                s.number("speech.vad.max-tonal-share"),
                s.duration("speech.chunk.padding"),
                s.duration("speech.chunk.max-gap"),
                s.duration("speech.chunk.max-duration"),
                longValue(s, "speech.chunk.max-bytes"),
                s.duration("speech.timeout"),
                s.duration("speech.deadline"),
                s.integer("speech.retry.max-attempts"),
                s.duration("speech.retry.initial-backoff"),
                s.duration("speech.retry.max-backoff"),
                s.integer("speech.rate.requests-per-minute"),
                s.integer("speech.circuit.failures"),
                s.duration("speech.circuit.open-for"),
                s.integer("speech.async.capacity"),
                s.duration("speech.async.timeout"),
                s.duration("speech.cache.ttl"),
                s.number("speech.price-per-minute"));
    }

    private static long longValue(Settings s, String key) {
        try {
            return Long.parseLong(s.text(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    key + " must be a whole number, got '" + s.text(key) + "'");
        }
    }

    /** This configuration with another URL and, when not null, another model. */
    public SpeechConfig with(String url, String model) {
        return new SpeechConfig(
                url,
                model == null ? this.model : model,
                apiKeyEnv,
                apiKeyFile,
                language,
                prompt,
                responseFormat,
                audioStream,
                startDb,
                endDb,
                minSilence,
                minSpeech,
                maxTonalShare,
                padding,
                maxGap,
                chunkMaxDuration,
                chunkMaxBytes,
                requestTimeout,
                deadline,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                requestsPerMinute,
                circuitFailures,
                circuitOpenFor,
                capacity,
                asyncTimeout,
                cacheTtl,
                pricePerMinute);
    }
}
