package io.framewise.jobs.cli;

import io.framewise.connectors.parquet.ParquetTableReader;
import io.framewise.connectors.parquet.Tables;
import io.framewise.pipeline.metrics.JobCounts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;

/**
 * A job's counts as Flink reports them: its accumulators ({@link JobCounts}), asked of the job's
 * client while it runs and read from its result at the end. Local and cluster runs report the same
 * numbers this way; the last answer stands while the job cannot be asked (it is finishing).
 */
final class LiveCounts {

    /** How long one question to the job may take before the last answer is shown again. */
    private static final long ASK_MILLIS = 2_000;

    private final JobClient client;
    private JobCounts.Snapshot last = JobCounts.Snapshot.NONE;

    LiveCounts(JobClient client) {
        this.client = client;
    }

    /** The counts now, or the last ones when the job does not answer in time. */
    JobCounts.Snapshot now() {
        try {
            last =
                    JobCounts.Snapshot.of(
                            client.getAccumulators().get(ASK_MILLIS, TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Finishing, or the cluster is busy: keep showing what was known.
        }
        return last;
    }

    /** The final counts of a finished job. */
    static JobCounts.Snapshot of(JobExecutionResult result) {
        return JobCounts.Snapshot.of(result.getAllAccumulatorResults());
    }

    /**
     * The rows the {@code failures} table under {@code out} received since {@code sinceMillis}: the
     * table's own count, which also holds what the sinks rejected (Elasticsearch dead letters) and
     * never passed through the graph's counters.
     */
    static long failureRows(Path out, long sinceMillis) throws IOException {
        long n = 0;
        for (GenericRecord r : ParquetTableReader.read(out, Tables.FAILURES)) {
            if (r.get("at") instanceof Long at && at >= sinceMillis) {
                n++;
            }
        }
        return n;
    }
}
