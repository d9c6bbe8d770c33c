package io.framewise.search;

import io.framewise.pipeline.video.BrowserFormats;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.core.fs.FileSystem;

/**
 * Which indexed videos a browser can play from this server, and as what media type.
 *
 * <p>Local files (a {@code file:} URI or an absolute path, as the indexing job records them) and
 * objects in storage (a URI of a scheme this JVM's Flink file systems serve: {@code s3://} with the
 * S3 plugin and the {@code s3.*} settings, as the job fetched it) are served ({@link VideoMedia}).
 * Where browsers play the original ({@link BrowserFormats}) it is served; for the others (MPEG-4
 * Part 2, for one) the search serves the preview the job made, if any, and else the page says why
 * not.
 */
final class VideoFiles {

    /**
     * Object-storage schemes Flink's file-system plugins serve. Only these are tried: for any other
     * scheme Flink falls back to Hadoop's file systems, which connect (ftp://, hdfs://) just to be
     * created, and a page of results asks about every video on it.
     */
    private static final Set<String> STORAGE_SCHEMES =
            Set.of("s3", "s3a", "s3p", "gs", "oss", "abfs", "abfss", "wasb", "wasbs");

    private VideoFiles() {}

    /** The local file a video's URI names, or null where it is not a local file. */
    static Path localFile(String uri) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        try {
            if (uri.startsWith("file:")) {
                return Path.of(URI.create(uri)).toAbsolutePath().normalize();
            }
            if (uri.startsWith("/")) {
                return Path.of(uri).toAbsolutePath().normalize();
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    /**
     * The object in storage a video's URI names, or null where it is a local file or no file system
     * of this JVM serves its scheme.
     */
    static org.apache.flink.core.fs.Path storedObject(String uri) {
        if (uri == null || uri.isBlank() || localFile(uri) != null) {
            return null;
        }
        try {
            URI u = new URI(uri);
            if (u.getScheme() == null
                    || !STORAGE_SCHEMES.contains(u.getScheme().toLowerCase(Locale.ROOT))) {
                return null;
            }
            FileSystem.get(u); // throws where no file system serves the scheme
            return new org.apache.flink.core.fs.Path(u);
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Why a video cannot be played here, or null when it can. A stored object is not looked up here
     * (a page of results would call the storage once per video): one that went is found when it is
     * played ({@link VideoMedia#stat}).
     */
    static String whyNot(String uri, String codec) {
        Path file = localFile(uri);
        org.apache.flink.core.fs.Path stored = file == null ? storedObject(uri) : null;
        if (file == null && stored == null) {
            return "this server plays local files and objects in storage it can read";
        }
        String name = file != null ? file.getFileName().toString() : stored.getName();
        if (BrowserFormats.mediaType(name, codec) == null) {
            return "browsers do not play this format ("
                    + (codec == null || codec.isBlank() ? "unknown codec" : codec)
                    + ")";
        }
        if (file != null && (!Files.isRegularFile(file) || !Files.isReadable(file))) {
            return "the video file is no longer where it was indexed";
        }
        return null;
    }

    /**
     * The playable media of a video, or null where it cannot be played ({@link #whyNot} says why).
     */
    static VideoMedia media(String uri, String codec) {
        Path file = localFile(uri);
        if (file != null) {
            String type = BrowserFormats.mediaType(file.getFileName().toString(), codec);
            return type != null && Files.isRegularFile(file) && Files.isReadable(file)
                    ? new VideoMedia.LocalFile(file, type)
                    : null;
        }
        org.apache.flink.core.fs.Path stored = storedObject(uri);
        String type = stored == null ? null : BrowserFormats.mediaType(stored.getName(), codec);
        return type == null ? null : new VideoMedia.StoredObject(stored, type);
    }
}
