package io.framewise.beam;

import io.framewise.pipeline.embed.ImageEmbedder;
import io.framewise.pipeline.frames.KeyframeStore;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.scores.FrameScorer;
import io.framewise.pipeline.stages.KeyframeReader;
import io.framewise.pipeline.text.TextRecognizer;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Step 5 ({@link KeyframeReader}): OCR, scores, image vector and the stored JPEG of one keyframe,
 * and with frame description on the downscaled picture for the LLM; its engines opened once per
 * DoFn instance.
 */
final class ReadKeyframeFn extends DoFn<KeyframeTask, KeyframeDone> {

    static final TupleTag<KeyframeDone> READ = new TupleTag<>("read-keyframes") {};

    private final TextRecognizer.Factory recognizers;
    private final KeyframeStore.Factory stores;
    private final FrameScorer.Factory scorers;
    private final ImageEmbedder.Factory images;
    private final KeyframeReader.LlmImage llmImage;
    private final Distribution ocrMs = BeamMetrics.distribution(FramewiseMetrics.OCR_MS);
    private transient TextRecognizer recognizer;
    private transient FrameScorer scorer;
    private transient ImageEmbedder imageEmbedder;
    private transient KeyframeReader reader;

    ReadKeyframeFn(
            TextRecognizer.Factory recognizers,
            KeyframeStore.Factory stores,
            FrameScorer.Factory scorers,
            ImageEmbedder.Factory images,
            KeyframeReader.LlmImage llmImage) {
        this.recognizers = recognizers;
        this.stores = stores;
        this.scorers = scorers;
        this.images = images;
        this.llmImage = llmImage;
    }

    @Setup
    public void setup() {
        recognizer = recognizers.create();
        scorer = scorers.create();
        // No GPU assignment on Beam runners: -1, as on a Flink cluster without the resource.
        imageEmbedder = images.create(-1);
        reader = new KeyframeReader(recognizer, stores.create(), scorer, imageEmbedder, llmImage);
    }

    @ProcessElement
    public void process(@Element KeyframeTask task, MultiOutputReceiver out) {
        out.get(READ).output(reader.read(task, out.get(Outputs.FAILURES)::output, ocrMs::update));
    }

    @Teardown
    public void teardown() {
        if (recognizer != null) {
            recognizer.close();
        }
        if (scorer != null) {
            scorer.close();
        }
        if (imageEmbedder != null) {
            imageEmbedder.close();
        }
    }
}
