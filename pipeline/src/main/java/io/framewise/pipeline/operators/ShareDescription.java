package io.framewise.pipeline.operators;

import io.framewise.pipeline.enrich.Enrichment;
import io.framewise.pipeline.messages.DescribeTask;
import io.framewise.pipeline.messages.DescribeTask.Role;
import io.framewise.pipeline.messages.Described;
import io.framewise.pipeline.stages.FrameDescribing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by description cache key: the description cache. A leader's outcome is kept in keyed state
 * with the cache's time to live; its followers get a copy of its description, marked cached,
 * whether they arrive before the leader's answer (they wait in state) or long after.
 *
 * <p>A follower of a leader that failed is not failed with it: it leaves through {@link
 * Tags#ORPHANS} to ask the LLM itself. A follower that waits longer than {@code leaderOverdue}
 * (which cannot happen while leaders and followers flow as they should, since the async stage
 * answers every leader within its timeout) is sent on as an orphan too, so nothing waits forever.
 * Waiting followers and their timer are cleared when the leader arrives; the outcome stays until it
 * expires.
 */
public final class ShareDescription extends KeyedProcessFunction<String, Described, Described> {

    private final Duration ttl;
    private final Duration leaderOverdue;
    private transient ValueState<Enrichment> outcome;
    private transient ListState<DescribeTask> waiting;
    private transient ValueState<Long> overdueTimer;

    public ShareDescription(Duration ttl, Duration leaderOverdue) {
        this.ttl = ttl;
        this.leaderOverdue = leaderOverdue;
    }

    /** The cache's time to live: from the write, expired entries never returned. */
    static StateTtlConfig ttl(Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .updateTtlOnCreateAndWrite()
                .neverReturnExpired()
                .build();
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<Enrichment> kept =
                new ValueStateDescriptor<>("outcome", TypeInformation.of(Enrichment.class));
        kept.enableTimeToLive(ttl(ttl));
        outcome = getRuntimeContext().getState(kept);
        waiting =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "waiting", TypeInformation.of(DescribeTask.class)));
        overdueTimer =
                getRuntimeContext().getState(new ValueStateDescriptor<>("overdue", Types.LONG));
    }

    @Override
    public void processElement(Described d, Context ctx, Collector<Described> out)
            throws Exception {
        if (d.task().role() == Role.LEADER) {
            outcome.update(d.enrichment());
            out.collect(d);
            for (DescribeTask follower : takeWaiting(ctx)) {
                share(follower, d.enrichment(), ctx, out);
            }
            return;
        }
        Enrichment known = outcome.value();
        if (known != null) {
            share(d.task(), known, ctx, out);
            return;
        }
        waiting.add(d.task());
        if (overdueTimer.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + leaderOverdue.toMillis();
            ctx.timerService().registerProcessingTimeTimer(at);
            overdueTimer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Described> out)
            throws Exception {
        overdueTimer.clear();
        for (DescribeTask follower : takeWaiting(ctx)) {
            ctx.output(Tags.ORPHANS, follower.as(Role.ORPHAN));
        }
    }

    private List<DescribeTask> takeWaiting(Context ctx) throws Exception {
        List<DescribeTask> all = new ArrayList<>();
        Iterable<DescribeTask> stored = waiting.get();
        if (stored != null) {
            stored.forEach(all::add);
        }
        waiting.clear();
        Long timer = overdueTimer.value();
        if (timer != null) {
            ctx.timerService().deleteProcessingTimeTimer(timer);
            overdueTimer.clear();
        }
        return all;
    }

    private static void share(
            DescribeTask follower, Enrichment leader, Context ctx, Collector<Described> out) {
        Enrichment shared = FrameDescribing.forFollower(leader);
        if (shared != null) {
            out.collect(new Described(follower, shared));
        } else {
            ctx.output(Tags.ORPHANS, follower.as(Role.ORPHAN));
        }
    }
}
