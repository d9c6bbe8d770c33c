package io.framewise.beam;

import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.video.VideoFetcher;
import io.framewise.pipeline.video.VideoRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.io.FileSystems;

/**
 * Makes a video local for the decoders, through Beam's file systems: a local file is read where it
 * lies; any other URI ({@code s3://} with Beam's AWS file system, {@code gs://} on Dataflow) is
 * copied into a spill file first, as the Flink job's {@code ObjectStoreFetcher} does through
 * Flink's. The last copy is kept, since the segments of one video often follow each other on one
 * worker; it is deleted when the next video comes or the DoFn is torn down.
 */
final class BeamFileFetcher implements VideoFetcher {

    private Path dir;
    private String lastUri;
    private Path last;
    private int copies;

    static Factory factory() {
        return BeamFileFetcher::new;
    }

    @Override
    public Path fetch(VideoRef video) throws VideoException {
        if (video.isLocal()) {
            return video.path();
        }
        if (video.uri().equals(lastUri)) {
            return last;
        }
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("framewise-beam-spill-");
            }
            String name = video.uri().substring(video.uri().lastIndexOf('/') + 1);
            Path spill = dir.resolve((copies++) + "-" + name);
            try (InputStream in =
                            Channels.newInputStream(
                                    FileSystems.open(
                                            FileSystems.matchNewResource(video.uri(), false)));
                    OutputStream out = Files.newOutputStream(spill)) {
                in.transferTo(out);
            }
            forgetLast();
            last = spill;
            lastUri = video.uri();
            return spill;
        } catch (IOException | RuntimeException e) {
            throw new VideoException(
                    VideoException.Code.FETCH_FAILED,
                    "cannot read " + video.uri() + ": " + e.getMessage());
        }
    }

    private void forgetLast() throws IOException {
        if (last != null) {
            Files.deleteIfExists(last);
            last = null;
            lastUri = null;
        }
    }

    @Override
    public void close() {
        try {
            forgetLast();
            if (dir != null) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            // A spill file left in the temporary directory costs disk space, not a result.
        }
    }
}
