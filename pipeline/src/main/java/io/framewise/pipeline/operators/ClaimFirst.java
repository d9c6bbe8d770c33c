package io.framewise.pipeline.operators;

import io.framewise.pipeline.messages.DescribeTask.Role;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by a remote call's cache key: the first input with a key becomes the leader, which makes
 * the call; every later one within the cache's time to live is a follower (the side output {@code
 * followers}), which bypasses the call and takes the leader's answer downstream.
 *
 * <p>Deciding here, before the call, is what makes identical inputs that arrive together cost one
 * call, not one each. The claim is keyed state with the cache's time to live, written before the
 * leader's answer exists, so it always expires before that answer does.
 *
 * @param <I> the input
 * @param <T> the task it becomes, leader's or follower's
 */
abstract class ClaimFirst<I, T> extends KeyedProcessFunction<String, I, T> {

    private final Duration ttl;
    private final OutputTag<T> followers;
    private transient ValueState<Long> claimedAt;

    ClaimFirst(Duration ttl, OutputTag<T> followers) {
        this.ttl = ttl;
        this.followers = followers;
    }

    /** The task of {@code in}, under cache key {@code key}, as {@code role}. */
    abstract T task(I in, String key, Role role);

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<Long> claim = new ValueStateDescriptor<>("claimed-at", Types.LONG);
        claim.enableTimeToLive(ShareOutcome.ttl(ttl));
        claimedAt = getRuntimeContext().getState(claim);
    }

    @Override
    public void processElement(I in, Context ctx, Collector<T> out) throws Exception {
        if (claimedAt.value() == null) {
            claimedAt.update(ctx.timerService().currentProcessingTime());
            out.collect(task(in, ctx.getCurrentKey(), Role.LEADER));
        } else {
            ctx.output(followers, task(in, ctx.getCurrentKey(), Role.FOLLOWER));
        }
    }
}
