package io.framewise.beam;

import io.framewise.pipeline.aggregate.VideoMatcher;
import io.framewise.pipeline.aggregate.VideoSignature;
import io.framewise.pipeline.messages.Messages.SummarizedVideo;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.stages.DuplicateFinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Step 8b ({@link DuplicateFinding}), on all of an organisation's summarised videos at once: each
 * compared with those before it. A batch has no arrival order, so "before" is by video id, which
 * makes the lists the same on every run (the Flink job lists by arrival instead).
 */
final class DuplicatesFn extends DoFn<KV<String, Iterable<SummarizedVideo>>, VideoRow> {

    static final TupleTag<VideoRow> FINAL = new TupleTag<>("final-videos") {};

    private final VideoMatcher.Factory matchers;
    private transient VideoMatcher matcher;

    DuplicatesFn(VideoMatcher.Factory matchers) {
        this.matchers = matchers;
    }

    @Setup
    public void setup() {
        matcher = matchers.create();
    }

    @ProcessElement
    public void process(
            @Element KV<String, Iterable<SummarizedVideo>> org, MultiOutputReceiver out) {
        List<SummarizedVideo> videos = new ArrayList<>();
        org.getValue().forEach(videos::add);
        videos.sort(Comparator.comparing(v -> v.row().videoId()));
        Map<String, VideoSignature> earlier = new LinkedHashMap<>();
        for (SummarizedVideo v : videos) {
            DuplicateFinding.Found found = DuplicateFinding.find(v, earlier.entrySet(), matcher);
            if (found.failure() != null) {
                out.get(Outputs.FAILURES).output(found.failure());
            }
            if (v.signature().shots() > 0) {
                earlier.put(v.row().videoId(), v.signature());
            }
            out.get(FINAL).output(found.row());
        }
    }

    @Teardown
    public void teardown() {
        if (matcher != null) {
            matcher.close();
        }
    }
}
