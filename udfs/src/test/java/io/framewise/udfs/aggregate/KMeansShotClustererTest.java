package io.framewise.udfs.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.aggregate.AggregateConfig;
import io.framewise.pipeline.aggregate.ShotCluster;
import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.frames.ColourHistogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KMeansShotClustererTest {

    static final long SLIDE = 0x0F0F_3C3C_F0F0_C3C3L;
    static final long PITCH = 0x5A5A_A5A5_9999_6666L;

    /**
     * Shots of two "templates" from several videos: navy slides about revenue and green football
     * pitches, each shot with its own noise (a few pHash bits, a share of a neighbouring colour),
     * as real keyframes of one template never look exactly alike.
     */
    private static List<ShotFeatures> twoTemplates() {
        Random r = new Random(11);
        List<ShotFeatures> shots = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            shots.add(
                    noisy(
                            r,
                            TestShots.shot(
                                    "slides-" + (i % 3),
                                    i,
                                    0,
                                    4000,
                                    SLIDE,
                                    ColourHistogram.bin(0, 0, 1),
                                    "Revenue " + (2020 + i) + " results"),
                            ColourHistogram.bin(0, 0, 2)));
            shots.add(
                    noisy(
                            r,
                            TestShots.shot(
                                    "match-" + (i % 4),
                                    i,
                                    0,
                                    4000,
                                    PITCH,
                                    ColourHistogram.bin(0, 2, 0),
                                    i % 2 == 0 ? "Goal! Match results" : null),
                            ColourHistogram.bin(1, 2, 0)));
        }
        return shots;
    }

    /**
     * {@code s} with 0-3 random pHash bits flipped and 0-20 % of its colour moved to {@code bin}.
     */
    private static ShotFeatures noisy(Random r, ShotFeatures s, int bin) {
        long phash = s.keyframePhashes()[0];
        for (int flips = r.nextInt(4); flips > 0; flips--) {
            phash ^= 1L << r.nextInt(64);
        }
        float[] colours = s.colours().clone();
        float moved = r.nextFloat() * 0.2f;
        for (int b = 0; b < colours.length; b++) {
            colours[b] *= 1 - moved;
        }
        colours[bin] += moved;
        return new ShotFeatures(
                s.org(),
                s.videoId(),
                s.videoUri(),
                s.eventTime(),
                s.shotIndex(),
                s.shotsOfVideo(),
                s.startMs(),
                s.endMs(),
                s.keyframeUri(),
                new long[] {phash},
                s.keyframeQualities(),
                io.framewise.pipeline.aggregate.ShotFeaturesBuilder.phashVector(phash),
                colours,
                s.text(),
                s.textVector(),
                s.enrichmentCost(),
                s.keyframeFrames());
    }

    @Test
    void shotsOfTheSameTemplateClusterTogetherWithTheirTerms() {
        List<ShotFeatures> shots = twoTemplates();
        List<ShotCluster> clusters =
                new KMeansShotClusterer(AggregateConfig.defaults()).cluster(shots);
        assertThat(clusters).hasSize(2);
        for (ShotCluster c : clusters) {
            assertThat(c.size()).isEqualTo(12);
            String video = shots.get(c.members()[0]).videoId().split("-")[0];
            for (int m : c.members()) {
                assertThat(shots.get(m).videoId()).startsWith(video);
            }
            assertThat(c.representatives()).hasSize(3);
            // Members nearest first.
            for (int i = 1; i < c.distances().length; i++) {
                assertThat(c.distances()[i]).isGreaterThanOrEqualTo(c.distances()[i - 1]);
            }
            // "results" is in both templates' texts; each cluster's own words come first.
            assertThat(c.topTerms().get(0)).isEqualTo(video.equals("slides") ? "revenue" : "goal");
        }
        // Every shot in exactly one cluster.
        int[] all =
                clusters.stream().flatMapToInt(c -> Arrays.stream(c.members())).sorted().toArray();
        assertThat(all).isEqualTo(java.util.stream.IntStream.range(0, 24).toArray());
    }

    @Test
    void aPersistingTemplateMatchesItsEarlierCentroid() {
        KMeansShotClusterer clusterer = new KMeansShotClusterer(AggregateConfig.defaults());
        List<ShotCluster> earlier = clusterer.cluster(twoTemplates());
        List<ShotFeatures> later = new ArrayList<>(twoTemplates().subList(0, 10));
        List<ShotCluster> now = clusterer.cluster(later);
        int[] m =
                clusterer.match(
                        earlier.stream().map(ShotCluster::centroid).toList(),
                        now.stream().map(ShotCluster::centroid).toList());
        for (int i = 0; i < now.size(); i++) {
            assertThat(m[i]).isNotNegative();
            String video = later.get(now.get(i).members()[0]).videoId().split("-")[0];
            int anyEarlierMember = earlier.get(m[i]).members()[0];
            assertThat(twoTemplates().get(anyEarlierMember).videoId()).startsWith(video);
        }
    }
}
