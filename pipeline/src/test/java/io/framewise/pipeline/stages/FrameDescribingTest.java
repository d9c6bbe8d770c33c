package io.framewise.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.framewise.pipeline.enrich.Description;
import io.framewise.pipeline.enrich.Enrichment;
import io.framewise.pipeline.enrich.FrameDescriber;
import io.framewise.pipeline.enrich.FrameToDescribe;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.messages.DescribeTask;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.messages.Messages.KeyframeRead;
import io.framewise.pipeline.operators.FakeDescribers;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.text.RecognizedText;
import io.framewise.pipeline.text.TextBox;
import io.framewise.pipeline.text.TextLine;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The describing step without an engine around it: what is asked, and what an outcome makes. */
class FrameDescribingTest {

    private static final String MODEL = "fake-vision";
    private static final String PROMPT = "test-v1";
    private static final FrameDescribing DESCRIBING = new FrameDescribing(MODEL, PROMPT);

    /** Keyframe {@code frame} of shot {@code frame / 100}, read, with a picture for the LLM. */
    private static KeyframeDone keyframe(long frame, long phash) {
        return FakeDescribers.keyframe(frame, phash, 3);
    }

    private static Description description(long frame) {
        return FakeDescribers.description(frame, null);
    }

    private static Enrichment ok(long frame) {
        return new Enrichment(
                Enrichment.OK, description(frame), MODEL, PROMPT, 2, 480, 300, 50, false, null);
    }

    /** A describer that answers every call with {@code answer}, remembering what it was asked. */
    private static final class OneAnswer implements FrameDescriber {
        final CompletableFuture<Enrichment> answer;
        FrameToDescribe asked;

        OneAnswer(CompletableFuture<Enrichment> answer) {
            this.answer = answer;
        }

        @Override
        public CompletableFuture<Enrichment> describe(FrameToDescribe frame) {
            asked = frame;
            return answer;
        }

        @Override
        public void close() {}
    }

    private static KeyframeDone withText(KeyframeDone k, String... lines) {
        List<TextLine> text =
                Arrays.stream(lines)
                        .map(l -> new TextLine(l, 90f, new TextBox(0, 0, 10, 10)))
                        .toList();
        KeyframeRead read = k.read();
        return new KeyframeDone(
                k.task(),
                new KeyframeRead(
                        new RecognizedText(text, 1, 5),
                        read.keyframeUri(),
                        read.scores(),
                        read.imageModel(),
                        read.imageVector(),
                        read.colours()),
                k.llmImage(),
                null);
    }

    @Test
    void theCacheKeyIsTheFlinkJobsAndCarriesTheTextThePromptCarries() {
        KeyframeDone plain = keyframe(10, 0xAB);
        KeyframeDone slide = withText(plain, "Quarterly", "review");
        assertThat(DESCRIBING.cacheKey(plain))
                .isEqualTo(DescribeTask.cacheKey(MODEL, PROMPT, 0xAB, null));
        assertThat(DESCRIBING.cacheKey(slide))
                .isEqualTo(DescribeTask.cacheKey(MODEL, PROMPT, 0xAB, "Quarterly\nreview"))
                .isNotEqualTo(DESCRIBING.cacheKey(plain));
        // Recognition that found no lines is no text, as a frame the recogniser skipped.
        assertThat(DESCRIBING.cacheKey(withText(plain))).isEqualTo(DESCRIBING.cacheKey(plain));
        assertThat(FrameDescribing.ocrText(null)).isNull();
    }

    @Test
    void aKeyframeIsAskedForWithItsPictureAndText() {
        KeyframeDone slide = withText(keyframe(230, 0xAB), "Agenda");
        OneAnswer describer = new OneAnswer(CompletableFuture.completedFuture(ok(230)));

        CompletableFuture<Enrichment> call = DESCRIBING.ask(describer, slide);

        // The describer's own future, so that cancelling it (a timeout) cancels the call.
        assertThat(call).isSameAs(describer.answer);
        assertThat(describer.asked.videoId()).isEqualTo(slide.video().videoId());
        assertThat(describer.asked.shot()).isEqualTo(2);
        assertThat(describer.asked.frame()).isEqualTo(230);
        assertThat(describer.asked.jpeg()).isSameAs(slide.llmImage());
        assertThat(describer.asked.ocrText()).isEqualTo("Agenda");
    }

    @Test
    void whatCannotBeAskedOrBreaksIsAFailureOutcomeNeverAnException() {
        KeyframeDone k = keyframe(10, 0xAB);
        KeyframeDone noPicture = new KeyframeDone(k.task(), k.read(), null, null);
        OneAnswer unused = new OneAnswer(new CompletableFuture<>());
        Enrichment none = DESCRIBING.ask(unused, noPicture).join();
        assertThat(unused.asked).isNull();
        assertThat(none.status()).isEqualTo(Enrichment.ERROR);
        assertThat(none.message()).contains("no picture");
        assertThat(none.model()).isEqualTo(MODEL);
        assertThat(none.promptVersion()).isEqualTo(PROMPT);

        FrameDescriber throwing =
                new FrameDescriber() {
                    @Override
                    public CompletableFuture<Enrichment> describe(FrameToDescribe frame) {
                        throw new IllegalStateException("closed pool");
                    }

                    @Override
                    public void close() {}
                };
        assertThat(DESCRIBING.ask(throwing, k).join().message())
                .isEqualTo("IllegalStateException: closed pool");

        Enrichment broken =
                DESCRIBING.outcome(null, new RuntimeException("wrapped", new Error("inner")));
        assertThat(broken.status()).isEqualTo(Enrichment.ERROR);
        assertThat(broken.message()).isEqualTo("Error: inner");
        assertThat(DESCRIBING.outcome(ok(10), null)).isEqualTo(ok(10));

        Enrichment late = DESCRIBING.timedOut(Duration.ofMinutes(3));
        assertThat(late.status()).isEqualTo(Enrichment.TIMEOUT);
        assertThat(late.message()).contains("llm.async.timeout (PT3M)");
    }

    @Test
    void aFollowerTakesADescribedLeadersAnswerAsCachedAndAsksItselfOtherwise() {
        Enrichment shared = FrameDescribing.forFollower(ok(10));
        assertThat(shared.cached()).isTrue();
        assertThat(shared.description()).isEqualTo(ok(10).description());
        assertThat(shared.attempts()).isZero();
        assertThat(shared.inputTokens() + shared.outputTokens()).isZero();
        assertThat(
                        FrameDescribing.forFollower(
                                Enrichment.failed(
                                        Enrichment.HTTP_5XX, MODEL, PROMPT, 10, "HTTP 500")))
                .isNull();
    }

    @Test
    void anOutcomeMakesTheKeyframesDescriptionItsCallRowAndAFailureRowWhenItFailed() {
        KeyframeDone k = keyframe(120, 0xAB);
        LlmConfig.Price price = new LlmConfig.Price(0.15, 0.60);

        FrameDescribing.Recorded described = FrameDescribing.record(k, ok(120), price, 1234L);
        assertThat(described.failure()).isNull();
        assertThat(described.keyframe().llmImage()).isNull();
        assertThat(described.keyframe().description()).isEqualTo(ok(120).description());
        // 300 input and 50 output tokens at 0.15 and 0.60 per million.
        assertThat(described.keyframe().enriched().cost()).isCloseTo(0.000075, within(1e-12));
        assertThat(described.call().cost()).isEqualTo(described.keyframe().enriched().cost());
        assertThat(described.call().videoId()).isEqualTo(k.video().videoId());
        assertThat(described.call().frame()).isEqualTo(120);
        assertThat(described.call().status()).isEqualTo(Enrichment.OK);
        assertThat(described.call().attempts()).isEqualTo(2);
        assertThat(described.call().latencyMs()).isEqualTo(480);
        assertThat(described.call().cached()).isFalse();
        assertThat(described.call().at()).isEqualTo(1234L);

        Enrichment refused = Enrichment.failed(Enrichment.CIRCUIT_OPEN, MODEL, PROMPT, 0, "open");
        FrameDescribing.Recorded failed = FrameDescribing.record(k, refused, null, 1234L);
        assertThat(failed.keyframe().description()).isNull();
        assertThat(failed.keyframe().enriched()).isNotNull();
        assertThat(failed.keyframe().enriched().cost()).isNull();
        assertThat(failed.call().status()).isEqualTo(Enrichment.CIRCUIT_OPEN);
        FailureRow row = failed.failure();
        assertThat(row.stage()).isEqualTo(FrameDescribing.STAGE).isEqualTo("enrich");
        assertThat(row.code()).isEqualTo(Enrichment.CIRCUIT_OPEN);
        assertThat(row.message()).isEqualTo("open");
        assertThat(row.input()).isEqualTo(FailureRow.keyframe(k.video().videoId(), 1, 120));
        // No request made is still one attempt at describing it.
        assertThat(row.attempt()).isEqualTo(1);
    }
}
