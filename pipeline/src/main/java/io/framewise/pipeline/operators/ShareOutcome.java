package io.framewise.pipeline.operators;

import io.framewise.pipeline.messages.DescribeTask.Role;
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
import org.apache.flink.util.OutputTag;

/**
 * Keyed by a remote call's cache key: the cache of its answers, after {@link ClaimFirst}. A
 * leader's outcome is kept in keyed state with the cache's time to live; its followers get a copy,
 * marked cached, whether they arrive before the leader's answer (they wait in state) or long after.
 *
 * <p>A follower of a leader that failed is not failed with it: it leaves through the side output
 * {@code orphans} to make the call itself. A follower that waits longer than {@code leaderOverdue}
 * (which cannot happen while leaders and followers flow as they should, since the async stage
 * answers every leader within its timeout) is sent on as an orphan too, so nothing waits forever.
 * Waiting followers and their timer are cleared when the leader arrives; the outcome stays until it
 * expires. The state's names ({@code outcome}, {@code waiting}, {@code overdue}) are those of the
 * operators before this class, so their savepoints restore.
 *
 * @param <M> the message: a task with its outcome
 * @param <T> the task
 * @param <O> the outcome
 */
abstract class ShareOutcome<M, T, O> extends KeyedProcessFunction<String, M, M> {

    private final Duration ttl;
    private final Duration leaderOverdue;
    private final Class<T> taskType;
    private final Class<O> outcomeType;
    private final OutputTag<T> orphans;
    private transient ValueState<O> outcome;
    private transient ListState<T> waiting;
    private transient ValueState<Long> overdueTimer;

    ShareOutcome(
            Duration ttl,
            Duration leaderOverdue,
            Class<T> taskType,
            Class<O> outcomeType,
            OutputTag<T> orphans) {
        this.ttl = ttl;
        this.leaderOverdue = leaderOverdue;
        this.taskType = taskType;
        this.outcomeType = outcomeType;
        this.orphans = orphans;
    }

    /** The task of {@code message}. */
    abstract T task(M message);

    /** The outcome of {@code message}. */
    abstract O outcome(M message);

    /** The role {@code task} plays. */
    abstract Role role(T task);

    /** {@code task} as an orphan, which makes the call itself. */
    abstract T orphan(T task);

    /** The message {@code follower} leaves with, the leader's outcome shared; null when failed. */
    abstract M shared(T follower, O leader);

    /** The cache's time to live: from the write, expired entries never returned. */
    static StateTtlConfig ttl(Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .updateTtlOnCreateAndWrite()
                .neverReturnExpired()
                .build();
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<O> kept =
                new ValueStateDescriptor<>("outcome", TypeInformation.of(outcomeType));
        kept.enableTimeToLive(ttl(ttl));
        outcome = getRuntimeContext().getState(kept);
        waiting =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>("waiting", TypeInformation.of(taskType)));
        overdueTimer =
                getRuntimeContext().getState(new ValueStateDescriptor<>("overdue", Types.LONG));
    }

    @Override
    public void processElement(M message, Context ctx, Collector<M> out) throws Exception {
        T task = task(message);
        if (role(task) == Role.LEADER) {
            outcome.update(outcome(message));
            out.collect(message);
            for (T follower : takeWaiting(ctx)) {
                share(follower, outcome(message), ctx, out);
            }
            return;
        }
        O known = outcome.value();
        if (known != null) {
            share(task, known, ctx, out);
            return;
        }
        waiting.add(task);
        if (overdueTimer.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + leaderOverdue.toMillis();
            ctx.timerService().registerProcessingTimeTimer(at);
            overdueTimer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<M> out) throws Exception {
        overdueTimer.clear();
        for (T follower : takeWaiting(ctx)) {
            ctx.output(orphans, orphan(follower));
        }
    }

    private List<T> takeWaiting(Context ctx) throws Exception {
        List<T> all = new ArrayList<>();
        Iterable<T> stored = waiting.get();
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

    private void share(T follower, O leader, Context ctx, Collector<M> out) {
        M shared = shared(follower, leader);
        if (shared != null) {
            out.collect(shared);
        } else {
            ctx.output(orphans, orphan(follower));
        }
    }
}
