package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.messages.ChunkTranscript;
import io.framewise.pipeline.messages.DescribeTask.Role;
import io.framewise.pipeline.messages.TranscribeTask;
import io.framewise.pipeline.messages.Transcribed;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.speech.AudioChunk;
import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.pipeline.speech.SpokenSegment;
import io.framewise.pipeline.speech.Transcription;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class RecordTranscriptionTest {

    static Transcribed transcribed(AudioChunk chunk, Transcription t) {
        return new Transcribed(new TranscribeTask(chunk, "m|" + chunk.sha256(), Role.LEADER), t);
    }

    @Test
    void aTranscriptIsPlacedOnTheVideosTimeline() throws Exception {
        AudioChunk chunk = SpeechOperatorsTest.chunk("v", 1, "abc").withUri("file:///v.mp4");
        try (var h =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new RecordTranscription(SpeechConfig.defaults()))) {
            h.processElement(transcribed(chunk, SpeechOperatorsTest.ok("hello")), 0);

            ChunkTranscript out = h.extractOutputValues().get(0);
            assertThat(out.chunk()).isEqualTo(1);
            // The chunk starts at 10 s: its segment at 0.2-2.8 s is at 10.2-12.8 s in the video.
            assertThat(out.segments())
                    .extracting(SpokenSegment::startMs, SpokenSegment::endMs)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(10_200L, 12_800L));
            assertThat(VideoTimeoutTest.values(h.getSideOutput(Tags.SPEECH_CALLS)))
                    .singleElement()
                    .satisfies(c -> assertThat(c.status()).isEqualTo(Transcription.OK));
            assertThat(h.getSideOutput(Tags.FAILURES)).isNull();
        }
    }

    @Test
    void aChunkThatCouldNotBeTranscribedIsAFailureRowNamingTheChunk() throws Exception {
        AudioChunk chunk = SpeechOperatorsTest.chunk("v", 2, "def").withUri("file:///v.mp4");
        Transcription failed =
                new Transcription(
                        "speech_http_5xx",
                        java.util.List.of(),
                        null,
                        "m",
                        3,
                        900,
                        false,
                        "HTTP 503");
        try (var h =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new RecordTranscription(SpeechConfig.defaults()))) {
            h.processElement(transcribed(chunk, failed), 0);

            // The chunk goes on, empty, so that its video's speech does not wait for it.
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(c -> assertThat(c.segments()).isEmpty());
            FailureRow row =
                    VideoTimeoutTest.values(h.getSideOutput(Tags.FAILURES)).stream()
                            .findFirst()
                            .orElseThrow();
            assertThat(row.stage()).isEqualTo("speech");
            assertThat(row.code()).isEqualTo("speech_http_5xx");
            assertThat(row.uri()).isEqualTo("file:///v.mp4");
            assertThat(row.input()).isEqualTo("chunk:v/2");
            assertThat(row.message()).isEqualTo("20000-23000 ms: HTTP 503");
            assertThat(row.attempt()).isEqualTo(3);
        }
    }
}
