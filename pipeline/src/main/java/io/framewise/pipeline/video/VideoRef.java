package io.framewise.pipeline.video;

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
 *     same file again gives the same id (idempotent outputs); or the id an upload event gave
 * @param uri where the bytes are: {@code file://}, {@code s3://} or {@code http(s)://}
 * @param org the organisation the video belongs to, or null when the source does not say
 * @param receivedAt when the video arrived (ms since the epoch): the upload event's {@code
 *     received_at}, the object's modification time for a listing; 0 when unknown. It is the event
 *     time of the streaming jobs.
 */
public record VideoRef(String videoId, String uri, String org, long receivedAt)
        implements Serializable {

    /** A reference without organisation or arrival time (local files). */
    public VideoRef(String videoId, String uri) {
        this(videoId, uri, null, 0L);
    }

    /** The reference of a local file. */
    public static VideoRef of(Path file) {
        return of(file.toAbsolutePath().normalize().toUri());
    }

    /**
     * The reference of a video at {@code uri}, its id made from the last path segment's stem and a
     * hash of the URI. Local files are named in one form ({@code file:///abs/path}) whichever way
     * they were found, so the same file always gets the same id.
     */
    public static VideoRef of(URI uri) {
        String text = canonical(uri);
        String path = URI.create(text).getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String stem = (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT);
        stem = stem.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (stem.length() > 60) {
            stem = stem.substring(0, 60).replaceAll("-+$", "");
        }
        return new VideoRef((stem.isEmpty() ? "video" : stem) + "-" + shortHash(text), text);
    }

    /** This reference with its organisation and arrival time. */
    public VideoRef with(String org, long receivedAt) {
        return new VideoRef(videoId, uri, org, receivedAt);
    }

    /** True for a {@code file:} URI or a plain path. */
    public boolean isLocal() {
        int colon = uri.indexOf(':');
        return uri.startsWith("file:") || colon < 0 || uri.startsWith("/");
    }

    /** The local path of {@link #uri}; only for {@link #isLocal() local} references. */
    public Path path() {
        return uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
    }

    private static String canonical(URI uri) {
        if (uri.getScheme() == null || uri.getScheme().equals("file")) {
            return Path.of(uri.getScheme() == null ? URI.create("file://" + uri.getPath()) : uri)
                    .toAbsolutePath()
                    .normalize()
                    .toUri()
                    .toString();
        }
        return uri.toString();
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
