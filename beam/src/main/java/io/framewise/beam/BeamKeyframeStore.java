package io.framewise.beam;

import io.framewise.connectors.files.LocalKeyframeStore;
import io.framewise.pipeline.frames.Jpeg;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import org.apache.beam.sdk.io.FileSystems;

/**
 * Writes keyframe JPEGs under an output root that is not a local directory ({@code s3://...}),
 * through Beam's file systems, at the same relative paths as the Flink job's stores ({@link
 * LocalKeyframeStore#relative}). A local root gets the {@link LocalKeyframeStore} itself.
 */
final class BeamKeyframeStore implements KeyframeStore {

    private final String out;
    private final int quality;

    private BeamKeyframeStore(String out, int quality) {
        this.out = out.replaceAll("/+$", "");
        this.quality = quality;
    }

    static KeyframeStore.Factory forOutput(String out, int quality) {
        if (!out.contains("://")) {
            return LocalKeyframeStore.factory(Path.of(out).toAbsolutePath().toString(), quality);
        }
        return () -> new BeamKeyframeStore(out, quality);
    }

    @Override
    public String store(Keyframe keyframe) throws IOException {
        String relative = LocalKeyframeStore.relative(keyframe);
        byte[] jpeg = Jpeg.jpeg(keyframe.image(), quality);
        try (WritableByteChannel channel =
                FileSystems.create(
                        FileSystems.matchNewResource(out + "/" + relative, false), "image/jpeg")) {
            ByteBuffer bytes = ByteBuffer.wrap(jpeg);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
        return relative;
    }
}
