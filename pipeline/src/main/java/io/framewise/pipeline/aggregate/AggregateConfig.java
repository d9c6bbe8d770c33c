package io.framewise.pipeline.aggregate;

import static io.framewise.pipeline.config.Settings.require;

import io.framewise.pipeline.config.Settings;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Aggregation settings ({@code aggregate.*}): scenes, video summaries, near-duplicate videos and
 * clusters of shots across videos, parsed and validated once.
 *
 * <p>Every key, default and meaning is listed in {@link #KEYS} and in {@code udfs/README.md}.
 *
 * @param visualWeight share of the visual vectors' cosine in the similarity of two shots
 * @param colourWeight share of the colour histograms' similarity (Bhattacharyya coefficient)
 * @param textWeight share of the texts' similarity (text vectors' cosine, else word overlap)
 * @param sceneThreshold two shots belong to one scene when their similarity is at least this (0-1)
 * @param sceneLookBack a shot is compared with this many shots before it
 * @param keywords top keywords kept per video
 * @param colours dominant colours kept per video
 * @param duplicateDistance two shots' pHashes match when at most this many bits differ
 * @param duplicateSimilarity two videos are near-duplicates when at least this share of their shot
 *     sequences match (0-1)
 * @param duplicateRetention how long a video's shot signatures are kept to compare later videos
 *     with
 * @param window length of the tumbling event-time windows shots are clustered in
 * @param outOfOrderness how far behind the newest event time a shot may arrive without being late
 * @param idleness a subtask without shots for this long no longer holds the watermark back
 * @param allowedLateness how long after its window closes a late shot still updates the window
 * @param maxClusters the most clusters a window is split into
 * @param minSilhouette below this mean silhouette, a window is one cluster (-1 to 1)
 * @param sample the most shots k-means is fitted on per window; every shot is then assigned
 * @param matchDistance a window's cluster keeps the id of an earlier one whose centroid is within
 *     this cosine distance (0-2)
 * @param memory how long a cluster id is remembered after the last window it was seen in
 * @param terms top terms kept per cluster
 * @param representatives representative keyframes kept per cluster
 * @param seed seed of k-means++'s random choices, so that a run can be repeated
 */
public record AggregateConfig(
        double visualWeight,
        double colourWeight,
        double textWeight,
        double sceneThreshold,
        int sceneLookBack,
        int keywords,
        int colours,
        int duplicateDistance,
        double duplicateSimilarity,
        Duration duplicateRetention,
        Duration window,
        Duration outOfOrderness,
        Duration idleness,
        Duration allowedLateness,
        int maxClusters,
        double minSilhouette,
        int sample,
        double matchDistance,
        Duration memory,
        int terms,
        int representatives,
        long seed)
        implements Serializable {

    /** Keys with their defaults, in documentation order. */
    public static final Map<String, String> KEYS = defaultKeys();

    private static Map<String, String> defaultKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("aggregate.weight.visual", "0.4");
        keys.put("aggregate.weight.colour", "0.4");
        keys.put("aggregate.weight.text", "0.2");
        keys.put("aggregate.scenes.threshold", "0.6");
        keys.put("aggregate.scenes.look-back", "4");
        keys.put("aggregate.summary.keywords", "10");
        keys.put("aggregate.summary.colours", "3");
        keys.put("aggregate.duplicates.max-distance", "10");
        keys.put("aggregate.duplicates.min-similarity", "0.8");
        keys.put("aggregate.duplicates.retention", "P30D");
        keys.put("aggregate.clusters.window", "PT1H");
        keys.put("aggregate.clusters.out-of-orderness", "PT1M");
        keys.put("aggregate.clusters.idleness", "PT1M");
        keys.put("aggregate.clusters.allowed-lateness", "PT10M");
        keys.put("aggregate.clusters.max-k", "12");
        keys.put("aggregate.clusters.min-silhouette", "0.25");
        keys.put("aggregate.clusters.sample", "2000");
        keys.put("aggregate.clusters.match-distance", "0.15");
        keys.put("aggregate.clusters.memory", "PT24H");
        keys.put("aggregate.clusters.terms", "5");
        keys.put("aggregate.clusters.representatives", "3");
        keys.put("aggregate.clusters.seed", "42");
        return Collections.unmodifiableMap(keys);
    }

    public AggregateConfig {
        require(
                visualWeight >= 0 && colourWeight >= 0 && textWeight >= 0,
                "aggregate.weight.* must be at least 0, got visual "
                        + visualWeight
                        + ", colour "
                        + colourWeight
                        + ", text "
                        + textWeight);
        require(
                visualWeight + colourWeight > 0,
                "aggregate.weight.visual and aggregate.weight.colour must not both be 0: every"
                        + " shot has a picture, not every shot has text");
        require(
                sceneThreshold >= 0 && sceneThreshold <= 1,
                "aggregate.scenes.threshold must be between 0 and 1, got " + sceneThreshold);
        require(
                sceneLookBack >= 1,
                "aggregate.scenes.look-back must be at least 1 shot, got " + sceneLookBack);
        require(keywords >= 0, "aggregate.summary.keywords must be at least 0, got " + keywords);
        require(colours >= 0, "aggregate.summary.colours must be at least 0, got " + colours);
        require(
                duplicateDistance >= 0 && duplicateDistance <= 64,
                "aggregate.duplicates.max-distance must be between 0 and 64 bits, got "
                        + duplicateDistance);
        require(
                duplicateSimilarity > 0 && duplicateSimilarity <= 1,
                "aggregate.duplicates.min-similarity must be greater than 0 and at most 1, got "
                        + duplicateSimilarity);
        requirePositive("aggregate.duplicates.retention", duplicateRetention);
        requirePositive("aggregate.clusters.window", window);
        requireNotNegative("aggregate.clusters.out-of-orderness", outOfOrderness);
        requirePositive("aggregate.clusters.idleness", idleness);
        requireNotNegative("aggregate.clusters.allowed-lateness", allowedLateness);
        require(
                maxClusters >= 1,
                "aggregate.clusters.max-k must be at least 1, got " + maxClusters);
        require(
                minSilhouette >= -1 && minSilhouette <= 1,
                "aggregate.clusters.min-silhouette must be between -1 and 1, got " + minSilhouette);
        require(sample >= 2, "aggregate.clusters.sample must be at least 2 shots, got " + sample);
        require(
                matchDistance >= 0 && matchDistance <= 2,
                "aggregate.clusters.match-distance must be between 0 and 2, got " + matchDistance);
        requireNotNegative("aggregate.clusters.memory", memory);
        require(terms >= 0, "aggregate.clusters.terms must be at least 0, got " + terms);
        require(
                representatives >= 1,
                "aggregate.clusters.representatives must be at least 1, got " + representatives);
    }

    private static void requirePositive(String key, Duration d) {
        require(
                d != null && !d.isNegative() && !d.isZero(),
                key + " must be a positive duration, got " + d);
    }

    private static void requireNotNegative(String key, Duration d) {
        require(d != null && !d.isNegative(), key + " must not be negative, got " + d);
    }

    /** The documented defaults. */
    public static AggregateConfig defaults() {
        return from(new Properties());
    }

    /**
     * Reads the {@code aggregate.*} keys of {@code props}; missing keys take their defaults.
     *
     * @throws IllegalArgumentException naming the key and what it accepts, for a bad value or an
     *     unknown {@code aggregate.*} key
     */
    public static AggregateConfig from(Properties props) {
        Settings s = Settings.of(props, "aggregate.", KEYS);
        return new AggregateConfig(
                s.number("aggregate.weight.visual"),
                s.number("aggregate.weight.colour"),
                s.number("aggregate.weight.text"),
                s.number("aggregate.scenes.threshold"),
                s.integer("aggregate.scenes.look-back"),
                s.integer("aggregate.summary.keywords"),
                s.integer("aggregate.summary.colours"),
                s.integer("aggregate.duplicates.max-distance"),
                s.number("aggregate.duplicates.min-similarity"),
                s.duration("aggregate.duplicates.retention"),
                s.duration("aggregate.clusters.window"),
                s.duration("aggregate.clusters.out-of-orderness"),
                s.duration("aggregate.clusters.idleness"),
                s.duration("aggregate.clusters.allowed-lateness"),
                s.integer("aggregate.clusters.max-k"),
                s.number("aggregate.clusters.min-silhouette"),
                s.integer("aggregate.clusters.sample"),
                s.number("aggregate.clusters.match-distance"),
                s.duration("aggregate.clusters.memory"),
                s.integer("aggregate.clusters.terms"),
                s.integer("aggregate.clusters.representatives"),
                s.integer("aggregate.clusters.seed"));
    }
}
