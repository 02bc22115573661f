"""The AI/ML technician's core skills in the warehouse (table ``core_skills``).

The list is data in ``nlp/taxonomy/profiles.toml`` (:mod:`nlp.core_skills`); a run stores the
list it loaded, replacing the one before, so the report's gap and a researcher's SQL read the
same items. Knows nothing of where the list comes from: the caller passes its Arrow form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa

if TYPE_CHECKING:
    import duckdb


def store_core_skills(con: duckdb.DuckDBPyConnection, table: pa.Table) -> int:
    """Replace the stored core list with ``table`` (one row per item and skill); return rows.

    ``table`` has the columns of :data:`nlp.core_skills.CoreSkill.ARROW_SCHEMA`.
    """
    con.register("_core", table)
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("DELETE FROM core_skills")
            con.execute(
                "INSERT INTO core_skills (item_id, item, position, skill_id)"
                " SELECT item_id, item, position, skill_id FROM _core"
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.unregister("_core")
    return table.num_rows
