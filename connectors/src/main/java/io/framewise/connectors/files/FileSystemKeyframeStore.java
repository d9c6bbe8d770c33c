package io.framewise.connectors.files;

import io.framewise.pipeline.frames.Jpeg;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Writes keyframe JPEGs under {@code {out}/keyframes/{video_id}/{shot}-{frame}.jpg} on any of
 * Flink's file systems, for outputs in object storage ({@code s3://bucket/framewise}), where the UI
 * reads them. An object appears whole when its upload completes, and a replay overwrites it.
 */
public final class FileSystemKeyframeStore implements KeyframeStore {

    private final String out;
    private final int quality;

    public FileSystemKeyframeStore(String out, int quality) {
        this.out = out;
        this.quality = quality;
    }

    /**
     * The store for an output: local directories (a path or {@code file:} URI) through {@link
     * LocalKeyframeStore}, anything else through Flink's file systems.
     */
    public static KeyframeStore.Factory forOutput(String out, int quality) {
        URI uri = URI.create(out.replace('\\', '/'));
        if (uri.getScheme() == null || uri.getScheme().equals("file")) {
            String local = uri.getScheme() == null ? out : java.nio.file.Path.of(uri).toString();
            return LocalKeyframeStore.factory(local, quality);
        }
        return () -> new FileSystemKeyframeStore(out, quality);
    }

    @Override
    public String store(Keyframe keyframe) throws IOException {
        String relative = LocalKeyframeStore.relative(keyframe);
        Path target = new Path(out, relative);
        FileSystem fs = target.getFileSystem();
        try (OutputStream os = fs.create(target, FileSystem.WriteMode.OVERWRITE)) {
            os.write(Jpeg.jpeg(keyframe.image(), quality));
        }
        return relative;
    }
}
