package io.framewise.pipeline.speech;

import java.io.Serializable;

/**
 * A stretch of audio where someone speaks, on the video's timeline.
 *
 * @param startMs first millisecond of speech
 * @param endMs the millisecond after the last of it
 */
public record SpeechRegion(long startMs, long endMs) implements Serializable {

    public long durationMs() {
        return endMs - startMs;
    }
}
