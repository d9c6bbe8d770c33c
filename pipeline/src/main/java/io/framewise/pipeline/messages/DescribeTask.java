package io.framewise.pipeline.messages;

import io.framewise.pipeline.messages.Messages.KeyframeDone;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A keyframe in the describing stage, with its description cache key and its part there.
 *
 * @param cacheKey model, prompt version and perceptual hash: keyframes with the same key get the
 *     same description
 */
public record DescribeTask(KeyframeDone keyframe, String cacheKey, Role role)
        implements Serializable {

    /** How a keyframe gets its description. */
    public enum Role {
        /** The first with its key: asks the LLM, and its answer is shared. */
        LEADER,
        /** A later one with the same key: takes the leader's description, asks nothing. */
        FOLLOWER,
        /** A follower whose leader failed: asks the LLM itself. */
        ORPHAN
    }

    public DescribeTask as(Role other) {
        return new DescribeTask(keyframe, cacheKey, other);
    }

    /**
     * The description cache key: model, prompt version, perceptual hash, and a hash of the OCR text
     * the prompt carries ({@code -} for none). Every input of the request is in it, so two
     * keyframes with one key get the same request and may share its answer.
     */
    public static String cacheKey(String model, String promptVersion, long phash, String ocrText) {
        return model
                + "|"
                + promptVersion
                + "|"
                + Long.toHexString(phash)
                + "|"
                + (ocrText == null ? "-" : Long.toHexString(fnv1a(normalize(ocrText))));
    }

    /** Case and runs of whitespace do not make another request worth asking. */
    private static String normalize(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** 64-bit FNV-1a of the UTF-8 bytes: stable across JVMs, unlike String.hashCode's 32 bits. */
    private static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
