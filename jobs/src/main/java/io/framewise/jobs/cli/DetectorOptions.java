package io.framewise.jobs.cli;

import io.framewise.pipeline.shots.ShotDetectionConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Detector settings shared by the commands that run it: a properties file and overrides. */
final class DetectorOptions {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Properties file with shots.*, keyframes.*, ocr.*, embedding.*, scoring.*, llm.*,"
                            + " aggregate.* (udfs/README.md) and es.* (connectors/README.md)"
                            + " settings.")
    Path config;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override one setting, e.g. --set shots.cut.min-distance=2.0")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(
            names = "--segments",
            paramLabel = "N",
            description = "Decode in N parallel segments (default: one per core).")
    Integer segments;

    /** The validated configuration; a bad key or value is an IllegalArgumentException. */
    ShotDetectionConfig resolve() throws IOException {
        return ShotDetectionConfig.from(properties());
    }

    /** All settings given: the file, then the overrides; each configuration takes its keys. */
    Properties properties() throws IOException {
        Properties props = new Properties();
        if (config != null) {
            try (Reader r = Files.newBufferedReader(config)) {
                props.load(r);
            }
        }
        overrides.forEach(props::setProperty);
        if (segments != null) {
            props.setProperty("shots.segments", segments.toString());
        }
        return props;
    }
}
