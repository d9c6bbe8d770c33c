package io.framewise.udfs.aggregate;

import static io.framewise.udfs.aggregate.TestShots.flip;
import static io.framewise.udfs.aggregate.TestShots.shot;
import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.aggregate.AggregateConfig;
import io.framewise.pipeline.aggregate.Scene;
import io.framewise.pipeline.aggregate.ShotFeatures;
import java.util.List;
import org.junit.jupiter.api.Test;

class SceneGrouperTest {

    static final long SLIDE = 0x0F0F_3C3C_F0F0_C3C3L;
    static final long STREET = 0x5A5A_A5A5_9999_6666L;
    static final long FACE = 0x1234_5678_9ABC_DEF0L;

    private static SceneGrouper grouper(int lookBack) {
        AggregateConfig c = AggregateConfig.defaults();
        return new SceneGrouper(new ShotSimilarity(c), c.sceneThreshold(), lookBack);
    }

    @Test
    void similarConsecutiveShotsFormAScene() {
        List<ShotFeatures> shots =
                List.of(
                        shot(0, SLIDE, 5, "Quarterly results"),
                        shot(1, flip(SLIDE, 6), 5, "Quarterly results by region"),
                        shot(2, STREET, 40, null),
                        shot(3, flip(STREET, 3), 40, null));
        List<Scene> scenes = grouper(4).group(shots);
        assertThat(scenes).extracting(Scene::firstShot).containsExactly(0, 2);
        assertThat(scenes).extracting(Scene::lastShot).containsExactly(1, 3);
        assertThat(scenes.get(0).startMs()).isZero();
        assertThat(scenes.get(0).endMs()).isEqualTo(8000);
        assertThat(scenes.get(1).endMs()).isEqualTo(16000);
        assertThat(scenes).extracting(Scene::index).containsExactly(0, 1);
    }

    @Test
    void aShotThatLinksBackPullsTheShotsBetweenIntoItsScene() {
        // A conversation: two cameras cut back and forth, then something else.
        List<ShotFeatures> shots =
                List.of(
                        shot(0, FACE, 10, null),
                        shot(1, STREET, 40, null),
                        shot(2, flip(FACE, 2), 10, null),
                        shot(3, flip(STREET, 2), 40, null),
                        shot(4, SLIDE, 63, "Thank you"));
        assertThat(grouper(4).group(shots))
                .extracting(Scene::firstShot, Scene::lastShot)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, 3),
                        org.assertj.core.groups.Tuple.tuple(4, 4));
        // Looking back one shot only, every cut starts a new scene.
        assertThat(grouper(1).group(shots)).hasSize(5);
    }

    @Test
    void theKeyframeIsTheMostTypicalShots() {
        List<ShotFeatures> shots =
                List.of(
                        // 8 bits from shot 1 one way, and 8 bits the other way: shot 1 is between.
                        shot(0, flip(SLIDE, 8), 5, null),
                        shot(1, SLIDE, 5, null),
                        shot(2, SLIDE ^ (0xFFL << 56), 5, null));
        assertThat(grouper(4).group(shots))
                .singleElement()
                .satisfies(s -> assertThat(s.keyframeUri()).isEqualTo("keyframes/v/1.jpg"));
    }

    @Test
    void noShotsNoScenes() {
        assertThat(grouper(4).group(List.of())).isEmpty();
    }
}
