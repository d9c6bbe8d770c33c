package io.framewise.search;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Which indexed videos a browser can play from this server, and as what media type.
 *
 * <p>Only local files (a {@code file:} URI or an absolute path, as the indexing job records them)
 * are served; a video in object storage is not (yet) played. Browsers play H.264 and AV1 in MP4,
 * VP8, VP9 and AV1 in WebM (and in Matroska, which WebM is a profile of): for those the original
 * file is served; other codecs (MPEG-4 Part 2, for one) are not playable, and the page says so.
 */
final class VideoFiles {

    /** Decoder names (as the job's probe records them) of codecs browsers play. */
    private static final Set<String> MP4_CODECS = Set.of("h264", "av1", "libdav1d", "libaom-av1");

    private static final Set<String> WEBM_CODECS =
            Set.of("vp8", "vp9", "libvpx", "libvpx-vp9", "av1", "libdav1d", "libaom-av1");

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
     * The media type to serve a file of {@code codec} as, or null where browsers cannot play it. A
     * null or blank codec goes by the file name alone.
     */
    static String browserType(Path file, String codec) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        boolean unknown = codec == null || codec.isBlank();
        String c = unknown ? "" : codec.toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "mp4", "m4v", "mov" -> unknown || MP4_CODECS.contains(c) ? "video/mp4" : null;
            case "webm", "mkv" -> unknown || WEBM_CODECS.contains(c) ? "video/webm" : null;
            default -> null;
        };
    }

    /** Why a video cannot be played here, or null when it can. */
    static String whyNot(String uri, String codec) {
        Path file = localFile(uri);
        if (file == null) {
            return "this server plays local files only";
        }
        if (browserType(file, codec) == null) {
            return "browsers do not play this format ("
                    + (codec == null || codec.isBlank() ? "unknown codec" : codec)
                    + ")";
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return "the video file is no longer where it was indexed";
        }
        return null;
    }
}
