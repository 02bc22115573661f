"""The ``skillgap`` command line. Library errors become messages and exit codes here only.

One module per group of commands; each parses its options, calls a function of ``flows/``
and prints (tables and formatting in :mod:`flows.cli.output`). Importing a module registers
its commands on :data:`flows.cli.app.app`, in the order ``skillgap --help`` lists them.
"""

from __future__ import annotations

import sys

from rich.markup import escape

from extract.errors import SkillgapError
from flows.cli.app import app
from flows.cli.output import err

# isort: off
from flows.cli import runs, schedule, inputs, tagging, reporting, curricula, maintenance
# isort: on

__all__ = ["app", "main"]
COMMAND_MODULES = (runs, schedule, inputs, tagging, reporting, curricula, maintenance)


def main() -> None:
    """Console-script entry point."""
    try:
        app(standalone_mode=True)
    except SkillgapError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        sys.exit(2)
