package io.framewise.pipeline.operators;

import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.messages.Messages.KeyframeWorkTask;
import io.framewise.pipeline.messages.Messages.KeyframesChosen;
import io.framewise.pipeline.stages.KeyframeDecoding;
import io.framewise.pipeline.video.VideoFetcher;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes one part of a video's keyframe work (any subtask) and chooses the keyframes of its shots;
 * a part that cannot be decoded is passed on with its reason, so that its video fails as a whole.
 */
public final class DecodeKeyframes extends ProcessFunction<KeyframeWorkTask, KeyframesChosen> {

    private final KeyframeExtractor.Factory extractors;
    private final VideoFetcher.Factory fetchers;
    private transient KeyframeExtractor extractor;
    private transient VideoFetcher fetcher;

    public DecodeKeyframes(KeyframeExtractor.Factory extractors) {
        this(extractors, VideoFetcher.localFiles());
    }

    public DecodeKeyframes(KeyframeExtractor.Factory extractors, VideoFetcher.Factory fetchers) {
        this.extractors = extractors;
        this.fetchers = fetchers;
    }

    @Override
    public void open(OpenContext context) {
        extractor = extractors.create();
        fetcher = fetchers.create();
    }

    @Override
    public void processElement(KeyframeWorkTask task, Context ctx, Collector<KeyframesChosen> out) {
        out.collect(KeyframeDecoding.decode(task, fetcher, extractor));
    }

    @Override
    public void close() {
        if (extractor != null) {
            extractor.close();
        }
        if (fetcher != null) {
            fetcher.close();
        }
    }
}
