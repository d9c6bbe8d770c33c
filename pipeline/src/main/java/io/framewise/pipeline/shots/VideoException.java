package io.framewise.pipeline.shots;

/**
 * A video that cannot be processed, with a code that says why and a one-line reason for people.
 *
 * <p>This is an expected outcome (bad input), not a bug: callers turn it into a failure row or an
 * error object and go on with the next video. Its message never contains a stack trace.
 */
public final class VideoException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a video could not be processed. */
    public enum Code {
        /** No file at the path. */
        NOT_FOUND,
        /** A path that exists but cannot be read as a file (a directory, no permission). */
        UNREADABLE,
        /** A file of zero bytes. */
        EMPTY_FILE,
        /** Not a media container FFmpeg recognises (random bytes, text, ...). */
        NOT_A_VIDEO,
        /** A media file without a video stream (audio only, subtitles only). */
        NO_VIDEO_STREAM,
        /** A video stream whose codec this build cannot decode. */
        UNSUPPORTED_CODEC,
        /** The file ends before the data its container announces. */
        TRUNCATED,
        /** Damaged data: the container opens but frames cannot be read or decoded. */
        CORRUPT,
        /** The per-video time limit ran out. */
        TIMEOUT,
        /** The URI's scheme or address is not allowed by the configuration (allow-list, SSRF). */
        URI_REJECTED,
        /** The bytes could not be read from where the URI points (storage or network error). */
        FETCH_FAILED
    }

    private final Code code;

    public VideoException(Code code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    public Code code() {
        return code;
    }

    /**
     * This failure, read from {@code local} (a fetcher's copy of the video, e.g. a spill file on a
     * TaskManager), told about {@code uri} instead: a failure row names the object, not a path that
     * means nothing off that machine. Itself when there was no local copy or it is the video.
     */
    public VideoException naming(java.nio.file.Path local, String uri) {
        String message = getMessage();
        if (local == null || uri == null || message == null) {
            return this;
        }
        String path = local.toString();
        if (!message.contains(path) || path.equals(uri)) {
            return this;
        }
        return new VideoException(code, message.replace(path, uri));
    }

    /** The machine-readable code as written in JSON and failure rows, e.g. {@code truncated}. */
    public String codeName() {
        return code.name().toLowerCase(java.util.Locale.ROOT);
    }
}
