package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.enrich.Enrichment;
import io.framewise.pipeline.messages.DescribeTask;
import io.framewise.pipeline.messages.DescribeTask.Role;
import io.framewise.pipeline.messages.Described;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The describing stage's operators in Flink's test harnesses, with a fake describer. */
class DescribingOperatorsTest {

    private static final Duration TTL = Duration.ofHours(1);
    private static final Duration OVERDUE = Duration.ofMinutes(4);

    private static String key(long phash) {
        return DescribeTask.cacheKey(FakeDescribers.MODEL, FakeDescribers.PROMPT, phash, null);
    }

    private static DescribeTask task(long frame, long phash, Role role) {
        return new DescribeTask(FakeDescribers.keyframe(frame, phash, 10), key(phash), role);
    }

    @Test
    void theCacheKeyHoldsEveryInputOfTheRequest() {
        String slide = DescribeTask.cacheKey("m", "p1", 0xAB, "Lecture part 1");
        // Another text on the same layout is another request; case and spacing are not.
        assertThat(DescribeTask.cacheKey("m", "p1", 0xAB, "Lecture part 4")).isNotEqualTo(slide);
        assertThat(DescribeTask.cacheKey("m", "p1", 0xAB, " lecture  PART 1\n")).isEqualTo(slide);
        assertThat(DescribeTask.cacheKey("m", "p1", 0xAB, null)).isNotEqualTo(slide);
        assertThat(DescribeTask.cacheKey("m", "p2", 0xAB, "Lecture part 1")).isNotEqualTo(slide);
        assertThat(DescribeTask.cacheKey("n", "p1", 0xAB, "Lecture part 1")).isNotEqualTo(slide);
        assertThat(DescribeTask.cacheKey("m", "p1", 0xAC, "Lecture part 1")).isNotEqualTo(slide);
    }

    private static Enrichment ok(long frame) {
        return new Enrichment(
                Enrichment.OK,
                FakeDescribers.description(frame, null),
                FakeDescribers.MODEL,
                FakeDescribers.PROMPT,
                2,
                480,
                300,
                50,
                false,
                null);
    }

    private static Enrichment failed() {
        return Enrichment.failed(
                Enrichment.HTTP_5XX, FakeDescribers.MODEL, FakeDescribers.PROMPT, 3000, "HTTP 500");
    }

    @Test
    void theFirstKeyframeWithAKeyAsksAndTheOthersFollow() throws Exception {
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ClaimDescription(TTL)),
                        (KeyframeDone k) -> key(k.keyframe().phash()),
                        Types.STRING)) {
            h.open();
            h.processElement(FakeDescribers.keyframe(10, 0xAB, 3), 0);
            h.processElement(FakeDescribers.keyframe(20, 0xCD, 3), 0);
            h.processElement(FakeDescribers.keyframe(30, 0xAB, 3), 0);

            List<DescribeTask> leaders = h.extractOutputValues();
            assertThat(leaders)
                    .extracting(t -> t.keyframe().keyframe().frame())
                    .containsExactly(10L, 20L);
            assertThat(leaders).allMatch(t -> t.role() == Role.LEADER);
            assertThat(leaders.get(0).cacheKey()).isEqualTo("fake-vision|test-v1|ab|-");
            List<DescribeTask> followers =
                    h.getSideOutput(Tags.FOLLOWERS).stream().map(StreamRecord::getValue).toList();
            assertThat(followers)
                    .singleElement()
                    .satisfies(
                            t -> {
                                assertThat(t.keyframe().keyframe().frame()).isEqualTo(30L);
                                assertThat(t.role()).isEqualTo(Role.FOLLOWER);
                            });
            // One claim per key, kept for the cache's time to live.
            assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Described, Described> share()
            throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ShareDescription(TTL, OVERDUE)),
                        (Described d) -> d.task().cacheKey(),
                        Types.STRING);
        h.open();
        return h;
    }

    @Test
    void followersGetTheLeadersDescriptionFromTheCacheWhenEverTheyArrive() throws Exception {
        try (var h = share()) {
            // A follower that overtook its leader waits for it.
            h.processElement(new Described(task(30, 0xAB, Role.FOLLOWER), null), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numProcessingTimeTimers()).isEqualTo(1);

            h.processElement(new Described(task(10, 0xAB, Role.LEADER), ok(10)), 0);
            h.processElement(new Described(task(50, 0xAB, Role.FOLLOWER), null), 0);

            List<Described> out = h.extractOutputValues();
            assertThat(out)
                    .extracting(d -> d.task().keyframe().keyframe().frame())
                    .containsExactly(10L, 30L, 50L);
            Described leader = out.get(0);
            assertThat(leader.enrichment().cached()).isFalse();
            assertThat(leader.enrichment().attempts()).isEqualTo(2);
            for (Described follower : out.subList(1, 3)) {
                Enrichment e = follower.enrichment();
                assertThat(e.cached()).isTrue();
                assertThat(e.description()).isEqualTo(leader.enrichment().description());
                // Nothing was spent for it.
                assertThat(e.attempts()).isZero();
                assertThat(e.inputTokens() + e.outputTokens()).isZero();
            }
            // The waiting list and its timer are gone; only the cached outcome stays.
            assertThat(h.numProcessingTimeTimers()).isZero();
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            assertThat(h.getSideOutput(Tags.ORPHANS)).isNullOrEmpty();
        }
    }

    @Test
    void followersOfAFailedLeaderAskForThemselves() throws Exception {
        try (var h = share()) {
            h.processElement(new Described(task(30, 0xAB, Role.FOLLOWER), null), 0);
            h.processElement(new Described(task(10, 0xAB, Role.LEADER), failed()), 0);
            h.processElement(new Described(task(50, 0xAB, Role.FOLLOWER), null), 0);

            // The leader goes on with its failure; no follower is failed with it.
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(d -> assertThat(d.enrichment().status()).isEqualTo("llm_http_5xx"));
            List<DescribeTask> orphans =
                    h.getSideOutput(Tags.ORPHANS).stream().map(StreamRecord::getValue).toList();
            assertThat(orphans)
                    .extracting(t -> t.keyframe().keyframe().frame())
                    .containsExactly(30L, 50L);
            assertThat(orphans).allMatch(t -> t.role() == Role.ORPHAN);
        }
    }

    @Test
    void aFollowerWhoseLeaderIsOverdueAsksForItself() throws Exception {
        try (var h = share()) {
            h.setProcessingTime(1_000);
            h.processElement(new Described(task(30, 0xAB, Role.FOLLOWER), null), 0);
            h.setProcessingTime(1_000 + OVERDUE.toMillis());
            assertThat(h.getSideOutput(Tags.ORPHANS))
                    .singleElement()
                    .satisfies(
                            r ->
                                    assertThat(r.getValue().keyframe().keyframe().frame())
                                            .isEqualTo(30L));
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    private static OneInputStreamOperatorTestHarness<DescribeTask, Described> async(
            FakeDescribers.Factory describers, long timeoutMs) throws Exception {
        var h =
                new OneInputStreamOperatorTestHarness<DescribeTask, Described>(
                        new AsyncWaitOperatorFactory<>(
                                new DescribeKeyframe(describers, Duration.ofMillis(timeoutMs)),
                                timeoutMs,
                                10,
                                AsyncDataStream.OutputMode.UNORDERED),
                        TypeInformation.of(DescribeTask.class)
                                .createSerializer(new SerializerConfigImpl()));
        h.open();
        return h;
    }

    @Test
    void everyKeyframeComesOutOfTheAsyncStageAndATimeoutIsAnOutcome() throws Exception {
        FakeDescribers.Factory describers = new FakeDescribers.Factory(List.of(2L), List.of(3L));
        try (var h = async(describers, 60_000)) {
            h.processElement(task(1, 1, Role.LEADER), 0);
            h.processElement(task(2, 2, Role.LEADER), 0);
            h.processElement(task(3, 3, Role.LEADER), 0);
            // Frames 1 and 2 are answered on the describer's thread; the answers come back
            // through the task's mailbox.
            long until = System.nanoTime() + 10_000_000_000L;
            while (h.getTaskMailbox().size() < 2 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            Optional<Mail> mail;
            while ((mail = h.getTaskMailbox().tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
                mail.get().run();
            }
            assertThat(h.extractOutputValues()).hasSize(2);
            // Frame 3 never gets an answer: the job's timeout answers for it.
            h.setProcessingTime(60_001);
            h.endInput();
            List<Described> out = h.extractOutputValues();
            assertThat(out)
                    .extracting(d -> d.task().keyframe().keyframe().frame())
                    .containsExactlyInAnyOrder(1L, 2L, 3L);
            for (Described d : out) {
                long frame = d.task().keyframe().keyframe().frame();
                String expected =
                        frame == 1 ? "ok" : frame == 2 ? "llm_rate_limited" : "llm_timeout";
                assertThat(d.enrichment().status())
                        .as("frame " + frame + ": " + d.enrichment().message())
                        .isEqualTo(expected);
            }
        }
    }
}
