package io.framewise.pipeline.messages;

import io.framewise.pipeline.speech.SpeechAudio;
import java.io.Serializable;

/**
 * What the speech extraction found in one video: how many chunks to wait for, and the audio's
 * figures.
 *
 * @param videoId the video
 * @param videoUri the video's URI, for failure rows
 * @param audio the audio's length and speech regions; {@link SpeechAudio#none()} without audio
 * @param chunks chunks handed on for transcription (those found before a failure, if one)
 * @param failed the extraction failed (a {@code failures} row says why)
 */
public record SpeechPlan(
        String videoId, String videoUri, SpeechAudio audio, int chunks, boolean failed)
        implements Serializable {}
