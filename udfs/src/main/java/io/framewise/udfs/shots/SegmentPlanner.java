package io.framewise.udfs.shots;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import io.framewise.pipeline.shots.Rational;
import io.framewise.pipeline.shots.SegmentPlan;
import io.framewise.pipeline.shots.SegmentPlan.Segment;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.shots.VideoException.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Probes a video and cuts it into segments that start at keyframes.
 *
 * <p>Split points come from the container's index (mp4, mkv cues, ...); a container without one is
 * decoded as one segment. Because index timestamps are decode timestamps in many containers, each
 * split point's presentation timestamp is read from the keyframe packet itself. The index also
 * tells whether the file was cut short: an entry that points past the end of the file means the
 * video is truncated, which is reported before any decoding.
 */
final class SegmentPlanner {

    /** A segment shorter than this (in seconds of video) is not worth its own decoder. */
    static final double MIN_SEGMENT_SECONDS = 1.0;

    private static final int AVINDEX_KEYFRAME = 1;

    private SegmentPlanner() {}

    /**
     * {@link #plan(MediaInput, Path, Shares, DecodingCost)} in {@code segments} equal shares of the
     * work the index tells.
     */
    static SegmentPlan plan(MediaInput in, Path path, int segments) throws VideoException {
        return plan(in, path, Shares.equal(segments), DecodingCost.fromIndex(in.stream()));
    }

    /**
     * Where segments end, as fractions {@code ends[i] / whole} of the video, the last one 1: the
     * split points are the keyframes nearest to them.
     */
    record Shares(long[] ends, long whole) {

        /** {@code n} equal shares. */
        static Shares equal(int n) {
            long[] ends = new long[Math.max(1, n)];
            for (int i = 0; i < ends.length; i++) {
                ends[i] = i + 1;
            }
            return new Shares(ends, ends.length);
        }

        /**
         * {@code n} equal shares, of which the last {@code threads} are halved and the last {@code
         * threads} halves halved again: {@code n + 2 * threads} segments, where {@code n} is more
         * than twice {@code threads} (else {@link #equal}). Threads that take segments in turn end
         * at different times, as a segment's work is only estimated ahead and keyframes split it
         * only where they are; with smaller segments last, the last to end ends within about a
         * quarter segment of the others instead of a whole one.
         */
        static Shares taperedFor(int n, int threads) {
            if (threads < 2 || n <= 2 * threads) {
                return equal(n);
            }
            long[] ends = new long[n + 2 * threads];
            int at = 0;
            for (int i = 1; i <= n - threads; i++) {
                ends[at++] = 4L * i;
            }
            long end = 4L * (n - threads);
            for (int i = 0; i < threads; i++) {
                end += 2;
                ends[at++] = end;
            }
            for (int i = 0; i < 2 * threads; i++) {
                end += 1;
                ends[at++] = end;
            }
            return new Shares(ends, 4L * n);
        }

        int count() {
            return ends.length;
        }
    }

    /**
     * Plans {@code shares} of the video's decoding work {@code cost} (of its duration where that is
     * null).
     */
    static SegmentPlan plan(MediaInput in, Path path, Shares shares, DecodingCost cost)
            throws VideoException {
        AVStream st = in.stream();
        Rational timeBase = rational(st.time_base(), new Rational(1, 90_000));
        Rational fps = nominalFps(st);
        int rotation = in.rotation();
        int width = st.codecpar().width();
        int height = st.codecpar().height();
        boolean sideways = rotation == 90 || rotation == 270;
        long announced = st.nb_frames() > 0 ? st.nb_frames() : -1;
        long announcedMs = in.format().duration() > 0 ? in.format().duration() / 1000 : -1;

        List<Long> keyframes = keyframeTimestamps(in, path);
        if (keyframes.size() < 2 && shares.count() > 1) {
            // Matroska reads its cues only when first asked to seek.
            in.seek(Long.MIN_VALUE + 1);
            keyframes = keyframeTimestamps(in, path);
        }
        if (keyframes.size() < 2 && shares.count() > 1) {
            keyframes = scanKeyframes(in);
        }
        List<Segment> plan = split(in, keyframes, shares, cost, timeBase);
        return new SegmentPlan(
                in.name(),
                sideways ? height : width,
                sideways ? width : height,
                rotation,
                fps,
                timeBase,
                announced,
                announcedMs,
                in.codecName(),
                in.containerName(),
                plan);
    }

    /**
     * The indices of {@code plan}'s segments, the one with the most decoding work first ({@link
     * DecodingCost}); in video order where the index does not tell the work. (Segments are ranges
     * of presentation timestamps and many indexes hold decode timestamps: a few frames apart, which
     * an estimate for an order can take.)
     */
    static List<Integer> mostWorkFirst(SegmentPlan plan, DecodingCost cost) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < plan.segments().size(); i++) {
            order.add(i);
        }
        if (cost != null) {
            List<Segment> segments = plan.segments();
            order.sort(
                    Comparator.comparingLong(
                            (Integer i) ->
                                    -cost.between(
                                            segments.get(i).startPts(), segments.get(i).endPts())));
        }
        return order;
    }

    /** Nominal rate: the stream's average rate, else its base rate, else 25 fps. */
    static Rational nominalFps(AVStream st) {
        Rational avg = rational(st.avg_frame_rate(), null);
        if (avg != null && avg.isPositive() && avg.toDouble() < 1000) {
            return avg;
        }
        Rational base = rational(st.r_frame_rate(), null);
        if (base != null && base.isPositive() && base.toDouble() < 1000) {
            return base;
        }
        return new Rational(25, 1);
    }

    static Rational rational(AVRational r, Rational fallback) {
        if (r == null || r.den() <= 0 || r.num() <= 0) {
            return fallback;
        }
        long num = r.num();
        long den = r.den();
        long g = gcd(num, den);
        return new Rational(num / g, den / g);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Keyframe timestamps from the index; checks that no entry points past the file's end. */
    private static List<Long> keyframeTimestamps(MediaInput in, Path path) throws VideoException {
        AVStream st = in.stream();
        int count = avformat_index_get_entries_count(st);
        long fileSize;
        try {
            fileSize = Files.size(path);
        } catch (IOException e) {
            throw new VideoException(Code.UNREADABLE, "cannot read: " + in.name() + ": " + e);
        }
        List<Long> keys = new ArrayList<>();
        long end = 0;
        for (int i = 0; i < count; i++) {
            AVIndexEntry e = avformat_index_get_entry(st, i);
            if (e == null || e.isNull()) {
                continue;
            }
            if (e.pos() >= 0) {
                end = Math.max(end, e.pos() + e.size());
            }
            if ((e.flags() & AVINDEX_KEYFRAME) != 0) {
                keys.add(e.timestamp());
            }
        }
        if (end > fileSize) {
            throw new VideoException(
                    Code.TRUNCATED,
                    String.format(
                            "truncated: the file has %d bytes but its index needs %d (%.0f%%"
                                    + " present): %s",
                            fileSize, end, 100.0 * fileSize / end, in.name()));
        }
        keys.sort(Long::compare);
        return keys;
    }

    private static List<Segment> split(
            MediaInput in,
            List<Long> keyframes,
            Shares shares,
            DecodingCost cost,
            Rational timeBase)
            throws VideoException {
        List<Segment> whole =
                List.of(new Segment(0, Long.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE));
        if (shares.count() <= 1 || keyframes.size() < 2) {
            return whole;
        }
        long first = keyframes.get(0);
        long spanEnd = spanEnd(in, timeBase, keyframes.get(keyframes.size() - 1));
        long minGap =
                Math.max(1, Math.round(MIN_SEGMENT_SECONDS * timeBase.den() / timeBase.num()));
        // Split points: for each share's end, the keyframe nearest to where that share of the
        // decoding work is done (of the duration, where the index does not tell the work). Equal
        // shares give segments of about equal work, the last one included, so that subtasks given
        // the same number of segments finish together.
        List<Long> seekPoints = new ArrayList<>();
        long previous = first;
        int k = 0;
        for (int s = 0; s + 1 < shares.count(); s++) {
            long target =
                    cost != null
                            ? cost.timestampAt(shares.ends()[s], shares.whole())
                            : first + (spanEnd - first) * shares.ends()[s] / shares.whole();
            while (k < keyframes.size() && keyframes.get(k) <= target) {
                k++;
            }
            // k > 0: the first keyframe is at or before every target.
            long below = keyframes.get(k - 1);
            long chosen =
                    k == keyframes.size() || target - below <= keyframes.get(k) - target
                            ? below
                            : keyframes.get(k);
            if (chosen - previous >= minGap) {
                seekPoints.add(chosen);
                previous = chosen;
            }
        }
        List<long[]> starts = new ArrayList<>(); // {seek timestamp, pts}
        for (long seek : seekPoints) {
            long pts = keyframePts(in, seek);
            if (pts != AV_NOPTS_VALUE
                    && (starts.isEmpty() || pts > starts.get(starts.size() - 1)[1])) {
                starts.add(new long[] {seek, pts});
            }
        }
        if (starts.isEmpty()) {
            return whole;
        }
        List<Segment> segments = new ArrayList<>();
        segments.add(new Segment(0, Long.MIN_VALUE, Long.MIN_VALUE, starts.get(0)[1]));
        for (int i = 0; i < starts.size(); i++) {
            long end = i + 1 < starts.size() ? starts.get(i + 1)[1] : Long.MAX_VALUE;
            segments.add(new Segment(i + 1, starts.get(i)[0], starts.get(i)[1], end));
        }
        return segments;
    }

    /**
     * Where the stream ends, in its time base, as the container announces it (the stream's own
     * duration, else the file's: Matroska gives only the latter); {@code lastKeyframe} when it
     * announces neither.
     */
    private static long spanEnd(MediaInput in, Rational timeBase, long lastKeyframe) {
        AVStream st = in.stream();
        long start = st.start_time() == AV_NOPTS_VALUE ? 0 : st.start_time();
        long duration = st.duration();
        if (duration <= 0 || duration == AV_NOPTS_VALUE) {
            long micros = in.format().duration();
            if (micros <= 0 || micros == AV_NOPTS_VALUE) {
                return lastKeyframe;
            }
            duration = Math.round(micros / 1e6 * timeBase.den() / timeBase.num());
        }
        return Math.max(lastKeyframe, start + duration);
    }

    /**
     * Keyframe timestamps of a container without an index (MPEG-TS, raw streams), found by demuxing
     * every packet once; demuxing costs a small fraction of decoding.
     */
    private static List<Long> scanKeyframes(MediaInput in) throws VideoException {
        List<Long> keys = new ArrayList<>();
        AVPacket packet = av_packet_alloc();
        try {
            while (in.read(packet)) {
                if (packet.stream_index() == in.streamIndex()
                        && (packet.flags() & AV_PKT_FLAG_KEY) != 0) {
                    long ts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
                    if (ts != AV_NOPTS_VALUE) {
                        keys.add(ts);
                    }
                }
                av_packet_unref(packet);
            }
        } finally {
            av_packet_free(packet);
        }
        keys.sort(Long::compare);
        return keys;
    }

    /** The presentation timestamp of the keyframe packet a seek to {@code seek} lands on. */
    private static long keyframePts(MediaInput in, long seek) throws VideoException {
        in.seek(seek);
        AVPacket packet = av_packet_alloc();
        try {
            while (in.read(packet)) {
                try {
                    if (packet.stream_index() != in.streamIndex()) {
                        continue;
                    }
                    if ((packet.flags() & AV_PKT_FLAG_KEY) == 0) {
                        return AV_NOPTS_VALUE;
                    }
                    return packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                } finally {
                    av_packet_unref(packet);
                }
            }
            return AV_NOPTS_VALUE;
        } finally {
            av_packet_free(packet);
        }
    }
}
