package io.framewise.connectors.storage;

import io.framewise.connectors.source.Incoming;
import io.framewise.pipeline.video.VideoRef;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.SingletonResultIterator;

/**
 * A file "format" that reads no bytes: each listed file becomes one {@link Incoming} video
 * reference (its URI, its modification time as arrival time); the indexing job fetches the bytes
 * itself. The reader's position says whether the reference was emitted, so a split restored from a
 * checkpoint after its reference went out emits nothing again.
 */
final class ListedVideoFormat implements BulkFormat<Incoming, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    @Override
    public Reader<Incoming> createReader(Configuration config, FileSourceSplit split) {
        return new OneReference(split, false);
    }

    @Override
    public Reader<Incoming> restoreReader(Configuration config, FileSourceSplit split) {
        boolean emitted =
                split.getReaderPosition().map(p -> p.getRecordsAfterOffset() >= 1).orElse(false);
        return new OneReference(split, emitted);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<Incoming> getProducedType() {
        return TypeInformation.of(Incoming.class);
    }

    /** Emits the split's one reference, then ends. */
    private static final class OneReference implements Reader<Incoming> {
        private final FileSourceSplit split;
        private boolean emitted;

        OneReference(FileSourceSplit split, boolean emitted) {
            this.split = split;
            this.emitted = emitted;
        }

        @Override
        public RecordIterator<Incoming> readBatch() {
            if (emitted) {
                return null;
            }
            emitted = true;
            VideoRef ref = VideoRef.of(split.path().toUri());
            SingletonResultIterator<Incoming> one = new SingletonResultIterator<>();
            one.set(
                    Incoming.listed(ref, split.fileModificationTime()),
                    CheckpointedPosition.NO_OFFSET,
                    1);
            return one;
        }

        @Override
        public void close() throws IOException {}
    }
}
