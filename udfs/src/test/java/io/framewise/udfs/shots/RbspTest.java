package io.framewise.udfs.shots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RbspTest {

    @Test
    void readsExpGolombCodesAndFields() {
        // 1 | 010 | 011 | 00100 | 011 | 0101 (4 bits) -> ue 0, 1, 2, 3; se -1; u(4) 5
        byte[] bits = {(byte) 0b1010_0110, (byte) 0b0100_0110, (byte) 0b1010_0000};
        Rbsp r = new Rbsp(bits, 0, bits.length);
        assertThat(r.ue()).isZero();
        assertThat(r.ue()).isEqualTo(1);
        assertThat(r.ue()).isEqualTo(2);
        assertThat(r.ue()).isEqualTo(3);
        assertThat(r.se()).isEqualTo(-1);
        assertThat(r.bits(4)).isEqualTo(5);
        assertThat(r.bytesRead()).isEqualTo(3);
    }

    @Test
    void dropsEmulationPreventionBytesAndStopsAtTheEnd() {
        // 00 00 03 01: the 03 is not payload, so the next 16 bits are 00 01.
        byte[] bits = {0, 0, 3, 1};
        Rbsp r = new Rbsp(bits, 0, bits.length);
        assertThat(r.bits(16)).isZero();
        assertThat(r.bits(8)).isEqualTo(1);
        assertThatThrownBy(r::bit).isInstanceOf(IllegalStateException.class);
    }
}
