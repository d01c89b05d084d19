"""Reading the input tables: column names, value maps, exact hours and one error per bad value.

Every check here is a column expression; a bad value becomes a row of the errors
table (source, row, field, code, message) and never stops the run. The checks mirror
the validation of ``Teacher`` and ``TrainingRecord``: a row that passes them builds a
valid object with the same field values (the fallback builds exactly those objects).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

import polars as pl

from trainingrules.errors import InvalidInputError
from trainingrules.policy import Policy
from trainingrules.records import CreditState, ProviderLevel, Sex, Title
from trainingrules.regions import contains

__all__ = [
    "ERROR_SCHEMA",
    "MAX_SCALE",
    "RECORD_COLUMNS",
    "TEACHER_COLUMNS",
    "Checked",
    "read_records",
    "read_teachers",
]

MAX_SCALE = 9
"""Most decimal places of hours the columnar path reads (beyond: the whole run falls back)."""

ERROR_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "row": pl.Int64(),
    "teacher_id": pl.String(),
    "field": pl.String(),
    "code": pl.String(),
    "message": pl.String(),
}

# English name -> Chinese aliases accepted in headers.
TEACHER_COLUMNS: dict[str, tuple[str, ...]] = {
    "teacher_id": ("教师编号",),
    "birth_date": ("出生日期",),
    "sex": ("性别",),
    "title": ("职称",),
    "region": ("地区代码",),
    "employed_from": ("入职日期",),
    "employed_to": ("离职日期",),
}
RECORD_COLUMNS: dict[str, tuple[str, ...]] = {
    "teacher_id": ("教师编号",),
    "record_id": ("记录编号",),
    "hours": ("学时",),
    "completed_on": ("完成日期",),
    "category": ("培训类别",),
    "programme": ("培训项目",),
    "provider_level": ("培训层级",),
    "credit_state": ("学分状态",),
    "activity": ("培训活动",),
}
_REQUIRED_TEACHER = ("teacher_id", "birth_date", "sex")
_REQUIRED_RECORD = ("teacher_id", "record_id", "hours", "completed_on", "category")

# Value maps: the enum values and the Chinese words for them.
SEXES = {s.value: s.value for s in Sex} | {"男": "male", "女": "female"}
TITLES = {t.value: t.value for t in Title} | {
    "高级": "senior",
    "中级": "intermediate",
    "初级": "junior",
    "无": "none",
    "未定级": "none",
}
LEVELS = {p.value: p.value for p in ProviderLevel} | {
    "国家级": "national",
    "国家": "national",
    "省级": "province",
    "省": "province",
    "市级": "city",
    "市": "city",
    "县级": "county",
    "县": "county",
    "校级": "school",
    "校本": "school",
}
STATES = {c.value: c.value for c in CreditState} | {
    "登记": "registered",
    "审核": "reviewed",
    "验证": "verified",
}
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d")
_HOURS = r"^\s*-?\d+(\.\d*)?\s*$"


class Checked:
    """A table read: its normalised columns, the rows in error and the errors."""

    __slots__ = ("errors", "frame", "scale")

    def __init__(self, frame: pl.DataFrame, errors: pl.DataFrame, scale: int) -> None:
        """``frame`` has a ``row`` column and an ``ok`` flag; ``scale`` is for hours."""
        self.frame = frame
        self.errors = errors
        self.scale = scale


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


def _text(name: str, dtype: pl.DataType) -> pl.Expr:
    """A column as strings (whole numbers are accepted as ids)."""
    if dtype.is_integer() or dtype == pl.String:
        return pl.col(name).cast(pl.String)
    return pl.lit(None, pl.String)


def _date(name: str, dtype: pl.DataType) -> pl.Expr:
    """A column as dates: dates, datetimes (their day) or the usual string forms."""
    if dtype == pl.Date:
        return pl.col(name)
    if isinstance(dtype, pl.Datetime):
        return pl.col(name).dt.date()
    if dtype == pl.String:
        text = pl.col(name).str.strip_chars()
        return pl.coalesce([text.str.strptime(pl.Date, fmt, strict=False) for fmt in _DATE_FORMATS])
    return pl.lit(None, pl.Date)


def _mapped(name: str, values: Mapping[str, str]) -> pl.Expr:
    return (
        pl.col(name)
        .cast(pl.String)
        .str.strip_chars()
        .replace_strict(values, default=None, return_dtype=pl.String)
    )


class _Errors:
    """Collects error expressions: (field, code, message) per failing row."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.checks: list[tuple[pl.Expr, str, str, pl.Expr]] = []

    def add(self, failed: pl.Expr, field: str, code: str, message: pl.Expr | str) -> None:
        text = pl.lit(message) if isinstance(message, str) else message
        self.checks.append((failed.fill_null(value=False), field, code, text))

    def collect(self, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.Series]:
        """The errors of ``frame`` and, per row, whether the row is free of them."""
        if not self.checks:
            return pl.DataFrame(schema=ERROR_SCHEMA), pl.Series("ok", [True] * frame.height)
        flags = frame.select(
            [failed.alias(f"e{i}") for i, (failed, _, _, _) in enumerate(self.checks)]
        )
        parts = []
        for i, (_, field, code, message) in enumerate(self.checks):
            mask = flags[f"e{i}"]
            if not mask.any():
                continue
            parts.append(
                frame.filter(mask).select(
                    pl.lit(self.source).alias("source"),
                    pl.col("row").cast(pl.Int64),
                    pl.col("teacher_id").cast(pl.String),
                    pl.lit(field).alias("field"),
                    pl.lit(code).alias("code"),
                    message.cast(pl.String).alias("message"),
                )
            )
        ok = ~pl.any_horizontal(flags) if flags.width else pl.lit(value=True)
        errors = pl.concat(parts) if parts else pl.DataFrame(schema=ERROR_SCHEMA)
        return errors, frame.select(ok.alias("ok")).to_series()


def _required_text(errors: _Errors, name: str) -> None:
    errors.add(pl.col(name).is_null(), name, "input.empty", f"{name} is missing")
    errors.add(pl.col(name).str.strip_chars() == "", name, "input.empty", "must not be empty")


def _required_date(errors: _Errors, raw: str, name: str) -> None:
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
    _require(frame, _REQUIRED_TEACHER, "teachers")
    schema = frame.schema
    optional = {
        "title": pl.lit(None, pl.String),
        "region": pl.lit(None, pl.String),
        "employed_from": pl.lit(None, pl.Date),
        "employed_to": pl.lit(None, pl.Date),
    }
    out = frame.with_row_index("row").select(
        pl.col("row").cast(pl.Int64),
        _text("teacher_id", schema["teacher_id"]).alias("teacher_id"),
        pl.col("birth_date").alias("birth_date_raw"),
        _date("birth_date", schema["birth_date"]).alias("birth_date"),
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
        (_text("region", schema["region"]) if "region" in schema else optional["region"]).alias(
            "region"
        ),
        *(
            expr
            for n in ("employed_from", "employed_to")
            for expr in (
                [pl.col(n).alias(f"{n}_raw"), _date(n, schema[n]).alias(n)]
                if n in schema
                else [optional[n].alias(f"{n}_raw"), optional[n].alias(n)]
            )
        ),
    )
    errors = _Errors("teachers")
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
    found, ok = errors.collect(out)
    out = out.with_columns(ok, pl.col("title").fill_null("none")).select(
        "row",
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


def _regions(errors: _Errors, frame: pl.DataFrame, policy: Policy) -> None:
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
        if not contains(policy.region, code):
            bad[code] = (
                "input.region",
                (
                    f"the teacher's region {code} is outside the policy's region "
                    f"{policy.region} ({policy.id})"
                ),
            )
    for code in sorted({c for c, _ in bad.values()}):
        values = {region: message for region, (c, message) in bad.items() if c == code}
        errors.add(
            pl.col("region").is_in(list(values)),
            "region",
            code,
            pl.col("region").replace_strict(values, default="", return_dtype=pl.String),
        )


def _scale_of(text: pl.Series) -> int:
    """The most decimal places among the well-formed numbers of ``text``."""
    fraction = text.str.extract(r"\.(\d*)\s*$", 1).str.len_chars().max()
    return int(fraction) if isinstance(fraction, int) else 0


def _hours(frame: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """Hours as a string column ``hours_text`` and the scale the data needs."""
    dtype = frame.schema["hours"]
    if dtype.is_float():
        raise InvalidInputError(
            "hours are floats: their binary values are not the numbers typed; read the "
            "column as strings or Decimal (e.g. schema_overrides={'hours': pl.String})",
            path="records.hours",
            code="input.float",
        )
    if dtype.is_integer():
        text = pl.col("hours").cast(pl.String)
    elif isinstance(dtype, pl.Decimal) or dtype == pl.String:
        text = pl.col("hours").cast(pl.String).str.strip_chars()
    else:
        raise InvalidInputError(
            f"hours must be strings, Decimal or whole numbers, not {dtype}",
            path="records.hours",
            code="input.type",
        )
    frame = frame.with_columns(text.alias("hours_text"))
    valid = frame.get_column("hours_text").filter(
        frame.get_column("hours_text").str.contains(_HOURS)
    )
    return frame, _scale_of(valid)


def scaled(text: pl.Expr, scale: int) -> pl.Expr:
    """Well-formed non-negative decimal strings as integers of ``10**-scale``."""
    parts = text.str.strip_chars().str.split_exact(".", 1)
    whole = parts.struct.field("field_0").cast(pl.Int64, strict=False)
    if scale == 0:
        return whole
    fraction = (
        parts.struct.field("field_1")
        .fill_null("")
        .str.pad_end(scale, "0")
        .cast(pl.Int64, strict=False)
    )
    result: pl.Expr = whole * 10**scale + fraction
    return result


def read_records(frame: pl.DataFrame, teachers: pl.DataFrame) -> Checked:
    """Check and normalise the records table against the (checked) teachers."""
    frame = _rename(frame, RECORD_COLUMNS, "records")
    _require(frame, _REQUIRED_RECORD, "records")
    frame, scale = _hours(frame)
    schema = frame.schema
    scale = min(scale, MAX_SCALE + 1)
    optional_text = {"programme": "", "activity": ""}
    out = frame.with_row_index("row").select(
        pl.col("row").cast(pl.Int64),
        _text("teacher_id", schema["teacher_id"]).alias("teacher_id"),
        _text("record_id", schema["record_id"]).alias("record_id"),
        pl.col("hours_text"),
        pl.col("completed_on").alias("completed_on_raw"),
        _date("completed_on", schema["completed_on"]).alias("completed_on"),
        _text("category", schema["category"]).alias("category"),
        *(
            (_text(n, schema[n]).fill_null(default) if n in schema else pl.lit(default)).alias(n)
            for n, default in optional_text.items()
        ),
        *(
            expr
            for n, values in (("provider_level", LEVELS), ("credit_state", STATES))
            for expr in (
                [pl.col(n).cast(pl.String).alias(f"{n}_raw"), _mapped(n, values).alias(n)]
                if n in schema
                else [pl.lit(None, pl.String).alias(f"{n}_raw"), pl.lit(None, pl.String).alias(n)]
            )
        ),
    )
    errors = _Errors("records")
    _required_text(errors, "teacher_id")
    errors.add(
        pl.col("teacher_id").is_not_null()
        & ~pl.col("teacher_id").is_in(teachers.get_column("teacher_id").drop_nulls().implode()),
        "teacher_id",
        "input.unknown_teacher",
        pl.format("no teacher {} in the teachers table", pl.col("teacher_id")),
    )
    _required_text(errors, "record_id")
    errors.add(
        pl.col("record_id").is_not_null()
        & ~pl.struct("teacher_id", "record_id").is_first_distinct(),
        "record_id",
        "input.duplicate",
        pl.format("duplicate record id {}", pl.col("record_id")),
    )
    hours = pl.col("hours_text")
    errors.add(hours.is_null(), "hours", "input.type", "hours are missing")
    errors.add(
        hours.is_not_null() & ~hours.str.contains(_HOURS),
        "hours",
        "input.type",
        pl.format("{} is not a decimal number", hours),
    )
    errors.add(
        hours.str.contains(_HOURS)
        & hours.str.starts_with("-")
        & (scaled(hours.str.strip_prefix("-"), scale) > 0),
        "hours",
        "input.range",
        pl.format("{} is below the minimum 0", hours),
    )
    errors.add(
        hours.str.contains(_HOURS)
        & (
            hours.str.strip_chars()
            .str.strip_prefix("-")
            .str.split(".")
            .list.first()
            .str.len_chars()
            > 18 - min(scale, MAX_SCALE)
        ),
        "hours",
        "input.range",
        pl.format("{} has too many digits for the table path", hours),
    )
    _required_date(errors, "completed_on_raw", "completed_on")
    _required_text(errors, "category")
    for name, values in (("provider_level", LEVELS), ("credit_state", STATES)):
        errors.add(
            pl.col(f"{name}_raw").is_not_null() & pl.col(name).is_null(),
            name,
            "input.choice",
            pl.format("{} is not one of: " + ", ".join(values), pl.col(f"{name}_raw")),
        )
    found, ok = errors.collect(out)
    out = out.with_columns(ok).select(
        "row",
        "teacher_id",
        "record_id",
        scaled(pl.col("hours_text").str.strip_prefix("-"), min(scale, MAX_SCALE)).alias("hours"),
        "hours_text",
        "completed_on",
        "category",
        "programme",
        "provider_level",
        "credit_state",
        "activity",
        "ok",
    )
    return Checked(out, found, scale)


def decimal_places(number: Decimal) -> int:
    """Decimal places of ``number`` once trailing zeros are dropped."""
    exponent = number.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0
