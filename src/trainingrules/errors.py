"""Typed errors: every failure has a stable ``code``, a human ``message`` and a field ``path``.

Each subclass also derives from the builtin it behaves like, so ``except ValueError``
or ``except LookupError`` in a caller's code keeps working.
"""

from __future__ import annotations

__all__ = [
    "InvalidInputError",
    "PolicyDataError",
    "TrainingRulesError",
    "UnknownPolicyError",
]


class TrainingRulesError(Exception):
    """Base of every error this library raises on purpose.

    Attributes:
        code: stable, machine-readable code such as ``"input.negative"``; listed in
            ``docs/errors.md`` and never renamed within a major version.
        message: what went wrong, for a human.
        path: the offending field, e.g. ``"records[3].hours"``; empty when the error
            concerns the whole value.
    """

    default_code = "error"

    def __init__(self, message: str, *, path: str = "", code: str | None = None) -> None:
        """Build the error; ``code`` defaults to the class's ``default_code``."""
        self.code = code or self.default_code
        self.message = message
        self.path = path
        super().__init__(f"{path}: {message} [{self.code}]" if path else f"{message} [{self.code}]")

    def at(self, prefix: str) -> TrainingRulesError:
        """Return the same error with ``prefix`` put in front of its path.

        Used when a value is validated inside a container: ``records[3]`` + ``hours``.
        """
        if not prefix:
            return self
        path = (
            f"{prefix}.{self.path}"
            if self.path and not self.path.startswith("[")
            else (prefix + self.path)
        )
        return type(self)(self.message, path=path, code=self.code)


class InvalidInputError(TrainingRulesError, ValueError):
    """A teacher, record or assessment input is invalid (negative hours, NaN, a float, ...)."""

    default_code = "input.invalid"


class UnknownPolicyError(TrainingRulesError, LookupError):
    """No policy has the id asked for, or none is in force for a region and date."""

    default_code = "policy.unknown"


class PolicyDataError(TrainingRulesError, ValueError):
    """A policy (built in code or loaded from a dict) is malformed."""

    default_code = "policy.invalid"
