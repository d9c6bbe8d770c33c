package io.framewise.pipeline.operators;

import io.framewise.pipeline.messages.SpeechPlan;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.speech.AudioChunk;
import io.framewise.pipeline.speech.SpeechAudio;
import io.framewise.pipeline.speech.SpeechExtractor;
import io.framewise.pipeline.video.VideoFetcher;
import io.framewise.pipeline.video.VideoRef;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Reads a video's audio and emits its chunks of speech for transcription, as they are found (an
 * hour of audio is never held whole), then one {@link SpeechPlan} (side output {@link
 * Tags#SPEECH_PLANS}) that says how many chunks there are.
 *
 * <p>A video without audio gives a plan of no chunks; one whose audio cannot be read or is broken
 * gives a {@code failures} row (stage {@code speech}) and a plan of the chunks found before the
 * damage. A file that cannot be fetched or is no media file at all gets no speech failure row: the
 * visual stages report it. The visual index never depends on this: every video gets its plan, so
 * its speech is always complete, empty or not.
 */
public final class ExtractSpeech extends ProcessFunction<VideoRef, AudioChunk> {

    static final String STAGE = "speech";

    /**
     * Errors of the file as a whole, which the visual stages report already (stage {@code fetch} or
     * {@code plan}): no second failure row for them.
     */
    static final java.util.Set<VideoException.Code> WHOLE_FILE =
            java.util.EnumSet.of(
                    VideoException.Code.NOT_FOUND,
                    VideoException.Code.UNREADABLE,
                    VideoException.Code.EMPTY_FILE,
                    VideoException.Code.NOT_A_VIDEO,
                    VideoException.Code.URI_REJECTED,
                    VideoException.Code.FETCH_FAILED);

    private final SpeechExtractor.Factory extractors;
    private final VideoFetcher.Factory fetchers;
    private transient SpeechExtractor extractor;
    private transient VideoFetcher fetcher;

    public ExtractSpeech(SpeechExtractor.Factory extractors, VideoFetcher.Factory fetchers) {
        this.extractors = extractors;
        this.fetchers = fetchers;
    }

    @Override
    public void open(OpenContext context) {
        extractor = extractors.create();
        fetcher = fetchers.create();
    }

    @Override
    public void processElement(VideoRef video, Context ctx, Collector<AudioChunk> out) {
        int[] chunks = {0};
        Path local = null;
        try {
            local = fetcher.fetch(video);
            SpeechAudio audio =
                    extractor.extract(
                            video.videoId(),
                            local,
                            chunk -> {
                                chunks[0]++;
                                out.collect(chunk.withUri(video.uri()));
                            });
            ctx.output(
                    Tags.SPEECH_PLANS,
                    new SpeechPlan(video.videoId(), video.uri(), audio, chunks[0], false));
        } catch (VideoException | RuntimeException failure) {
            Exception e =
                    failure instanceof VideoException v ? v.naming(local, video.uri()) : failure;
            String code = e instanceof VideoException v ? v.codeName() : "speech_error";
            if (!(e instanceof VideoException v && WHOLE_FILE.contains(v.code()))) {
                ctx.output(Tags.FAILURES, Failures.row(video, STAGE, code, message(e)));
            }
            ctx.output(
                    Tags.SPEECH_PLANS,
                    new SpeechPlan(
                            video.videoId(), video.uri(), SpeechAudio.none(), chunks[0], true));
        }
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    @Override
    public void close() {
        if (extractor != null) {
            extractor.close();
        }
        if (fetcher != null) {
            fetcher.close();
        }
    }
}
