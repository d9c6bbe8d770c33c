"""What every Framewise notebook's first cell runs: DuckDB views over the Parquet tables.

The views come from views.sql (see its header), which the Java test that runs every `sql` cell of
every notebook reads the same way, so the notebooks and the test query the same views.
"""

import glob
import os
import pathlib

import duckdb

HERE = pathlib.Path(__file__).resolve().parent


def data_dir():
    """The job's output directory: $FRAMEWISE_DATA, else ../framewise-data beside this folder."""
    return os.environ.get("FRAMEWISE_DATA", str(HERE.parent / "framewise-data")).rstrip("/")


def sections(views_sql=HERE / "views.sql"):
    """{("@table", "@empty" or "@view", NAME): statement} from views.sql."""
    found = {}
    key = None
    for line in pathlib.Path(views_sql).read_text().splitlines():
        if line.startswith(("-- @table ", "-- @empty ", "-- @view ")):
            kind, name = line[3:].split()
            key = (kind, name)
            found[key] = []
        elif key is not None:
            found[key].append(line)
    return {k: "\n".join(v).strip() for k, v in found.items()}


def create_views(con, directory):
    """Creates one view per table; an empty one where the job has written no file yet."""
    parts = sections()
    tables = sorted(name for kind, name in parts if kind == "@table")
    for name in tables:
        written = glob.glob(f"{directory}/{name}/*/*.parquet")
        statement = parts[("@table" if written else "@empty", name)]
        con.execute(statement.replace("${DATA_DIR}", directory))
    # Views over the table views (e.g. videos_current), in file order, once those exist.
    for (kind, name), statement in parts.items():
        if kind == "@view":
            con.execute(statement)
    return tables


def connect(directory=None):
    """A DuckDB connection with the views, and the %%sql cell magic bound to it."""
    directory = directory or data_dir()
    con = duckdb.connect()
    tables = create_views(con, directory)
    _register_sql_magic(con)
    print(f"views over {directory}: {', '.join(tables)}")
    return con


def _register_sql_magic(con):
    """%%sql NAME runs the cell's one query and keeps the result as the DataFrame NAME."""
    try:
        from IPython import get_ipython
        from IPython.core.magic import register_cell_magic
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return

    @register_cell_magic
    def sql(line, cell):
        frame = con.sql(cell).df()
        name = line.strip()
        if name:
            shell.user_ns[name] = frame
        return frame
