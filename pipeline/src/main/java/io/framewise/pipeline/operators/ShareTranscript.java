package io.framewise.pipeline.operators;

import io.framewise.pipeline.messages.DescribeTask.Role;
import io.framewise.pipeline.messages.TranscribeTask;
import io.framewise.pipeline.messages.Transcribed;
import io.framewise.pipeline.speech.Transcription;
import java.time.Duration;

/**
 * Keyed by transcript cache key: the transcript cache ({@link ShareOutcome}). Followers get a copy
 * of the leader's transcript, marked cached; a follower of a failed leader, or one kept waiting
 * past {@code leaderOverdue}, leaves through {@link Tags#SPEECH_ORPHANS} to ask for itself. The
 * describing stage's {@link ShareDescription}, for chunks of audio.
 */
public final class ShareTranscript
        extends ShareOutcome<Transcribed, TranscribeTask, Transcription> {

    public ShareTranscript(Duration ttl, Duration leaderOverdue) {
        super(ttl, leaderOverdue, TranscribeTask.class, Transcription.class, Tags.SPEECH_ORPHANS);
    }

    @Override
    TranscribeTask task(Transcribed message) {
        return message.task();
    }

    @Override
    Transcription outcome(Transcribed message) {
        return message.transcription();
    }

    @Override
    Role role(TranscribeTask task) {
        return task.role();
    }

    @Override
    TranscribeTask orphan(TranscribeTask task) {
        return task.as(Role.ORPHAN);
    }

    @Override
    Transcribed shared(TranscribeTask follower, Transcription leader) {
        return leader.ok() ? new Transcribed(follower, leader.asCached()) : null;
    }
}
