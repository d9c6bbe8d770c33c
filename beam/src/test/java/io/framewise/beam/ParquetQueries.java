package io.framewise.beam;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The tables a backfill wrote, read with DuckDB as analysts read them. */
final class ParquetQueries {

    private ParquetQueries() {}

    /**
     * DuckDB's view of {@code table} under the output root {@code out}, its partitions included.
     */
    static String table(Path out, String table) {
        return "read_parquet('"
                + out.resolve(table + "/*/*.parquet")
                + "', hive_partitioning = true)";
    }

    /** Every row of {@code sql}'s answer, each value as text. */
    static List<List<String>> query(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = db.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(r.getObject(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
