package io.framewise.pipeline.stages;

import io.framewise.pipeline.frames.CandidatePictures;
import io.framewise.pipeline.frames.FrameCandidate;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.frames.KeyframeWork;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.messages.Messages.KeyframeWorkTask;
import io.framewise.pipeline.messages.Messages.SegmentDone;
import io.framewise.pipeline.messages.Messages.VideoStitched;
import io.framewise.pipeline.shots.SegmentFeatures;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.video.VideoRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step 3: joins all the decoded segments of a video into its shots. A video with a failed segment
 * fails as a whole. When the segments carry keyframe candidates (measured while decoding) and every
 * shot has one, the keyframes are chosen here: the video is decoded once. Otherwise the keyframe
 * work goes out split by segment for a decoding pass of its own. A streaming job sends the
 * keyframes of settled shots earlier ({@link SettledKeyframes}) and the rest here ({@link
 * #stitchAfter}).
 */
public final class Stitching {

    private Stitching() {}

    /**
     * What stitching a video gave: a failure, or either its chosen keyframes or its keyframe work.
     *
     * @param shots how many shots were found (also when choosing the keyframes then failed)
     * @param stitched what the assembly is told of the video ({@link #stitchAfter}); null from
     *     {@link #stitch}, and for a video that failed before any keyframe was sent
     */
    public record Stitched(
            VideoFailure failure,
            int shots,
            List<KeyframeTask> chosen,
            List<KeyframeWorkTask> work,
            VideoStitched stitched) {}

    /**
     * Joins a video's segments into its shots and chooses its keyframes, all at once: each chosen
     * keyframe carries the shots and how many there are (for a batch, which groups them by video).
     *
     * @param segments every segment of one video, in any order
     */
    public static Stitched stitch(
            List<SegmentDone> segments, ShotDetector detector, KeyframeExtractor extractor) {
        return stitch(segments, detector, extractor, null);
    }

    /**
     * Joins a video's segments into its shots and chooses its keyframes, after {@code sent}
     * keyframes were sent on while its later segments decoded ({@link SettledKeyframes}): only the
     * chosen keyframes whose frames were not sent leave now ({@link KeyframeTask#chosen}), and the
     * result's {@link VideoStitched} tells the assembly the shots and the final keyframes.
     *
     * @param sent the keyframes sent on so far, without pixels, by frame (empty: none)
     */
    public static Stitched stitchAfter(
            List<SegmentDone> segments,
            ShotDetector detector,
            KeyframeExtractor extractor,
            Map<Long, Keyframe> sent) {
        return stitch(segments, detector, extractor, sent);
    }

    private static Stitched stitch(
            List<SegmentDone> segments,
            ShotDetector detector,
            KeyframeExtractor extractor,
            Map<Long, Keyframe> sent) {
        List<SegmentDone> all = new ArrayList<>(segments);
        all.sort(Comparator.comparingInt(SegmentDone::segment));
        SegmentDone done = all.get(all.size() - 1);
        VideoRef video = done.video();
        for (SegmentDone d : all) {
            if (d.features() == null) {
                return failed(
                        new VideoFailure(video, "decode", d.errorCode(), d.errorMessage()),
                        0,
                        sent);
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
                            : extractor.chooseFrames(video.videoId(), shots, candidates);
            ShotDetection withoutFrames = shots.withoutFrames();
            if (chosen.isPresent() && !chosen.get().isEmpty()) {
                List<Keyframe> keyframes = chosen.get();
                if (sent == null) {
                    List<KeyframeTask> tasks = new ArrayList<>();
                    for (Keyframe k : CandidatePictures.attach(keyframes, shots, candidates)) {
                        tasks.add(new KeyframeTask(video, withoutFrames, k, keyframes.size()));
                    }
                    return new Stitched(null, found, tasks, List.of(), null);
                }
                List<Keyframe> rest =
                        keyframes.stream().filter(k -> !sent.containsKey(k.frame())).toList();
                List<KeyframeTask> tasks = new ArrayList<>();
                for (Keyframe k : CandidatePictures.attach(rest, shots, candidates)) {
                    tasks.add(KeyframeTask.chosen(video, k));
                }
                VideoStitched stitched =
                        new VideoStitched(
                                video, withoutFrames, keyframes, sent.size() + rest.size());
                return new Stitched(null, found, tasks, List.of(), stitched);
            }
            // The keyframe work splits by segment again, so that it is spread like the decoding.
            List<KeyframeWorkTask> work = new ArrayList<>();
            for (KeyframeWork w : KeyframeWork.split(shots, done.plan())) {
                work.add(new KeyframeWorkTask(video, shots, w));
            }
            VideoStitched stitched =
                    sent == null
                            ? null
                            : new VideoStitched(video, withoutFrames, null, sent.size());
            return new Stitched(null, found, List.of(), work, stitched);
        } catch (VideoException e) {
            return failed(
                    new VideoFailure(video, "stitch", e.codeName(), e.getMessage()), found, sent);
        }
    }

    private static Stitched failed(VideoFailure failure, int shots, Map<Long, Keyframe> sent) {
        VideoStitched stitched =
                sent == null || sent.isEmpty()
                        ? null
                        : VideoStitched.failed(failure.video(), sent.size());
        return new Stitched(failure, shots, List.of(), List.of(), stitched);
    }
}
