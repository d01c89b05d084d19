"""Typed errors: every failure has a stable ``code``, a human ``message`` and a field ``path``.

Each subclass also derives from the builtin it behaves like, so ``except ValueError``
or ``except LookupError`` in a caller's code keeps working.
"""

from __future__ import annotations

from collections.abc import Iterable

from trainingrules._limits import MAX_ERRORS_SHOWN

__all__ = [
    "InputErrors",
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
        return type(self)(self.message, path=_prefixed(prefix, self.path), code=self.code)


def _prefixed(prefix: str, path: str) -> str:
    """``records[3]`` + ``hours`` → ``records[3].hours``; + ``[0]`` → ``records[3][0]``."""
    return f"{prefix}.{path}" if path and not path.startswith("[") else prefix + path


class InvalidInputError(TrainingRulesError, ValueError):
    """A teacher, record or assessment input is invalid (negative hours, NaN, a float, ...)."""

    default_code = "input.invalid"


class InputErrors(InvalidInputError):  # noqa: N818 - the name says it holds several errors
    """Several input errors at once: what ``from_dict`` and ``Request.from_dict`` raise.

    A service wants every problem of a request, not the first one: ``errors`` holds
    them all (at least one), each an ``InvalidInputError`` with its full ``path``
    (``records[3].hours``), ``code`` and ``message``, in the order of the input.
    The error's own code is ``input.many`` and its message lists the first few.

    >>> error = InputErrors([InvalidInputError("is negative", path="hours", code="input.range")])
    >>> error.to_list()
    [{'path': 'hours', 'code': 'input.range', 'message': 'is negative'}]
    >>> error.at("records[3]").errors[0].path
    'records[3].hours'
    """

    default_code = "input.many"
    shown = MAX_ERRORS_SHOWN
    """How many errors the message lists."""

    def __init__(self, errors: Iterable[InvalidInputError], *, path: str = "") -> None:
        """Collect ``errors`` (at least one); an ``InputErrors`` among them is flattened."""
        flat: list[InvalidInputError] = []
        for error in errors:
            flat.extend(error.errors if isinstance(error, InputErrors) else (error,))
        if not flat:
            msg = "InputErrors needs at least one error"
            raise ValueError(msg)
        self.errors: tuple[InvalidInputError, ...] = tuple(flat)
        listed = "; ".join(
            f"{e.path}: {e.message} [{e.code}]" if e.path else f"{e.message} [{e.code}]"
            for e in flat[: self.shown]
        )
        more = f"; and {len(flat) - self.shown} more" if len(flat) > self.shown else ""
        noun = "error" if len(flat) == 1 else "errors"
        super().__init__(f"{len(flat)} input {noun}: {listed}{more}", path=path)

    def at(self, prefix: str) -> InputErrors:
        """The same errors with ``prefix`` put in front of each path."""
        if not prefix:
            return self
        return InputErrors(
            (
                InvalidInputError(e.message, path=_prefixed(prefix, e.path), code=e.code)
                for e in self.errors
            ),
            path=self.path,
        )

    def to_list(self) -> list[dict[str, str]]:
        """Every error as ``{"path", "code", "message"}``, the shape of the table path's errors."""
        return [{"path": e.path, "code": e.code, "message": e.message} for e in self.errors]


class UnknownPolicyError(TrainingRulesError, LookupError):
    """No policy has the id asked for, or none is in force for a region and date."""

    default_code = "policy.unknown"


class PolicyDataError(TrainingRulesError, ValueError):
    """A policy (built in code or loaded from a dict) is malformed."""

    default_code = "policy.invalid"
