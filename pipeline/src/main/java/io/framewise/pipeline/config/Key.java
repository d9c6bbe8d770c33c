package io.framewise.pipeline.config;

import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One setting declared once: its key, its default, how its text becomes a value, and which values
 * it accepts. A configuration lists its keys as {@code Key} constants (its key table) and reads
 * each with {@link #read(Settings)}, so a key's name, default and check are written in one place.
 *
 * <p>A value that does not parse or fails the check is an {@link IllegalArgumentException} of one
 * line naming the key: {@code llm.async.capacity must be between 1 and 10000, got '0'}.
 *
 * @param <T> the value's type
 */
public final class Key<T> {

    private final String name;
    private final String defaultValue;
    private final BiFunction<Settings, String, T> parser;
    private final Predicate<T> check;
    private final String expectation;

    private Key(
            String name,
            String defaultValue,
            BiFunction<Settings, String, T> parser,
            Predicate<T> check,
            String expectation) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.check = check;
        this.expectation = expectation;
    }

    /** Any text (trimmed). */
    public static Key<String> text(String name, String defaultValue) {
        return new Key<>(name, defaultValue, Settings::text, v -> true, null);
    }

    /** One of {@code allowed}. */
    public static Key<String> oneOf(String name, String defaultValue, String... allowed) {
        List<String> values = List.of(allowed);
        String last = allowed[allowed.length - 1];
        String listed =
                allowed.length == 1
                        ? last
                        : String.join(", ", values.subList(0, allowed.length - 1)) + " or " + last;
        return text(name, defaultValue).where(values::contains, listed);
    }

    /** Text matching {@code pattern} entirely. */
    public static Key<String> matching(
            String name, String defaultValue, Pattern pattern, String expectation) {
        return text(name, defaultValue).where(v -> pattern.matcher(v).matches(), expectation);
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Key<Integer> integer(String name, String defaultValue, int min, int max) {
        String range =
                max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
        return new Key<Integer>(name, defaultValue, Settings::integer, v -> true, null)
                .where(v -> v >= min && v <= max, range);
    }

    /** A whole number of at least {@code min} that may exceed an int. */
    public static Key<Long> wholeNumber(String name, String defaultValue, long min) {
        return new Key<Long>(name, defaultValue, Settings::wholeNumber, v -> true, null)
                .where(v -> v >= min, "at least " + min);
    }

    /** A decimal number; narrow it with {@link #where}. */
    public static Key<Double> number(String name, String defaultValue) {
        return new Key<>(name, defaultValue, Settings::number, v -> true, null);
    }

    /** {@code true} or {@code false}. */
    public static Key<Boolean> bool(String name, String defaultValue) {
        return new Key<>(name, defaultValue, Settings::bool, v -> true, null);
    }

    /** An ISO-8601 duration longer than zero. */
    public static Key<Duration> positiveDuration(String name, String defaultValue) {
        return new Key<Duration>(name, defaultValue, Settings::duration, v -> true, null)
                .where(d -> !d.isZero() && !d.isNegative(), "longer than 0");
    }

    /** An ISO-8601 duration of zero or more. */
    public static Key<Duration> duration(String name, String defaultValue) {
        return new Key<Duration>(name, defaultValue, Settings::duration, v -> true, null)
                .where(d -> !d.isNegative(), "0 or longer");
    }

    /**
     * This key accepting only values that pass {@code test} as well.
     *
     * @param expectation what the message says the value must be, e.g. {@code "between 0 and 2"}:
     *     the whole of it, as it replaces what the key expected before
     */
    public Key<T> where(Predicate<T> test, String expectation) {
        return new Key<>(name, defaultValue, parser, check.and(test), expectation);
    }

    public String name() {
        return name;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /**
     * The value {@code settings} give this key, or its default.
     *
     * @throws IllegalArgumentException naming the key, for a value that does not parse or fails the
     *     check
     */
    public T read(Settings settings) {
        T value = parser.apply(settings, name);
        if (!check.test(value)) {
            throw new IllegalArgumentException(
                    name + " must be " + expectation + ", got '" + settings.text(name) + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return name + "=" + defaultValue;
    }
}
