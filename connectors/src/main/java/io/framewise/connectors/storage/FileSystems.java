package io.framewise.connectors.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.core.plugin.PluginConfig;
import org.apache.flink.core.plugin.PluginDescriptor;
import org.apache.flink.core.plugin.PluginManager;

/**
 * Sets up Flink's file systems in a JVM that is not a Flink cluster process (the command line's
 * local runs, tests): the {@code s3.*} settings, and file-system plugins loaded from a plugins
 * directory ({@code plugins/s3-fs-hadoop/flink-s3-fs-hadoop-*.jar}) in their own class loaders, as
 * a cluster does. On the plain classpath the S3 plugin's Hadoop clashes with the Hadoop classes
 * Parquet needs.
 */
public final class FileSystems {

    private FileSystems() {}

    /**
     * Initialises this JVM's file systems with {@code settings} and the plugins under {@code
     * pluginsDir} (none when it is null or missing).
     */
    public static void initialize(Map<String, String> settings, Path pluginsDir) {
        Configuration conf = Configuration.fromMap(settings);
        PluginManager plugins = null;
        if (pluginsDir != null && Files.isDirectory(pluginsDir)) {
            try {
                List<PluginDescriptor> found =
                        List.copyOf(new DirectoryBasedPluginFinder(pluginsDir).findPlugins());
                plugins =
                        new DefaultPluginManager(
                                found,
                                PluginConfig.fromConfiguration(conf)
                                        .getAlwaysParentFirstPatterns());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the plugins in " + pluginsDir, e);
            }
        }
        FileSystem.initialize(conf, plugins);
    }
}
