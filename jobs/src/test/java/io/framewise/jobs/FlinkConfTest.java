package io.framewise.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalResourceOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;

/** The cluster configuration in {@code flink-conf/} parses as Flink reads it. */
class FlinkConfTest {

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
}
