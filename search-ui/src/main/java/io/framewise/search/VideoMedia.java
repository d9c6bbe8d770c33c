package io.framewise.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;

/**
 * The bytes of a playable indexed video, where it lives: a local file, or an object in storage read
 * through Flink's file systems, as the indexing job fetched it ({@code s3://} with the S3 plugin
 * and the {@code s3.*} settings). The server streams either with range requests, so the page's
 * player needs no access to the storage itself.
 */
public sealed interface VideoMedia permits VideoMedia.LocalFile, VideoMedia.StoredObject {

    /** The media type it is served as, e.g. {@code video/mp4}. */
    String type();

    /** Its length and last modification, read once per request. */
    Stat stat() throws IOException;

    /** Its bytes from {@code position} on. */
    InputStream open(long position) throws IOException;

    /**
     * @param size bytes
     * @param modified last modification, epoch milliseconds
     */
    record Stat(long size, long modified) {}

    /** A video in a local file. */
    record LocalFile(Path file, String type) implements VideoMedia {
        @Override
        public Stat stat() throws IOException {
            return new Stat(Files.size(file), Files.getLastModifiedTime(file).toMillis());
        }

        @Override
        public InputStream open(long position) throws IOException {
            SeekableByteChannel in = Files.newByteChannel(file);
            try {
                in.position(position);
                return Channels.newInputStream(in);
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
        }
    }

    /** A video in object storage (any scheme this JVM's Flink file systems serve). */
    record StoredObject(org.apache.flink.core.fs.Path path, String type) implements VideoMedia {
        @Override
        public Stat stat() throws IOException {
            FileSystem fs = path.getFileSystem();
            if (!fs.exists(path)) {
                throw new NoSuchFileException(path.toString());
            }
            FileStatus status = fs.getFileStatus(path);
            return new Stat(status.getLen(), status.getModificationTime());
        }

        @Override
        public InputStream open(long position) throws IOException {
            FSDataInputStream in = path.getFileSystem().open(path);
            try {
                // A ranged read from where the player asks: S3 streams from that offset.
                in.seek(position);
                return in;
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
        }
    }
}
