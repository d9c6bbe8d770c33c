package io.framewise.beam;

import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.TextRow;
import io.framewise.pipeline.rows.TranscriptRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.stages.VideoAssembly;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Step 6 ({@link VideoAssembly}), on all of a video's read keyframes at once: its {@code videos},
 * {@code shots}, {@code frames} and {@code texts} rows and its shots' features.
 */
final class AssembleFn extends DoFn<KV<String, Iterable<KeyframeDone>>, VideoRow> {

    static final TupleTag<VideoRow> VIDEOS = new TupleTag<>("assembled-videos") {};
    static final TupleTag<ShotRow> SHOTS = new TupleTag<>("shots") {};
    static final TupleTag<FrameRow> FRAMES = new TupleTag<>("frames") {};
    static final TupleTag<TextRow> TEXTS = new TupleTag<>("texts") {};
    static final TupleTag<ShotFeatures> SHOT_FEATURES = new TupleTag<>("shot-features") {};

    @ProcessElement
    public void process(
            @Element KV<String, Iterable<KeyframeDone>> video, MultiOutputReceiver out) {
        List<KeyframeDone> all = new ArrayList<>();
        video.getValue().forEach(all::add);
        // Speech is not part of the Beam backfill. A batch stitches each video whole, so every
        // keyframe carries its video's shots.
        VideoAssembly.assemble(
                all.get(0).shots(),
                all,
                null,
                new VideoAssembly.Rows() {
                    @Override
                    public void text(TextRow row) {
                        out.get(TEXTS).output(row);
                    }

                    @Override
                    public void shot(ShotRow row) {
                        out.get(SHOTS).output(row);
                    }

                    @Override
                    public void frame(FrameRow row) {
                        out.get(FRAMES).output(row);
                    }

                    @Override
                    public void shotFeatures(ShotFeatures features) {
                        out.get(SHOT_FEATURES).output(features);
                    }

                    @Override
                    public void transcript(TranscriptRow row) {
                        throw new IllegalStateException("no speech in the Beam backfill");
                    }

                    @Override
                    public void video(VideoRow row) {
                        out.get(VIDEOS).output(row);
                    }
                });
    }
}
