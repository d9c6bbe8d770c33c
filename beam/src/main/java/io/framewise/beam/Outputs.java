package io.framewise.beam;

import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.stages.VideoFailure;
import java.io.Serializable;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The dead-letter outputs every step of the Beam backfill shares, as the Flink operators' side
 * outputs: failure rows, and the {@code failed} rows of videos that failed before their shots were
 * known. Nothing is dropped: each ends in the {@code failures} or {@code videos} table.
 */
final class Outputs {

    static final TupleTag<FailureRow> FAILURES = new TupleTag<>("failures") {};

    static final TupleTag<VideoRow> FAILED_VIDEOS = new TupleTag<>("failed-videos") {};

    private Outputs() {}

    /** Both rows of a video that cannot be indexed. */
    static void videoFailed(DoFn.MultiOutputReceiver out, VideoFailure failure) {
        out.get(FAILURES).output(failure.row());
        out.get(FAILED_VIDEOS).output(failure.failedVideo());
    }

    /**
     * The coder of a message or row type: all of them are serializable records, as in the Flink
     * job's state and network.
     */
    static <T extends Serializable> Coder<T> coder(Class<T> type) {
        return SerializableCoder.of(type);
    }
}
