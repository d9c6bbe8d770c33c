package io.framewise.pipeline.job;

import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.job.Messages.KeyframeDone;
import io.framewise.pipeline.job.Messages.KeyframeTask;
import io.framewise.pipeline.text.RecognizedText;
import io.framewise.pipeline.text.TextRecognizer;
import java.io.IOException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Reads the text on a keyframe (text-gated OCR, one engine per subtask, parallel across frames) and
 * stores its picture. A frame whose text cannot be read is still indexed, without text, and the
 * failure is a row; a picture that cannot be stored is a failure row too.
 */
final class ReadKeyframe extends ProcessFunction<KeyframeTask, KeyframeDone> {

    private final TextRecognizer.Factory recognizers;
    private final KeyframeStore.Factory stores;
    private transient TextRecognizer recognizer;
    private transient KeyframeStore store;
    private transient Histogram ocrMs;

    ReadKeyframe(TextRecognizer.Factory recognizers, KeyframeStore.Factory stores) {
        this.recognizers = recognizers;
        this.stores = stores;
    }

    @Override
    public void open(OpenContext context) {
        recognizer = recognizers.create();
        store = stores.create();
        ocrMs =
                FramewiseMetrics.of(getRuntimeContext().getMetricGroup())
                        .histogram(FramewiseMetrics.OCR_MS);
    }

    @Override
    public void processElement(KeyframeTask task, Context ctx, Collector<KeyframeDone> out) {
        Keyframe k = task.keyframe();
        RecognizedText text = null;
        try {
            long start = System.nanoTime();
            text = recognizer.recognize(k.image());
            ocrMs.update((System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            ctx.output(
                    Tags.FAILURES, Failures.row(task.video(), "ocr", "ocr_failed", describe(k, e)));
            JobProgress.failure();
        }
        String uri = "";
        try {
            uri = store.store(k);
        } catch (IOException | RuntimeException e) {
            ctx.output(
                    Tags.FAILURES,
                    Failures.row(task.video(), "keyframe_store", "write_failed", describe(k, e)));
            JobProgress.failure();
        }
        Keyframe withoutPixels =
                new Keyframe(
                        k.videoId(),
                        k.shot(),
                        k.frame(),
                        k.ms(),
                        k.timecode(),
                        k.phash(),
                        k.quality(),
                        null);
        out.collect(
                new KeyframeDone(
                        task.video(),
                        task.shots(),
                        withoutPixels,
                        text,
                        uri,
                        task.keyframesOfVideo()));
    }

    private static String describe(Keyframe k, Exception e) {
        return "frame " + k.frame() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public void close() {
        if (recognizer != null) {
            recognizer.close();
        }
    }
}
