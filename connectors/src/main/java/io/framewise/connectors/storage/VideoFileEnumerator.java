package io.framewise.connectors.storage;

import io.framewise.connectors.source.SourceConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Lists the videos under a storage prefix: every file below it, recursively, whose name has one of
 * the configured video extensions; hidden files and directories ({@code .x}, {@code _x}) are
 * skipped. One split per video, named by its path, so split names are unique.
 */
final class VideoFileEnumerator implements FileEnumerator {

    private final SourceConfig config;

    VideoFileEnumerator(SourceConfig config) {
        this.config = config;
    }

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits)
            throws IOException {
        List<FileSourceSplit> splits = new ArrayList<>();
        for (Path root : paths) {
            FileSystem fs = root.getFileSystem();
            add(fs, fs.getFileStatus(root), splits, true);
        }
        return splits;
    }

    private void add(FileSystem fs, FileStatus status, List<FileSourceSplit> splits, boolean root)
            throws IOException {
        String name = status.getPath().getName();
        if (!root && (name.startsWith(".") || name.startsWith("_"))) {
            return;
        }
        if (status.isDir()) {
            FileStatus[] children = fs.listStatus(status.getPath());
            if (children != null) {
                for (FileStatus child : children) {
                    add(fs, child, splits, false);
                }
            }
            return;
        }
        if (root || config.looksLikeVideo(name)) {
            splits.add(
                    new FileSourceSplit(
                            status.getPath().toString(),
                            status.getPath(),
                            0,
                            status.getLen(),
                            status.getModificationTime(),
                            status.getLen()));
        }
    }
}
