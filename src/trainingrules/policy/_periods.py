"""The periods a regulation measures: N-year cycles, calendar or school years, fixed windows."""

from __future__ import annotations

from datetime import MAXYEAR, date

import attrs

from trainingrules._values import checked, normalise, optional
from trainingrules.cycles import MAX_CYCLE_YEARS, AnchoredCycle, Period
from trainingrules.errors import InvalidInputError, PolicyDataError
from trainingrules.policy._checks import (
    day,
    instance,
    positive_int,
    text,
)
from trainingrules.policy._sources import Citation, Text

__all__ = ["PeriodScheme"]


@attrs.frozen
class PeriodScheme:
    """Back-to-back periods of ``years`` years starting at ``start`` (anchored cycle).

    ``count`` periods, or open-ended when ``None``. ``start`` is ``None`` when the
    documents name the periods without fixing them (the engine then uses only
    ``Outcome`` inputs recorded elsewhere for this scheme).

    Attributes:
        id: e.g. ``"cycle"``; requirements and triggers refer to it.
        label: e.g. ``Text("五年周期", "five-year cycle")``.
    """

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    label: Text = checked(instance(Text))
    start: date | None = checked(optional(day))
    years: int = checked(positive_int)
    count: int | None = checked(optional(positive_int), default=None)

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that a date can hold every boundary the engine computes."""
        normalise(self)
        if self.years > MAX_CYCLE_YEARS:
            raise PolicyDataError(
                f"a period of {self.years} years is longer than the years 1-9999 a date holds",
                path="years",
                code="policy.range",
            )
        if self.start is None:
            return
        # The first period (an open-ended scheme) or the last (a counted one) must end
        # on a day a date can hold, or the engine could not compute it.
        periods = 1 if self.count is None else self.count
        end_year = self.start.year + self.years * periods
        if end_year > MAXYEAR:
            which = "its first period" if self.count is None else f"its {periods} periods"
            raise PolicyDataError(
                f"from {self.start}, {which} of {self.years} years end in {end_year}, "
                f"after {MAXYEAR}-12-31, the last day a date can hold",
                path="count" if self.count is not None else "start",
                code="policy.range",
            )

    @property
    def cycle(self) -> AnchoredCycle | None:
        """The anchored cycle behind the scheme, or ``None`` if it has no start."""
        return None if self.start is None else AnchoredCycle(self.start, self.years)

    def periods(self, until: date) -> tuple[Period, ...]:
        """The scheme's periods: all of them if counted, else those starting by ``until``.

        Raises ``InvalidInputError`` (``input.range``, path ``as_of``: the engine passes
        the evaluation date) if the period containing ``until`` ends after 9999-12-31.
        """
        cycle = self.cycle
        if cycle is None:
            return ()
        last = self.count - 1 if self.count is not None else max(cycle.index_of(until), 0)
        if cycle.anchor.year + cycle.years * (last + 1) > MAXYEAR:
            raise InvalidInputError(
                f"{until} lies in a period of {self.id} that ends after {date.max}, the last "
                "day a date can hold",
                path="as_of",
                code="input.range",
            )
        return tuple(cycle.period(k) for k in range(last + 1))

    def index_of(self, day: date) -> int | None:
        """Index of the period containing ``day``, or ``None`` if no period contains it."""
        cycle = self.cycle
        if cycle is None:
            return None
        k = cycle.index_of(day)
        if k < 0 or (self.count is not None and k >= self.count):
            return None
        return k
