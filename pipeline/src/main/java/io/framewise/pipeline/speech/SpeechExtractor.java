package io.framewise.pipeline.speech;

import io.framewise.pipeline.shots.VideoException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Port: finds where a video's audio speaks and cuts that speech into chunks to transcribe.
 *
 * <p>The audio is read as a stream: chunks go to the consumer as soon as they are complete, so an
 * hour of audio takes no more memory than one chunk. Silence and pure tones are never handed on. A
 * video without an audio stream is no failure: {@link SpeechAudio#none()}, no chunks.
 *
 * <p>One engine per operator instance, created from a serializable {@link Factory} where it runs.
 */
public interface SpeechExtractor extends AutoCloseable {

    /**
     * Reads {@code video}'s audio and hands each chunk of its speech to {@code chunks}, in order.
     *
     * @param videoId the id the chunks carry
     * @throws VideoException when the audio stream cannot be opened or decoded (a broken stream)
     */
    SpeechAudio extract(String videoId, Path video, Consumer<AudioChunk> chunks)
            throws VideoException;

    @Override
    void close();

    /** Serializable configuration that creates an extractor where it runs. */
    interface Factory extends Serializable {
        SpeechExtractor create();
    }
}
