package io.framewise.beam;

import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.aggregate.VideoSummarizer;
import io.framewise.pipeline.messages.Messages.SummarizedVideo;
import io.framewise.pipeline.rows.SceneRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.stages.VideoSummarizing;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Step 8a ({@link VideoSummarizing}), on a video's row joined with all its shots' features: the
 * scenes and the summary.
 */
final class SummarizeFn extends DoFn<KV<String, CoGbkResult>, SummarizedVideo> {

    /** The join's inputs: the assembled row, the shots' features. */
    static final TupleTag<VideoRow> ROW = new TupleTag<>("row") {};

    static final TupleTag<ShotFeatures> FEATURES = new TupleTag<>("features") {};

    static final TupleTag<SummarizedVideo> SUMMARIZED = new TupleTag<>("summarized") {};
    static final TupleTag<SceneRow> SCENES = new TupleTag<>("scenes") {};

    private final VideoSummarizer.Factory summarizers;
    private transient VideoSummarizer summarizer;

    SummarizeFn(VideoSummarizer.Factory summarizers) {
        this.summarizers = summarizers;
    }

    @Setup
    public void setup() {
        summarizer = summarizers.create();
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> video, MultiOutputReceiver out) {
        List<ShotFeatures> shots = new ArrayList<>();
        video.getValue().getAll(FEATURES).forEach(shots::add);
        // Exactly one row per video reaches here: the assembly writes one, and the join is by id.
        for (VideoRow row : video.getValue().getAll(ROW)) {
            VideoSummarizing.Summarized s = VideoSummarizing.summarize(row, shots, summarizer);
            s.scenes().forEach(out.get(SCENES)::output);
            if (s.failure() != null) {
                out.get(Outputs.FAILURES).output(s.failure());
            }
            out.get(SUMMARIZED).output(s.video());
        }
    }

    @Teardown
    public void teardown() {
        if (summarizer != null) {
            summarizer.close();
        }
    }
}
