package io.framewise.pipeline.speech;

import java.io.Serializable;
import java.util.concurrent.CompletableFuture;

/**
 * Port: transcribes chunks of speech on a Whisper-compatible server, asynchronously.
 *
 * <p>{@link #transcribe} returns at once; the future completes once the transcript (or the final
 * failure) is known, after the engine's retries, back-off, rate limiting and circuit breaking. It
 * always completes normally: a failure is a {@link Transcription} with a failure status. Segment
 * times are relative to the chunk's audio; the caller places them on the video's timeline.
 *
 * <p>One engine per operator instance, opened in {@code open()} and closed in {@code close()};
 * closing completes the calls still in flight with a failure.
 */
public interface Transcriber extends AutoCloseable {

    CompletableFuture<Transcription> transcribe(AudioChunk chunk);

    @Override
    void close();

    /** Serializable configuration that creates a transcriber where it runs. */
    interface Factory extends Serializable {

        /** The model's name as configured: with the audio's hash, the cache's key. */
        String model();

        /**
         * A new transcriber.
         *
         * @param instances how many transcribers call the server at once: each takes an equal share
         *     of the configured rate limit
         */
        Transcriber create(int instances);
    }
}
