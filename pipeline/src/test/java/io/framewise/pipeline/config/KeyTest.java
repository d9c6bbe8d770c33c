package io.framewise.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A key declared once: default, parse, check, message; a table of keys; typo suggestions. */
class KeyTest {

    private static final Key<Integer> CAPACITY = Key.integer("x.capacity", "4", 1, 10);
    private static final Key<Duration> WAIT = Key.positiveDuration("x.wait", "PT1S");
    private static final Key<String> MODE = Key.oneOf("x.mode", "fast", "fast", "slow");
    private static final KeyTable TABLE = KeyTable.of("x.", List.of(CAPACITY, WAIT, MODE));

    private static Settings settings(String... kv) {
        return TABLE.settings(Props.of(kv));
    }

    @Test
    void missingKeysTakeTheirDefaultAndGivenOnesTheirValue() {
        assertThat(CAPACITY.read(settings())).isEqualTo(4);
        assertThat(WAIT.read(settings())).isEqualTo(Duration.ofSeconds(1));
        assertThat(CAPACITY.read(settings("x.capacity", " 7 "))).isEqualTo(7);
        assertThat(MODE.read(settings("x.mode", "slow"))).isEqualTo("slow");
        assertThat(TABLE.defaults())
                .containsExactly(
                        java.util.Map.entry("x.capacity", "4"),
                        java.util.Map.entry("x.wait", "PT1S"),
                        java.util.Map.entry("x.mode", "fast"));
    }

    @Test
    void aValueOutsideTheCheckNamesTheKeyTheRangeAndTheValue() {
        assertThatThrownBy(() -> CAPACITY.read(settings("x.capacity", "11")))
                .hasMessage("x.capacity must be between 1 and 10, got '11'");
        assertThatThrownBy(() -> CAPACITY.read(settings("x.capacity", "lots")))
                .hasMessage("x.capacity must be a whole number, got 'lots'");
        assertThatThrownBy(() -> WAIT.read(settings("x.wait", "-PT1S")))
                .hasMessage("x.wait must be longer than 0, got '-PT1S'");
        assertThatThrownBy(() -> MODE.read(settings("x.mode", "medium")))
                .hasMessage("x.mode must be fast or slow, got 'medium'");
        // A narrower check replaces the expectation, which then states the whole range.
        Key<Integer> even =
                Key.integer("x.capacity", "4", 1, 10).where(v -> v % 2 == 0, "an even number");
        assertThatThrownBy(() -> even.read(settings("x.capacity", "3")))
                .hasMessage("x.capacity must be an even number, got '3'");
    }

    @Test
    void anUnknownKeyOfTheGroupIsRejectedWithTheClosestOne() {
        assertThatThrownBy(() -> settings("x.capacty", "3"))
                .hasMessageStartingWith("unknown setting x.capacty (did you mean x.capacity?)");
        assertThatThrownBy(() -> settings("x.zzz", "3"))
                .hasMessageStartingWith("unknown setting x.zzz; known: x.capacity, x.wait, x.mode");
        // Keys of other groups are theirs to check.
        assertThat(CAPACITY.read(settings("y.capacty", "3"))).isEqualTo(4);
    }

    @Test
    void aTableTakesOnlyKeysUnderItsPrefix() {
        assertThatThrownBy(() -> KeyTable.of("y.", List.of(CAPACITY)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggestion.distance("retry", "retry")).isZero();
        assertThat(Suggestion.distance("retyr", "retry")).isEqualTo(2);
        assertThat(Suggestion.distance("max-atempts", "max-attempts")).isEqualTo(1);
        assertThat(Suggestion.distance("", "abc")).isEqualTo(3);
    }
}
