package io.framewise.pipeline.operators;

import io.framewise.pipeline.embed.ImageEmbedder;
import io.framewise.pipeline.frames.KeyframeStore;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.scores.FrameScorer;
import io.framewise.pipeline.stages.KeyframeReader;
import io.framewise.pipeline.text.TextRecognizer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Everything that needs a keyframe's pixels, while they are in memory: reads its text (text-gated
 * OCR), scores it (colour, text coverage, faces: the expensive second stage, run on chosen
 * keyframes only), embeds the picture, and stores it. One engine of each per subtask, parallel
 * across frames; the pixels are dropped on the way out.
 *
 * <p>A frame whose text cannot be read, or that cannot be scored or embedded, is still indexed
 * without that part, and the failure is a row; a picture that cannot be stored is a failure row
 * too.
 *
 * <p>With frame description on, it also encodes the smaller JPEG for the vision LLM here, where the
 * pixels still are, and carries it in the message to the describing stage: a JPEG of a few tens of
 * kilobytes travels through the shuffles in front of that stage instead of the raw picture, and
 * nothing reads the stored file back (which on object storage would cost a request).
 */
public final class ReadKeyframe extends ProcessFunction<KeyframeTask, KeyframeDone> {

    private final TextRecognizer.Factory recognizers;
    private final KeyframeStore.Factory stores;
    private final FrameScorer.Factory scorers;
    private final ImageEmbedder.Factory imageEmbedders;
    private final KeyframeReader.LlmImage llmImage;
    private transient TextRecognizer recognizer;
    private transient KeyframeStore store;
    private transient FrameScorer scorer;
    private transient ImageEmbedder imageEmbedder;
    private transient Histogram ocrMs;
    private transient KeyframeReader reader;

    /**
     * @param llmImage the picture to make for the vision LLM; null when enrichment is off
     */
    public ReadKeyframe(
            TextRecognizer.Factory recognizers,
            KeyframeStore.Factory stores,
            FrameScorer.Factory scorers,
            ImageEmbedder.Factory imageEmbedders,
            KeyframeReader.LlmImage llmImage) {
        this.recognizers = recognizers;
        this.stores = stores;
        this.scorers = scorers;
        this.imageEmbedders = imageEmbedders;
        this.llmImage = llmImage;
    }

    @Override
    public void open(OpenContext context) {
        recognizer = recognizers.create();
        store = stores.create();
        scorer = scorers.create();
        imageEmbedder = imageEmbedders.create(AssignedGpu.of(getRuntimeContext()));
        ocrMs =
                FramewiseMetrics.of(getRuntimeContext().getMetricGroup())
                        .histogram(FramewiseMetrics.OCR_MS);
        reader = new KeyframeReader(recognizer, store, scorer, imageEmbedder, llmImage);
    }

    @Override
    public void processElement(KeyframeTask task, Context ctx, Collector<KeyframeDone> out) {
        out.collect(reader.read(task, row -> ctx.output(Tags.FAILURES, row), ocrMs::update));
    }

    @Override
    public void close() {
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
