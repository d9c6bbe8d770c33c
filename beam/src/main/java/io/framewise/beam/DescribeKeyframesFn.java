package io.framewise.beam;

import io.framewise.pipeline.enrich.Enrichment;
import io.framewise.pipeline.enrich.FrameDescriber;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.LlmCallRow;
import io.framewise.pipeline.stages.FrameDescribing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * Step 5b, with frame description on ({@link FrameDescribing}): the keyframes of one description
 * cache key, grouped as the Flink job keys its claim and share operators, described by the vision
 * LLM. The group's first keyframe by video id and frame (the same one on every run) is the leader
 * and asks; the others take its description, marked cached, or ask for themselves when it failed.
 * Every keyframe comes out once, with its {@code llm_calls} row and, when it could not be
 * described, a {@code failures} row.
 *
 * <p>One describer per DoFn instance, opened in {@code @Setup} and closed in {@code @Teardown}; it
 * does the retries, back-off, rate limits and circuit breaking, as in the Flink job. Up to {@code
 * llm.async.capacity} calls are in flight at once (the Flink async stage's capacity): the groups of
 * a bundle are buffered, their leaders asked together, the futures joined, then the orphans; a call
 * without an answer within {@code llm.async.timeout} is cancelled and becomes a {@code llm_timeout}
 * outcome, as the Flink async stage's timeout makes it.
 */
final class DescribeKeyframesFn extends DoFn<KV<String, Iterable<KeyframeDone>>, KeyframeDone> {

    static final TupleTag<KeyframeDone> DESCRIBED = new TupleTag<>("described-keyframes") {};

    static final TupleTag<LlmCallRow> LLM_CALLS = new TupleTag<>("llm-calls") {};

    /** The leader first: by video id, then frame, so that every run picks the same one. */
    private static final Comparator<KeyframeDone> LEADER_FIRST =
            Comparator.comparing((KeyframeDone k) -> k.video().videoId())
                    .thenComparingLong(k -> k.keyframe().frame());

    private final FrameDescriber.Factory describers;
    private final FrameDescribing describing;
    private final LlmConfig.Price price;
    private final int capacity;
    private final Duration timeout;
    private final int instances;
    private final Distribution latencyMs =
            BeamMetrics.distribution(FramewiseMetrics.LLM_LATENCY_MS);
    private final Counter errors = BeamMetrics.counter(FramewiseMetrics.LLM_ERRORS);
    private final Counter cacheHits = BeamMetrics.counter(FramewiseMetrics.LLM_CACHE_HITS);
    private final Counter described = BeamMetrics.counter("described");
    private final Counter describedFromCache = BeamMetrics.counter("describedFromCache");
    private transient FrameDescriber describer;
    private transient List<List<KeyframeDone>> pending;
    private transient Instant pendingTime;
    private transient BoundedWindow pendingWindow;

    /**
     * @param llm the {@code llm.*} settings: the async stage's capacity and timeout, the model's
     *     price
     * @param instances how many instances of this DoFn call the LLM at once; each takes an equal
     *     share of the configured rate limits
     */
    DescribeKeyframesFn(FrameDescriber.Factory describers, LlmConfig llm, int instances) {
        this.describers = describers;
        this.describing = FrameDescribing.of(describers);
        this.price = llm.prices().get(describers.model());
        this.capacity = llm.capacity();
        this.timeout = llm.asyncTimeout();
        this.instances = instances;
    }

    @Setup
    public void setup() {
        describer = describers.create(instances);
    }

    @StartBundle
    public void startBundle() {
        pending = new ArrayList<>();
    }

    @ProcessElement
    public void process(
            @Element KV<String, Iterable<KeyframeDone>> group,
            @Timestamp Instant time,
            BoundedWindow window,
            MultiOutputReceiver out) {
        List<KeyframeDone> keyframes = new ArrayList<>();
        group.getValue().forEach(keyframes::add);
        keyframes.sort(LEADER_FIRST);
        if (pending.isEmpty()) {
            pendingTime = time;
            pendingWindow = window;
        }
        pending.add(keyframes);
        if (pending.size() >= capacity) {
            flush(
                    new Emit(
                            out.get(DESCRIBED)::output,
                            out.get(LLM_CALLS)::output,
                            out.get(Outputs.FAILURES)::output));
        }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
        flush(
                new Emit(
                        k -> context.output(DESCRIBED, k, pendingTime, pendingWindow),
                        c -> context.output(LLM_CALLS, c, pendingTime, pendingWindow),
                        f -> context.output(Outputs.FAILURES, f, pendingTime, pendingWindow)));
    }

    @Teardown
    public void teardown() {
        if (describer != null) {
            describer.close();
        }
    }

    /** Where the rows of an outcome go. */
    private record Emit(
            Consumer<KeyframeDone> keyframes,
            Consumer<LlmCallRow> calls,
            Consumer<FailureRow> failures) {}

    /** Describes the buffered groups: leaders first, then the followers of leaders that failed. */
    private void flush(Emit emit) {
        if (pending.isEmpty()) {
            return;
        }
        List<List<KeyframeDone>> groups = pending;
        pending = new ArrayList<>();
        List<Enrichment> leaders = askAll(groups.stream().map(g -> g.get(0)).toList());
        List<KeyframeDone> orphans = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            List<KeyframeDone> group = groups.get(i);
            Enrichment leader = leaders.get(i);
            emitOutcome(group.get(0), leader, emit);
            Enrichment shared = FrameDescribing.forFollower(leader);
            for (KeyframeDone follower : group.subList(1, group.size())) {
                if (shared != null) {
                    emitOutcome(follower, shared, emit);
                } else {
                    orphans.add(follower);
                }
            }
        }
        List<Enrichment> own = askAll(orphans);
        for (int i = 0; i < orphans.size(); i++) {
            emitOutcome(orphans.get(i), own.get(i), emit);
        }
    }

    /** An outcome for each of {@code keyframes}, in order, with at most {@code capacity} asked. */
    private List<Enrichment> askAll(List<KeyframeDone> keyframes) {
        List<Enrichment> outcomes = new ArrayList<>(keyframes.size());
        for (int from = 0; from < keyframes.size(); from += capacity) {
            List<KeyframeDone> chunk =
                    keyframes.subList(from, Math.min(keyframes.size(), from + capacity));
            long deadline = System.nanoTime() + timeout.toNanos();
            List<CompletableFuture<Enrichment>> calls =
                    chunk.stream().map(k -> describing.ask(describer, k)).toList();
            for (CompletableFuture<Enrichment> call : calls) {
                outcomes.add(await(call, deadline));
            }
        }
        return outcomes;
    }

    /** The call's outcome, or a timeout once {@code deadline} (nano time) has passed. */
    private Enrichment await(CompletableFuture<Enrichment> call, long deadline) {
        try {
            long left = Math.max(0, deadline - System.nanoTime());
            return describing.outcome(call.get(left, TimeUnit.NANOSECONDS), null);
        } catch (TimeoutException e) {
            call.cancel(false);
            return describing.timedOut(timeout);
        } catch (ExecutionException e) {
            return describing.outcome(null, e.getCause());
        } catch (CancellationException e) {
            return describing.outcome(null, e);
        } catch (InterruptedException e) {
            // The runner is stopping the bundle; it retries it elsewhere if it must.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing keyframes", e);
        }
    }

    /** The rows of one keyframe's outcome, and the Flink job's LLM metrics for it. */
    private void emitOutcome(KeyframeDone k, Enrichment e, Emit emit) {
        FrameDescribing.Recorded recorded =
                FrameDescribing.record(k, e, price, System.currentTimeMillis());
        emit.calls().accept(recorded.call());
        if (e.cached()) {
            cacheHits.inc();
        } else if (e.attempts() > 0) {
            latencyMs.update(e.latencyMs());
        }
        if (e.ok()) {
            described.inc();
            if (e.cached()) {
                describedFromCache.inc();
            }
        } else {
            errors.inc();
            emit.failures().accept(recorded.failure());
        }
        emit.keyframes().accept(recorded.keyframe());
    }
}
