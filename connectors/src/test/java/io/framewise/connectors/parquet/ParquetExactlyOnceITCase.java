package io.framewise.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.rows.ShotRow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Parquet tables stay exactly-once across a failure: a job fails after a checkpoint, restarts
 * from it, and the table holds every row once, none lost and none twice.
 */
class ParquetExactlyOnceITCase {

    private static final int ROWS = 300;

    /** Set when a checkpoint completed; the next row then fails the job, once. */
    private static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();

    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static final AtomicInteger SEEN_AFTER_FAILURE = new AtomicInteger();

    @TempDir Path out;

    /** Passes rows through and fails once, right after the first completed checkpoint. */
    static final class FailOnceAfterCheckpoint
            implements MapFunction<ShotRow, ShotRow>, CheckpointListener {
        @Override
        public ShotRow map(ShotRow row) {
            if (CHECKPOINTED.get() && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after a checkpoint");
            }
            if (FAILED.get()) {
                SEEN_AFTER_FAILURE.incrementAndGet();
            }
            return row;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
        }
    }

    @Test
    void aFailureAfterACheckpointNeitherLosesNorDuplicatesRows() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.enableCheckpointing(200);

        DataGeneratorSource<ShotRow> source =
                new DataGeneratorSource<>(
                        i ->
                                new ShotRow(
                                        "v", i.intValue(), i, i, i * 40, i * 40 + 40, "cut", 1, 0L),
                        ROWS,
                        RateLimiterStrategy.perSecond(250),
                        TypeInformation.of(ShotRow.class));
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "shots")
                .map(new FailOnceAfterCheckpoint())
                .sinkTo(ParquetSinks.of(Tables.SHOTS, out.toString()));
        env.execute("exactly once");

        assertThat(FAILED).isTrue();
        assertThat(SEEN_AFTER_FAILURE.get()).isPositive();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = db.createStatement()) {
            ResultSet r =
                    sql.executeQuery(
                            "select count(*) n, count(distinct shot_index) d, min(shot_index) lo,"
                                    + " max(shot_index) hi from read_parquet('"
                                    + out.resolve("shots/*/*.parquet")
                                    + "')");
            assertThat(r.next()).isTrue();
            assertThat(r.getInt("n")).isEqualTo(ROWS);
            assertThat(r.getInt("d")).isEqualTo(ROWS);
            assertThat(r.getInt("lo")).isZero();
            assertThat(r.getInt("hi")).isEqualTo(ROWS - 1);
        }
    }
}
