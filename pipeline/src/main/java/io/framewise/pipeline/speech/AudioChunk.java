package io.framewise.pipeline.speech;

import java.io.Serializable;
import java.util.List;

/**
 * A piece of a video's audio to transcribe: one or more speech regions (and the short silences
 * between them), encoded as a 16 kHz mono WAV file, with where it lies on the video's timeline.
 *
 * <p>A time {@code t} in the chunk's audio is {@code startMs + t} on the video's timeline: chunks
 * are contiguous, so every timestamp a server gives back is placed exactly.
 *
 * @param videoId the video
 * @param index the chunk's number in the video, from 0
 * @param startMs where the chunk's first sample lies on the video's timeline
 * @param endMs where its audio ends
 * @param regions the speech regions it holds (video timeline)
 * @param audio the encoded audio (a WAV file)
 * @param format the audio's file format: {@code wav}
 * @param sha256 hex SHA-256 of {@code audio}: with the model, the transcript cache's key
 * @param uri the video's URI, for failure rows; null until the job sets it
 */
public record AudioChunk(
        String videoId,
        int index,
        long startMs,
        long endMs,
        List<SpeechRegion> regions,
        byte[] audio,
        String format,
        String sha256,
        String uri)
        implements Serializable {

    public AudioChunk {
        regions = List.copyOf(regions);
    }

    /** A chunk of a video whose URI is not known here. */
    public AudioChunk(
            String videoId,
            int index,
            long startMs,
            long endMs,
            List<SpeechRegion> regions,
            byte[] audio,
            String format,
            String sha256) {
        this(videoId, index, startMs, endMs, regions, audio, format, sha256, null);
    }

    /** This chunk of the video at {@code uri}. */
    public AudioChunk withUri(String uri) {
        return new AudioChunk(videoId, index, startMs, endMs, regions, audio, format, sha256, uri);
    }

    public long durationMs() {
        return endMs - startMs;
    }

    /** Milliseconds of speech in the chunk (its regions). */
    public long speechMs() {
        long ms = 0;
        for (SpeechRegion r : regions) {
            ms += r.durationMs();
        }
        return ms;
    }

    /**
     * The file name sent with the audio: the video's id (characters other than letters, digits,
     * dot, dash and underscore made underscores) and the chunk's start in milliseconds, e.g. {@code
     * talk.mp4@12400.wav}. Servers ignore it; the project's simulator reads it to find the
     * transcript of a test video.
     */
    public String fileName() {
        return safeName(videoId) + "@" + startMs + "." + format;
    }

    /** {@code videoId} as it appears in {@link #fileName()}. */
    public static String safeName(String videoId) {
        String name = videoId.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.length() > 100 ? name.substring(name.length() - 100) : name;
    }

    @Override
    public String toString() {
        return "AudioChunk["
                + videoId
                + " #"
                + index
                + " "
                + startMs
                + "-"
                + endMs
                + " ms, "
                + regions.size()
                + " regions, "
                + audio.length
                + " bytes]";
    }
}
