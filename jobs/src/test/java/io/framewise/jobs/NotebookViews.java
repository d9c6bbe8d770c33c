package io.framewise.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code notebooks/views.sql} read exactly as the notebooks' {@code framewise_notebook.py} reads
 * it: sections at "-- @table NAME" / "-- @empty NAME", the table's statement where its Parquet
 * files exist, else the empty one, {@code ${DATA_DIR}} replaced by the data directory.
 */
public final class NotebookViews {

    private final Map<String, String> tables = new LinkedHashMap<>();
    private final Map<String, String> empties = new LinkedHashMap<>();
    private final Map<String, String> views = new LinkedHashMap<>();

    public NotebookViews(Path viewsSql) throws IOException {
        Map<String, String> target = null;
        String name = null;
        StringBuilder statement = new StringBuilder();
        for (String line : Files.readAllLines(viewsSql)) {
            if (line.startsWith("-- @table ")
                    || line.startsWith("-- @empty ")
                    || line.startsWith("-- @view ")) {
                flush(target, name, statement);
                String[] parts = line.substring(3).trim().split("\\s+");
                target =
                        switch (parts[0]) {
                            case "@table" -> tables;
                            case "@empty" -> empties;
                            default -> views;
                        };
                name = parts[1];
            } else if (target != null) {
                statement.append(line).append('\n');
            }
        }
        flush(target, name, statement);
    }

    private static void flush(Map<String, String> target, String name, StringBuilder statement) {
        if (target != null) {
            target.put(name, statement.toString().trim());
        }
        statement.setLength(0);
    }

    public List<String> names() {
        return new ArrayList<>(tables.keySet());
    }

    public String table(String name) {
        return tables.get(name);
    }

    public String empty(String name) {
        return empties.get(name);
    }

    /** The views over the table views ("-- @view NAME" sections), by name. */
    public Map<String, String> views() {
        return views;
    }

    /**
     * Whether the job wrote Parquet files of {@code name} under {@code dataDir} ({@code *}/{@code
     * *}.parquet).
     */
    public static boolean written(Path dataDir, String name) throws IOException {
        Path dir = dataDir.resolve(name);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir, 2)) {
            return files.anyMatch(
                    p ->
                            p.getNameCount() == dir.getNameCount() + 2
                                    && p.getFileName().toString().endsWith(".parquet")
                                    && !p.getFileName().toString().startsWith("."));
        }
    }

    /** Creates every view as the notebooks do; returns the tables that got an empty view. */
    List<String> create(Statement sql, Path dataDir) throws IOException, SQLException {
        String dir = dataDir.toAbsolutePath().toString().replaceAll("/+$", "");
        List<String> emptied = new ArrayList<>();
        for (String name : names()) {
            boolean written = written(dataDir, name);
            if (!written) {
                emptied.add(name);
            }
            sql.execute((written ? table(name) : empty(name)).replace("${DATA_DIR}", dir));
        }
        // Views over the table views (e.g. videos_current), in file order.
        for (String view : views.values()) {
            sql.execute(view);
        }
        return emptied;
    }
}
