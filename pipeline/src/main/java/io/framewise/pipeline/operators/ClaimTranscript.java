package io.framewise.pipeline.operators;

import io.framewise.pipeline.messages.DescribeTask.Role;
import io.framewise.pipeline.messages.TranscribeTask;
import io.framewise.pipeline.speech.AudioChunk;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by transcript cache key (model and the audio's SHA-256): the first chunk with a key is the
 * leader, which asks the server; every later one within the cache's time to live is a follower
 * (side output {@link Tags#SPEECH_FOLLOWERS}) and takes the leader's transcript in {@link
 * ShareTranscript}. The describing stage's {@link ClaimDescription}, for chunks of audio.
 */
public final class ClaimTranscript
        extends KeyedProcessFunction<String, AudioChunk, TranscribeTask> {

    private final Duration ttl;
    private transient ValueState<Long> claimedAt;

    public ClaimTranscript(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<Long> claim = new ValueStateDescriptor<>("claimed-at", Types.LONG);
        claim.enableTimeToLive(ShareDescription.ttl(ttl));
        claimedAt = getRuntimeContext().getState(claim);
    }

    @Override
    public void processElement(AudioChunk chunk, Context ctx, Collector<TranscribeTask> out)
            throws Exception {
        if (claimedAt.value() == null) {
            claimedAt.update(ctx.timerService().currentProcessingTime());
            out.collect(new TranscribeTask(chunk, ctx.getCurrentKey(), Role.LEADER));
        } else {
            ctx.output(
                    Tags.SPEECH_FOLLOWERS,
                    new TranscribeTask(chunk, ctx.getCurrentKey(), Role.FOLLOWER));
        }
    }
}
