package io.framewise.pipeline.stages;

import io.framewise.pipeline.messages.Messages.SegmentTask;
import io.framewise.pipeline.shots.SegmentPlan;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.video.VideoFetcher;
import io.framewise.pipeline.video.VideoRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 1: fetches and probes a video and cuts it into the segments that later decode in parallel; a
 * video that cannot be fetched or opened is a {@link VideoFailure} of stage {@code fetch} or {@code
 * plan}.
 */
public final class Planning {

    private Planning() {}

    /**
     * The segments of a video, or why there are none.
     *
     * @param segments one task per segment, in order; empty when the video failed
     * @param failure null unless the video failed
     * @param fetchMs how long fetching took; -1 when the fetch failed
     */
    public record Planned(List<SegmentTask> segments, VideoFailure failure, long fetchMs) {}

    public static Planned plan(VideoRef video, VideoFetcher fetcher, ShotDetector detector) {
        Path local = null;
        long fetchMs = -1;
        try {
            long start = System.nanoTime();
            local = fetcher.fetch(video);
            fetchMs = (System.nanoTime() - start) / 1_000_000;
            SegmentPlan plan = detector.plan(local);
            List<SegmentTask> tasks = new ArrayList<>();
            for (int i = 0; i < plan.segments().size(); i++) {
                tasks.add(new SegmentTask(video, plan, i));
            }
            return new Planned(tasks, null, fetchMs);
        } catch (VideoException failure) {
            VideoException e = failure.naming(local, video.uri());
            String stage = isFetchError(e) ? "fetch" : "plan";
            return new Planned(
                    List.of(),
                    new VideoFailure(video, stage, e.codeName(), e.getMessage()),
                    fetchMs);
        }
    }

    private static boolean isFetchError(VideoException e) {
        return e.code() == VideoException.Code.URI_REJECTED
                || e.code() == VideoException.Code.FETCH_FAILED;
    }
}
