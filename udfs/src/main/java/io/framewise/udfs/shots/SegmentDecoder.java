package io.framewise.udfs.shots;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import io.framewise.pipeline.shots.SegmentFeatures;
import io.framewise.pipeline.shots.SegmentPlan;
import io.framewise.pipeline.shots.SegmentPlan.Segment;
import io.framewise.pipeline.shots.VideoException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Decodes one segment of a plan, streaming: each frame is reduced to its signature and features as
 * soon as it is decoded, and only the look-back window of signatures is kept.
 *
 * <p>Decoding starts at the segment's keyframe and keeps frames whose presentation timestamps lie
 * in the segment's range; it goes on past the next segment's keyframe until a frame at or after the
 * range's end comes out, so that frames shown before that keyframe but stored after it are not
 * lost. Damaged packets are skipped, as FFmpeg's own tools do; a segment that yields no frame at
 * all is an error.
 */
final class SegmentDecoder {

    private final MediaInput in;
    private final SegmentPlan plan;
    private final Segment segment;
    private final SignatureSampler sampler;
    private final FeatureExtractor extractor = new FeatureExtractor();
    private final List<byte[]> head = new ArrayList<>();
    private final ArrayDeque<byte[]> tail = new ArrayDeque<>();
    private long[] pts = new long[1024];
    private float[] features = new float[1024 * Features.COUNT];
    private int frames;
    private long lastPts = AV_NOPTS_VALUE;
    private boolean finished;

    private SegmentDecoder(MediaInput in, SegmentPlan plan, int index) {
        this.in = in;
        this.plan = plan;
        this.segment = plan.segments().get(index);
        int w = in.stream().codecpar().width();
        int h = in.stream().codecpar().height();
        this.sampler = new SignatureSampler(w, h);
    }

    /** Decodes segment {@code index} of {@code plan} from the opened {@code in}. */
    static SegmentFeatures decode(MediaInput in, SegmentPlan plan, int index)
            throws VideoException {
        SegmentDecoder decoder = new SegmentDecoder(in, plan, index);
        try {
            return decoder.run();
        } finally {
            decoder.sampler.close();
        }
    }

    private SegmentFeatures run() throws VideoException {
        if (segment.seekTimestamp() != Long.MIN_VALUE) {
            in.seek(segment.seekTimestamp());
        }
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            while (!finished) {
                in.deadline().check(in.name());
                if (!in.read(packet)) {
                    avcodec_send_packet(in.decoder(), null); // drain what the decoder holds
                    receive(frame);
                    break;
                }
                try {
                    if (packet.stream_index() == in.streamIndex()) {
                        // A damaged packet is skipped; its loss shows up as missing frames.
                        avcodec_send_packet(in.decoder(), packet);
                        receive(frame);
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
        }
        if (frames == 0 && plan.segments().size() == 1) {
            throw new VideoException(
                    VideoException.Code.CORRUPT, "no frame could be decoded: " + in.name());
        }
        return new SegmentFeatures(
                segment.index(),
                Arrays.copyOf(pts, frames),
                Arrays.copyOf(features, frames * Features.COUNT),
                Features.COUNT,
                head.toArray(new byte[0][]),
                tail.toArray(new byte[0][]));
    }

    private void receive(AVFrame frame) {
        while (!finished && avcodec_receive_frame(in.decoder(), frame) >= 0) {
            try {
                accept(frame);
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    private void accept(AVFrame frame) {
        long p = frame.best_effort_timestamp();
        if (p == AV_NOPTS_VALUE) {
            p = lastPts == AV_NOPTS_VALUE ? 0 : lastPts + Math.max(1, frame.duration());
        }
        if (p < segment.startPts()) {
            return; // shown before this segment's keyframe: the previous segment decodes it
        }
        if (p >= segment.endPts()) {
            finished = true;
            return;
        }
        lastPts = p;
        byte[] sig = sampler.sample(frame);
        if (frames == pts.length) {
            pts = Arrays.copyOf(pts, frames * 2);
            features = Arrays.copyOf(features, frames * 2 * Features.COUNT);
        }
        pts[frames] = p;
        extractor.next(sig, features, frames * Features.COUNT);
        frames++;
        if (head.size() < Features.LOOK_BACK) {
            head.add(sig);
        }
        tail.addLast(sig);
        if (tail.size() > Features.LOOK_BACK) {
            tail.removeFirst();
        }
    }
}
