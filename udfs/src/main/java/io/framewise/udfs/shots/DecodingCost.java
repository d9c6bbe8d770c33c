package io.framewise.udfs.shots;

import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;

import java.util.Arrays;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * The decoding work along a video, estimated from its container's index before any decoding: each
 * frame costs its packet's bytes plus a constant for its pixels.
 *
 * <p>Why: segments of equal duration are far from equal work. Moving content costs many times what
 * still content does (on the benchmark video, a second of Game of Life takes 15 times the decoding
 * of a second of slides), and most of that difference is in the packets' sizes, as the entropy
 * decoding of every bit is most of the decoder's work. The constant stands for what every frame
 * costs whatever its size (reconstruction, the signature's scaling): measured on 720p, a frame of a
 * still slide costs about what 3.3 KB of a moving picture's packet does, about a byte per 280
 * pixels; here one per {@link #PIXELS_PER_BYTE}.
 */
final class DecodingCost {

    /** Pixels of a frame that cost what one byte of its packet does. */
    static final int PIXELS_PER_BYTE = 256;

    /** Index timestamps in order, and the cost of all frames up to and including each. */
    private final long[] timestamps;

    private final long[] cumulative;

    private DecodingCost(long[] timestamps, long[] cumulative) {
        this.timestamps = timestamps;
        this.cumulative = cumulative;
    }

    /**
     * The cost along {@code st} from its index, or null when the index does not list every frame
     * (Matroska's cues list keyframes only): then only durations are known.
     */
    static DecodingCost fromIndex(AVStream st) {
        int count = avformat_index_get_entries_count(st);
        long frames = st.nb_frames();
        if (count < 2 || frames <= 0 || count < 0.9 * frames) {
            return null;
        }
        long perFrame =
                Math.max(1, (long) st.codecpar().width() * st.codecpar().height())
                        / PIXELS_PER_BYTE;
        // FFmpeg keeps a stream's index in timestamp order (it binary-searches it to seek).
        long[] timestamps = new long[count];
        long[] cumulative = new long[count];
        int n = 0;
        long sum = 0;
        for (int i = 0; i < count; i++) {
            AVIndexEntry e = avformat_index_get_entry(st, i);
            if (e != null && !e.isNull()) {
                sum += Math.max(0, e.size()) + perFrame;
                timestamps[n] = e.timestamp();
                cumulative[n++] = sum;
            }
        }
        if (n < 2) {
            return null;
        }
        timestamps = Arrays.copyOf(timestamps, n);
        cumulative = Arrays.copyOf(cumulative, n);
        return new DecodingCost(timestamps, cumulative);
    }

    /** The work of the frames whose index timestamps lie in {@code [from, to)}. */
    long between(long from, long to) {
        return before(to) - before(from);
    }

    /** The work of the frames before timestamp {@code t}. */
    private long before(long t) {
        int i = Arrays.binarySearch(timestamps, t);
        int count = i >= 0 ? i : -i - 1;
        // Equal timestamps (none in a sound index) count from the first of them.
        while (count > 0 && timestamps[count - 1] == t) {
            count--;
        }
        return count == 0 ? 0 : cumulative[count - 1];
    }

    /** The timestamp by which {@code part / whole} of the video's work is done. */
    long timestampAt(long part, long whole) {
        long total = cumulative[cumulative.length - 1];
        long wanted = (long) ((double) total * part / whole);
        int i = Arrays.binarySearch(cumulative, wanted);
        return timestamps[Math.min(timestamps.length - 1, i >= 0 ? i : -i - 1)];
    }
}
