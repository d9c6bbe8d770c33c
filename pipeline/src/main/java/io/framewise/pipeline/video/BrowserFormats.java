package io.framewise.pipeline.video;

import java.util.Locale;
import java.util.Set;

/**
 * Which videos browsers play as they are: H.264 and AV1 in MP4, VP8, VP9 and AV1 in WebM (and in
 * Matroska, which WebM is a profile of). The search page serves those originals; for the others the
 * indexing job can make a preview ({@link PreviewMaker}). By the file name's extension and the
 * decoder's name as FFmpeg's probe gives it.
 */
public final class BrowserFormats {

    /** Decoder names of codecs browsers play in MP4. */
    private static final Set<String> MP4_CODECS = Set.of("h264", "av1", "libdav1d", "libaom-av1");

    /** Decoder names of codecs browsers play in WebM. */
    private static final Set<String> WEBM_CODECS =
            Set.of("vp8", "vp9", "libvpx", "libvpx-vp9", "av1", "libdav1d", "libaom-av1");

    private BrowserFormats() {}

    /**
     * The media type to serve a file named {@code name} of {@code codec} as, or null where browsers
     * cannot play it. A null or blank codec goes by the file name alone.
     */
    public static String mediaType(String name, String codec) {
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
}
