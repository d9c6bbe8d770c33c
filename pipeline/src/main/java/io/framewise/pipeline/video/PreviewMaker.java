package io.framewise.pipeline.video;

import io.framewise.pipeline.shots.VideoException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * Port: makes a browser-playable preview of a video browsers cannot play as it is. One instance per
 * operator instance, opened through its {@link Factory} and closed in {@code close()}.
 */
public interface PreviewMaker extends AutoCloseable {

    /**
     * Writes a preview of {@code video} (a local file; {@code name} is the original's file name,
     * whose extension says its container) to {@code target}, an MP4 file, when browsers cannot play
     * the original ({@link BrowserFormats}); does nothing when they can.
     *
     * @return whether a preview was written
     * @throws VideoException when the video cannot be read or the preview not written
     */
    boolean make(Path video, String name, Path target) throws VideoException;

    @Override
    void close();

    /** Serializable configuration that creates a maker where it runs. */
    @FunctionalInterface
    interface Factory extends Serializable {
        PreviewMaker create();
    }
}
