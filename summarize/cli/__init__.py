"""The ``summarize`` command: a thin click layer over the library.

Only this package prints: :mod:`.terminal` holds the one way to write to
stdout and stderr; :mod:`.digest_cmd` and :mod:`.cache_cmd` are the commands.  Every failure is one line on stderr,
``summarize: error: ...``, and an exit code: 1 bad input (or an output that
cannot be written), 2 a usage error, 3 a model failure.  Everything printed
goes through :func:`~summarize.untrusted.printable` or a renderer that does,
and is written as UTF-8 bytes, whatever the locale: file names and source
text never reach the terminal as control sequences.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from .. import __version__
from .cache_cmd import cache
from .digest_cmd import digest
from .terminal import EXIT_INPUT, fail

__all__ = ["main"]


class _Commands(click.Group):
    """The command group, with click's usage errors as one line like every other error.

    click prints a usage error as three lines (usage, hint, message); here it is
    ``summarize: error: <message> (see 'summarize digest --help')`` and exit 2,
    so every failure of the command is exactly one line on stderr.  Help and
    version requests, and ``summarize`` alone (which prints the help), are unchanged.
    """

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _NoArgsIsHelp as error:
            error.show()
            sys.exit(error.exit_code)
        except click.UsageError as error:
            where = f" (see '{error.ctx.command_path} --help')" if error.ctx is not None else ""
            fail(" ".join(error.format_message().split()) + where, error.exit_code)
        except click.ClickException as error:
            fail(" ".join(error.format_message().split()), error.exit_code)
        except click.Abort:
            fail("aborted", EXIT_INPUT)
        sys.exit(code if isinstance(code, int) else 0)


_NoArgsIsHelp = getattr(click.exceptions, "NoArgsIsHelpError", ())  # click >= 8.2


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="summarize")
def main() -> None:
    """Summarize articles into short, cited briefs: one per story (event) found."""

main.add_command(digest)
main.add_command(cache)
