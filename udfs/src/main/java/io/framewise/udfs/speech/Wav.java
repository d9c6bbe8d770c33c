package io.framewise.udfs.speech;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** 16-bit PCM mono WAV files: what every Whisper-compatible server accepts. */
public final class Wav {

    private Wav() {}

    /** {@code n} samples from {@code from} as a WAV file at {@code sampleRate}. */
    public static byte[] encode(short[] samples, int from, int n, int sampleRate) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + 2 * n);
        b.put(new byte[] {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '}).putInt(16);
        b.putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2);
        b.putShort((short) 2).putShort((short) 16);
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt(2 * n);
        for (int i = 0; i < n; i++) {
            b.putShort(samples[from + i]);
        }
        return b.array();
    }

    /**
     * The samples of a 16-bit PCM mono WAV file (as {@link #encode} writes, or any canonical one).
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static short[] decode(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IllegalArgumentException("not a WAV file");
        }
        int pos = 12;
        int channels = 0;
        int bits = 0;
        while (pos + 8 <= wav.length) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            if (id == 0x20746d66) { // "fmt "
                channels = b.getShort(pos + 10);
                bits = b.getShort(pos + 22);
            } else if (id == 0x61746164) { // "data"
                if (channels != 1 || bits != 16) {
                    throw new IllegalArgumentException(
                            "a WAV file of " + channels + " channels, " + bits + " bits");
                }
                int n = Math.min(size, wav.length - pos - 8) / 2;
                short[] s = new short[n];
                b.position(pos + 8);
                b.asShortBuffer().get(s);
                return s;
            }
            pos += 8 + size + (size & 1);
        }
        throw new IllegalArgumentException("a WAV file without data");
    }

    /** The sample rate a WAV file declares. */
    public static int sampleRate(byte[] wav) {
        return ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getInt(24);
    }
}
