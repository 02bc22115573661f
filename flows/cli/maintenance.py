"""``skillgap migrate`` and ``skillgap compact``: the warehouse file's schema and size."""

from __future__ import annotations

from flows.cli.app import ConfigOpt, DatabaseOpt, command, settings
from flows.cli.output import out


@command()
def migrate(config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Create the warehouse or bring its schema up to date.

    [bold]Example:[/bold] skillgap migrate --database skillgap.duckdb
    """
    from flows.warehousing import migrate_warehouse

    target = settings(config, database=database).database
    applied = migrate_warehouse(target)
    names = ", ".join(f"{m.version:03d}_{m.name}" for m in applied) or "none (up to date)"
    out.print(f"{target}: migrations applied: {names}")


@command()
def compact(config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Rewrite the warehouse file without the space of deleted rows (no run may be going).

    Runs never reclaim that space themselves: it is what mentions replaced by tagging a
    posting again under the same versions leave behind.

    [bold]Example:[/bold] skillgap compact --database skillgap.duckdb
    """
    from flows.warehousing import compact_warehouse

    loaded = settings(config, database=database)
    sizes = compact_warehouse(loaded)
    out.print(
        f"{loaded.database}: {sizes.before / 1e6:,.1f} MB → {sizes.after / 1e6:,.1f} MB",
        soft_wrap=True,
    )
