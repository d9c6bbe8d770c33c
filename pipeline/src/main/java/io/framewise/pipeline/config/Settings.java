package io.framewise.pipeline.config;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Reads one group of settings ({@code shots.*}, {@code keyframes.*}, ...) from properties, with
 * defaults, and words every problem as "KEY must be ..., got VALUE", naming the key.
 *
 * <p>Each configuration record parses through this once, at the edge; keys of other groups are left
 * to their own records, and an unknown key of this group is rejected (a typo must not pass
 * silently).
 */
public final class Settings {

    private final Properties props;
    private final Map<String, String> defaults;

    private Settings(Properties props, Map<String, String> defaults) {
        this.props = props;
        this.defaults = defaults;
    }

    /**
     * The settings of {@code prefix} (e.g. {@code "ocr."}) in {@code props}.
     *
     * @param defaults every known key of the group with its default
     * @throws IllegalArgumentException for a key of the group that is not in {@code defaults}
     */
    public static Settings of(Properties props, String prefix, Map<String, String> defaults) {
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(prefix) && !defaults.containsKey(key)) {
                throw new IllegalArgumentException(
                        "unknown setting "
                                + key
                                + Suggestion.closest(key, defaults.keySet())
                                        .map(k -> " (did you mean " + k + "?)")
                                        .orElse("")
                                + "; known: "
                                + String.join(", ", defaults.keySet()));
            }
        }
        return new Settings(props, defaults);
    }

    public String text(String key) {
        String fallback = defaults.get(key);
        if (fallback == null) {
            throw new IllegalStateException("no default for " + key);
        }
        return props.getProperty(key, fallback).trim();
    }

    public int integer(String key) {
        long value = wholeNumber(key);
        if (value != (int) value) {
            throw new IllegalArgumentException(
                    key
                            + " must be a whole number up to "
                            + Integer.MAX_VALUE
                            + ", got '"
                            + text(key)
                            + "'");
        }
        return (int) value;
    }

    public long wholeNumber(String key) {
        try {
            return Long.parseLong(text(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    key + " must be a whole number, got '" + text(key) + "'");
        }
    }

    public double number(String key) {
        try {
            return Double.parseDouble(text(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + text(key) + "'");
        }
    }

    public boolean bool(String key) {
        String value = text(key);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    public Duration duration(String key) {
        try {
            return Duration.parse(text(key));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    key
                            + " must be an ISO-8601 duration such as PT10M or PT30S, got '"
                            + text(key)
                            + "'");
        }
    }

    /** Throws {@code message} as an IllegalArgumentException unless {@code ok}. */
    public static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
