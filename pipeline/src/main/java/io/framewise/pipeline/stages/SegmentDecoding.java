package io.framewise.pipeline.stages;

import io.framewise.pipeline.messages.Messages.SegmentDone;
import io.framewise.pipeline.messages.Messages.SegmentTask;
import io.framewise.pipeline.shots.SegmentFeatures;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.video.VideoFetcher;
import java.nio.file.Path;

/**
 * Step 2: decodes one segment of a video into its frame features, the video fetched where the
 * segment is decoded. A segment that fails still reports, with its error, so that stitching does
 * not wait for it.
 */
public final class SegmentDecoding {

    private SegmentDecoding() {}

    public static SegmentDone decode(
            SegmentTask task, VideoFetcher fetcher, ShotDetector detector) {
        Path local = null;
        try {
            local = fetcher.fetch(task.video());
            SegmentFeatures f =
                    detector.decode(task.plan().readFrom(local.toString()), task.segment());
            return new SegmentDone(task.video(), task.plan(), task.segment(), f, null, null);
        } catch (VideoException failure) {
            VideoException e = failure.naming(local, task.video().uri());
            return new SegmentDone(
                    task.video(), task.plan(), task.segment(), null, e.codeName(), e.getMessage());
        }
    }
}
