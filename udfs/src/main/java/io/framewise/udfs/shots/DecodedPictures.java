package io.framewise.udfs.shots;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_default_get_buffer2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Notes every picture a decoder allocates, so that a picture can be looked at as soon as its packet
 * is decoded, before the decoder's reordering releases it.
 *
 * <p>It wraps FFmpeg's default buffer allocator ({@code get_buffer2}) and changes nothing about
 * decoding. With one decoding thread a packet is fully decoded when {@code avcodec_send_packet}
 * returns, so the pictures noted during that call hold their final pixels then.
 *
 * <p>One native callback serves every decoder of the JVM, keyed by the decoder context: JavaCPP can
 * only have a handful of callback instances of a class alive at once, and a TaskManager may run
 * more decoders than that.
 */
final class DecodedPictures {

    private static final Map<Long, List<AVFrame>> PENDING = new ConcurrentHashMap<>();

    private static final Hook HOOK = new Hook();

    private DecodedPictures() {}

    /** The shared allocator. */
    private static final class Hook extends AVCodecContext.Get_buffer2_AVCodecContext_AVFrame_int {
        @Override
        public int call(AVCodecContext context, AVFrame frame, int flags) {
            int ret = avcodec_default_get_buffer2(context, frame, flags);
            List<AVFrame> pending = PENDING.get(context.address());
            if (ret >= 0 && pending != null) {
                pending.add(new AVFrame(frame));
            }
            return ret;
        }
    }

    /** Starts noting the pictures of {@code context}; false when the hook is unavailable. */
    static boolean watch(AVCodecContext context) {
        if (HOOK.isNull()) {
            return false;
        }
        PENDING.put(context.address(), new ArrayList<>());
        context.get_buffer2(HOOK);
        return true;
    }

    /** The pictures {@code context} allocated since the last call, oldest first. */
    static List<AVFrame> take(AVCodecContext context) {
        List<AVFrame> pending = PENDING.get(context.address());
        if (pending == null || pending.isEmpty()) {
            return List.of();
        }
        List<AVFrame> taken = new ArrayList<>(pending);
        pending.clear();
        return taken;
    }

    /** Stops noting; call before the context is freed. */
    static void forget(AVCodecContext context) {
        PENDING.remove(context.address());
    }
}
