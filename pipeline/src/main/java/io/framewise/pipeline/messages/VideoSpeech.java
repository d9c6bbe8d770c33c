package io.framewise.pipeline.messages;

import io.framewise.pipeline.operators.AssembleVideo;
import io.framewise.pipeline.speech.SpokenSegment;
import java.io.Serializable;
import java.util.List;

/**
 * Everything said in one video, on its timeline, for {@link AssembleVideo} to join to the shots.
 *
 * @param hasAudio whether the video has (readable) audio
 * @param speechMs speech found by voice activity
 * @param segments the transcript, in time order
 * @param language the language most of the segments are in; null when unknown
 * @param model the model that transcribed; null when nothing was transcribed
 */
public record VideoSpeech(
        String videoId,
        boolean hasAudio,
        long speechMs,
        List<SpokenSegment> segments,
        String language,
        String model)
        implements Serializable {

    public VideoSpeech {
        segments = List.copyOf(segments);
    }
}
