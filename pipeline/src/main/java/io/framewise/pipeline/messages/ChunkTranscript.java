package io.framewise.pipeline.messages;

import io.framewise.pipeline.speech.SpokenSegment;
import java.io.Serializable;
import java.util.List;

/**
 * One chunk's transcript on the video's timeline: its segments placed (empty when it failed).
 *
 * @param language the language the server named; null when unknown
 * @param model the model that answered
 */
public record ChunkTranscript(
        String videoId, int chunk, List<SpokenSegment> segments, String language, String model)
        implements Serializable {

    public ChunkTranscript {
        segments = List.copyOf(segments);
    }
}
