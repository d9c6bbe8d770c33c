package io.framewise.pipeline.video;

import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.shots.VideoException.Code;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * Port: makes a video's bytes available as a local file that the decoder can seek in.
 *
 * <p>A local file is used where it lies. A remote one (object storage, HTTP) is streamed into a
 * spill file, never held whole in memory, because containers such as MP4 need seeking. One instance
 * per operator instance, opened through its {@link Factory} and closed in {@code close()}, which
 * deletes its spill files.
 */
public interface VideoFetcher extends AutoCloseable {

    /**
     * A local file with the bytes of {@code video}; valid until the next call or {@link #close()}.
     *
     * @throws VideoException {@code uri_rejected} for a URI the configuration does not allow,
     *     {@code not_found} when there is nothing at the URI, {@code fetch_failed} when reading it
     *     failed
     */
    Path fetch(VideoRef video) throws VideoException;

    @Override
    void close();

    /** Serializable configuration that creates a fetcher where it runs. */
    @FunctionalInterface
    interface Factory extends Serializable {
        VideoFetcher create();
    }

    /** Local files only: the path of a {@code file:} URI; any other scheme is rejected. */
    static Factory localFiles() {
        return LocalFiles::new;
    }

    /** The fetcher of {@link #localFiles()}. */
    final class LocalFiles implements VideoFetcher {
        @Override
        public Path fetch(VideoRef video) throws VideoException {
            if (!video.isLocal()) {
                throw new VideoException(
                        Code.URI_REJECTED,
                        "only local files can be read by this job, got " + video.uri());
            }
            return video.path();
        }

        @Override
        public void close() {}
    }
}
