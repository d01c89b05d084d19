"""Tests that kill mutmut's survivors in scoring.py: exact rounding, error messages, paths, codes.

Expected values are worked out by hand: a rounding is ``value / quantum`` rounded to an
integer with the stated mode, times the quantum, and it must be exact for any digits.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from trainingrules import ExamSitting, InvalidInputError, SittingKind
from trainingrules.scoring import Rounding, check_weights, decide_sittings


def _error(call: Callable[[], object]) -> tuple[str, str, str]:
    """The (message, path, code) of the ``InvalidInputError`` that ``call`` raises."""
    with pytest.raises(InvalidInputError) as caught:
        call()
    return caught.value.message, caught.value.path, caught.value.code


FORMAL = ExamSitting(kind=SittingKind.FORMAL, on=date(2015, 6, 1), score=Decimal(70))


# ---------------------------------------------------------------- Rounding: checks


def test_zero_quantum_is_refused() -> None:
    """A rounding quantum must be positive."""
    assert _error(lambda: Rounding(Decimal(0))) == (
        "quantum must be positive",
        "quantum",
        "input.range",
    )


def test_unknown_rounding_mode_is_named() -> None:
    """A rounding mode must be one of decimal's; the message quotes the one given."""
    assert _error(lambda: Rounding(Decimal("0.1"), "HALF")) == (
        "'HALF' is not a decimal rounding mode",
        "mode",
        "input.choice",
    )


def test_rounding_refuses_an_infinite_value() -> None:
    """Infinity cannot be rounded: input.range on ``value``, before any arithmetic."""
    assert _error(lambda: Rounding(Decimal(1)).apply(Decimal("Infinity"))) == (
        "cannot round Infinity: not a finite number below 10**40",
        "value",
        "input.range",
    )


def test_rounding_refuses_a_value_of_41_digits() -> None:
    """1E+41 has 42 digits before the point, above the 10**40 bound: input.range."""
    assert _error(lambda: Rounding(Decimal(1)).apply(Decimal("1E+41"))) == (
        "cannot round 1E+41: not a finite number below 10**40",
        "value",
        "input.range",
    )


def test_rounding_accepts_a_value_at_the_digit_bound() -> None:
    """1E+40 (adjusted exponent 40, not above it) is still rounded, exactly."""
    assert Rounding(Decimal(1)).apply(Decimal("1E+40")) == Decimal(10**40)


# ---------------------------------------------------------------- Rounding: values


def test_a_value_already_on_the_quantum_is_unchanged() -> None:
    """60.5 is a multiple of 0.5: rounding leaves it 60.5."""
    assert Rounding(Decimal("0.5")).apply(Decimal("60.5")) == Decimal("60.5")


def test_an_integer_value_with_a_fractional_quantum() -> None:
    """60 (exponent 0) rounded to halves is 60.0: the value is scaled up, not down."""
    result = Rounding(Decimal("0.5")).apply(Decimal(60))
    assert result == Decimal(60)
    assert str(result) == "60.0"


def test_an_integer_value_off_a_fractional_quantum() -> None:
    """61 rounded to multiples of 0.3 half-up: 61 / 0.3 = 203.33..., so 203 × 0.3 = 60.9."""
    assert Rounding(Decimal("0.3")).apply(Decimal(61)) == Decimal("60.9")


@pytest.mark.parametrize(
    ("mode", "value", "expected"),
    [
        # 59.6 is 0.6 past 59, above a half: every half mode goes up.
        ("ROUND_HALF_DOWN", "59.6", "60"),
        ("ROUND_HALF_EVEN", "58.6", "59"),
        ("ROUND_HALF_UP", "58.6", "59"),
        # Exactly a half: each half mode decides its own way.
        ("ROUND_HALF_DOWN", "59.5", "59"),
        ("ROUND_HALF_EVEN", "58.5", "58"),
        ("ROUND_HALF_UP", "58.5", "59"),
        # Below a half: down.
        ("ROUND_HALF_DOWN", "59.4", "59"),
    ],
)
def test_half_modes_tell_above_at_and_below_a_half(mode: str, value: str, expected: str) -> None:
    """Each half mode rounds a fraction above, at and below one half as decimal defines."""
    assert Rounding(Decimal(1), mode).apply(Decimal(value)) == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("-2.5", "-3"), ("-2.4", "-2"), ("-2", "-2"), ("-0.6", "-1")],
)
def test_negative_values_round_half_away_from_zero(value: str, expected: str) -> None:
    """ROUND_HALF_UP on a negative value: -2.5 → -3, -2.4 → -2 (the sign is kept)."""
    assert Rounding(Decimal(1)).apply(Decimal(value)) == Decimal(expected)


def test_rounding_is_exact_for_twenty_digits() -> None:
    """12345678901234567.891 to hundredths is 12345678901234567.89: no float on the way."""
    assert Rounding(Decimal("0.01")).apply(Decimal("12345678901234567.891")) == Decimal(
        "12345678901234567.89"
    )


def test_rounding_is_exact_for_a_quantum_of_24_digits() -> None:
    """1.5E15 / (1E15 - 1E-9) lies just above 1.5, so half-down still gives 2 quanta."""
    quantum = Decimal("999999999999999.999999999")
    assert Rounding(quantum, "ROUND_HALF_DOWN").apply(Decimal(1500000000000000)) == Decimal(
        "1999999999999999.999999998"
    )


# ---------------------------------------------------------------- weights


def test_no_weights_is_an_empty_error() -> None:
    """A composite needs at least one weight."""
    assert _error(lambda: check_weights([])) == (
        "at least one weight is needed",
        "weights",
        "input.empty",
    )


def test_weights_not_summing_to_one_show_their_sum() -> None:
    """Weights 0.5 + 0.3 sum to 0.8: refused, naming the sum (H6 weights add to 100 %)."""
    assert _error(lambda: check_weights([Decimal("0.5"), Decimal("0.3")])) == (
        "weights sum to 0.8, not exactly 1",
        "weights",
        "input.weights",
    )


# ---------------------------------------------------------------- exam sittings, rule F6


def test_sittings_given_as_text_are_refused() -> None:
    """A string is not a list of sittings, although it is iterable."""
    assert _error(lambda: decide_sittings("formal", Decimal(60))) == (  # type: ignore[arg-type]
        "expected a list of sittings, got str",
        "sittings",
        "input.type",
    )


def test_sittings_that_are_not_iterable_are_refused() -> None:
    """A number is not a list of sittings."""
    assert _error(lambda: decide_sittings(5, Decimal(60))) == (  # type: ignore[arg-type]
        "expected a list of sittings, got int",
        "sittings",
        "input.type",
    )


def test_an_item_that_is_not_a_sitting_is_named_by_index() -> None:
    """The second item, a dict, is refused with the path ``sittings[1]``."""
    assert _error(lambda: decide_sittings([FORMAL, {}], Decimal(60))) == (  # type: ignore[list-item]
        "expected an ExamSitting, got dict",
        "sittings[1]",
        "input.type",
    )


def test_pass_mark_above_100_is_refused() -> None:
    """A pass mark lies on the 0-100 scale; 101 is refused on ``pass_mark``."""
    assert _error(lambda: decide_sittings([FORMAL], Decimal(101))) == (
        "101 is above the maximum 100",
        "pass_mark",
        "input.range",
    )


def test_a_second_formal_sitting_is_a_duplicate() -> None:
    """The regulation provides one formal sitting (F6); a second is input.duplicate."""
    again = ExamSitting(kind=SittingKind.FORMAL, on=date(2015, 7, 1), score=Decimal(80))
    assert _error(lambda: decide_sittings([FORMAL, again], Decimal(60))) == (
        "more than one formal sitting",
        "sittings[1]",
        "input.duplicate",
    )
