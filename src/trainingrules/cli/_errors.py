"""The command line's own error: a file it cannot read, an option it cannot honour."""

from __future__ import annotations

from trainingrules.errors import TrainingRulesError

__all__ = ["CommandLineError"]


class CommandLineError(TrainingRulesError, ValueError):
    """A command cannot run: an unknown file type, an undecodable file, a missing extra.

    Codes: ``cli.format``, ``cli.encoding``, ``cli.json``, ``cli.read``,
    ``cli.extra`` (listed in ``docs/errors.md``).
    """

    default_code = "cli.usage"
