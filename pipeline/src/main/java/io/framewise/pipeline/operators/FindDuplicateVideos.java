package io.framewise.pipeline.operators;

import io.framewise.pipeline.aggregate.VideoMatcher;
import io.framewise.pipeline.aggregate.VideoSignature;
import io.framewise.pipeline.messages.Messages.SummarizedVideo;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.stages.DuplicateFinding;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by organisation: compares each summarised video's shot sequence with those of the
 * organisation's earlier videos, writes the near-duplicates into its summary, emits the final
 * {@code videos} row and remembers its signature.
 *
 * <p>Signatures are kept for the configured retention (state time-to-live, so the state stays
 * bounded); each later video is compared with every one kept. A video is listed as a duplicate only
 * by the videos that come after it, since rows once written are not rewritten.
 */
public final class FindDuplicateVideos
        extends KeyedProcessFunction<String, SummarizedVideo, VideoRow> {

    private final VideoMatcher.Factory matchers;
    private final Duration retention;
    private transient VideoMatcher matcher;
    private transient MapState<String, VideoSignature> signatures;

    public FindDuplicateVideos(VideoMatcher.Factory matchers, Duration retention) {
        this.matchers = matchers;
        this.retention = retention;
    }

    @Override
    public void open(OpenContext context) {
        matcher = matchers.create();
        MapStateDescriptor<String, VideoSignature> descriptor =
                new MapStateDescriptor<>(
                        "signatures", Types.STRING, TypeInformation.of(VideoSignature.class));
        descriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(retention)
                        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                        .build());
        signatures = getRuntimeContext().getMapState(descriptor);
    }

    @Override
    public void processElement(SummarizedVideo video, Context ctx, Collector<VideoRow> out)
            throws Exception {
        DuplicateFinding.Found found = DuplicateFinding.find(video, signatures.entries(), matcher);
        if (found.failure() != null) {
            ctx.output(Tags.FAILURES, found.failure());
        }
        if (video.signature().shots() > 0) {
            signatures.put(video.row().videoId(), video.signature());
        }
        out.collect(found.row());
    }

    @Override
    public void close() {
        if (matcher != null) {
            matcher.close();
        }
    }
}
