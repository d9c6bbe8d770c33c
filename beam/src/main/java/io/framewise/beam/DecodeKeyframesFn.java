package io.framewise.beam;

import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.messages.Messages.KeyframeWorkTask;
import io.framewise.pipeline.messages.Messages.KeyframesChosen;
import io.framewise.pipeline.stages.KeyframeDecoding;
import io.framewise.pipeline.video.VideoFetcher;
import org.apache.beam.sdk.transforms.DoFn;

/** Step 4a ({@link KeyframeDecoding}): one part of a video's keyframe work, decoded. */
final class DecodeKeyframesFn extends DoFn<KeyframeWorkTask, KeyframesChosen> {

    private final KeyframeExtractor.Factory extractors;
    private final VideoFetcher.Factory fetchers;
    private transient KeyframeExtractor extractor;
    private transient VideoFetcher fetcher;

    DecodeKeyframesFn(KeyframeExtractor.Factory extractors, VideoFetcher.Factory fetchers) {
        this.extractors = extractors;
        this.fetchers = fetchers;
    }

    @Setup
    public void setup() {
        extractor = extractors.create();
        fetcher = fetchers.create();
    }

    @ProcessElement
    public void process(@Element KeyframeWorkTask task, OutputReceiver<KeyframesChosen> out) {
        out.output(KeyframeDecoding.decode(task, fetcher, extractor));
    }

    @Teardown
    public void teardown() {
        if (extractor != null) {
            extractor.close();
        }
        if (fetcher != null) {
            fetcher.close();
        }
    }
}
