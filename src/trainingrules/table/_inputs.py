"""Reading the input tables: column names, value maps, row checks, one error per bad value.

Every check here is a column expression; a bad value becomes a row of the errors
table (source, row, field, code, message) and never stops the run. The checks mirror
the validation of ``Teacher`` and ``TrainingRecord``: a row that passes them builds a
valid object with the same field values (the fallback builds exactly those objects).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl

from trainingrules._limits import MAX_TEXT
from trainingrules.engine._inputs import region_error
from trainingrules.errors import InvalidInputError
from trainingrules.policy import Policy
from trainingrules.table._columns import (
    ENGINE,
    ERROR_SCHEMA,
    KIND_COLUMNS,
    LEVELS,
    RECORD_COLUMNS,
    REQUIRED_RECORD,
    REQUIRED_TEACHER,
    SEXES,
    STATES,
    TEACHER_COLUMNS,
    TITLES,
)
from trainingrules.table._values import (
    Values,
    check_money,
    date_column,
    read_hours,
    refuse_inexact,
)

__all__ = [
    "Checked",
    "Errors",
    "read_records",
    "read_teachers",
]


class Checked:
    """A table read: its normalised columns, the rows in error and the errors."""

    __slots__ = ("errors", "frame", "keys", "kinds", "scale")

    def __init__(
        self,
        frame: pl.DataFrame,
        errors: pl.DataFrame,
        scale: int,
        keys: tuple[str, ...] = (),
        kinds: pl.DataFrame | None = None,
    ) -> None:
        """``frame`` has a ``row`` column and an ``ok`` flag; ``scale`` is for hours.

        ``keys``: the integer columns that tell a record's kind (``_kind_keys``);
        ``kinds`` the distinct kinds: their ``KIND_COLUMNS`` and ``keys``.
        """
        self.frame = frame
        self.errors = errors
        self.scale = scale
        self.keys = keys
        self.kinds = kinds if kinds is not None else pl.DataFrame()


def _rename(
    frame: pl.DataFrame, columns: Mapping[str, tuple[str, ...]], source: str
) -> pl.DataFrame:
    """``frame`` with Chinese headers renamed to English; a column given twice is an error."""
    renames: dict[str, str] = {}
    for name, aliases in columns.items():
        present = [c for c in (name, *aliases) if c in frame.columns]
        if len(present) > 1:
            raise InvalidInputError(
                f"{source} has the column {name!r} twice ({', '.join(present)})",
                path=f"{source}.{name}",
                code="input.duplicate",
            )
        if present and present[0] != name:
            renames[present[0]] = name
    return frame.rename(renames)


def _require(frame: pl.DataFrame, names: Iterable[str], source: str) -> None:
    for name in names:
        if name not in frame.columns:
            raise InvalidInputError(
                f"{source} has no column {name!r}", path=f"{source}.{name}", code="input.missing"
            )


def _text(name: str, dtype: pl.DataType, source: str) -> pl.Expr:
    """A column as strings (whole numbers are accepted as ids; categoricals as text).

    Raises:
        InvalidInputError: a column of another type, such as floats or dates
            (``input.type``): every row of it would be wrong, so the table is.
    """
    if dtype.is_integer() or dtype == pl.String or isinstance(dtype, pl.Categorical | pl.Enum):
        return pl.col(name).cast(pl.String)
    if dtype == pl.Null:  # an empty column: no values
        return pl.lit(None, pl.String)
    raise InvalidInputError(
        f"{name} must be text or whole numbers, got a column of {dtype}",
        path=f"{source}.{name}",
        code="input.type",
    )


def _mapped(name: str, values: Mapping[str, str]) -> pl.Expr:
    return (
        pl.col(name)
        .cast(pl.String)
        .str.strip_chars()
        .replace_strict(values, default=None, return_dtype=pl.String)
    )


class Errors:
    """Collects error expressions: (field, code, message) per failing row."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.checks: list[tuple[pl.Expr, str, pl.Expr, pl.Expr]] = []

    def add(self, failed: pl.Expr, field: str, code: pl.Expr | str, message: pl.Expr | str) -> None:
        """A check: rows where ``failed`` holds are in error.

        ``code`` and ``message`` may be expressions: they are evaluated on the rows
        in error only, so a costly distinction (blank or unknown) costs nothing
        when every row is fine.
        """
        code_expr = pl.lit(code) if isinstance(code, str) else code
        text = pl.lit(message) if isinstance(message, str) else message
        self.checks.append((failed.fill_null(value=False), field, code_expr, text))

    def collect(self, frame: pl.LazyFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        """``frame`` collected with an ``ok`` column, and its errors (few rows: cheap)."""
        flags = [failed.alias(f"_e{i}") for i, (failed, _, _, _) in enumerate(self.checks)]
        names = [f"_e{i}" for i in range(len(self.checks))]
        checked = (
            frame.with_columns(flags)
            .with_columns((~pl.any_horizontal(names)).alias("ok"))
            .collect(engine=ENGINE)
        )
        bad = checked.filter(~pl.col("ok"))
        parts = [
            bad.filter(pl.col(f"_e{i}")).select(
                pl.lit(self.source).alias("source"),
                pl.col("row").cast(pl.Int64),
                pl.col("teacher_id").cast(pl.String),
                pl.lit(field).alias("field"),
                pl.format("{}[{}].{}", pl.lit(self.source), pl.col("row"), pl.lit(field)).alias(
                    "path"
                ),
                code.alias("code"),
                message.cast(pl.String).alias("message"),
            )
            for i, (_, field, code, message) in enumerate(self.checks)
        ]
        errors = pl.concat(parts) if parts else pl.DataFrame(schema=ERROR_SCHEMA)
        return checked.drop(names), errors


def _required_text(errors: Errors, name: str) -> None:
    errors.add(pl.col(name).is_null(), name, "input.empty", f"{name} is missing")
    # Blank: nothing but white space (trimming is about twice as fast as a regex \S).
    blank = pl.col(name).str.strip_chars().str.len_bytes() == 0
    errors.add(blank, name, "input.empty", "must not be empty")


def _required_date(errors: Errors, raw: str, name: str) -> None:
    errors.add(pl.col(raw).is_null(), name, "input.type", f"{name} is missing")
    errors.add(
        pl.col(raw).is_not_null() & pl.col(name).is_null(),
        name,
        "input.type",
        pl.format("expected a date, got {}", pl.col(raw).cast(pl.String)),
    )


def read_teachers(frame: pl.DataFrame, policy: Policy) -> Checked:
    """Check and normalise the teachers table (one row per teacher)."""
    frame = _rename(frame, TEACHER_COLUMNS, "teachers")
    _require(frame, REQUIRED_TEACHER, "teachers")
    schema = frame.schema
    optional = {
        "title": pl.lit(None, pl.String),
        "region": pl.lit(None, pl.String),
        "employed_from": pl.lit(None, pl.Date),
        "employed_to": pl.lit(None, pl.Date),
    }
    out = frame.with_row_index("row").select(
        pl.col("row").cast(pl.Int64),
        _text("teacher_id", schema["teacher_id"], "teachers").alias("teacher_id"),
        pl.col("birth_date").alias("birth_date_raw"),
        date_column(frame, "birth_date").alias("birth_date"),
        pl.col("sex").cast(pl.String).alias("sex_raw"),
        _mapped("sex", SEXES).alias("sex"),
        *(
            [
                pl.col("title").cast(pl.String).alias("title_raw"),
                _mapped("title", TITLES).alias("title"),
            ]
            if "title" in schema
            else [optional["title"].alias("title_raw"), optional["title"].alias("title")]
        ),
        (
            _text("region", schema["region"], "teachers")
            if "region" in schema
            else optional["region"]
        ).alias("region"),
        *(
            expr
            for n in ("employed_from", "employed_to")
            for expr in (
                [pl.col(n).alias(f"{n}_raw"), date_column(frame, n).alias(n)]
                if n in schema
                else [optional[n].alias(f"{n}_raw"), optional[n].alias(n)]
            )
        ),
    )
    errors = Errors("teachers")
    _required_text(errors, "teacher_id")
    errors.add(
        pl.col("teacher_id").is_not_null() & pl.col("teacher_id").is_duplicated(),
        "teacher_id",
        "input.duplicate",
        pl.format("duplicate teacher id {}", pl.col("teacher_id")),
    )
    _required_date(errors, "birth_date_raw", "birth_date")
    errors.add(
        pl.col("sex").is_null(),
        "sex",
        "input.choice",
        pl.format("{} is not one of: male, female, 男, 女", pl.col("sex_raw").fill_null("null")),
    )
    errors.add(
        pl.col("title_raw").is_not_null() & pl.col("title").is_null(),
        "title",
        "input.choice",
        pl.format(
            "{} is not one of: senior, intermediate, junior, none, 高级, 中级, 初级, 无",
            pl.col("title_raw"),
        ),
    )
    for name in ("employed_from", "employed_to"):
        errors.add(
            pl.col(f"{name}_raw").is_not_null() & pl.col(name).is_null(),
            name,
            "input.type",
            pl.format("expected a date, got {}", pl.col(f"{name}_raw").cast(pl.String)),
        )
    errors.add(
        pl.col("employed_to") < pl.col("employed_from"),
        "employed_to",
        "input.order",
        pl.format(
            "service ends on {}, before it starts on {}",
            pl.col("employed_to"),
            pl.col("employed_from"),
        ),
    )
    _regions(errors, out, policy)
    checked, found = errors.collect(out.lazy())
    out = checked.with_columns(pl.col("title").fill_null("none")).select(
        "row",
        pl.col("row").alias("t"),
        "teacher_id",
        "birth_date",
        "sex",
        "title",
        pl.col("region").fill_null(""),
        "employed_from",
        "employed_to",
        "ok",
    )
    return Checked(out, found, 0)


def _regions(errors: Errors, frame: pl.DataFrame, policy: Policy) -> None:
    """Region codes checked once per distinct value, as ``Teacher`` and ``evaluate`` do."""
    bad: dict[str, tuple[str, str]] = {}
    for code in frame.get_column("region").drop_nulls().unique().to_list():
        if not code:
            continue
        try:
            from trainingrules.regions import check_code  # noqa: PLC0415 - light, local

            check_code(code, path="region")
        except InvalidInputError as error:
            bad[code] = (error.code, error.message)
            continue
        outside = region_error(policy, code, "region")
        if outside is not None:
            bad[code] = (outside.code, outside.message)
    for code in sorted({c for c, _ in bad.values()}):
        values = {region: message for region, (c, message) in bad.items() if c == code}
        errors.add(
            pl.col("region").is_in(list(values)),
            "region",
            code,
            pl.col("region").replace_strict(values, default="", return_dtype=pl.String),
        )


def _too_long(frame: pl.DataFrame, names: Iterable[str]) -> list[str]:
    """The text columns of ``names`` with a value longer than ``MAX_TEXT`` characters.

    Bytes are counted first, in one pass over the columns: no value can be too long
    where no value has more bytes than that (a character takes one byte or more).
    """
    text = [n for n in names if n in frame.schema and frame.schema[n] == pl.String]
    if not text:
        return []
    longest = frame.select(pl.col(n).str.len_bytes().max() for n in text).row(0)
    return [
        n for n, most in zip(text, longest, strict=True) if most is not None and most > MAX_TEXT
    ]


def _chars(name: str) -> pl.Expr:
    """Characters of a text column (kind columns are categoricals by then)."""
    return pl.col(name).cast(pl.String).str.len_chars()


def read_records(frame: pl.DataFrame, teachers: pl.DataFrame) -> Checked:
    """Check and normalise the records table against the (checked) teachers.

    ``teachers`` has ``t`` (the teacher's row) and ``teacher_id``; each record gets
    the ``t`` of its teacher (null: no such teacher). ``hours`` becomes an integer
    of ``10**-scale``; ``hours_raw`` keeps the column as given, for the fallback.
    """
    frame = _rename(frame, RECORD_COLUMNS, "records")
    _require(frame, REQUIRED_RECORD, "records")
    schema = frame.schema
    refuse_inexact(frame, "hours")
    hours, scale, units = read_hours(frame)
    frame = frame.with_columns(units.alias("hours_units"))
    fees = None
    if "fee_paid" in schema:
        refuse_inexact(frame, "fee_paid")
        fees = Values(frame, "fee_paid", check_money)
    record_id = (
        _text("record_id", schema["record_id"], "records")
        if "record_id" in schema
        else pl.format("row {}", pl.col("row"))
    )
    optional_text = {"programme": "", "activity": ""}
    columns = [
        pl.col("row").cast(pl.Int64),
        _text("teacher_id", schema["teacher_id"], "records").alias("teacher_id"),
        record_id.alias("record_id"),
        pl.col("hours").alias("hours_raw"),
        pl.col("hours_units").alias("hours"),
        pl.col("completed_on").alias("completed_on_raw"),
        date_column(frame, "completed_on").alias("completed_on"),
        *(
            [
                pl.col("started_on").alias("started_on_raw"),
                date_column(frame, "started_on").alias("started_on"),
            ]
            if "started_on" in schema
            else [pl.lit(None, pl.Date).alias(n) for n in ("started_on_raw", "started_on")]
        ),
        # The columns that classify a record, as categoricals: few values, many rows, so
        # finding the distinct kinds and joining them back hashes integers, not text.
        _text("category", schema["category"], "records").cast(pl.Categorical).alias("category"),
        *(
            (
                _text(n, schema[n], "records").fill_null(default).cast(_kind_type(n))
                if n in schema
                else pl.lit(default)
            ).alias(n)
            for n, default in optional_text.items()
        ),
        *(
            expr
            for n, values in (("provider_level", LEVELS), ("credit_state", STATES))
            for expr in (
                [
                    pl.col(n).cast(pl.String).alias(f"{n}_raw"),
                    _mapped(n, values).cast(pl.Categorical).alias(n),
                ]
                if n in schema
                else [pl.lit(None, pl.String).alias(f"{n}_raw"), pl.lit(None, pl.String).alias(n)]
            )
        ),
        (pl.col("fee_paid") if fees else pl.lit(None)).cast(pl.String).alias("fee_paid"),
        *([pl.col("fee_paid").alias("fee_raw")] if fees else []),
    ]
    # Each record's teacher (``t``), joined on the id alone: a join carrying every
    # column would copy them all (about twice the time).
    owners = (
        teachers.filter(pl.col("teacher_id").is_not_null())
        .unique("teacher_id", keep="first")
        .select("teacher_id", "t")
        .lazy()
    )
    owner = (
        frame.lazy()
        .with_row_index("row")  # a column of nulls is a literal: the index keeps the height
        .select("row", _text("teacher_id", schema["teacher_id"], "records").alias("teacher_id"))
        .join(owners, on="teacher_id", how="left", maintain_order="left")
        .select("t")
    )
    keys = tuple(k for k in KIND_COLUMNS if k in schema)
    out = pl.concat(
        [frame.lazy().with_row_index("row").select(columns), owner], how="horizontal"
    ).with_columns(
        *_kind_keys(keys),
        # (teacher, id) hashed in the same pass, for the repeat check (``_may_repeat``)
        (pl.col("t").hash(seed=1) ^ pl.col("record_id").hash(seed=2)).alias("repeat_key"),
    )
    errors = Errors("records")
    # No owner: a missing, blank or too long id (the teachers table has none) or an
    # unknown one; which, is worked out for those rows only.
    teacher_id = pl.col("teacher_id")
    blank = teacher_id.is_null() | ~teacher_id.str.contains(r"\S")
    long = teacher_id.str.len_chars() > MAX_TEXT
    errors.add(
        pl.col("t").is_null(),
        "teacher_id",
        pl.when(blank)
        .then(pl.lit("input.empty"))
        .when(long)
        .then(pl.lit("input.too_long"))
        .otherwise(pl.lit("input.unknown_teacher")),
        pl.when(teacher_id.is_null())
        .then(pl.lit("teacher_id is missing"))
        .when(blank)
        .then(pl.lit("must not be empty"))
        .when(long)
        .then(
            pl.format(
                "{} characters, more than the {} allowed",
                teacher_id.str.len_chars(),
                pl.lit(MAX_TEXT),
            )
        )
        .otherwise(pl.format("no teacher {} in the teachers table", teacher_id)),
    )
    _required_text(errors, "record_id")
    for name in _too_long(frame, ("record_id", "category", "programme", "activity")):
        errors.add(
            _chars(name) > MAX_TEXT,
            name,
            "input.too_long",
            pl.format("{} characters, more than the {} allowed", _chars(name), pl.lit(MAX_TEXT)),
        )
    errors.add(pl.col("hours_raw").is_null(), "hours", "input.type", "hours are missing")
    hours.add_to(errors, "hours_raw", "hours")
    _required_date(errors, "completed_on_raw", "completed_on")
    errors.add(
        pl.col("started_on_raw").is_not_null() & pl.col("started_on").is_null(),
        "started_on",
        "input.type",
        pl.format("expected a date, got {}", pl.col("started_on_raw").cast(pl.String)),
    )
    errors.add(
        pl.col("started_on") > pl.col("completed_on"),
        "started_on",
        "input.order",
        pl.format(
            "started on {}, after it was completed on {}",
            pl.col("started_on"),
            pl.col("completed_on"),
        ),
    )
    if fees:
        fees.add_to(errors, "fee_raw", "fee_paid")
    errors.add(pl.col("category").is_null(), "category", "input.empty", "category is missing")
    for name, values in (("provider_level", LEVELS), ("credit_state", STATES)):
        errors.add(
            pl.col(f"{name}_raw").is_not_null() & pl.col(name).is_null(),
            name,
            "input.choice",
            pl.format("{} is not one of: " + ", ".join(values), pl.col(f"{name}_raw")),
        )
    checked, found = errors.collect(out)
    codes = [f"{k}_code" for k in keys if k != "programme"]
    kinds = checked.unique(codes, maintain_order=True).select(*KIND_COLUMNS, *codes)
    # Blank categories are looked for among the distinct kinds: a pass over the rows
    # only when there is one.
    category = pl.col("category").cast(pl.String)
    blank_categories = kinds.filter(~category.str.contains(r"\S"))["category"].cast(pl.String)
    if blank_categories.len():
        checked, found = _late(
            checked,
            found,
            category.is_in(blank_categories.implode()),
            "category",
            "input.empty",
            pl.lit("must not be empty"),
        )
    if _may_repeat(checked):
        first = pl.col("row").min().over("t", "record_id")
        checked, found = _late(
            checked,
            found,
            pl.col("t").is_not_null()
            & pl.col("record_id").is_not_null()
            & (pl.col("row") != first),
            "record_id",
            "input.duplicate",
            pl.format("duplicate record id {}", pl.col("record_id")),
        )
    return Checked(
        checked.select(
            "row",
            "t",
            "teacher_id",
            "record_id",
            "hours",
            "hours_raw",
            "completed_on",
            "started_on",
            "category",
            "programme",
            "provider_level",
            "credit_state",
            "activity",
            "fee_paid",
            *codes,
            "ok",
        ),
        found,
        scale,
        tuple(codes),
        kinds,
    )


def _kind_keys(keys: tuple[str, ...]) -> list[pl.Expr]:
    """A record's kind as integers, so finding the distinct kinds hashes integers.

    Category and programme (categoricals: 32-bit codes) share one 64-bit code, side by
    side; provider level and credit state, when given, keep their own.
    """

    def code(name: str) -> pl.Expr:
        return pl.col(name).to_physical().cast(pl.UInt64)

    pair = code("category") * 2**32
    if "programme" in keys:
        pair += code("programme")
    return [pair.alias("category_code")] + [
        code(k).alias(f"{k}_code") for k in keys if k in {"provider_level", "credit_state"}
    ]


def _may_repeat(checked: pl.DataFrame) -> bool:
    """Whether two records may share a teacher and an id (exact check only then).

    Distinct hashes of (teacher row, id) prove there is no repeat; equal hashes send
    the table through the exact check, which a hash collision cannot fool.
    """
    return bool(checked.get_column("repeat_key").n_unique() < checked.height)


def _late(  # noqa: PLR0913, PLR0917 - one check's parts
    checked: pl.DataFrame,
    found: pl.DataFrame,
    failed: pl.Expr,
    field: str,
    code: str,
    message: pl.Expr,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A check run after the pass over the rows, when a cheap test says it may fail."""
    mask = checked.select(failed.fill_null(value=False)).to_series()
    errors = checked.filter(mask).select(
        pl.lit("records").alias("source"),
        "row",
        "teacher_id",
        pl.lit(field).alias("field"),
        pl.format("records[{}].{}", pl.col("row"), pl.lit(field)).alias("path"),
        pl.lit(code).alias("code"),
        message.cast(pl.String).alias("message"),
    )
    return checked.with_columns(pl.col("ok") & ~mask), pl.concat([found, errors])


def _kind_type(name: str) -> pl.DataType:
    """Programme is a kind column (categorical); activity is free text."""
    return pl.Categorical() if name in KIND_COLUMNS else pl.String()
