package io.framewise.pipeline.speech;

import java.io.Serializable;

/**
 * One segment of a transcript as the server gave it.
 *
 * @param startMs where it starts, relative to the chunk's audio until placed on the video's
 *     timeline
 * @param endMs where it ends, likewise
 * @param text the words
 * @param confidence from the server's average log-probability ({@code exp(avg_logprob)}, 0-1); null
 *     when the server gives none
 */
public record SpokenSegment(long startMs, long endMs, String text, Double confidence)
        implements Serializable {

    /** This segment moved by {@code offsetMs}. */
    public SpokenSegment shifted(long offsetMs) {
        return new SpokenSegment(startMs + offsetMs, endMs + offsetMs, text, confidence);
    }
}
