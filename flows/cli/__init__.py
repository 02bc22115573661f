"""The ``skillgap`` command line. Library errors become messages and exit codes here only.

One module per group of commands; each parses its options, calls a function of ``flows/``
and prints (tables and formatting in :mod:`flows.cli.output`). Importing a module registers
its commands on :data:`flows.cli.app.app`, in the order ``skillgap --help`` lists them.
"""

from __future__ import annotations

from flows.cli.app import app

# isort: off
from flows.cli import runs, schedule, inputs, tagging, reporting, curricula, maintenance
# isort: on

__all__ = ["app", "main"]
COMMAND_MODULES = (runs, schedule, inputs, tagging, reporting, curricula, maintenance)


def main() -> None:
    """Console-script entry point; every error ends in :func:`flows.exits.failure`."""
    app()
