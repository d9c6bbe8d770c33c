package io.framewise.pipeline.operators;

import io.framewise.pipeline.aggregate.Scene;
import io.framewise.pipeline.aggregate.ShotCluster;
import io.framewise.pipeline.aggregate.ShotClusterer;
import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.aggregate.VideoAggregate;
import io.framewise.pipeline.aggregate.VideoMatcher;
import io.framewise.pipeline.aggregate.VideoSignature;
import io.framewise.pipeline.aggregate.VideoSummarizer;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.rows.VideoSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Aggregation engines with simple, predictable answers, so that operator tests need no maths. */
final class FakeAggregation {

    private FakeAggregation() {}

    static VideoRow video(String id, int shots, long processedAt) {
        return new VideoRow(
                id,
                "file:///" + id + ".mp4",
                640,
                360,
                25,
                shots * 100L,
                shots * 4000L,
                "h264",
                shots,
                shots,
                0,
                "ok",
                processedAt,
                null);
    }

    /** A shot whose look is given by {@code text}: shots with the same text are alike. */
    static ShotFeatures shot(
            String org, String video, int index, int of, long eventTime, String text) {
        return new ShotFeatures(
                org,
                video,
                "file:///" + video + ".mp4",
                eventTime,
                index,
                of,
                index * 4000L,
                (index + 1) * 4000L,
                "keyframes/" + video + "/" + index + "-0.jpg",
                new long[] {text.hashCode()},
                new double[] {0.5},
                centroidOf(text),
                new float[64],
                text,
                null,
                null,
                new long[] {index * 100L});
    }

    static float[] centroidOf(String text) {
        return new float[] {text.hashCode(), text.length()};
    }

    /** A scene per run of shots with the same text; fails for a video whose id holds "boom". */
    static final class Summarizer implements VideoSummarizer {
        @Override
        public VideoAggregate summarize(VideoRow video, List<ShotFeatures> shots) {
            if (video.videoId().contains("boom")) {
                throw new IllegalStateException("no summary for " + video.videoId());
            }
            List<Scene> scenes = new ArrayList<>();
            int first = 0;
            for (int i = 1; i <= shots.size(); i++) {
                if (i == shots.size() || !shots.get(i).text().equals(shots.get(first).text())) {
                    scenes.add(
                            new Scene(
                                    scenes.size(),
                                    shots.get(first).shotIndex(),
                                    shots.get(i - 1).shotIndex(),
                                    shots.get(first).startMs(),
                                    shots.get(i - 1).endMs(),
                                    shots.get(first).keyframeUri()));
                    first = i;
                }
            }
            return new VideoAggregate(
                    scenes,
                    new VideoSummary(
                            scenes.size(),
                            4000,
                            0,
                            List.of(),
                            List.of(),
                            0.5,
                            0.5,
                            0.5,
                            null,
                            List.of(),
                            List.of()));
        }
    }

    /** Near-duplicates: the same pHashes in the same order. */
    static final class Matcher implements VideoMatcher {
        @Override
        public boolean nearDuplicates(VideoSignature a, VideoSignature b) {
            return Arrays.equals(a.phashes(), b.phashes());
        }
    }

    /** One cluster per distinct text; centroids match when they are equal. */
    static final class Clusterer implements ShotClusterer {
        @Override
        public List<ShotCluster> cluster(List<ShotFeatures> shots) {
            Map<String, List<Integer>> byText = new LinkedHashMap<>();
            for (int i = 0; i < shots.size(); i++) {
                byText.computeIfAbsent(shots.get(i).text(), t -> new ArrayList<>()).add(i);
            }
            List<ShotCluster> clusters = new ArrayList<>();
            byText.forEach(
                    (text, members) ->
                            clusters.add(
                                    new ShotCluster(
                                            centroidOf(text),
                                            members.stream().mapToInt(Integer::intValue).toArray(),
                                            new double[members.size()],
                                            List.of(text.toLowerCase()),
                                            List.of(shots.get(members.get(0)).keyframeUri()))));
            return clusters;
        }

        @Override
        public int[] match(List<float[]> known, List<float[]> found) {
            int[] matched = new int[found.size()];
            for (int f = 0; f < found.size(); f++) {
                matched[f] = -1;
                for (int k = 0; k < known.size(); k++) {
                    if (Arrays.equals(known.get(k), found.get(f))) {
                        matched[f] = k;
                    }
                }
            }
            return matched;
        }
    }
}
