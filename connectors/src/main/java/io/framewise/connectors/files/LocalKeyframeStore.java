package io.framewise.connectors.files;

import io.framewise.pipeline.frames.Jpeg;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes keyframe JPEGs under {@code {out}/keyframes/{video_id}/{shot}-{frame}.jpg}. A file is
 * written beside its target and moved into place, so readers never see half a picture and a
 * replayed keyframe simply overwrites the same file.
 */
public final class LocalKeyframeStore implements KeyframeStore {

    private final Path root;
    private final int quality;

    public LocalKeyframeStore(Path out, int quality) {
        this.root = out.resolve("keyframes");
        this.quality = quality;
    }

    /** A serializable factory for the job: each subtask opens its own store. */
    public static KeyframeStore.Factory factory(String out, int quality) {
        return () -> new LocalKeyframeStore(Path.of(out), quality);
    }

    /**
     * Where a keyframe's JPEG goes below the output root, {@code
     * keyframes/{video_id}/{shot}-{frame}.jpg}: the {@code keyframe_uri} of its {@code frames} row,
     * whichever store writes it.
     */
    public static String relative(Keyframe keyframe) {
        return "keyframes/"
                + keyframe.videoId()
                + "/"
                + keyframe.shot()
                + "-"
                + keyframe.frame()
                + ".jpg";
    }

    @Override
    public String store(Keyframe keyframe) throws IOException {
        String relative = relative(keyframe);
        Path target =
                root.resolve(keyframe.videoId())
                        .resolve(keyframe.shot() + "-" + keyframe.frame() + ".jpg");
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.write(partial, Jpeg.jpeg(keyframe.image(), quality));
        Files.move(
                partial,
                target,
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return relative;
    }
}
