package io.framewise.udfs.enrich;

import io.framewise.pipeline.enrich.LlmConfig;
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
final class ApiKey {

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /**
     * The key {@code config} names: the file's content when {@code llm.api-key-file} is set, else
     * the environment variable's value; null when neither gives one.
     *
     * @throws IllegalArgumentException when the file cannot be read or is empty (the message names
     *     the file, never its content)
     */
    static ApiKey resolve(LlmConfig config, Function<String, String> env) {
        if (!config.apiKeyFile().isEmpty()) {
            Path file = Path.of(config.apiKeyFile());
            String key;
            try {
                key = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "llm.api-key-file: cannot read "
                                + file
                                + " ("
                                + e.getClass().getSimpleName()
                                + ")");
            }
            if (key.isEmpty()) {
                throw new IllegalArgumentException("llm.api-key-file: " + file + " is empty");
            }
            return new ApiKey(key);
        }
        if (config.apiKeyEnv().isEmpty()) {
            return null;
        }
        String key = env.apply(config.apiKeyEnv());
        return key == null || key.isBlank() ? null : new ApiKey(key.strip());
    }

    String bearer() {
        return "Bearer " + value;
    }

    /** {@code text} with every occurrence of the key replaced by {@code ***}. */
    String redact(String text) {
        return text == null ? null : text.replace(value, "***");
    }

    @Override
    public String toString() {
        return "ApiKey[***]";
    }
}
