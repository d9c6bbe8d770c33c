package io.framewise.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalResourceOptions;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.runtime.jobmanager.HighAvailabilityMode;
import org.junit.jupiter.api.Test;

/** The cluster configuration in {@code flink-conf/} parses as Flink reads it. */
class FlinkConfTest {

    private static final Path DIR = Path.of("..", "flink-conf");
    private static final Path CONFIG = DIR.resolve("config.yaml");

    @Test
    void declaresTheGpuAsAnExternalResource() {
        Path dir = Path.of("..", "flink-conf");
        assertThat(Files.isRegularFile(dir.resolve("config.yaml"))).isTrue();
        Configuration conf = GlobalConfiguration.loadConfiguration(dir.toString());
        assertThat(conf.get(ExternalResourceOptions.EXTERNAL_RESOURCE_LIST)).containsExactly("gpu");
        assertThat(conf.toMap()).containsEntry("external-resource.gpu.amount", "1");
        assertThat(
                        conf.getString(
                                ExternalResourceOptions
                                        .getExternalResourceDriverFactoryConfigOptionForResource(
                                                "gpu"),
                                null))
                .isEqualTo("org.apache.flink.externalresource.gpu.GPUDriverFactory");
        assertThat(conf.toMap())
                .containsEntry(
                        "external-resource.gpu.param.discovery-script.args",
                        "--enable-coordination")
                .containsEntry("taskmanager.numberOfTaskSlots", "2");
    }

    @Test
    void leavesHighAvailabilityOff() {
        Configuration conf = GlobalConfiguration.loadConfiguration(DIR.toString());
        assertThat(HighAvailabilityMode.fromConfig(conf)).isEqualTo(HighAvailabilityMode.NONE);
    }

    @Test
    void documentsZooKeeperHighAvailabilityWithKeysFlinkKnows() throws Exception {
        Map<String, String> ha = OptInBlocks.read(CONFIG, "high availability: zookeeper");
        Configuration conf = Configuration.fromMap(ha);
        assertThat(HighAvailabilityMode.fromConfig(conf)).isEqualTo(HighAvailabilityMode.ZOOKEEPER);
        assertThat(conf.get(HighAvailabilityOptions.HA_ZOOKEEPER_QUORUM)).contains(":2181");
        assertThat(conf.get(HighAvailabilityOptions.HA_STORAGE_PATH)).startsWith("s3://");
        assertThat(highAvailabilityKeys()).containsAll(ha.keySet());
    }

    @Test
    void documentsKubernetesHighAvailability() throws Exception {
        Map<String, String> ha = OptInBlocks.read(CONFIG, "high availability: kubernetes");
        Configuration conf = Configuration.fromMap(ha);
        assertThat(HighAvailabilityMode.fromConfig(conf))
                .isEqualTo(HighAvailabilityMode.KUBERNETES);
        assertThat(conf.get(HighAvailabilityOptions.HA_STORAGE_PATH)).startsWith("s3://");
        // kubernetes.cluster-id is flink-kubernetes's option, not on this classpath.
        Set<String> keys = new TreeSet<>(ha.keySet());
        keys.remove("kubernetes.cluster-id");
        assertThat(highAvailabilityKeys()).containsAll(keys);
        assertThat(ha).containsKey("kubernetes.cluster-id");
    }

    /** Every key (and deprecated key) of Flink's HighAvailabilityOptions. */
    private static Set<String> highAvailabilityKeys() throws IllegalAccessException {
        Set<String> keys = new TreeSet<>();
        for (Field f : HighAvailabilityOptions.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.get(null) instanceof ConfigOption<?> o) {
                keys.add(o.key());
                for (FallbackKey k : o.fallbackKeys()) {
                    keys.add(k.getKey());
                }
            }
        }
        return keys;
    }
}
