package io.framewise.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * The opt-in blocks of {@code flink-conf/config.yaml}: settings commented out between a {@code #
 * >>> NAME} line and a {@code # <<<} line, which an operator uncomments to turn a feature on (high
 * availability). Read here as Flink reads them once uncommented, so that the tests check and use
 * the very lines the file documents.
 */
final class OptInBlocks {

    private OptInBlocks() {}

    /**
     * The settings of the block whose marker line starts with {@code # >>> NAME}, uncommented and
     * parsed by Flink's own {@link GlobalConfiguration}.
     *
     * @throws IllegalArgumentException when the file has no such block
     */
    static Map<String, String> read(Path configYaml, String name) throws IOException {
        List<String> block = new ArrayList<>();
        boolean in = false;
        boolean found = false;
        for (String line : Files.readAllLines(configYaml)) {
            if (line.startsWith("# >>> " + name)) {
                in = true;
                found = true;
            } else if (in && line.startsWith("# <<<")) {
                in = false;
            } else if (in) {
                block.add(line.startsWith("# ") ? line.substring(2) : line.replaceFirst("^#", ""));
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no block '" + name + "' in " + configYaml);
        }
        Path dir = Files.createTempDirectory("opt-in-block");
        try {
            Files.write(dir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME), block);
            return GlobalConfiguration.loadConfiguration(dir.toString()).toMap();
        } finally {
            Files.deleteIfExists(dir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME));
            Files.delete(dir);
        }
    }
}
