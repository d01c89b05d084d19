"""The command line: the demo, and ``trainingrules`` on the files a county exports.

Most tests run the installed console script in a subprocess on files they write
(GB18030 with Chinese headers, bad rows, Parquet, JSON Lines) and compare its output
with ``evaluate_table`` on the same data.
"""

from __future__ import annotations

import codecs
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from trainingrules import policy
from trainingrules.__main__ import main


def test_demo_prints_every_catalogue_policy_with_findings(capsys):
    assert main(["demo", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    for policy_id in policy.ids():
        assert f"== {policy_id}" in out
    # Hohhot H2 (二): 40 remote hours in 2007 against 48 each year.
    assert "2007: 40 hours of remote training, below the 48 required (8 short)" in out
    # Jiangxi J2 (三.1): "当年男满55周岁、女满53周岁以下" — 以下 includes 55 (民法典 art. 1259,
    # interpretation J2.bound), so a man aged 56 in 2014 is outside the remedial scope.
    assert "aged 56 in 2014: outside the remedial scope (men aged 55 or under)" in out


def test_demo_in_chinese(capsys):
    assert main(["demo", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "2007年远程培训40学时，少于要求的48学时（差8学时）" in out
    assert "remote training" not in out


def test_policies_lists_the_catalogue(capsys):
    assert main(["policies"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(policy.ids())


def test_unknown_command_exits_with_usage():
    with pytest.raises(SystemExit) as exit_info:
        main(["nonsense"])
    assert exit_info.value.code == 2


def test_module_runs_as_a_program():
    result = subprocess.run(
        [sys.executable, "-m", "trainingrules", "policies"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "jx-2014" in result.stdout


# --- the console script on exported files ------------------------------------------------

pl = pytest.importorskip("polars")
from polars.testing import assert_frame_equal  # noqa: E402

from trainingrules.table import evaluate_table  # noqa: E402

AS_OF = date(2016, 3, 1)
SCRIPT = shutil.which("trainingrules", path=str(Path(sys.executable).parent))

# What a county system exports: GB18030, Chinese headers, 2012/3/5 dates, no record ids,
# a blank line, and bad rows (each line number below is the file's, header = line 1).
TEACHERS = (
    "教师编号,出生日期,性别,职称\n"
    "A,1980/1/5,女,中级\n"
    "B,1978-03-02,男,高级\n"
    "C,1985-07-07,x,初级\n"  # line 4: no such sex
    "\n"
    "D,1990/2/3,男,\n"
    "E,1975/12/31,女,高级\n"
)
RECORDS = (
    "教师编号,学时,完成日期,培训类别\n"
    "A,359.99,2015/12/31,远程\n"  # 教师〔2011〕1号: 五年一周期 ... 不少于360学时: 0.01 short
    "A,0.01,2016/1/1,远程\n"  # the first day of the next cycle
    "B,360,2014/5/5,远程\n"
    "B,-5,2014/5/6,远程\n"  # line 5: negative hours
    "D,12.5,2012/3/5,远程\n"
    "E,abc,2013/1/1,远程\n"  # line 7: not a number
    "Z,1,2013/1/1,远程\n"  # line 8: no such teacher
    "E,200,2012/13/1,远程\n"  # line 9: no such date
)
BAD = [
    ("teachers.csv", 4, "sex", "input.choice"),
    ("records.csv", 5, "hours", "input.range"),
    ("records.csv", 7, "hours", "input.type"),
    ("records.csv", 8, "teacher_id", "input.unknown_teacher"),
    ("records.csv", 9, "completed_on", "input.type"),
]


def _rows(text):
    header, *lines = text.splitlines()
    names = header.split(",")
    return names, [(n, line.split(",")) for n, line in enumerate(lines, 2) if line]


def _frames(teachers=TEACHERS, records=RECORDS, name="records.csv"):
    """The same data as tables built by hand (not by the command line's reader)."""
    names, rows = _rows(teachers)
    t = pl.DataFrame([[v or None for v in r] for _, r in rows], schema=names, orient="row")
    names, rows = _rows(records)
    r = pl.DataFrame([r for _, r in rows], schema=names, orient="row").with_columns(
        pl.Series("record_id", [f"{name}:{n}" for n, _ in rows])
    )
    return t, r


def _as_text(frame):
    return frame.with_columns(pl.all().cast(pl.String))


def _run(tmp_path, *args, entry=None):
    command = entry or [SCRIPT]
    return subprocess.run(  # noqa: S603 - the installed script or this interpreter
        [*command, *args], capture_output=True, cwd=tmp_path, check=False, timeout=120
    )


@pytest.fixture
def exported(tmp_path):
    (tmp_path / "teachers.csv").write_bytes(TEACHERS.encode("gb18030"))
    (tmp_path / "records.csv").write_bytes(RECORDS.encode("gb18030"))
    return tmp_path


def _evaluate(*extra):
    return ("evaluate", "--policy", "cn-2011", "--as-of", "2016-03-01", *extra)


def test_the_console_script_is_installed():
    assert SCRIPT is not None, "pip install -e . puts trainingrules next to the interpreter"


def test_a_gb18030_export_with_bad_rows(exported):
    done = _run(exported, *_evaluate("teachers.csv", "records.csv", "-o", "results.csv"))
    assert done.returncode == 1  # some rows in error
    stderr = done.stderr.decode()
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    pattern = re.compile(r"^([^:]+):(\d+): (\w+): .+ \[([a-z_.]+)\]$")
    found = [pattern.match(line) for line in lines[: len(BAD)]]
    assert [(m[1], int(m[2]), m[3], m[4]) for m in found if m] == BAD
    assert lines[len(BAD)].startswith("5 of 13 rows in error; 3 teachers not evaluated")
    assert "results.errors.csv" in lines[len(BAD)]

    teachers, records = _frames()
    expected = evaluate_table(policy.get("cn-2011"), teachers, records, AS_OF)
    results = pl.read_csv(exported / "results.csv", infer_schema=False)
    assert_frame_equal(results, _as_text(expected.results))

    errors = pl.read_csv(exported / "results.errors.csv", infer_schema=False)
    assert errors.columns[:2] == ["file", "line"]
    assert [
        (f, int(n), fld, c)
        for f, n, fld, c in errors.select("file", "line", "field", "code").rows()
    ] == BAD
    assert errors.height == expected.errors.height
    assert errors.get_column("message").to_list() == expected.errors.get_column("message").to_list()
    # A: 359.99 in 2011–2015 is 0.01 short of 360 (不少于360学时): failed, exactly.
    a = results.filter(pl.col("teacher_id") == "A").row(0, named=True)
    assert (a["counted"], a["shortfall"], a["status"]) == ("359.99", "0.01", "failed")
    # A teacher with any bad row is not evaluated on the rest (B: 360 hours, one bad row).
    assert set(results.filter(pl.col("teacher_id").is_in(["B", "C", "E"]))["status"]) == {
        "input_error"
    }


def test_both_entry_points_give_the_same_output(exported):
    args = _evaluate("teachers.csv", "records.csv")
    script = _run(exported, *args)
    module = _run(exported, *args, entry=[sys.executable, "-m", "trainingrules"])
    assert script.returncode == module.returncode == 1
    assert script.stdout == module.stdout
    assert script.stdout.startswith(b"teacher_id,scheme,period,start,end,")
    assert script.stderr == module.stderr
    assert not (exported / "results.errors.csv").exists()  # stdout: errors on stderr only


def test_output_piped_into_head_ends_quietly(tmp_path):
    rows = [f"T{i},1980-01-01,male,junior" for i in range(3000)]
    (tmp_path / "t.csv").write_text("teacher_id,birth_date,sex,title\n" + "\n".join(rows) + "\n")
    records = [f"T{i},R1,18,2013-05-01,remote" for i in range(3000)]
    header = "teacher_id,record_id,hours,completed_on,category\n"
    (tmp_path / "r.csv").write_text(header + "\n".join(records) + "\n")
    assert SCRIPT is not None
    producer = subprocess.Popen(  # noqa: S603 - the installed script, fixed arguments
        [SCRIPT, *_evaluate("t.csv", "r.csv")],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    head = subprocess.Popen(  # noqa: S603
        [shutil.which("head") or "head", "-1"], stdin=producer.stdout, stdout=subprocess.PIPE
    )
    assert producer.stdout is not None
    producer.stdout.close()  # head holds the read end
    first, _ = head.communicate(timeout=120)
    _, stderr = producer.communicate(timeout=120)
    assert first.startswith(b"teacher_id,scheme,")
    assert producer.returncode == 0
    assert stderr == b""


def test_a_missing_file_is_one_line_and_status_2(exported):
    done = _run(exported, *_evaluate("teachers.csv", "nowhere.csv"))
    assert done.returncode == 2
    assert done.stderr.decode().splitlines() == [
        "trainingrules: error: nowhere.csv: No such file or directory"
    ]
    assert done.stdout == b""


def test_a_policy_file_and_its_variant(exported):
    data = policy.to_dict(policy.get("cn-2011"))
    data["id"] = "xx-2024"
    for rule in data["rules"]:
        if rule["id"] == "N1.hours":
            rule["minimum"] = "240"
    (exported / "mine.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    teachers, records = _frames()
    mine = policy.from_dict(data)

    done = _run(
        exported,
        "evaluate",
        "--policy",
        "mine.json",
        "--as-of",
        "2016-03-01",
        "teachers.csv",
        "records.csv",
    )
    assert done.returncode == 1
    expected = evaluate_table(mine, teachers, records, AS_OF).results
    assert_frame_equal(pl.read_csv(done.stdout, infer_schema=False), _as_text(expected))
    assert set(expected["required"].drop_nulls()) == {240}

    variant = _run(
        exported,
        "evaluate",
        "--policy",
        "mine.json~N1.cycle",
        "--as-of",
        "2016-03-01",
        "teachers.csv",
        "records.csv",
    )
    expected = evaluate_table(
        policy.DEFAULT.with_policy(mine).get("xx-2024~N1.cycle"), teachers, records, AS_OF
    ).results
    assert_frame_equal(pl.read_csv(variant.stdout, infer_schema=False), _as_text(expected))
    assert "2011-09-01" in set(expected["start"].cast(pl.String))  # school-year cycles


def test_the_policy_in_force_for_a_region(exported):
    done = _run(
        exported,
        "evaluate",
        "--region",
        "360000",
        "--as-of",
        "2016-03-01",
        "teachers.csv",
        "records.csv",
    )
    assert done.returncode == 1
    teachers, records = _frames()
    chosen = policy.find("360000", AS_OF)
    assert chosen.id == "jx-2014"
    expected = evaluate_table(chosen, teachers, records, AS_OF).results
    results = pl.read_csv(done.stdout, infer_schema=False)
    assert_frame_equal(results, _as_text(expected))
    assert "J1.cycle" in set(results["scheme"])


def test_parquet_and_json_lines_in_and_out(tmp_path):
    teachers, records = _frames()
    good_t = teachers.filter(pl.col("教师编号") != "C")
    good_r = records.filter(~pl.col("教师编号").is_in(["B", "E", "Z"]))
    born = pl.col("出生日期")
    good_t.with_columns(
        pl.coalesce(born.str.to_date(f, strict=False) for f in ("%Y/%m/%d", "%Y-%m-%d"))
    ).write_parquet(tmp_path / "teachers.parquet")
    good_r.write_ndjson(tmp_path / "records.jsonl")  # hours as JSON strings: exact
    expected = evaluate_table(
        policy.get("cn-2011"),
        pl.read_parquet(tmp_path / "teachers.parquet"),
        good_r,
        AS_OF,
    ).results
    for out in ("results.parquet", "results.jsonl"):
        done = _run(tmp_path, *_evaluate("teachers.parquet", "records.jsonl", "-o", out))
        assert done.returncode == 0, done.stderr
        assert done.stderr == b""
        if out.endswith(".parquet"):
            assert_frame_equal(pl.read_parquet(tmp_path / out), expected)  # Decimal columns
        else:
            rows = [json.loads(line) for line in (tmp_path / out).read_text().splitlines()]
            assert rows == [
                {
                    k: (str(v) if v is not None and not isinstance(v, bool) else v)
                    for k, v in r.items()
                }
                for r in expected.rows(named=True)
            ]
        errors = pl.read_csv(tmp_path / (Path(out).stem + ".errors.csv"))
        assert errors.height == 0


# --- encodings, lines, options (in-process: the same main) -------------------------------


def _in(tmp_path, monkeypatch, capsys, *args):
    monkeypatch.chdir(tmp_path)
    status = main(list(args))
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),  # Excel "CSV UTF-8"
        lambda text: text.encode("gb18030"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030"],
)
def test_every_encoding_gives_the_same_results(tmp_path, monkeypatch, capsys, encode):
    (tmp_path / "teachers.csv").write_bytes(encode(TEACHERS))
    (tmp_path / "records.csv").write_bytes(encode(RECORDS))
    status, out, _ = _in(tmp_path, monkeypatch, capsys, *_evaluate("teachers.csv", "records.csv"))
    assert status == 1
    teachers, records = _frames()
    expected = evaluate_table(policy.get("cn-2011"), teachers, records, AS_OF).results
    assert_frame_equal(pl.read_csv(out.encode(), infer_schema=False), _as_text(expected))


def test_a_named_encoding_that_does_not_fit_is_status_2(exported, monkeypatch, capsys):
    status, out, err = _in(
        exported,
        monkeypatch,
        capsys,
        *_evaluate("teachers.csv", "records.csv", "--encoding", "utf-8"),
    )
    assert (status, out) == (2, "")
    assert err.startswith("trainingrules: error: teachers.csv: not utf-8 at byte ")
    assert err.rstrip().endswith("[cli.encoding]")
    status, _, _ = _in(
        exported,
        monkeypatch,
        capsys,
        *_evaluate("teachers.csv", "records.csv", "--encoding", "gb18030"),
    )
    assert status == 1


def test_quoted_line_breaks_keep_the_file_lines(tmp_path, monkeypatch, capsys):
    (tmp_path / "t.csv").write_text(
        'teacher_id,birth_date,sex\nA,1980-01-01,female\n"B\nB",1980-01-01,female\nC,1980-01-01,?\n'
    )
    (tmp_path / "r.csv").write_text("teacher_id,hours,completed_on,category\n")
    status, _, err = _in(tmp_path, monkeypatch, capsys, *_evaluate("t.csv", "r.csv"))
    assert status == 1
    assert err.splitlines()[0].startswith("t.csv:5: sex: ")  # C is on line 5, not 4


def test_records_without_ids_are_named_by_file_and_line(tmp_path):
    from trainingrules.cli._evaluate import with_record_ids  # noqa: PLC0415
    from trainingrules.cli._read import read  # noqa: PLC0415

    (tmp_path / "r.csv").write_bytes(RECORDS.encode("gb18030"))
    source = read(str(tmp_path / "r.csv"))
    ids = with_record_ids(source).get_column("record_id").to_list()
    assert ids[:2] == [f"{tmp_path / 'r.csv'}:2", f"{tmp_path / 'r.csv'}:3"]
    assert source.encoding == "gb18030"


def test_a_progress_bar_in_chunks_gives_the_same_answers(exported, monkeypatch, capsys):
    args = _evaluate("teachers.csv", "records.csv")
    whole = _in(exported, monkeypatch, capsys, *args)
    chunked = _in(exported, monkeypatch, capsys, *args, "--progress", "always", "--chunk-size", "2")
    assert chunked[:2] == whole[:2]
    assert [
        line for line in chunked[2].splitlines() if line.startswith(("teachers", "records"))
    ] == [line for line in whole[2].splitlines() if line.startswith(("teachers", "records"))]


def test_an_output_it_cannot_write_is_refused_before_reading(exported, monkeypatch, capsys):
    status, _, err = _in(
        exported, monkeypatch, capsys, *_evaluate("nowhere.csv", "x.csv", "-o", "out.xlsx")
    )
    assert status == 2
    assert "[cli.format]" in err


def test_json_float_hours_are_refused_with_the_reason(tmp_path, monkeypatch, capsys):
    (tmp_path / "t.csv").write_text("teacher_id,birth_date,sex\nA,1980-01-01,female\n")
    (tmp_path / "r.jsonl").write_text(
        '{"teacher_id": "A", "record_id": "1", "hours": 2.5, "completed_on": "2013-01-01", '
        '"category": "remote"}\n'
    )
    status, _, err = _in(tmp_path, monkeypatch, capsys, *_evaluate("t.csv", "r.jsonl"))
    assert status == 2
    assert err.startswith("trainingrules: error: r.jsonl: hours are JSON or Parquet floats")
    assert err.rstrip().endswith("[input.float]")


def test_a_missing_column_names_the_file(tmp_path, monkeypatch, capsys):
    (tmp_path / "t.csv").write_text("teacher_id,birth_date,sex\nA,1980-01-01,female\n")
    (tmp_path / "r.csv").write_text("teacher_id,completed_on,category\nA,2013-01-01,x\n")
    status, _, err = _in(tmp_path, monkeypatch, capsys, *_evaluate("t.csv", "r.csv"))
    assert status == 2
    assert err.startswith("trainingrules: error: r.csv: ")
    assert "[input.missing]" in err


def test_the_summary_in_chinese(exported, monkeypatch, capsys):
    _, _, err = _in(
        exported, monkeypatch, capsys, *_evaluate("teachers.csv", "records.csv", "--lang", "zh")
    )
    assert err.splitlines()[-1].startswith("共13行，其中5行有误；3名教师未评估")


# --- show, validate-policy, diff: the core alone ------------------------------------------


def test_show_quotes_every_citation_and_names_the_variants(capsys):
    for lang in ("zh", "en"):
        for policy_id in policy.ids():
            p = policy.get(policy_id)
            assert main(["show", policy_id, "--lang", lang]) == 0
            out = capsys.readouterr().out
            for rule in p.rules:
                assert f"  {rule.id} ({type(rule).__name__})" in out
                assert rule.citation.quote in out
            for note in p.interpretations:
                if note.alternative_rules:
                    assert f"--policy {p.id}~{note.id}" in out
    assert main(["show", "cn-2011~N1.cycle", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "A variant of cn-2011" in out
    assert "every 5 year(s) from 2011-09-01" in out


def test_show_in_chinese_states_figures_in_the_unit(capsys):
    import attrs  # noqa: PLC0415

    from trainingrules.cli._describe import show  # noqa: PLC0415

    assert main(["show", "cn-2011", "--lang", "zh"]) == 0
    assert "全部培训至少360/360/360/360学时（高级/中级/初级/无职称）" in capsys.readouterr().out
    national = policy.get("cn-2011")
    counted = national.rule("N1.training")
    assert isinstance(counted, policy.CountRule)
    in_credits = attrs.evolve(counted, unit=policy.Unit.CREDITS)
    mine = national.variant(
        "xx-credits", rules=tuple(in_credits if r.id == counted.id else r for r in national.rules)
    )
    text = show(mine, "zh")
    assert "全部培训至少360/360/360/360学分（高级/中级/初级/无职称）" in text
    assert "计入`training` × 1（学分）" in text


def test_validate_policy_lists_every_error_with_path_and_code(tmp_path, capsys):
    data = policy.to_dict(policy.get("cn-2011"))
    (tmp_path / "good.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["validate-policy", str(tmp_path / "good.json")]) == 0
    assert "valid policy cn-2011 (5 rules)" in capsys.readouterr().out

    data["rules"][0]["years"] = "5"
    data["rules"][1]["bogus"] = True
    data["rules"][2]["minimum"] = {"senior": "360", "intermediate": 1.5}
    (tmp_path / "bad.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["validate-policy", str(tmp_path / "bad.json")]) == 1
    lines = capsys.readouterr().out.splitlines()
    found = [re.search(r": ([\w\[\].]+): .* \[([a-z_.]+)\]$", line) for line in lines[:-1]]
    assert [(m[1], m[2]) for m in found if m] == [
        ("rules[0].years", "policy.type"),
        ("rules[1].bogus", "policy.unknown_key"),
        ("rules[2].minimum.intermediate", "policy.float"),
    ]
    assert lines[-1].endswith("bad.json: 3 errors")


def test_validate_policy_reports_a_reference_between_rules(tmp_path, capsys):
    data = policy.to_dict(policy.get("cn-2011"))
    data["rules"][2]["scheme"] = "N9.nowhere"
    (tmp_path / "p.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["validate-policy", str(tmp_path / "p.json")]) == 1
    out = capsys.readouterr().out
    assert "[policy.reference]" in out
    assert out.splitlines()[-1].endswith("1 error")


def test_validate_policy_of_a_file_that_is_not_json(tmp_path, capsys):
    (tmp_path / "p.json").write_text('{"id": ')
    assert main(["validate-policy", str(tmp_path / "p.json")]) == 1
    assert "not JSON" in capsys.readouterr().out
    assert main(["validate-policy", str(tmp_path / "none.json")]) == 2


def test_diff_names_the_changes_and_exits_1(capsys):
    assert main(["diff", "cn-2011", "cn-2011"]) == 0
    assert capsys.readouterr().out == "the policies are identical\n"
    assert main(["diff", "cn-2011", "cn-2011~N1.cycle"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["--- cn-2011", "+++ cn-2011~N1.cycle"]
    assert "changed rule N1.cycle start: '2011-01-01' → '2011-09-01'" in out
    assert main(["diff", "jx-2014", "jx-2019", "--lang", "zh"]) == 1
    out = capsys.readouterr().out
    assert "删除 规则 J1.hours (HoursRequirement): " in out
    assert "新增 规则 X2.hours" in out


def test_the_core_commands_need_no_optional_library(tmp_path):
    (tmp_path / "p.json").write_text(json.dumps(policy.to_dict(policy.get("cn-2011"))))
    program = (
        "import sys\n"
        "sys.modules['polars'] = None  # as if not installed\n"
        "from trainingrules.cli import main\n"
        "codes = [main(['policies']), main(['show', 'jx-2014']), main(['demo', '--lang', 'en']),\n"
        "         main(['diff', 'cn-2011', 'p.json']), main(['validate-policy', 'p.json'])]\n"
        "loaded = sorted(m for m in ('pandas', 'pyarrow', 'tqdm') if m in sys.modules)\n"
        "print('RESULT', codes, loaded, file=sys.stderr)\n"
        "sys.exit(main(['evaluate', '--policy', 'cn-2011', '--as-of', '2016-03-01',\n"
        "               'p.json', 'p.json']))\n"
    )
    done = _run(tmp_path, "-c", program, entry=[sys.executable])
    err = done.stderr.decode().splitlines()
    assert err[0] == "RESULT [0, 0, 0, 0, 0] []"
    assert err[1] == (
        "trainingrules: error: the evaluate command needs polars: "
        "pip install 'trainingrules[cli]' [cli.extra]"
    )
    assert done.returncode == 2


# --- chunks give the same answers as one run (property) ----------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_IDS = st.sampled_from(["A", "B", "C", "D", "E", "F", "G"])


@st.composite
def _population(draw):
    ids = draw(st.lists(_IDS, min_size=1, max_size=7, unique=not draw(st.booleans())))
    teachers = pl.DataFrame(
        {
            "教师编号": ids,
            "出生日期": [draw(st.sampled_from(["1980/1/5", "1960-12-31", "x"])) for _ in ids],
            "性别": [draw(st.sampled_from(["男", "女", "男", "?"])) for _ in ids],
            "职称": [draw(st.sampled_from(["初级", "中级", "高级", None])) for _ in ids],
        }
    )
    n = draw(st.integers(0, 25))
    records = pl.DataFrame(
        {
            "教师编号": [draw(st.sampled_from([*ids, "Z"])) for _ in range(n)],
            "记录编号": [draw(st.sampled_from(["1", "2", "3", "4", "5", "6"])) for _ in range(n)],
            "学时": [
                draw(st.sampled_from(["359.99", "0.01", "360", "12.5", "-1", "x", "0.125"]))
                for _ in range(n)
            ],
            "完成日期": [
                draw(st.sampled_from(["2015/12/31", "2016-01-01", "2012/3/5", "2012/13/1"]))
                for _ in range(n)
            ],
            "培训类别": ["远程"] * n,
        },
        schema=dict.fromkeys(["教师编号", "记录编号", "学时", "完成日期", "培训类别"], pl.String),
    )
    return teachers, records


@settings(max_examples=40)
@given(_population(), st.integers(1, 4), st.sampled_from(["cn-2011", "jx-2014", "nm-hohhot-2006"]))
def test_chunks_of_teachers_give_the_answers_of_one_run(population, size, policy_id):
    from trainingrules.cli._evaluate import evaluate_frames  # noqa: PLC0415

    teachers, records = population
    p = policy.get(policy_id)
    whole = evaluate_frames(p, teachers, records, AS_OF)
    chunked = evaluate_frames(p, teachers, records, AS_OF, chunk_size=size)
    assert_frame_equal(chunked[0], whole[0])  # values, types and decimal scale
    assert_frame_equal(chunked[1], whole[1])
    assert chunked[2:] == whole[2:]


# --- options, failures and outputs of the command line (in-process) ----------------------

import io  # noqa: E402
import os  # noqa: E402
from decimal import Decimal  # noqa: E402

import attrs  # noqa: E402
import fixture_county  # noqa: E402

from trainingrules.cli import _describe, build_parser  # noqa: E402
from trainingrules.cli import _evaluate as evaluating  # noqa: E402
from trainingrules.policy import (  # noqa: E402
    ByTitle,
    Cap,
    Citation,
    Consequence,
    DecisionOutcome,
    PeriodScheme,
    Text,
)


def test_the_evaluation_date_in_every_written_form_and_one_it_refuses(capsys):
    for written in ("2016-03-01", "2016/3/1", "20160301", "2016.3.1", " 2016/03/01 "):
        args = build_parser().parse_args([*_evaluate()[:3], "--as-of", written, "t", "r"])
        assert args.as_of == date(2016, 3, 1), written
    with pytest.raises(SystemExit) as exit_info:
        main([*_evaluate("t.csv", "r.csv")[:3], "--as-of", "1 March 2016", "t.csv", "r.csv"])
    assert exit_info.value.code == 2
    assert (
        "argument --as-of: not a date: '1 March 2016' (2016-03-01, 2016/3/1 or 20160301)"
        in capsys.readouterr().err
    )


@pytest.mark.parametrize("size", ["0", "-3", "ten", "2.5"])
def test_a_chunk_size_that_is_not_a_positive_whole_number_is_a_usage_error(capsys, size):
    assert build_parser().parse_args([*_evaluate("t", "r"), "--chunk-size", "7"]).chunk_size == 7
    with pytest.raises(SystemExit) as exit_info:
        main([*_evaluate("t.csv", "r.csv"), "--chunk-size", size])
    assert exit_info.value.code == 2
    assert (
        f"argument --chunk-size: not a positive whole number: '{size}'" in capsys.readouterr().err
    )


class _ClosedPipe(io.StringIO):
    """A stdout whose reader has gone (``| head`` exited): every write fails."""

    def write(self, _text):
        raise BrokenPipeError(32, "Broken pipe")

    @property
    def buffer(self):
        return self


def test_a_closed_pipe_ends_a_listing_quietly_with_status_0(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["policies"]) == 0
    assert capsys.readouterr().err == ""


def test_a_closed_pipe_while_writing_results_keeps_the_status_of_the_rows(
    exported, monkeypatch, capsys
):
    monkeypatch.chdir(exported)
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(list(_evaluate("teachers.csv", "records.csv"))) == 1  # rows in error
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("5 of 13 rows in error")
    assert "error:" not in err  # the closed pipe is not an error


def test_quiet_stdout_points_stdout_at_the_null_device(tmp_path, monkeypatch):
    with (tmp_path / "out.txt").open("w") as out:
        monkeypatch.setattr(sys, "stdout", out)
        evaluating.quiet_stdout()
        out.write("after the pipe closed\n")
        out.flush()
        assert os.fstat(out.fileno()).st_size == 0  # not a regular file any more
    assert (tmp_path / "out.txt").read_text() == ""
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # no file descriptor: nothing to do
    evaluating.quiet_stdout()


def test_an_interrupt_is_one_line_and_status_130(monkeypatch, capsys):
    def interrupted(_lang):
        raise KeyboardInterrupt

    monkeypatch.setattr(_describe, "catalogue", interrupted)
    assert main(["policies"]) == 130
    assert capsys.readouterr().err == "trainingrules: error: interrupted\n"


def test_a_polars_error_is_one_line_and_any_other_error_is_raised(monkeypatch, capsys):
    def fails(error):
        def command(_lang):
            raise error

        return command

    monkeypatch.setattr(_describe, "catalogue", fails(pl.exceptions.ComputeError("no memory\nat")))
    assert main(["policies"]) == 2
    assert capsys.readouterr().err == "trainingrules: error: ComputeError: no memory\n"
    monkeypatch.setattr(_describe, "catalogue", fails(ValueError("a bug")))
    with pytest.raises(ValueError, match="a bug"):  # a bug is not hidden as a usage error
        main(["policies"])


def test_a_missing_module_other_than_polars_is_not_called_missing_polars(monkeypatch):
    import trainingrules.cli  # noqa: PLC0415

    monkeypatch.delattr(trainingrules.cli, "_evaluate")
    monkeypatch.setitem(sys.modules, "trainingrules.cli._evaluate", None)
    with pytest.raises(ModuleNotFoundError) as caught:
        main(list(_evaluate("t.csv", "r.csv")))
    assert caught.value.name == "trainingrules.cli._evaluate"


def test_an_unknown_encoding_name_is_status_2(exported, monkeypatch, capsys):
    status, out, err = _in(
        exported,
        monkeypatch,
        capsys,
        *_evaluate("teachers.csv", "records.csv", "--encoding", "klingon"),
    )
    assert (status, out) == (2, "")
    assert err == (
        "trainingrules: error: --encoding: unknown encoding 'klingon' "
        "(try utf-8, utf-8-sig or gb18030) [cli.encoding]\n"
    )


def test_a_file_named_utf_8_is_read_as_it_is(tmp_path, monkeypatch, capsys):
    (tmp_path / "teachers.csv").write_text(TEACHERS, encoding="utf-8")
    (tmp_path / "records.csv").write_text(RECORDS, encoding="utf-8")
    args = _evaluate("teachers.csv", "records.csv")
    named = _in(tmp_path, monkeypatch, capsys, *args, "--encoding", "UTF8")
    detected = _in(tmp_path, monkeypatch, capsys, *args)
    assert named == detected
    assert named[0] == 1
    assert named[1].startswith("teacher_id,scheme,period,")


def test_errors_file_named_and_the_stderr_list_cut_at_100_rows(tmp_path, monkeypatch, capsys):
    (tmp_path / "t.csv").write_text("teacher_id,birth_date,sex\nA,1980-01-01,female\n")
    bad = "".join(f"A,{i},-1,2013-01-01,remote\n" for i in range(102))
    (tmp_path / "r.csv").write_text("teacher_id,record_id,hours,completed_on,category\n" + bad)
    status, _, err = _in(
        tmp_path, monkeypatch, capsys, *_evaluate("t.csv", "r.csv", "--errors", "bad.csv")
    )
    assert status == 1
    lines = err.splitlines()
    assert len(lines) == evaluating.STDERR_LINES + 1
    assert lines[0].startswith("r.csv:2: hours: ")
    assert lines[99].startswith("r.csv:101: hours: ")
    assert lines[-1] == (
        "102 of 103 rows in error; 1 teachers not evaluated (status input_error); "
        "all 102 errors in bad.csv (2 not shown above)"
    )
    errors = pl.read_csv(tmp_path / "bad.csv", infer_schema=False)
    assert errors.get_column("line").to_list() == [str(n) for n in range(2, 104)]
    _, _, err = _in(
        tmp_path,
        monkeypatch,
        capsys,
        *_evaluate("t.csv", "r.csv", "-o", "out.csv", "--lang", "zh"),
    )
    assert err.splitlines()[-1] == (
        "共103行，其中102行有误；1名教师未评估（状态input_error）；"
        "全部102条错误见out.errors.csv（以上仅列出前100条）"
    )
    assert (tmp_path / "out.errors.csv").read_bytes() == (tmp_path / "bad.csv").read_bytes()


def test_results_go_to_a_text_only_stdout(exported, monkeypatch, capsys):
    with_buffer = _in(exported, monkeypatch, capsys, *_evaluate("teachers.csv", "records.csv"))
    text_only = io.StringIO()
    monkeypatch.setattr(sys, "stdout", text_only)  # a doctest or IDE console: no .buffer
    assert main(list(_evaluate("teachers.csv", "records.csv"))) == 1
    assert text_only.getvalue() == with_buffer[1]


class _Progress:
    def __init__(self):
        self.steps = []
        self.closed = 0

    def update(self, n):
        self.steps.append(n)

    def close(self):
        self.closed += 1


def test_the_progress_bar_counts_every_teacher_once_in_one_run_or_in_chunks():
    teachers, records = _frames()
    p = policy.get("cn-2011")
    for chunk_size, steps in ((None, [5]), (10, [5]), (2, [2, 2, 1])):
        progress = _Progress()
        bar = evaluating._Bar(progress.update, progress.close)
        done = evaluating.evaluate_frames(p, teachers, records, AS_OF, chunk_size, bar=bar)
        assert (progress.steps, progress.closed) == (steps, 1), chunk_size
        assert done.results.get_column("teacher_id").n_unique() == 5


def test_a_workbook_that_is_no_workbook_is_one_line_and_status_2(exported, monkeypatch, capsys):
    pytest.importorskip("fastexcel")
    (exported / "teachers.xlsx").write_bytes(b"teacher_id,birth_date\n")  # CSV, not a zip
    status, out, err = _in(
        exported, monkeypatch, capsys, *_evaluate("teachers.xlsx", "records.csv")
    )
    assert (status, out) == (2, "")
    assert err.startswith("trainingrules: error: teachers.xlsx: cannot read it as xlsx: ")
    assert err.endswith(" [cli.read]\n")
    assert len(err.splitlines()) == 1  # no traceback

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug in the reader")

    monkeypatch.setattr(pl, "read_excel", broken)
    with pytest.raises(RuntimeError, match="a bug in the reader"):  # not called a bad file
        main(list(_evaluate("teachers.xlsx", "records.csv")))


def test_validate_policy_of_json_that_is_no_policy_or_has_a_block_of_the_wrong_kind(
    tmp_path, capsys
):
    (tmp_path / "list.json").write_text("[1, 2]")
    assert main(["validate-policy", str(tmp_path / "list.json")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[-1].endswith("list.json: 1 error")
    assert lines[0].endswith("list.json: expected a dict, got list [policy.type]")
    data = policy.to_dict(policy.get("cn-2011"))
    data["interpretations"] = {"N1.cycle": "a mapping, not a list"}
    (tmp_path / "p.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["validate-policy", str(tmp_path / "p.json")]) == 1
    # the block is not read item by item (it has no items): its one error, once
    assert capsys.readouterr().out.splitlines() == [
        f"{tmp_path / 'p.json'}: interpretations: expected a list, got dict [policy.type]",
        f"{tmp_path / 'p.json'}: 1 error",
    ]

    # a block that is not a list is reported even when another block errs first
    data = policy.to_dict(policy.get("cn-2011"))
    data["rules"] = 5
    data["documents"][0]["number"] = 7
    (tmp_path / "two.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["validate-policy", str(tmp_path / "two.json")]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{tmp_path / 'two.json'}: documents[0].number: expected str, got int [policy.type]",
        f"{tmp_path / 'two.json'}: rules: expected a list, got int [policy.type]",
        f"{tmp_path / 'two.json'}: 2 errors",
    ]


def _county_file(tmp_path, p):
    path = tmp_path / f"{p.id}.json"
    path.write_text(json.dumps(policy.to_dict(p), ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_show_states_caps_parts_covers_and_an_activity(tmp_path, capsys):
    """The county fixture: 校本研修 at most a third, 必修/选修 parts, one 72-hour training."""
    mine = _county_file(tmp_path, fixture_county.HOURS_POLICY)
    assert main(["show", mine, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    for line in (
        (
            "    cap: `school_based` counts at most 1/3 of the requirement hours "
            "(某县教师〔2020〕1号 第三条)"
        ),
        (
            "    of which compulsory courses (`compulsory`): at least 120/120/120/120 "
            "(senior/intermediate/junior/none) hours"
        ),
        "    a surplus of `compulsory` may cover `elective`",
        "    including one concentrated training of at least 72 hours (某县教师〔2020〕1号 第五条)",
    ):
        assert line in out.splitlines()
    assert "Interpretations" not in out  # the fixture has none
    assert main(["show", mine, "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    for line in (
        "    上限：`school_based`最多计要求的1/3学时（某县教师〔2020〕1号 第三条）",
        "    其中选修课程（`elective`）至少120/120/120/120 (高级/中级/初级/无职称)学时",
        "    `compulsory`的超出部分可抵补`elective`",
        "    其中一次集中培训至少72学时（某县教师〔2020〕1号 第五条）",
    ):
        assert line in out.splitlines()
    assert "解读" not in out
    # a cap stated as figures by title rather than a share of the requirement
    hours = fixture_county.HOURS
    figures = Cap(
        bucket="school_based", citation=hours.citation, at_most=ByTitle.same(Decimal(120))
    )
    in_figures = attrs.evolve(hours, caps=(figures,))
    capped = fixture_county.HOURS_POLICY.variant(
        "xx-county-capped",
        rules=tuple(
            in_figures if r.id == hours.id else r for r in fixture_county.HOURS_POLICY.rules
        ),
    )
    text = _describe.show(capped, "en")
    assert (
        "    cap: `school_based` counts at most 120/120/120/120 (senior/intermediate/junior/none)"
        " hours (某县教师〔2020〕1号 第三条)"
    ) in text.splitlines()


def test_show_in_chinese_states_windows_deferrals_factors_and_unquoted_citations():
    national = policy.get("cn-2011")
    bar = national.rule("N2.necessary_condition")
    assert isinstance(bar, Consequence)
    window = PeriodScheme(
        id="X1.registration",
        citation=Citation("教师〔2011〕1号", "一"),  # no quote
        label=Text("注册周期", "registration cycle"),
        start=date(2011, 1, 1),
        years=5,
    )
    deferred = attrs.evolve(
        bar, id="X2.deferred", outcome=DecisionOutcome.DEFERRED, within=window.id, after=2
    )
    factor = attrs.evolve(bar, id="X3.factor", outcome=DecisionOutcome.ELIGIBLE)
    mine = national.variant("xx-consequences", rules=(*national.rules, window, deferred, factor))
    text = _describe.show(mine, "zh")
    lines = text.splitlines()
    assert (
        "    在`X1.registration`期间内`N1.cycle`连续2次不合格 → 暂缓教师考核；"
        "暂缓办理教师资格再注册；暂缓评聘教师职务，直至其后的期间合格"
    ) in lines
    assert (
        "    `N1.cycle`不合格 → 作为教师考核的考虑因素；作为教师资格再注册的考虑因素；"
        "作为职务聘任的考虑因素，直至其后的期间合格"
    ) in lines
    cited = lines.index("    依据：教师〔2011〕1号 一")
    assert lines[cited + 1] == "  X2.deferred (Consequence)"  # no quote line in between


def test_the_summary_in_chinese_names_the_errors_file(exported, monkeypatch, capsys):
    status, _, err = _in(
        exported,
        monkeypatch,
        capsys,
        *_evaluate("teachers.csv", "records.csv", "-o", "out.csv", "--lang", "zh"),
    )
    assert status == 1
    assert err.splitlines()[-1] == (
        "共13行，其中5行有误；3名教师未评估（状态input_error）；全部5条错误见out.errors.csv"
    )
    assert len(err.splitlines()) == len(BAD) + 1  # every bad row listed: none left out


def test_a_file_polars_cannot_parse_is_one_line_with_its_reason(tmp_path, monkeypatch, capsys):
    (tmp_path / "t.csv").write_text('teacher_id,birth_date,sex\n"A,1980-01-01,female\n')
    (tmp_path / "r.csv").write_text("teacher_id,hours,completed_on,category\n")
    status, out, err = _in(tmp_path, monkeypatch, capsys, *_evaluate("t.csv", "r.csv"))
    assert (status, out) == (2, "")
    assert err.startswith("trainingrules: error: t.csv: cannot read it as csv: could not parse ")
    assert err.endswith(" [cli.read]\n")
    assert len(err.splitlines()) == 1


def test_records_the_csv_module_splits_otherwise_are_numbered_by_row(tmp_path, monkeypatch, capsys):
    # A lone carriage return inside a field: polars keeps it in the field, Python's csv
    # module ends a record there; the two disagree, so each row's line is its row + 1.
    (tmp_path / "t.csv").write_bytes(
        b'teacher_id,birth_date,sex\nA\rA,1980-01-01,female\n"B\nB",1980-01-01,?\n'
    )
    (tmp_path / "r.csv").write_text("teacher_id,hours,completed_on,category\n")
    status, _, err = _in(tmp_path, monkeypatch, capsys, *_evaluate("t.csv", "r.csv"))
    assert status == 1
    assert err.splitlines()[0].startswith("t.csv:3: sex: ")  # B's record starts on line 3


def test_reading_a_workbook_without_fastexcel_names_the_extra(exported, monkeypatch, capsys):
    (exported / "teachers.xlsx").write_bytes(b"")
    monkeypatch.setitem(sys.modules, "fastexcel", None)  # as if not installed
    status, _, err = _in(exported, monkeypatch, capsys, *_evaluate("teachers.xlsx", "records.csv"))
    assert status == 2
    assert err == (
        "trainingrules: error: teachers.xlsx: reading .xlsx needs fastexcel: "
        "pip install 'trainingrules[cli]' [cli.extra]\n"
    )
