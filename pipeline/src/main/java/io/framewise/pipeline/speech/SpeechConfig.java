package io.framewise.pipeline.speech;

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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Speech settings ({@code speech.*}), parsed and validated once: the transcription server ({@link
 * ProviderConfig}), how the client and the async stage cope with it ({@link ResilienceConfig}) and
 * the cache ({@link CacheConfig}), the same parts as the frame describer's with defaults of their
 * own; and the audio, voice activity and chunking.
 *
 * <p>Every key, default and check is declared once below ({@link #KEYS} lists them, {@code
 * udfs/README.md} explains them).
 *
 * @param provider the server, model and API key's source
 * @param resilience timeouts, retries, rate limit, circuit breaker, async capacity
 * @param cache the transcript cache
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
 * @param pricePerMinute US dollars per minute of audio sent (0: unknown)
 */
public record SpeechConfig(
        ProviderConfig provider,
        ResilienceConfig resilience,
        CacheConfig cache,
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
        double pricePerMinute)
        implements RemoteStageConfig, Serializable {

    private static final ProviderConfig.Keys PROVIDER =
            new ProviderConfig.Keys("speech", "framewise-sim-speech", "FRAMEWISE_SPEECH_API_KEY");
    private static final ResilienceConfig.Keys RESILIENCE =
            new ResilienceConfig.Keys(
                    "speech", new ResilienceConfig.Defaults("PT2M", "PT5M", false, "16", "PT6M"));
    private static final CacheConfig.Keys CACHE = new CacheConfig.Keys("speech");

    private static final Key<String> LANGUAGE =
            Key.matching(
                    "speech.language",
                    "",
                    Pattern.compile("([a-z]{2,3})?"),
                    "empty (detect) or an ISO-639-1 code such as en");
    private static final Key<String> PROMPT = Key.text("speech.prompt", "");
    private static final Key<String> RESPONSE_FORMAT =
            Key.oneOf("speech.response-format", "verbose_json", "verbose_json", "json");
    private static final Key<Integer> AUDIO_STREAM =
            Key.integer("speech.audio-stream", "-1", -1, Integer.MAX_VALUE);
    private static final Key<Double> START_DB =
            Key.number("speech.vad.start-db", "-35")
                    .where(db -> db < 0 && db > -100, "between -100 and 0 dBFS");
    private static final Key<Double> END_DB =
            Key.number("speech.vad.end-db", "-45").where(db -> db > -100, "above -100 dBFS");
    private static final Key<Duration> MIN_SILENCE =
            Key.positiveDuration("speech.vad.min-silence", "PT0.4S");
    private static final Key<Duration> MIN_SPEECH =
            Key.positiveDuration("speech.vad.min-speech", "PT0.15S");
    private static final Key<Double> MAX_TONAL_SHARE =
            Key.number("speech.vad.max-tonal-share", "0.5")
                    .where(x -> x > 0 && x <= 1, "above 0 and at most 1");
    private static final Key<Duration> PADDING =
            Key.duration("speech.chunk.padding", "PT0.2S")
                    .where(d -> d.toMillis() <= 2000, "between PT0S and PT2S");
    private static final Key<Duration> MAX_GAP =
            Key.positiveDuration("speech.chunk.max-gap", "PT2S");
    private static final Key<Duration> CHUNK_MAX_DURATION =
            Key.duration("speech.chunk.max-duration", "PT10M")
                    .where(d -> d.toMillis() >= 10_000, "at least PT10S");
    private static final Key<Long> CHUNK_MAX_BYTES =
            Key.wholeNumber("speech.chunk.max-bytes", "24000000", 400_000);
    private static final Key<Double> PRICE_PER_MINUTE =
            Key.number("speech.price-per-minute", "0").where(p -> p >= 0, "0 (unknown) or more");

    private static final KeyTable TABLE =
            KeyTable.of(
                    "speech.",
                    PROVIDER.all(),
                    List.of(
                            LANGUAGE,
                            PROMPT,
                            RESPONSE_FORMAT,
                            AUDIO_STREAM,
                            START_DB,
                            END_DB,
                            MIN_SILENCE,
                            MIN_SPEECH,
                            MAX_TONAL_SHARE,
                            PADDING,
                            MAX_GAP,
                            CHUNK_MAX_DURATION,
                            CHUNK_MAX_BYTES),
                    RESILIENCE.client(),
                    RESILIENCE.async(),
                    CACHE.all(),
                    List.of(PRICE_PER_MINUTE));

    /** Keys with their defaults, in documentation order. */
    public static final Map<String, String> KEYS = TABLE.defaults();

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
        Settings s = TABLE.settings(props);
        double startDb = START_DB.read(s);
        double endDb = END_DB.read(s);
        require(
                endDb < startDb,
                END_DB.name()
                        + " must be below "
                        + START_DB.name()
                        + " ("
                        + startDb
                        + "), got "
                        + endDb);
        return new SpeechConfig(
                PROVIDER.read(s, "speech.header.", Map.of()),
                RESILIENCE.read(s),
                CACHE.read(s),
                LANGUAGE.read(s),
                PROMPT.read(s),
                RESPONSE_FORMAT.read(s),
                AUDIO_STREAM.read(s),
                startDb,
                endDb,
                MIN_SILENCE.read(s),
                MIN_SPEECH.read(s),
                MAX_TONAL_SHARE.read(s),
                PADDING.read(s),
                MAX_GAP.read(s),
                CHUNK_MAX_DURATION.read(s),
                CHUNK_MAX_BYTES.read(s),
                PRICE_PER_MINUTE.read(s));
    }
}
