package io.framewise.pipeline.frames;

import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.VideoException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Port: picks and extracts the keyframes of a video whose shots are known.
 *
 * <p>At least one keyframe per shot, more for long shots whose content changes, chosen by quality
 * and never inside a gradual transition; near-duplicates within the video are skipped. The work
 * splits into {@link KeyframeWork parts} that can be extracted in parallel, and {@link
 * #dropRepeats} then removes keyframes that repeat an earlier shot's. One instance per operator
 * instance, used by one thread at a time.
 */
public interface KeyframeExtractor extends AutoCloseable {

    /**
     * The keyframes chosen in each shot of {@code part}, in frame order, before repeats of other
     * shots are dropped.
     */
    List<Keyframe> extract(String videoId, Path video, ShotDetection shots, KeyframeWork part)
            throws VideoException;

    /**
     * The keyframes of a whole video chosen from the {@code candidates} its shot detection measured
     * while decoding ({@code SegmentFeatures#candidates}), repeats of earlier shots dropped, with
     * no decoding at all, and without their pictures: each keyframe's {@code image} is null ({@link
     * CandidatePictures#attach} reads back those wanted). Empty when some shot has no candidate
     * (then {@link #extract} decodes them). Choosing depends on a shot's own candidates and, for
     * repeats, on earlier shots' keyframes only, so the keyframes of a video's first shots are
     * chosen alike from its first segments.
     */
    default Optional<List<Keyframe>> chooseFrames(
            String videoId, ShotDetection shots, List<FrameCandidate> candidates) {
        return Optional.empty();
    }

    /** {@code keyframes} of one whole video less those that repeat an earlier shot's. */
    List<Keyframe> dropRepeats(List<Keyframe> keyframes);

    /** The keyframes of {@code video}, in frame order, in one pass. */
    default List<Keyframe> extract(String videoId, Path video, ShotDetection shots)
            throws VideoException {
        return dropRepeats(extract(videoId, video, shots, KeyframeWork.whole(shots)));
    }

    @Override
    void close();

    /** Serializable configuration that creates an extractor where it runs. */
    @FunctionalInterface
    interface Factory extends Serializable {
        KeyframeExtractor create();
    }
}
