package io.framewise.pipeline.remote;

import static io.framewise.pipeline.config.Settings.require;

import io.framewise.pipeline.config.Key;
import io.framewise.pipeline.config.Settings;
import java.io.Serializable;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which OpenAI-compatible server a stage calls ({@code GROUP.url}, {@code GROUP.model}) and where
 * its API key is read from, for the frame describer ({@code llm.*}) and the transcriber ({@code
 * speech.*}) alike.
 *
 * <p>The API key itself is never part of the configuration (which is serialized into the job and
 * printed): only the name of the environment variable or the path of the file it is read from,
 * where the client runs. {@link #toString()} leaves header values out, as they may be secrets too.
 *
 * @param url base URL of an OpenAI-compatible API ({@code .../v1}); empty: the stage is off
 * @param model the model name sent with each request
 * @param apiKeyEnv environment variable holding the API key (unset: no key sent)
 * @param apiKeyFile file holding the API key; empty: none (the variable is used)
 * @param headers extra request headers, by name
 */
public record ProviderConfig(
        String url, String model, String apiKeyEnv, String apiKeyFile, Map<String, String> headers)
        implements Serializable {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public ProviderConfig {
        headers = Collections.unmodifiableMap(new TreeMap<>(headers == null ? Map.of() : headers));
    }

    /** Whether the stage is on: a URL is configured. */
    public boolean enabled() {
        return !url.isEmpty();
    }

    @Override
    public String toString() {
        return "ProviderConfig[url="
                + url
                + ", model="
                + model
                + ", apiKeyEnv="
                + apiKeyEnv
                + ", apiKeyFile="
                + apiKeyFile
                + ", headers="
                + headers.keySet()
                + "]";
    }

    /**
     * The provider's keys of one group.
     *
     * @param group {@code llm} or {@code speech}
     * @param model the default model
     * @param apiKeyEnv the default environment variable of the API key
     */
    public record Keys(
            Key<String> url, Key<String> model, Key<String> apiKeyEnv, Key<String> apiKeyFile) {

        public Keys(String group, String model, String apiKeyEnv) {
            this(
                    Key.text(group + ".url", "")
                            .where(
                                    ProviderConfig::httpUrlOrEmpty,
                                    "an http:// or https:// URL such as https://api.openai.com/v1"),
                    Key.text(group + ".model", model).where(m -> !m.isEmpty(), "not empty"),
                    Key.text(group + ".api-key-env", apiKeyEnv)
                            .where(
                                    v -> v.isEmpty() || ENV_NAME.matcher(v).matches(),
                                    "an environment variable name"),
                    Key.text(group + ".api-key-file", ""));
        }

        public List<Key<?>> all() {
            return List.of(url, model, apiKeyEnv, apiKeyFile);
        }

        /**
         * The provider {@code s} configure.
         *
         * @param headerPrefix the prefix of {@code headers}' keys, for messages
         */
        public ProviderConfig read(Settings s, String headerPrefix, Map<String, String> headers) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                require(
                        HEADER_NAME.matcher(h.getKey()).matches(),
                        headerPrefix + h.getKey() + " is not a valid header name");
                require(
                        h.getValue().indexOf('\r') < 0 && h.getValue().indexOf('\n') < 0,
                        headerPrefix + h.getKey() + " must be one line");
            }
            return new ProviderConfig(
                    url.read(s), model.read(s), apiKeyEnv.read(s), apiKeyFile.read(s), headers);
        }
    }

    private static boolean httpUrlOrEmpty(String url) {
        if (url.isEmpty()) {
            return true;
        }
        try {
            URI u = URI.create(url);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                    && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
