package io.framewise.jobs.graph;

import io.framewise.pipeline.video.VideoRef;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A bounded source of videos known up front: {@code index}'s files, a test's or a bench's. */
public final class LocalVideos implements VideoSource {

    private final List<VideoRef> videos;

    public LocalVideos(List<VideoRef> videos) {
        this.videos = List.copyOf(videos);
    }

    @Override
    public Videos attach(StreamExecutionEnvironment env) {
        return new Videos(
                env.fromData(videos, TypeInformation.of(VideoRef.class))
                        .name("video files")
                        .setParallelism(1),
                null);
    }
}
