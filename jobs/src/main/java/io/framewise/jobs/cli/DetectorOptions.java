package io.framewise.jobs.cli;

import io.framewise.jobs.config.ConfigSources;
import io.framewise.jobs.config.FramewiseConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The settings options every command that runs a stage shares: a properties file ({@code
 * --config}), overrides ({@code --set}) and {@code --segments}; with the environment, they make the
 * one {@link FramewiseConfig} of the command.
 */
final class DetectorOptions {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Properties file with shots.*, keyframes.*, ocr.*, embedding.*, scoring.*, llm.*,"
                            + " speech.*, aggregate.* (udfs/README.md), es.* and sources.*"
                            + " (connectors/README.md) settings. FRAMEWISE_KEY variables (e.g."
                            + " FRAMEWISE_ES_PASSWORD for es.password) override it, --set overrides"
                            + " both.")
    Path config;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override one setting, e.g. --set shots.cut.min-distance=2.0")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(
            names = "--segments",
            paramLabel = "N",
            description =
                    "Decode in N parallel segments (default: one per shots.segment-seconds,"
                            + " 60 s, of video).")
    Integer segments;

    /**
     * The command's configuration, parsed once: the file, the environment, {@code --set}, then
     * {@code options} (the command's own, such as {@code --llm}) and {@code --segments}.
     *
     * @throws IllegalArgumentException one line naming the key, for a bad or unknown setting
     */
    @SafeVarargs
    final FramewiseConfig config(Map<String, String>... options) throws IOException {
        return sources(options).load();
    }

    /** Where the command's settings come from, for commands that add settings of their own. */
    @SafeVarargs
    final ConfigSources sources(Map<String, String>... options) {
        Map<String, String> given = new LinkedHashMap<>();
        for (Map<String, String> o : options) {
            given.putAll(o);
        }
        if (segments != null) {
            given.put("shots.segments", segments.toString());
        }
        return new ConfigSources(config, System.getenv(), overrides, given);
    }
}
