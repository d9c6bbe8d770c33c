package io.framewise.pipeline.graph;

import io.framewise.pipeline.config.VideoTimeoutConfig;
import io.framewise.pipeline.messages.ChunkTranscript;
import io.framewise.pipeline.messages.SpeechPlan;
import io.framewise.pipeline.messages.TranscribeTask;
import io.framewise.pipeline.messages.Transcribed;
import io.framewise.pipeline.messages.VideoSpeech;
import io.framewise.pipeline.operators.AssembleVideo;
import io.framewise.pipeline.operators.ClaimTranscript;
import io.framewise.pipeline.operators.ExtractSpeech;
import io.framewise.pipeline.operators.GatherSpeech;
import io.framewise.pipeline.operators.RecordTranscription;
import io.framewise.pipeline.operators.ShareTranscript;
import io.framewise.pipeline.operators.Tags;
import io.framewise.pipeline.operators.TranscribeChunk;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.SpeechCallRow;
import io.framewise.pipeline.speech.AudioChunk;
import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.pipeline.speech.SpeechExtractor;
import io.framewise.pipeline.speech.Transcriber;
import io.framewise.pipeline.video.VideoFetcher;
import io.framewise.pipeline.video.VideoRef;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The speech stage of the indexing job, beside the visual stages: video references in, one {@link
 * VideoSpeech} per video out (for {@link AssembleVideo}), plus a {@code speech_calls} row per chunk
 * and a {@code failures} row (stage {@code speech}) per audio that could not be read and per chunk
 * that could not be transcribed. No video is held back: a failure costs its words, never its visual
 * index.
 *
 * <pre>
 *  videos ─► extract speech ─ chunks ─ keyBy(model, audio hash) ─► claim ─ leaders ─► transcribe (async) ─┐
 *                 │                                                     └ followers ──────────────────────┴ keyBy ─► share ─┬─► record ─┐
 *                 │                                                                                  orphans ─► transcribe (async) ─┘           │
 *                 └ plans ─────────────────────────────────────────────────────────────────── keyBy(video) ─► gather speech ◄─ keyBy(video) ┘
 * </pre>
 *
 * <p>The transcript cache is the describing stage's: keyed by its own key (the model and the
 * SHA-256 of the chunk's WAV), leaders ask and followers share, in keyed state with {@code
 * speech.cache.ttl}; the same audio (a re-upload, the same intro) is transcribed once.
 */
public final class TranscribeSpeech {

    public static final String UID_EXTRACT = "extract-speech";
    public static final String UID_CLAIM = "claim-transcript";
    public static final String UID_TRANSCRIBE = "transcribe-chunk";
    public static final String UID_SHARE = "share-transcript";
    public static final String UID_TRANSCRIBE_ORPHANS = "transcribe-orphaned-chunk";
    public static final String UID_RECORD = "record-transcription";
    public static final String UID_GATHER = "gather-speech";
    public static final String UID_FOLLOWERS = "speech-followers";

    private TranscribeSpeech() {}

    /** The stage's outputs. */
    public record Result(
            DataStream<VideoSpeech> speech,
            DataStream<SpeechCallRow> speechCalls,
            DataStream<FailureRow> failures) {}

    /** Adds the speech stage to {@code videos}, with the default video timeout. */
    public static Result apply(
            DataStream<VideoRef> videos,
            SpeechExtractor.Factory extractors,
            Transcriber.Factory transcribers,
            SpeechConfig config,
            VideoFetcher.Factory fetchers) {
        return apply(
                videos,
                extractors,
                transcribers,
                config,
                fetchers,
                VideoTimeoutConfig.DEFAULTS.videoTimeout());
    }

    /**
     * Adds the speech stage to {@code videos}.
     *
     * @param videoTimeout how long a video's speech waits for its next chunk's transcript ({@code
     *     job.video-timeout})
     */
    public static Result apply(
            DataStream<VideoRef> videos,
            SpeechExtractor.Factory extractors,
            Transcriber.Factory transcribers,
            SpeechConfig config,
            VideoFetcher.Factory fetchers,
            Duration videoTimeout) {
        String model = transcribers.model();
        Duration timeout = config.asyncTimeout();
        SingleOutputStreamOperator<AudioChunk> chunks =
                videos.rebalance()
                        .process(new ExtractSpeech(extractors, fetchers))
                        .name("extract speech")
                        .uid(UID_EXTRACT);
        SingleOutputStreamOperator<TranscribeTask> claimed =
                chunks.keyBy(c -> TranscribeTask.cacheKey(model, c))
                        .process(new ClaimTranscript(config.cacheTtl()))
                        .name("claim transcript")
                        .uid(UID_CLAIM);
        SingleOutputStreamOperator<Transcribed> asked =
                AsyncDataStream.unorderedWait(
                                claimed,
                                new TranscribeChunk(transcribers, timeout),
                                timeout.toMillis(),
                                TimeUnit.MILLISECONDS,
                                config.capacity())
                        .name("transcribe chunk")
                        .uid(UID_TRANSCRIBE);
        DataStream<Transcribed> followers =
                claimed.getSideOutput(Tags.SPEECH_FOLLOWERS)
                        .map(t -> new Transcribed(t, null))
                        .returns(TypeInformation.of(Transcribed.class))
                        .name("speech followers")
                        .uid(UID_FOLLOWERS);
        SingleOutputStreamOperator<Transcribed> shared =
                asked.union(followers)
                        .keyBy(t -> t.task().cacheKey())
                        .process(
                                new ShareTranscript(
                                        config.cacheTtl(), timeout.plus(Duration.ofMinutes(1))))
                        .name("share transcript")
                        .uid(UID_SHARE);
        SingleOutputStreamOperator<Transcribed> orphans =
                AsyncDataStream.unorderedWait(
                                shared.getSideOutput(Tags.SPEECH_ORPHANS),
                                new TranscribeChunk(transcribers, timeout),
                                timeout.toMillis(),
                                TimeUnit.MILLISECONDS,
                                config.capacity())
                        .name("transcribe orphaned chunk")
                        .uid(UID_TRANSCRIBE_ORPHANS);
        SingleOutputStreamOperator<ChunkTranscript> recorded =
                shared.union(orphans)
                        .process(new RecordTranscription(config))
                        .name("record transcription")
                        .uid(UID_RECORD);
        SingleOutputStreamOperator<VideoSpeech> gathered =
                chunks.getSideOutput(Tags.SPEECH_PLANS)
                        .keyBy(SpeechPlan::videoId)
                        .connect(recorded.keyBy(ChunkTranscript::videoId))
                        .process(new GatherSpeech(videoTimeout))
                        .name("gather speech")
                        .uid(UID_GATHER);
        return new Result(
                gathered,
                recorded.getSideOutput(Tags.SPEECH_CALLS),
                chunks.getSideOutput(Tags.FAILURES)
                        .union(
                                recorded.getSideOutput(Tags.FAILURES),
                                gathered.getSideOutput(Tags.FAILURES)));
    }
}
