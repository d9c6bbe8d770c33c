package io.framewise.pipeline.frames;

import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.VideoException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * Port: picks and extracts the keyframes of a video whose shots are known.
 *
 * <p>At least one keyframe per shot, more for long shots whose content changes, chosen by quality
 * and never inside a gradual transition; near-duplicates within the video are skipped. One instance
 * per operator instance, used by one thread at a time.
 */
public interface KeyframeExtractor extends AutoCloseable {

    /** The keyframes of {@code video}, in frame order. */
    List<Keyframe> extract(String videoId, Path video, ShotDetection shots) throws VideoException;

    @Override
    void close();

    /** Serializable configuration that creates an extractor where it runs. */
    @FunctionalInterface
    interface Factory extends Serializable {
        KeyframeExtractor create();
    }
}
