"""The Typer app, the options every command shares, and how a command's help is written.

A command's help is its docstring: paragraphs separated by blank lines, the last one
``Example: skillgap ...``. :func:`command` joins each paragraph into one line before Typer
sees it, so Rich wraps sentences at the terminal's width instead of at the docstring's line
ends, and an example stays one line that pastes into a shell.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.markup import escape
from typer.core import TyperGroup
from typer.exceptions import TyperException

from flows.cli.output import err
from flows.exits import failure
from flows.settings import Settings, load_settings


class _Commands(TyperGroup):
    """Where every command's errors end: one line and the README's exit status
    (:func:`flows.exits.failure`)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, TyperException, SystemExit):
            raise  # typer's own: usage errors, explicit exit statuses
        except BaseException as exc:
            status, line = failure(exc)
            err.print(f"[red]error:[/red] {escape(line)}", highlight=False)
            raise typer.Exit(status) from None


app = typer.Typer(
    cls=_Commands,
    name="skillgap",
    help="Job-market skills analytics: collect postings, tag skills, store them in DuckDB, "
    "report in HTML. Run `skillgap COMMAND --help` for each command's options and an example.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

F = TypeVar("F", bound=Callable[..., Any])


def default(text: str) -> str:
    """A default shown the way Typer shows its own (escaped: Rich would take it for markup)."""
    return rf"\[default: {text}]"


ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help="Settings TOML file " + default("$SKILLGAP_CONFIG, else ./skillgap.toml if any"),
    ),
]
DatabaseOpt = Annotated[
    Path | None,
    typer.Option(
        "--database", "-d", help="DuckDB file " + default("the settings' one, skillgap.duckdb")
    ),
]


def help_text(doc: str | None) -> str:
    """``doc`` with each paragraph on one line."""
    paragraphs = inspect.cleandoc(doc or "").split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


def command(name: str | None = None) -> Callable[[F], F]:
    """Register the decorated function as the command ``name`` (default: its own name)."""

    def register(func: F) -> F:
        app.command(name, help=help_text(func.__doc__))(func)
        return func

    return register


def settings(config: Path | None, **overrides: object) -> Settings:
    """The settings of ``config`` with the command line's options over them."""
    return load_settings(config, **overrides)
