package io.framewise.pipeline.operators;

import io.framewise.pipeline.enrich.Description;
import io.framewise.pipeline.enrich.Enrichment;
import io.framewise.pipeline.enrich.FrameDescriber;
import io.framewise.pipeline.enrich.FrameToDescribe;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeQuality;
import io.framewise.pipeline.messages.Messages;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Describers with fixed answers, so that the describing stage can be tested without an LLM. */
public final class FakeDescribers {

    private FakeDescribers() {}

    public static final String MODEL = "fake-vision";
    public static final String PROMPT = "test-v1";

    /** Calls per frame number, across all instances in this JVM (MiniCluster tasks included). */
    public static final Map<Long, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    /**
     * Describes frame N as "frame N" after a short delay on another thread; a frame number in
     * {@code failing} fails with a 429 outcome, a frame in {@code silent} never answers.
     */
    public record Factory(List<Long> failing, List<Long> silent) implements FrameDescriber.Factory {
        @Override
        public String model() {
            return MODEL;
        }

        @Override
        public String promptVersion() {
            return PROMPT;
        }

        @Override
        public FrameDescriber create(int instances) {
            return new FrameDescriber() {
                @Override
                public CompletableFuture<Enrichment> describe(FrameToDescribe f) {
                    CALLS.computeIfAbsent(f.frame(), n -> new AtomicInteger()).incrementAndGet();
                    if (silent.contains(f.frame())) {
                        return new CompletableFuture<>();
                    }
                    Enrichment outcome =
                            failing.contains(f.frame())
                                    ? new Enrichment(
                                            Enrichment.RATE_LIMITED,
                                            null,
                                            MODEL,
                                            PROMPT,
                                            3,
                                            900,
                                            0,
                                            0,
                                            false,
                                            "HTTP 429 (3 attempts)")
                                    : new Enrichment(
                                            Enrichment.OK,
                                            description(f.frame(), f.ocrText()),
                                            MODEL,
                                            PROMPT,
                                            1,
                                            250,
                                            300,
                                            50,
                                            false,
                                            null);
                    return CompletableFuture.supplyAsync(
                            () -> outcome,
                            CompletableFuture.delayedExecutor(
                                    f.frame() % 7, java.util.concurrent.TimeUnit.MILLISECONDS));
                }

                @Override
                public void close() {}
            };
        }
    }

    public static Description description(long frame, String ocr) {
        return new Description(
                "frame " + frame + (ocr == null ? "" : " showing " + ocr),
                List.of("fake", "f" + frame),
                "test",
                ocr,
                0);
    }

    /** A read keyframe with its own perceptual hash and a stand-in picture for the LLM. */
    public static KeyframeDone keyframe(long frame, long phash, int keyframesOfVideo) {
        Keyframe k =
                new Keyframe(
                        FakeEngines.VIDEO.videoId(),
                        (int) (frame / 100),
                        frame,
                        frame * 40,
                        "00:00:00:00",
                        phash,
                        new KeyframeQuality(100, 120, 40, 0.8),
                        null,
                        0.0);
        return new KeyframeDone(
                new Messages.KeyframeTask(
                        FakeEngines.VIDEO,
                        FakeEngines.shots(10_000).withoutFrames(),
                        k,
                        keyframesOfVideo),
                new Messages.KeyframeRead(null, "keyframes/x.jpg", null, null, null, null),
                new byte[] {(byte) 0xFF, (byte) 0xD8},
                null);
    }
}
