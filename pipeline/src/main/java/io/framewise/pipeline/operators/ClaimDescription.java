package io.framewise.pipeline.operators;

import io.framewise.pipeline.messages.DescribeTask;
import io.framewise.pipeline.messages.DescribeTask.Role;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by description cache key (model, prompt version, perceptual hash, OCR text): the first
 * keyframe with a key becomes the leader, which asks the LLM; every later one within the cache's
 * time to live is a follower (side output {@link Tags#FOLLOWERS}), which bypasses the LLM and takes
 * the leader's description in {@link ShareDescription}.
 *
 * <p>Deciding here, before the call, is what makes near-identical frames that arrive together (the
 * repeated shots of one video come in one burst) cost one call, not one each. The claim is keyed
 * state with the cache's time to live, written before the leader's description exists, so it always
 * expires before that description does.
 */
public final class ClaimDescription
        extends KeyedProcessFunction<String, KeyframeDone, DescribeTask> {

    private final Duration ttl;
    private transient ValueState<Long> claimedAt;

    public ClaimDescription(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<Long> claim = new ValueStateDescriptor<>("claimed-at", Types.LONG);
        claim.enableTimeToLive(ShareDescription.ttl(ttl));
        claimedAt = getRuntimeContext().getState(claim);
    }

    @Override
    public void processElement(KeyframeDone k, Context ctx, Collector<DescribeTask> out)
            throws Exception {
        if (claimedAt.value() == null) {
            claimedAt.update(ctx.timerService().currentProcessingTime());
            out.collect(new DescribeTask(k, ctx.getCurrentKey(), Role.LEADER));
        } else {
            ctx.output(Tags.FOLLOWERS, new DescribeTask(k, ctx.getCurrentKey(), Role.FOLLOWER));
        }
    }
}
