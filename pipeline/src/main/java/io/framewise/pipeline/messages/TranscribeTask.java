package io.framewise.pipeline.messages;

import io.framewise.pipeline.messages.DescribeTask.Role;
import io.framewise.pipeline.speech.AudioChunk;
import java.io.Serializable;

/**
 * A chunk of speech in the transcribing stage, with its transcript cache key (model and the audio's
 * SHA-256) and its part there: leader, follower or orphan, as in the describing stage.
 */
public record TranscribeTask(AudioChunk chunk, String cacheKey, Role role) implements Serializable {

    public TranscribeTask as(Role other) {
        return new TranscribeTask(chunk, cacheKey, other);
    }

    public static String cacheKey(String model, AudioChunk chunk) {
        return model + "|" + chunk.sha256();
    }
}
