package io.framewise.pipeline.operators;

import io.framewise.pipeline.messages.DescribeTask.Role;
import io.framewise.pipeline.messages.TranscribeTask;
import io.framewise.pipeline.messages.Transcribed;
import io.framewise.pipeline.speech.Transcription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by transcript cache key: the transcript cache. A leader's transcript is kept in keyed state
 * with the cache's time to live; followers get a copy marked cached, whether they arrive before the
 * leader's answer (they wait in state) or long after. A follower of a failed leader, or one kept
 * waiting past {@code leaderOverdue}, leaves through {@link Tags#SPEECH_ORPHANS} to ask for itself.
 * The describing stage's {@link ShareDescription}, for chunks of audio.
 */
public final class ShareTranscript extends KeyedProcessFunction<String, Transcribed, Transcribed> {

    private final Duration ttl;
    private final Duration leaderOverdue;
    private transient ValueState<Transcription> outcome;
    private transient ListState<TranscribeTask> waiting;
    private transient ValueState<Long> overdueTimer;

    public ShareTranscript(Duration ttl, Duration leaderOverdue) {
        this.ttl = ttl;
        this.leaderOverdue = leaderOverdue;
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<Transcription> kept =
                new ValueStateDescriptor<>("outcome", TypeInformation.of(Transcription.class));
        kept.enableTimeToLive(ShareDescription.ttl(ttl));
        outcome = getRuntimeContext().getState(kept);
        waiting =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "waiting", TypeInformation.of(TranscribeTask.class)));
        overdueTimer =
                getRuntimeContext().getState(new ValueStateDescriptor<>("overdue", Types.LONG));
    }

    @Override
    public void processElement(Transcribed t, Context ctx, Collector<Transcribed> out)
            throws Exception {
        if (t.task().role() == Role.LEADER) {
            outcome.update(t.transcription());
            out.collect(t);
            for (TranscribeTask follower : takeWaiting(ctx)) {
                share(follower, t.transcription(), ctx, out);
            }
            return;
        }
        Transcription known = outcome.value();
        if (known != null) {
            share(t.task(), known, ctx, out);
            return;
        }
        waiting.add(t.task());
        if (overdueTimer.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + leaderOverdue.toMillis();
            ctx.timerService().registerProcessingTimeTimer(at);
            overdueTimer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Transcribed> out)
            throws Exception {
        overdueTimer.clear();
        for (TranscribeTask follower : takeWaiting(ctx)) {
            ctx.output(Tags.SPEECH_ORPHANS, follower.as(Role.ORPHAN));
        }
    }

    private List<TranscribeTask> takeWaiting(Context ctx) throws Exception {
        List<TranscribeTask> all = new ArrayList<>();
        Iterable<TranscribeTask> stored = waiting.get();
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
            TranscribeTask follower,
            Transcription leader,
            Context ctx,
            Collector<Transcribed> out) {
        if (leader.ok()) {
            out.collect(new Transcribed(follower, leader.asCached()));
        } else {
            ctx.output(Tags.SPEECH_ORPHANS, follower.as(Role.ORPHAN));
        }
    }
}
