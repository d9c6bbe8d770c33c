package io.framewise.pipeline.job;

import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A video to index.
 *
 * @param videoId stable id: the file name's stem and a short hash of the URI, so that indexing the
 *     same file again gives the same id (idempotent outputs)
 * @param uri {@code file://} URI of the video
 */
public record VideoRef(String videoId, String uri) implements Serializable {

    /** The reference of a local file. */
    public static VideoRef of(Path file) {
        String uri = file.toAbsolutePath().normalize().toUri().toString();
        String name = file.getFileName() == null ? "video" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT);
        stem = stem.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return new VideoRef((stem.isEmpty() ? "video" : stem) + "-" + shortHash(uri), uri);
    }

    /** The local path of {@link #uri}. */
    public Path path() {
        return uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
    }

    private static String shortHash(String text) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
