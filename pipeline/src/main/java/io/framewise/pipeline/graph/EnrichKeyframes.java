package io.framewise.pipeline.graph;

import io.framewise.pipeline.enrich.FrameDescriber;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.messages.DescribeTask;
import io.framewise.pipeline.messages.Described;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.operators.ClaimDescription;
import io.framewise.pipeline.operators.DescribeKeyframe;
import io.framewise.pipeline.operators.RecordEnrichment;
import io.framewise.pipeline.operators.ShareDescription;
import io.framewise.pipeline.operators.Tags;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.LlmCallRow;
import io.framewise.pipeline.stages.FrameDescribing;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The describing stage of the indexing job: keyframes in, the same keyframes with their
 * descriptions out, plus an {@code llm_calls} row for each and a {@code failures} row for each that
 * could not be described. No keyframe is held back or dropped.
 *
 * <pre>
 *  keyframes ─ keyBy(cache key) ─► claim ─ leaders ─► describe (async) ─┐
 *                                        └ followers ───────────────────┴ keyBy(cache key) ─► share ─┬─► record ─► keyframes, llm_calls, failures
 *                                                                  orphans ─► describe (async) ─┘
 * </pre>
 *
 * <p>Why the cache is keyed by its own key and not by video: the key (model, prompt version,
 * perceptual hash, OCR text) is what decides whether two frames get the same description, so keying
 * by it puts all frames that can share a description on one subtask, whatever video they come from
 * (the same intro in every video of a channel, a video uploaded twice), and spreads the state
 * evenly. Keyed by video, the cache would only serve repeats within one video and be dropped with
 * it. The price: a shot's keyframes spread over subtasks, so batching frames of one shot into one
 * request happens only where they meet (see the describer's batching). Near-identical means the
 * same 64-bit pHash, which re-encoding, scaling and brightness changes keep; frames a few bits
 * apart are not matched (that would need one lookup per hash band).
 *
 * <p>The cache needs both a decision before the call (who asks) and the answer after it, and a
 * Flink graph has no way back from the async stage to the operator in front of it. So {@link
 * ClaimDescription} decides, in keyed state, which keyframe with a key asks (the leader), and
 * {@link ShareDescription} keeps the leader's answer in keyed state and hands it to the followers;
 * followers of a leader that failed ask for themselves in a second async operator.
 */
public final class EnrichKeyframes {

    private EnrichKeyframes() {}

    /** The stage's outputs. */
    public record Result(
            DataStream<KeyframeDone> keyframes,
            DataStream<LlmCallRow> llmCalls,
            DataStream<FailureRow> failures) {}

    /**
     * Adds the describing stage to {@code keyframes} (OCR done, each with its picture for the LLM);
     * the indexing job calls it, and so does {@code framewise bench enrich} on its own.
     */
    public static Result apply(
            DataStream<KeyframeDone> keyframes,
            FrameDescriber.Factory describers,
            LlmConfig config) {
        String model = describers.model();
        FrameDescribing describing = FrameDescribing.of(describers);
        Duration timeout = config.asyncTimeout();
        SingleOutputStreamOperator<DescribeTask> claimed =
                keyframes
                        .keyBy(k -> describing.cacheKey(k))
                        .process(new ClaimDescription(config.cacheTtl()))
                        .name("claim description")
                        .uid(IndexVideosJob.UID_CLAIM);
        SingleOutputStreamOperator<Described> asked =
                AsyncDataStream.unorderedWait(
                                claimed,
                                new DescribeKeyframe(describers, timeout),
                                timeout.toMillis(),
                                TimeUnit.MILLISECONDS,
                                config.capacity())
                        .name("describe keyframe")
                        .uid(IndexVideosJob.UID_DESCRIBE);
        DataStream<Described> followers =
                claimed.getSideOutput(Tags.FOLLOWERS)
                        .map(t -> new Described(t, null))
                        .returns(TypeInformation.of(Described.class))
                        .name("followers")
                        .uid(IndexVideosJob.UID_DESCRIPTION_FOLLOWERS);
        SingleOutputStreamOperator<Described> shared =
                asked.union(followers)
                        .keyBy(d -> d.task().cacheKey())
                        .process(
                                new ShareDescription(
                                        config.cacheTtl(), timeout.plus(Duration.ofMinutes(1))))
                        .name("share description")
                        .uid(IndexVideosJob.UID_SHARE);
        SingleOutputStreamOperator<Described> orphans =
                AsyncDataStream.unorderedWait(
                                shared.getSideOutput(Tags.ORPHANS),
                                new DescribeKeyframe(describers, timeout),
                                timeout.toMillis(),
                                TimeUnit.MILLISECONDS,
                                config.capacity())
                        .name("describe orphaned keyframe")
                        .uid(IndexVideosJob.UID_DESCRIBE_ORPHANS);
        SingleOutputStreamOperator<KeyframeDone> recorded =
                shared.union(orphans)
                        .process(new RecordEnrichment(config.prices().get(model)))
                        .name("record enrichment")
                        .uid(IndexVideosJob.UID_RECORD_ENRICHMENT);
        return new Result(
                recorded,
                recorded.getSideOutput(Tags.LLM_CALLS),
                recorded.getSideOutput(Tags.FAILURES));
    }
}
