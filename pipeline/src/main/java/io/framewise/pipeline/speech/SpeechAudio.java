package io.framewise.pipeline.speech;

import java.io.Serializable;
import java.util.List;

/**
 * What the audio of one video holds, as the speech extractor found it.
 *
 * @param hasAudio whether the video has an audio stream (false: nothing else is set)
 * @param audioMs the audio's length
 * @param regions the speech regions found, in order (on the video's timeline)
 * @param chunks how many chunks were handed on for transcription
 */
public record SpeechAudio(boolean hasAudio, long audioMs, List<SpeechRegion> regions, int chunks)
        implements Serializable {

    public SpeechAudio {
        regions = List.copyOf(regions);
    }

    public static SpeechAudio none() {
        return new SpeechAudio(false, 0, List.of(), 0);
    }

    public long speechMs() {
        long ms = 0;
        for (SpeechRegion r : regions) {
            ms += r.durationMs();
        }
        return ms;
    }
}
