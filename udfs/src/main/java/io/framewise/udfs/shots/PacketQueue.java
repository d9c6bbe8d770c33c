package io.framewise.udfs.shots;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_move_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import io.framewise.pipeline.shots.VideoException;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * The video stream's packets of one {@link MediaInput}, with a bounded look ahead to the next
 * keyframe: the decoder can see what is coming (sizes, the keyframe itself) before it decides what
 * to decode. Packets of other streams are dropped. Not thread-safe.
 */
final class PacketQueue implements AutoCloseable {

    private final MediaInput in;
    private final List<AVPacket> ahead = new ArrayList<>();
    private long aheadBytes;
    private boolean ended;

    PacketQueue(MediaInput in) {
        this.in = in;
    }

    /**
     * Moves the next video packet into {@code packet}.
     *
     * @return false at the end of the file
     */
    boolean read(AVPacket packet) throws VideoException {
        if (!ahead.isEmpty()) {
            AVPacket first = ahead.remove(0);
            aheadBytes -= first.size();
            av_packet_move_ref(packet, first);
            av_packet_free(first);
            return true;
        }
        return next(packet);
    }

    /** Reads the next video packet from the file into {@code packet}; false at its end. */
    private boolean next(AVPacket packet) throws VideoException {
        while (!ended) {
            if (!in.read(packet)) {
                ended = true;
            } else if (packet.stream_index() == in.streamIndex()) {
                return true;
            } else {
                av_packet_unref(packet);
            }
        }
        return false;
    }

    /**
     * The packets up to and including the next keyframe, and the one after it when there is one,
     * read ahead without being taken; null when no keyframe comes within {@code maxPackets} packets
     * and {@code maxBytes} bytes, or before the end of the file.
     */
    List<AVPacket> toNextKeyframe(int maxPackets, long maxBytes) throws VideoException {
        int key = keyIndex();
        while (key < 0 || key + 1 >= ahead.size()) {
            if (key < 0 && (ahead.size() >= maxPackets || aheadBytes >= maxBytes)) {
                return null;
            }
            if (!readAhead()) {
                break;
            }
            if (key < 0 && isKey(ahead.get(ahead.size() - 1))) {
                key = ahead.size() - 1;
            }
        }
        return key < 0 ? null : List.copyOf(ahead.subList(0, Math.min(ahead.size(), key + 2)));
    }

    /** Drops the first {@code n} packets read ahead. */
    void drop(int n) {
        for (int i = 0; i < n; i++) {
            AVPacket first = ahead.remove(0);
            aheadBytes -= first.size();
            av_packet_free(first);
        }
    }

    private int keyIndex() {
        for (int i = 0; i < ahead.size(); i++) {
            if (isKey(ahead.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static boolean isKey(AVPacket packet) {
        return (packet.flags() & AV_PKT_FLAG_KEY) != 0;
    }

    private boolean readAhead() throws VideoException {
        AVPacket packet = av_packet_alloc();
        if (!next(packet)) {
            av_packet_free(packet);
            return false;
        }
        ahead.add(packet);
        aheadBytes += packet.size();
        return true;
    }

    @Override
    public void close() {
        drop(ahead.size());
    }
}
