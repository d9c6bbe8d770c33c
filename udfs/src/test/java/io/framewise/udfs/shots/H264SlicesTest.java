package io.framewise.udfs.shots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slice headers written by hand. A NAL header byte holds nal_ref_idc in bits 6-5 and the type in
 * bits 4-0 (0x41: referenced slice, 0x01: unreferenced slice, 0x06: SEI). The slice header starts
 * with first_mb_in_slice and slice_type as Exp-Golomb codes: "1" is 0, "010" is 1 (B), "00111" is 6
 * (B, every slice of the picture).
 */
class H264SlicesTest {

    private static final H264Slices LENGTH_PREFIXED = new H264Slices(4);
    private static final H264Slices ANNEX_B = new H264Slices(0);

    private final AVPacket packet = av_packet_alloc();

    @AfterEach
    void free() {
        av_packet_free(packet);
    }

    private AVPacket packet(int... bytes) {
        av_packet_unref(packet);
        av_new_packet(packet, bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            packet.data().put(i, (byte) bytes[i]);
        }
        return packet;
    }

    @Test
    void aReferencedBSliceIsOne() {
        // first_mb 0 ("1"), slice_type 1 ("010"): 1010 0000
        assertThat(LENGTH_PREFIXED.isReferenceB(packet(0, 0, 0, 2, 0x41, 0xA0))).isTrue();
        // slice_type 6 ("00111"): 1001 1100
        assertThat(LENGTH_PREFIXED.isReferenceB(packet(0, 0, 0, 2, 0x41, 0x9C))).isTrue();
    }

    @Test
    void unreferencedBAndReferencedPAreNot() {
        assertThat(LENGTH_PREFIXED.isReferenceB(packet(0, 0, 0, 2, 0x01, 0xA0))).isFalse();
        // slice_type 0 ("1"): 1100 0000
        assertThat(LENGTH_PREFIXED.isReferenceB(packet(0, 0, 0, 2, 0x41, 0xC0))).isFalse();
        assertThat(LENGTH_PREFIXED.isReferenceB(packet())).isFalse();
    }

    @Test
    void theFirstSliceIsFoundAfterOtherUnits() {
        // An SEI of 3 bytes, then the slice.
        assertThat(
                        LENGTH_PREFIXED.isReferenceB(
                                packet(0, 0, 0, 3, 0x06, 0x05, 0x80, 0, 0, 0, 2, 0x41, 0xA0)))
                .isTrue();
        assertThat(ANNEX_B.isReferenceB(packet(0, 0, 0, 1, 0x06, 0x05, 0x80, 0, 0, 1, 0x41, 0xA0)))
                .isTrue();
        assertThat(ANNEX_B.isReferenceB(packet(0, 0, 1, 0x06, 0x05, 0x80, 0, 0, 1, 0x01, 0xA0)))
                .isFalse();
    }

    @Test
    void emulationPreventionBytesAreDropped() {
        // first_mb_in_slice 2^23 - 1: 23 zeros, a one, 23 zeros; then slice_type 1 ("010").
        // As bits: 00 00 01 00 00 00 80. The encoder writes a 03 after every two zero bytes that
        // a byte below 04 follows: 00 00 03 01 00 00 03 00 80.
        int[] slice = {0x41, 0x00, 0x00, 0x03, 0x01, 0x00, 0x00, 0x03, 0x00, 0x80};
        int[] annexB = new int[3 + slice.length];
        annexB[2] = 1;
        System.arraycopy(slice, 0, annexB, 3, slice.length);
        assertThat(ANNEX_B.isReferenceB(packet(annexB))).isTrue();
        int[] prefixed = new int[4 + slice.length];
        prefixed[3] = slice.length;
        System.arraycopy(slice, 0, prefixed, 4, slice.length);
        assertThat(LENGTH_PREFIXED.isReferenceB(packet(prefixed))).isTrue();
    }
}
