package io.framewise.pipeline.messages;

import io.framewise.pipeline.speech.Transcription;
import java.io.Serializable;

/**
 * A chunk of the transcribing stage with its outcome.
 *
 * @param transcription null only for a follower on its way to the leader's transcript
 */
public record Transcribed(TranscribeTask task, Transcription transcription)
        implements Serializable {}
