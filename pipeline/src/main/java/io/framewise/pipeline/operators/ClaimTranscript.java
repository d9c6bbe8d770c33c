package io.framewise.pipeline.operators;

import io.framewise.pipeline.messages.DescribeTask.Role;
import io.framewise.pipeline.messages.TranscribeTask;
import io.framewise.pipeline.speech.AudioChunk;
import java.time.Duration;

/**
 * Keyed by transcript cache key (model and the audio's SHA-256): the first chunk with a key is the
 * leader, which asks the server; every later one within the cache's time to live is a follower
 * (side output {@link Tags#SPEECH_FOLLOWERS}) and takes the leader's transcript in {@link
 * ShareTranscript}. The describing stage's {@link ClaimDescription}, for chunks of audio.
 */
public final class ClaimTranscript extends ClaimFirst<AudioChunk, TranscribeTask> {

    public ClaimTranscript(Duration ttl) {
        super(ttl, Tags.SPEECH_FOLLOWERS);
    }

    @Override
    TranscribeTask task(AudioChunk chunk, String key, Role role) {
        return new TranscribeTask(chunk, key, role);
    }
}
