package io.framewise.udfs.shots;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.shots.SegmentFeatures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeatureSeriesTest {

    /** Split points that include segments shorter than the look-back and edges at cuts. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 7})
    void joiningSegmentsGivesTheFeaturesOfOnePiece(int pieces) {
        SyntheticSeries video =
                new SyntheticSeries()
                        .still(90, 40, 120, 130)
                        .still(20, 200, 90, 160)
                        .dissolveTo(15, 60, 140, 110)
                        .still(130, 60, 140, 110);
        int n = video.signatures().size();
        FeatureSeries whole = video.series();

        List<SegmentFeatures> segments = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < pieces; i++) {
            // Uneven pieces: the second one is short (10 frames) when there are more than two.
            int to = i == pieces - 1 ? n : i == 1 ? from + 10 : from + n / pieces;
            segments.add(video.segment(i, from, to));
            from = to;
        }
        // Order of arrival does not matter.
        List<SegmentFeatures> arrived = new ArrayList<>(segments);
        java.util.Collections.reverse(arrived);
        FeatureSeries joined = FeatureSeries.join(arrived);

        assertThat(joined.frames).isEqualTo(n);
        assertThat(joined.pts).isEqualTo(whole.pts);
        assertThat(joined.values).isEqualTo(whole.values);
    }
}
