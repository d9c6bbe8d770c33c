package io.framewise.udfs.frames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.pipeline.frames.Jpeg;
import io.framewise.pipeline.frames.Picture;
import org.junit.jupiter.api.Test;

class NativeJpegTest {

    private final NativeJpeg jpeg = new NativeJpeg();

    @Test
    void colourAndGreyPicturesComeBackThroughTheJdksDecoder() {
        Picture scene = SyntheticPictures.scene(640, 360, 11);
        Picture back = Jpeg.picture(jpeg.encode(scene, 95));
        assertThat(back.width()).isEqualTo(640);
        assertThat(back.height()).isEqualTo(360);
        assertThat(back.channels()).isEqualTo(3);
        assertThat(meanDifference(scene, back)).isLessThan(3.0);

        Picture grey = Pictures.grey(scene);
        // The JDK's reader gives BGR for every file: a grey one has three equal channels.
        Picture greyBack = Jpeg.picture(jpeg.encode(grey, 95));
        assertThat(meanDifference(grey, Pictures.grey(greyBack))).isLessThan(3.0);
    }

    @Test
    void qualityChangesTheFileAsTheJdksEncoderDoes() {
        Picture scene = SyntheticPictures.scene(640, 360, 12);
        byte[] high = jpeg.encode(scene, 95);
        byte[] low = jpeg.encode(scene, 40);
        assertThat(low.length).isLessThan(high.length);
        // The same picture at the same quality is about as large as the JDK's file.
        assertThat((double) high.length / Jpeg.jpeg(scene, 95).length).isBetween(0.7, 1.4);
        assertThatThrownBy(() -> jpeg.encode(scene, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-100");
    }

    private static double meanDifference(Picture a, Picture b) {
        byte[] x = a.pixels();
        byte[] y = b.pixels();
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((x[i] & 0xFF) - (y[i] & 0xFF));
        }
        return (double) sum / x.length;
    }
}
