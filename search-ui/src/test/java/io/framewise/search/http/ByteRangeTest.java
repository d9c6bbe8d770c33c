package io.framewise.search.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void theThreeFormsClampedToTheFile() throws Exception {
        assertThat(ByteRange.parse("bytes=0-99", 1000)).contains(new ByteRange(0, 99));
        assertThat(ByteRange.parse("bytes=500-", 1000)).contains(new ByteRange(500, 999));
        assertThat(ByteRange.parse("bytes=-100", 1000)).contains(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=-5000", 1000)).contains(new ByteRange(0, 999));
        assertThat(ByteRange.parse("bytes=990-5000", 1000)).contains(new ByteRange(990, 999));
        assertThat(ByteRange.parse("Bytes=1-1", 1000)).contains(new ByteRange(1, 1));
        assertThat(new ByteRange(100, 199).contentRange(1000)).isEqualTo("bytes 100-199/1000");
        assertThat(new ByteRange(100, 199).length()).isEqualTo(100);
    }

    @Test
    void whatIsNotOneByteRangeMeansTheWholeFile() throws Exception {
        for (String h :
                new String[] {
                    "items=0-5",
                    "bytes=0-5,10-20",
                    "bytes=5-1",
                    "bytes=x-",
                    "bytes=-",
                    "bytes=1",
                    "bytes=+1-2",
                    "bytes=99999999999999999999-",
                    ""
                }) {
            assertThat(ByteRange.parse(h, 1000)).as(h).isEmpty();
        }
        assertThat(ByteRange.parse(null, 1000)).isEmpty();
    }

    @Test
    void aRangeFromThePastTheEndIsUnsatisfiable() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=1000-", 1000))
                .isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=1000-2000", 1000))
                .isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 1000))
                .isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0))
                .isInstanceOf(ByteRange.Unsatisfiable.class);
    }
}
