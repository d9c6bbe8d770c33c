package io.framewise.jobs.config;

import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.kafka.KafkaConfig;
import io.framewise.connectors.source.SourceConfig;
import io.framewise.pipeline.aggregate.AggregateConfig;
import io.framewise.pipeline.config.Settings;
import io.framewise.pipeline.config.VideoTimeoutConfig;
import io.framewise.pipeline.embed.EmbeddingConfig;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.frames.KeyframeConfig;
import io.framewise.pipeline.scores.ScoringConfig;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.pipeline.text.OcrConfig;
import io.framewise.pipeline.video.PreviewConfig;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The whole configuration of a Framewise run, parsed and validated once, at the edge: one typed
 * part per stage or connector, each from its own keys ({@code shots.*}, {@code llm.*}, ...).
 * Operators and engine factories receive the parts they need, never raw properties.
 *
 * <p>{@link ConfigSources} gathers the keys (file, environment, {@code --set}, options); {@link
 * #parse} turns them into this record, failing with one line naming the first bad key.
 *
 * @param shots shot detection ({@code shots.*})
 * @param keyframes keyframe choice and pictures ({@code keyframes.*})
 * @param ocr text on screen ({@code ocr.*})
 * @param embedding text and image vectors ({@code embedding.*})
 * @param scoring quality scores and the model runtime ({@code scoring.*})
 * @param llm frame description ({@code llm.*}); {@link LlmConfig#enabled()} says whether it is on
 * @param speech transcription ({@code speech.*}); {@link SpeechConfig#enabled()} likewise
 * @param aggregate scenes, summaries and clusters ({@code aggregate.*})
 * @param es the search indices ({@code es.*}); null when {@code es.url} is not set
 * @param sources where videos may come from ({@code sources.*})
 * @param kafka the upload events of {@code stream} (its command-line options); null elsewhere
 * @param fileSystems {@code s3.*} and {@code fs.*} settings for a local run's file systems (a
 *     cluster has its own)
 * @param job the per-video timeout ({@code job.video-timeout}): how long the keyed operators wait
 *     for a video's next part before failing it as {@code incomplete}
 * @param preview preview renditions for the search page ({@code preview.*}); off by default
 */
public record FramewiseConfig(
        ShotDetectionConfig shots,
        KeyframeConfig keyframes,
        OcrConfig ocr,
        EmbeddingConfig embedding,
        ScoringConfig scoring,
        LlmConfig llm,
        SpeechConfig speech,
        AggregateConfig aggregate,
        ElasticsearchConfig es,
        SourceConfig sources,
        KafkaConfig kafka,
        Map<String, String> fileSystems,
        VideoTimeoutConfig job,
        PreviewConfig preview)
        implements Serializable {

    /** Prefixes handed on to the file systems as they are. */
    static final List<String> FILE_SYSTEM_PREFIXES = List.of("s3.", "fs.");

    public FramewiseConfig {
        fileSystems = Collections.unmodifiableMap(new LinkedHashMap<>(fileSystems));
    }

    /** Every fixed key with its default, all groups together (dynamic ones aside). */
    public static Map<String, String> knownKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        Stream.of(
                        ShotDetectionConfig.KEYS,
                        KeyframeConfig.KEYS,
                        OcrConfig.KEYS,
                        EmbeddingConfig.KEYS,
                        ScoringConfig.KEYS,
                        LlmConfig.KEYS,
                        SpeechConfig.KEYS,
                        AggregateConfig.KEYS,
                        ElasticsearchConfig.KEYS,
                        SourceConfig.KEYS,
                        VideoTimeoutConfig.KEYS,
                        PreviewConfig.KEYS)
                .forEach(keys::putAll);
        return keys;
    }

    /** The documented defaults: every stage with its default settings, no search, no LLM. */
    public static FramewiseConfig defaults() {
        return parse(new Properties());
    }

    /**
     * Parses every group of {@code props}; keys of other groups are left alone, apart from {@code
     * s3.*} and {@code fs.*}, which go to {@link #fileSystems()}.
     *
     * @throws IllegalArgumentException one line naming the key, for a bad value or an unknown key
     *     of a known group
     */
    public static FramewiseConfig parse(Properties props) {
        ElasticsearchConfig es = null;
        if (ElasticsearchConfig.configured(props)) {
            es = ElasticsearchConfig.from(props);
        } else {
            Settings.of(props, "es.", ElasticsearchConfig.KEYS); // a typo fails without a URL too
        }
        Map<String, String> fileSystems = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames().stream().sorted().toList()) {
            if (FILE_SYSTEM_PREFIXES.stream().anyMatch(key::startsWith)) {
                fileSystems.put(key, props.getProperty(key));
            }
        }
        return new FramewiseConfig(
                ShotDetectionConfig.from(props),
                KeyframeConfig.from(props),
                OcrConfig.from(props),
                EmbeddingConfig.from(props),
                ScoringConfig.from(props),
                LlmConfig.from(props),
                SpeechConfig.from(props),
                AggregateConfig.from(props),
                es,
                SourceConfig.from(props),
                null,
                fileSystems,
                VideoTimeoutConfig.from(props),
                PreviewConfig.from(props));
    }

    /** This configuration with the upload events of {@code stream}. */
    public FramewiseConfig withKafka(KafkaConfig kafka) {
        return new FramewiseConfig(
                shots,
                keyframes,
                ocr,
                embedding,
                scoring,
                llm,
                speech,
                aggregate,
                es,
                sources,
                kafka,
                fileSystems,
                job,
                preview);
    }

    /** Whether the search indices are written: {@code es.url} is set. */
    public boolean search() {
        return es != null;
    }
}
