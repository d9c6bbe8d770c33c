package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.messages.ChunkTranscript;
import io.framewise.pipeline.messages.DescribeTask.Role;
import io.framewise.pipeline.messages.SpeechPlan;
import io.framewise.pipeline.messages.TranscribeTask;
import io.framewise.pipeline.messages.Transcribed;
import io.framewise.pipeline.messages.VideoSpeech;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.speech.AudioChunk;
import io.framewise.pipeline.speech.SpeechAudio;
import io.framewise.pipeline.speech.SpeechExtractor;
import io.framewise.pipeline.speech.SpeechRegion;
import io.framewise.pipeline.speech.SpokenSegment;
import io.framewise.pipeline.speech.Transcription;
import io.framewise.pipeline.video.VideoFetcher;
import io.framewise.pipeline.video.VideoRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The speech stage's operators in Flink's test harnesses, with fake engines. */
class SpeechOperatorsTest {

    static AudioChunk chunk(String video, int index, String hash) {
        return new AudioChunk(
                video,
                index,
                index * 10_000L,
                index * 10_000L + 3_000,
                List.of(new SpeechRegion(index * 10_000L + 200, index * 10_000L + 2_800)),
                new byte[] {1, 2, 3},
                "wav",
                hash);
    }

    static Transcription ok(String text) {
        return new Transcription(
                Transcription.OK,
                List.of(new SpokenSegment(200, 2_800, text, 0.9)),
                "en",
                "m",
                1,
                300,
                false,
                null);
    }

    @Test
    void theSpeechOfAVideoIsGatheredOnceThePlanAndAllItsChunksAreIn() throws Exception {
        try (var h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new GatherSpeech(FakeEngines.TIMEOUT)),
                        SpeechPlan::videoId,
                        ChunkTranscript::videoId,
                        Types.STRING)) {
            h.open();
            h.processElement2(
                    new ChunkTranscript(
                            "v",
                            1,
                            List.of(new SpokenSegment(10_200, 12_000, "second", 0.8)),
                            "de",
                            "m"),
                    0);
            h.processElement1(
                    new SpeechPlan(
                            "v",
                            "/tmp/v.mp4",
                            new SpeechAudio(
                                    true,
                                    30_000,
                                    List.of(
                                            new SpeechRegion(200, 2_800),
                                            new SpeechRegion(10_200, 12_000)),
                                    2),
                            2,
                            false),
                    0);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement2(
                    new ChunkTranscript(
                            "v",
                            0,
                            List.of(
                                    new SpokenSegment(200, 1_000, "first", 0.9),
                                    new SpokenSegment(1_000, 2_800, "and more", 0.9)),
                            "en",
                            "m"),
                    0);
            List<VideoSpeech> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            VideoSpeech s = out.get(0);
            assertThat(s.segments())
                    .extracting(SpokenSegment::text)
                    .containsExactly("first", "and more", "second");
            assertThat(s.language()).isEqualTo("en");
            assertThat(s.speechMs()).isEqualTo(4_400);
            assertThat(s.hasAudio()).isTrue();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aVideoWithoutAudioHasEmptySpeechAtOnce() throws Exception {
        try (var h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new GatherSpeech(FakeEngines.TIMEOUT)),
                        SpeechPlan::videoId,
                        ChunkTranscript::videoId,
                        Types.STRING)) {
            h.open();
            h.processElement1(
                    new SpeechPlan("mute", "/tmp/mute.mp4", SpeechAudio.none(), 0, false), 0);
            VideoSpeech s = h.extractOutputValues().get(0);
            assertThat(s.hasAudio()).isFalse();
            assertThat(s.segments()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void chunksWithTheSameAudioAreTranscribedOnceAndShared() throws Exception {
        Duration ttl = Duration.ofHours(1);
        List<TranscribeTask> leaders = new ArrayList<>();
        List<TranscribeTask> followers = new ArrayList<>();
        try (var claim =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ClaimTranscript(ttl)),
                        (AudioChunk c) -> TranscribeTask.cacheKey("m", c),
                        Types.STRING)) {
            claim.open();
            claim.processElement(chunk("a", 0, "h1"), 0);
            claim.processElement(chunk("b", 0, "h1"), 0);
            claim.processElement(chunk("b", 1, "h2"), 0);
            leaders.addAll(claim.extractOutputValues());
            claim.getSideOutput(Tags.SPEECH_FOLLOWERS).forEach(r -> followers.add(r.getValue()));
        }
        assertThat(leaders)
                .extracting(t -> t.chunk().videoId() + t.chunk().index())
                .containsExactly("a0", "b1");
        assertThat(followers)
                .extracting(t -> t.chunk().videoId() + t.chunk().index())
                .containsExactly("b0");
        try (var share =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ShareTranscript(ttl, Duration.ofMinutes(5))),
                        (Transcribed t) -> t.task().cacheKey(),
                        Types.STRING)) {
            share.open();
            // The follower first: it waits for its leader's answer.
            share.processElement(new Transcribed(followers.get(0), null), 0);
            assertThat(share.extractOutputValues()).isEmpty();
            share.processElement(new Transcribed(leaders.get(0), ok("hello")), 0);
            // A leader that failed: its follower (none here) would be an orphan.
            share.processElement(
                    new Transcribed(
                            leaders.get(1),
                            Transcription.failed(Transcription.HTTP_5XX, "m", 10, "HTTP 500")),
                    0);
            List<Transcribed> out = share.extractOutputValues();
            assertThat(out).hasSize(3);
            Transcribed shared =
                    out.stream().filter(t -> t.task().role() == Role.FOLLOWER).findFirst().get();
            assertThat(shared.transcription().cached()).isTrue();
            assertThat(shared.transcription().attempts()).isZero();
            assertThat(shared.transcription().segments().get(0).text()).isEqualTo("hello");
            // A follower of the failed leader asks for itself.
            share.processElement(
                    new Transcribed(
                            new TranscribeTask(
                                    chunk("c", 0, "h2"),
                                    TranscribeTask.cacheKey("m", chunk("c", 0, "h2")),
                                    Role.FOLLOWER),
                            null),
                    0);
            assertThat(share.getSideOutput(Tags.SPEECH_ORPHANS)).hasSize(1);
        }
    }

    /** Emits one chunk, then finds the audio broken. */
    static final class BrokenAudio implements SpeechExtractor, SpeechExtractor.Factory {
        @Override
        public SpeechAudio extract(
                String videoId, Path video, java.util.function.Consumer<AudioChunk> chunks)
                throws VideoException {
            chunks.accept(chunk(videoId, 0, "h"));
            throw new VideoException(
                    VideoException.Code.CORRUPT, "the audio stream is damaged: " + video);
        }

        @Override
        public void close() {}

        @Override
        public SpeechExtractor create() {
            return this;
        }
    }

    @Test
    void brokenAudioIsAFailureRowAndAPlanOfTheChunksFoundBeforeIt() throws Exception {
        OneInputStreamOperatorTestHarness<VideoRef, AudioChunk> h =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ExtractSpeech(new BrokenAudio(), VideoFetcher.localFiles()));
        h.processElement(new VideoRef("v", "/tmp/v.mp4"), 0);
        assertThat(h.extractOutputValues()).hasSize(1);
        assertThat(h.extractOutputValues().get(0).uri()).isEqualTo("/tmp/v.mp4");
        List<FailureRow> failures = new ArrayList<>();
        h.getSideOutput(Tags.FAILURES).forEach(r -> failures.add(r.getValue()));
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).stage()).isEqualTo("speech");
        assertThat(failures.get(0).code()).isEqualTo("corrupt");
        List<SpeechPlan> plans = new ArrayList<>();
        h.getSideOutput(Tags.SPEECH_PLANS).forEach(r -> plans.add(r.getValue()));
        assertThat(plans)
                .containsExactly(new SpeechPlan("v", "/tmp/v.mp4", SpeechAudio.none(), 1, true));
        h.close();
    }

    @Test
    void aFileThatIsNoVideoIsLeftToTheVisualStagesToReport() throws Exception {
        SpeechExtractor.Factory notAVideo =
                () ->
                        new SpeechExtractor() {
                            @Override
                            public SpeechAudio extract(
                                    String videoId,
                                    Path video,
                                    java.util.function.Consumer<AudioChunk> chunks)
                                    throws VideoException {
                                throw new VideoException(
                                        VideoException.Code.NOT_A_VIDEO, "not a media file");
                            }

                            @Override
                            public void close() {}
                        };
        OneInputStreamOperatorTestHarness<VideoRef, AudioChunk> h =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ExtractSpeech(notAVideo, VideoFetcher.localFiles()));
        h.processElement(new VideoRef("v", "/tmp/v.mp4"), 0);
        assertThat(h.getSideOutput(Tags.FAILURES)).isNull();
        List<SpeechPlan> plans = new ArrayList<>();
        h.getSideOutput(Tags.SPEECH_PLANS).forEach(r -> plans.add(r.getValue()));
        assertThat(plans)
                .containsExactly(new SpeechPlan("v", "/tmp/v.mp4", SpeechAudio.none(), 0, true));
        h.close();
    }

    @Test
    void aSegmentBelongsToTheShotItStartsIn() {
        var shots =
                List.of(
                        new io.framewise.pipeline.shots.Shot(0, 0, 99, 0, 4_000),
                        new io.framewise.pipeline.shots.Shot(1, 100, 199, 4_000, 8_000));
        assertThat(io.framewise.pipeline.stages.SpeechOnShots.shotAt(shots, 0)).isZero();
        assertThat(io.framewise.pipeline.stages.SpeechOnShots.shotAt(shots, 3_999)).isZero();
        assertThat(io.framewise.pipeline.stages.SpeechOnShots.shotAt(shots, 4_000)).isEqualTo(1);
        assertThat(io.framewise.pipeline.stages.SpeechOnShots.shotAt(shots, 9_000)).isEqualTo(1);
    }
}
