package io.framewise.pipeline.operators;

import io.framewise.pipeline.messages.ChunkTranscript;
import io.framewise.pipeline.messages.Transcribed;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.SpeechCallRow;
import io.framewise.pipeline.speech.AudioChunk;
import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.pipeline.speech.SpokenSegment;
import io.framewise.pipeline.speech.Transcription;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The transcribing stage's last step, once per chunk: its {@code speech_calls} row (side output
 * {@link Tags#SPEECH_CALLS}), a {@code failures} row (stage {@code speech}) when it could not be
 * transcribed, and its segments placed on the video's timeline for {@link GatherSpeech}.
 */
public final class RecordTranscription extends ProcessFunction<Transcribed, ChunkTranscript> {

    private final SpeechConfig config;

    public RecordTranscription(SpeechConfig config) {
        this.config = config;
    }

    @Override
    public void processElement(Transcribed t, Context ctx, Collector<ChunkTranscript> out) {
        AudioChunk c = t.task().chunk();
        Transcription tr = t.transcription();
        long now = System.currentTimeMillis();
        Double cost = tr.cached() ? Double.valueOf(0) : config.cost(c.durationMs());
        ctx.output(
                Tags.SPEECH_CALLS,
                new SpeechCallRow(
                        c.videoId(),
                        c.index(),
                        c.startMs(),
                        c.endMs(),
                        tr.model(),
                        tr.status(),
                        tr.attempts(),
                        tr.latencyMs(),
                        c.durationMs() / 1000.0,
                        cost,
                        tr.cached(),
                        tr.segments().size(),
                        now));
        List<SpokenSegment> placed = new ArrayList<>();
        if (tr.ok()) {
            for (SpokenSegment s : tr.segments()) {
                placed.add(s.shifted(c.startMs()));
            }
        } else {
            ctx.output(
                    Tags.FAILURES,
                    FailureRow.ofVideo(
                                    c.videoId(),
                                    c.uri(),
                                    ExtractSpeech.STAGE,
                                    tr.status(),
                                    String.format(
                                            "%d-%d ms: %s", c.startMs(), c.endMs(), tr.message()))
                            .withInput(FailureRow.chunk(c.videoId(), c.index()))
                            .withAttempt(Math.max(1, tr.attempts())));
        }
        out.collect(new ChunkTranscript(c.videoId(), c.index(), placed, tr.language(), tr.model()));
    }
}
