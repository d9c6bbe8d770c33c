package io.framewise.udfs.aggregate;

import io.framewise.pipeline.aggregate.AggregateConfig;
import io.framewise.pipeline.aggregate.Scene;
import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.aggregate.VideoAggregate;
import io.framewise.pipeline.aggregate.VideoSummarizer;
import io.framewise.pipeline.frames.ColourHistogram;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.rows.VideoSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The {@link VideoSummarizer}: scenes ({@link SceneGrouper}) and the summary columns of the {@code
 * videos} row.
 *
 * <ul>
 *   <li>mean shot length: the duration over the shots;
 *   <li>text coverage: the share of the duration in shots with text;
 *   <li>top keywords: the words found in the most shots' texts ({@link Words});
 *   <li>dominant colours: the colour histograms' bins with the largest share, averaged over the
 *       shots weighted by their durations, each at least {@value #MIN_COLOUR_SHARE} of the picture,
 *       as the bin's centre colour;
 *   <li>quality: the 10th, 50th and 90th percentiles (nearest rank) of the keyframes' scores;
 *   <li>enrichment cost: the sum of the shots' costs, null when none is known.
 * </ul>
 *
 * Near-duplicates are left empty: they need the organisation's other videos; so are the scene rows,
 * which the operator makes from the scenes.
 */
public final class VideoSummaries implements VideoSummarizer {

    static final double MIN_COLOUR_SHARE = 0.05;

    private final AggregateConfig config;
    private final SceneGrouper scenes;

    public VideoSummaries(AggregateConfig config) {
        this.config = config;
        this.scenes =
                new SceneGrouper(
                        new ShotSimilarity(config),
                        config.sceneThreshold(),
                        config.sceneLookBack());
    }

    /** A serializable factory for operators. */
    public static VideoSummarizer.Factory factory(AggregateConfig config) {
        return () -> new VideoSummaries(config);
    }

    @Override
    public VideoAggregate summarize(VideoRow video, List<ShotFeatures> shots) {
        List<Scene> grouped = scenes.group(shots);
        long textMs = 0;
        List<String> texts = new ArrayList<>();
        List<Double> qualities = new ArrayList<>();
        Double cost = null;
        for (ShotFeatures s : shots) {
            if (s.text() != null && !s.text().isBlank()) {
                textMs += s.durationMs();
                texts.add(s.text());
            }
            for (double q : s.keyframeQualities()) {
                qualities.add(q);
            }
            if (s.enrichmentCost() != null) {
                cost = (cost == null ? 0 : cost) + s.enrichmentCost();
            }
        }
        double duration = video.durationMs();
        double[] sorted = qualities.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        VideoSummary summary =
                new VideoSummary(
                        grouped.size(),
                        video.shots() == 0 ? 0 : duration / video.shots(),
                        duration <= 0 ? 0 : Math.min(1, textMs / duration),
                        Words.top(texts, config.keywords()),
                        dominantColours(shots, config.colours()),
                        percentile(sorted, 0.10),
                        percentile(sorted, 0.50),
                        percentile(sorted, 0.90),
                        cost,
                        List.of(),
                        List.of());
        return new VideoAggregate(grouped, summary);
    }

    /** Nearest-rank percentile of sorted values; 0 for none. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static List<String> dominantColours(List<ShotFeatures> shots, int n) {
        double[] shares = new double[ColourHistogram.BINS];
        double total = 0;
        for (ShotFeatures s : shots) {
            // A zero-length shot still shows its colours: count it as one millisecond.
            double weight = Math.max(1, s.durationMs());
            for (int b = 0; b < shares.length && b < s.colours().length; b++) {
                shares[b] += weight * s.colours()[b];
            }
            total += weight;
        }
        if (total == 0) {
            return List.of();
        }
        final double sum = total;
        Integer[] bins = new Integer[shares.length];
        Arrays.setAll(bins, b -> b);
        Arrays.sort(bins, Comparator.<Integer>comparingDouble(b -> shares[b]).reversed());
        List<String> colours = new ArrayList<>();
        for (int b : bins) {
            if (colours.size() == n || shares[b] / sum < MIN_COLOUR_SHARE) {
                break;
            }
            colours.add(ColourHistogram.hex(b));
        }
        return List.copyOf(colours);
    }
}
