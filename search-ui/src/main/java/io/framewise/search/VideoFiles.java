package io.framewise.search;

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
 * Browsers play H.264 and AV1 in MP4, VP8, VP9 and AV1 in WebM (and in Matroska, which WebM is a
 * profile of): for those the original file is served; other codecs (MPEG-4 Part 2, for one) are not
 * playable, and the page says so.
 */
final class VideoFiles {

    /** Decoder names (as the job's probe records them) of codecs browsers play. */
    private static final Set<String> MP4_CODECS = Set.of("h264", "av1", "libdav1d", "libaom-av1");

    private static final Set<String> WEBM_CODECS =
            Set.of("vp8", "vp9", "libvpx", "libvpx-vp9", "av1", "libdav1d", "libaom-av1");

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
     * The media type to serve a file named {@code name} of {@code codec} as, or null where browsers
     * cannot play it. A null or blank codec goes by the file name alone.
     */
    static String browserType(String name, String codec) {
        String lower = name.toLowerCase(Locale.ROOT);
        String ext = lower.substring(lower.lastIndexOf('.') + 1);
        boolean unknown = codec == null || codec.isBlank();
        String c = unknown ? "" : codec.toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "mp4", "m4v", "mov" -> unknown || MP4_CODECS.contains(c) ? "video/mp4" : null;
            case "webm", "mkv" -> unknown || WEBM_CODECS.contains(c) ? "video/webm" : null;
            default -> null;
        };
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
        if (browserType(name, codec) == null) {
            return "browsers do not play this format ("
                    + (codec == null || codec.isBlank() ? "unknown codec" : codec)
                    + ")";
        }
        if (file != null && (!Files.isRegularFile(file) || !Files.isReadable(file))) {
            return "the video file is no longer where it was indexed";
        }
        return null;
    }

    /** The playable media of a video, or null where it cannot be played ({@link #whyNot}). */
    static VideoMedia media(String uri, String codec) {
        if (whyNot(uri, codec) != null) {
            return null;
        }
        Path file = localFile(uri);
        if (file != null) {
            return new VideoMedia.LocalFile(
                    file, browserType(file.getFileName().toString(), codec));
        }
        org.apache.flink.core.fs.Path stored = storedObject(uri);
        return new VideoMedia.StoredObject(stored, browserType(stored.getName(), codec));
    }
}
