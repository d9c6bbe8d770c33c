package io.framewise.udfs.enrich;

import io.framewise.pipeline.remote.ProviderConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The provider's API key, read where the describer runs from the file or environment variable the
 * configuration names, never from the configuration itself (which is serialized into the job and
 * printed). Its {@code toString} does not show it, and {@link #redact} takes it out of any text
 * that leaves the client.
 */
public final class ApiKey {

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /**
     * The key {@code provider} names: the file's content when {@code GROUP.api-key-file} is set,
     * else the environment variable's value; null when neither gives one.
     *
     * @param group the settings' group, for messages ({@code llm}, {@code speech})
     * @throws IllegalArgumentException when the file cannot be read or is empty (the message names
     *     the file, never its content)
     */
    public static ApiKey resolve(
            ProviderConfig provider, String group, Function<String, String> env) {
        return resolve(provider.apiKeyFile(), provider.apiKeyEnv(), group, env);
    }

    /**
     * Where {@code provider}'s API key will come from, in words that never include it (for the
     * command line, before a job starts); fails early, with a message naming the setting, when the
     * configured key file cannot be read.
     */
    public static String source(
            ProviderConfig provider, String group, Function<String, String> env) {
        ApiKey key = resolve(provider, group, env);
        if (key == null) {
            return "no API key (" + provider.apiKeyEnv() + " is not set)";
        }
        return provider.apiKeyFile().isEmpty()
                ? "API key from $" + provider.apiKeyEnv()
                : "API key from " + provider.apiKeyFile();
    }

    /**
     * The key a file or an environment variable holds: the file's content when {@code file} is not
     * empty, else the variable's value; null when neither gives one.
     *
     * @param group the settings' group, for messages ({@code llm}, {@code speech})
     * @throws IllegalArgumentException when the file cannot be read or is empty (the message names
     *     the setting and the file, never its content)
     */
    public static ApiKey resolve(
            String file, String variable, String group, Function<String, String> env) {
        if (!file.isEmpty()) {
            Path path = Path.of(file);
            String key;
            try {
                key = Files.readString(path, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        group
                                + ".api-key-file: cannot read "
                                + path
                                + " ("
                                + e.getClass().getSimpleName()
                                + ")");
            }
            if (key.isEmpty()) {
                throw new IllegalArgumentException(group + ".api-key-file: " + path + " is empty");
            }
            return new ApiKey(key);
        }
        if (variable.isEmpty()) {
            return null;
        }
        String key = env.apply(variable);
        return key == null || key.isBlank() ? null : new ApiKey(key.strip());
    }

    public String bearer() {
        return "Bearer " + value;
    }

    /** {@code text} with every occurrence of the key replaced by {@code ***}. */
    public String redact(String text) {
        return text == null ? null : text.replace(value, "***");
    }

    @Override
    public String toString() {
        return "ApiKey[***]";
    }
}
