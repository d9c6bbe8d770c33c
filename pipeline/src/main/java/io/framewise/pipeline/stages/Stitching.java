package io.framewise.pipeline.stages;

import io.framewise.pipeline.frames.FrameCandidate;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.frames.KeyframeWork;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.messages.Messages.KeyframeWorkTask;
import io.framewise.pipeline.messages.Messages.SegmentDone;
import io.framewise.pipeline.shots.SegmentFeatures;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.shots.VideoException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Step 3: joins all the decoded segments of a video into its shots. A video with a failed segment
 * fails as a whole. When the segments carry keyframe candidates (measured while decoding) and every
 * shot has one, the keyframes are chosen here: the video is decoded once. Otherwise the keyframe
 * work goes out split by segment for a decoding pass of its own.
 */
public final class Stitching {

    private Stitching() {}

    /**
     * What stitching a video gave: a failure, or either its chosen keyframes or its keyframe work.
     *
     * @param shots how many shots were found (also when choosing the keyframes then failed)
     */
    public record Stitched(
            VideoFailure failure,
            int shots,
            List<KeyframeTask> chosen,
            List<KeyframeWorkTask> work) {}

    /**
     * @param segments every segment of one video, in any order
     */
    public static Stitched stitch(
            List<SegmentDone> segments, ShotDetector detector, KeyframeExtractor extractor) {
        List<SegmentDone> all = new ArrayList<>(segments);
        all.sort(Comparator.comparingInt(SegmentDone::segment));
        SegmentDone done = all.get(all.size() - 1);
        for (SegmentDone d : all) {
            if (d.features() == null) {
                return failed(
                        new VideoFailure(done.video(), "decode", d.errorCode(), d.errorMessage()),
                        0);
            }
        }
        List<SegmentFeatures> features = all.stream().map(SegmentDone::features).toList();
        int found = 0;
        try {
            ShotDetection shots = detector.stitch(done.plan(), features);
            found = shots.shots().size();
            List<FrameCandidate> candidates = new ArrayList<>();
            features.forEach(f -> candidates.addAll(f.candidates()));
            Optional<List<Keyframe>> chosen =
                    candidates.isEmpty()
                            ? Optional.empty()
                            : extractor.choose(done.video().videoId(), shots, candidates);
            if (chosen.isPresent() && !chosen.get().isEmpty()) {
                List<Keyframe> keyframes = chosen.get();
                ShotDetection withoutFrames = shots.withoutFrames();
                List<KeyframeTask> tasks = new ArrayList<>();
                for (Keyframe k : keyframes) {
                    tasks.add(new KeyframeTask(done.video(), withoutFrames, k, keyframes.size()));
                }
                return new Stitched(null, found, tasks, List.of());
            }
            // The keyframe work splits by segment again, so that it is spread like the decoding.
            List<KeyframeWorkTask> work = new ArrayList<>();
            for (KeyframeWork w : KeyframeWork.split(shots, done.plan())) {
                work.add(new KeyframeWorkTask(done.video(), shots, w));
            }
            return new Stitched(null, found, List.of(), work);
        } catch (VideoException e) {
            return failed(
                    new VideoFailure(done.video(), "stitch", e.codeName(), e.getMessage()), found);
        }
    }

    private static Stitched failed(VideoFailure failure, int shots) {
        return new Stitched(failure, shots, List.of(), List.of());
    }
}
