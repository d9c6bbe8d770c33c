package io.framewise.jobs.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where settings come from, and which wins: the {@code --config} file, then the environment, then
 * {@code --set KEY=VALUE}, then the commands' own options ({@code --llm}, {@code --es}, {@code
 * --segments}), each overriding the one before.
 *
 * <p>A command may put defaults of its own below all of these ({@link #withFallbacks}) and settings
 * of its own above ({@link #with}).
 *
 * <p>The environment gives a key as {@code FRAMEWISE_} and the key in capitals with {@code .} and
 * {@code -} as {@code _}: {@code FRAMEWISE_ES_PASSWORD} is {@code es.password}, {@code
 * FRAMEWISE_LLM_ASYNC_CAPACITY} is {@code llm.async.capacity}. Only the fixed keys are read this
 * way, so that no other variable is taken for a setting by accident.
 */
public final class ConfigSources {

    private final Map<String, String> fallbacks;
    private final Path file;
    private final Map<String, String> environment;
    private final Map<String, String> sets;
    private final Map<String, String> options;

    /**
     * @param file the {@code --config} properties file, or null
     * @param environment the process environment ({@code System.getenv()})
     * @param sets the {@code --set} pairs
     * @param options settings the command's own options give (they win)
     */
    public ConfigSources(
            Path file,
            Map<String, String> environment,
            Map<String, String> sets,
            Map<String, String> options) {
        this(Map.of(), file, environment, sets, options);
    }

    private ConfigSources(
            Map<String, String> fallbacks,
            Path file,
            Map<String, String> environment,
            Map<String, String> sets,
            Map<String, String> options) {
        this.fallbacks = new LinkedHashMap<>(fallbacks);
        this.file = file;
        this.environment = Map.copyOf(environment);
        this.sets = new LinkedHashMap<>(sets);
        this.options = new LinkedHashMap<>(options);
    }

    /**
     * These sources with {@code more} settings given by the command itself, winning over all others
     * (the demo pointing {@code llm.url} at the simulator it started).
     */
    public ConfigSources with(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(options);
        all.putAll(more);
        return new ConfigSources(fallbacks, file, environment, sets, all);
    }

    /**
     * These sources with {@code defaults} of the command's own below all others (a benchmark's
     * index prefix, which the user may still set).
     */
    public ConfigSources withFallbacks(Map<String, String> defaults) {
        Map<String, String> all = new LinkedHashMap<>(fallbacks);
        all.putAll(defaults);
        return new ConfigSources(all, file, environment, sets, options);
    }

    /** The environment variable that gives {@code key}. */
    public static String variable(String key) {
        return "FRAMEWISE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Every setting given, the later source winning; read once per command. */
    public Properties properties() throws IOException {
        Properties props = new Properties();
        fallbacks.forEach(props::setProperty);
        if (file != null) {
            try (Reader r = Files.newBufferedReader(file)) {
                props.load(r);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("--config: no such file " + file);
            }
        }
        for (String key : FramewiseConfig.knownKeys().keySet()) {
            String value = environment.get(variable(key));
            if (value != null && !value.isBlank()) {
                props.setProperty(key, value);
            }
        }
        sets.forEach(props::setProperty);
        options.forEach(props::setProperty);
        return props;
    }

    /**
     * The configuration these sources give.
     *
     * @throws IllegalArgumentException one line naming the key, for a bad value or an unknown key
     */
    public FramewiseConfig load() throws IOException {
        return FramewiseConfig.parse(properties());
    }
}
