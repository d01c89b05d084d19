"""The regulation texts shipped in the package, and the quotes the policies take from them.

The texts are in ``src/trainingrules/policy/sources/`` (see the ``README.md`` there);
``source_text`` reads them. Every ``Citation.quote`` of every catalogue policy, its
interpretations' alternative rules included, must be verbatim in the text of its
document, "verbatim" as ``verbatim`` below defines it. And nothing in the repository
reads a file outside it: a fresh clone with nothing beside it passes the tests.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from importlib.resources import files
from pathlib import Path

import attrs
import pytest

from trainingrules import policy
from trainingrules.errors import UnknownPolicyError
from trainingrules.policy import Citation
from trainingrules.policy._texts import source_names, source_text

ROOT = Path(__file__).resolve().parents[1]
SOURCES = files("trainingrules.policy") / "sources"
TEXTS = (
    "fj-putian-hanjiang-2009-hanzhengjiao-2009-70.txt",
    "jx-2014-gan-jiaoshizi-2014-36.txt",
    "jx-county-2019-internet-plus-credits.txt",
    "nm-hohhot-2006-remote-training-plan.txt",
    "sn-weinan-2019-wei-jiaoshi-2019-6.txt",
)


# --- "verbatim" -------------------------------------------------------------------------

GAP = "……"
"""In a quote, marks text of the document left out (the Chinese ellipsis, two ``…``)."""

# Punctuation that NFKC leaves apart but that the texts and the quotes write either
# way: lenticular and square brackets, curly and straight quotes, the wave dash and
# tilde, dashes and hyphens, angle brackets. NFKC already folds the full-width forms
# (（），：；［］～％＂ and the ideographic space) into their ASCII forms. 、 and 。 stay
# as they are: they have no other form in these texts.
_FOLD = str.maketrans(
    {
        "〔": "[",
        "【": "[",
        "〖": "[",
        "〕": "]",
        "】": "]",
        "〗": "]",
        "“": '"',
        "”": '"',
        "〝": '"',
        "〞": '"',
        "‘": "'",
        "’": "'",
        "〜": "~",
        "—": "-",
        "–": "-",
        "―": "-",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "−": "-",
        "〈": "<",
        "〉": ">",
    }
)


def canonical(text: str) -> str:
    """``text`` in the form quotes are compared in: NFKC, folded punctuation, no whitespace."""
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return "".join(folded.split())


def verbatim(quote: str, text: str) -> bool:
    """Whether ``quote`` is verbatim in ``text``.

    Two strings are the same words when they are equal after
    ``unicodedata.normalize("NFKC", ...)``, with all whitespace removed, and with the
    variants of one punctuation mark mapped to one form: NFKC maps the full-width
    forms to the half-width ones (``，`` → ``,``, ``（`` → ``(``, ``％`` → ``%``,
    ``～`` → ``~``), and ``_FOLD`` unifies the rest (``〔〕【】[]``, ``“”""``, ``‘’''``,
    ``〜~``, ``—–-``, ``〈〉<>``). So ``"5 %"`` is ``"5%"`` and ``"[2006]5 号"`` is
    ``"〔2006〕5号"``; any other difference, one character changed, added or left
    out, is not verbatim.

    A quote may leave text out, marked by ``……`` (``GAP``): then each piece between
    the marks must appear in ``text``, in the order of the quote and without
    overlapping. A quote of nothing but gaps quotes nothing and is not verbatim.
    """
    pieces = [canonical(piece) for piece in quote.split(GAP)]
    pieces = [piece for piece in pieces if piece]
    haystack = canonical(text)
    position = 0
    for piece in pieces:
        found = haystack.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return bool(pieces)


@pytest.mark.parametrize(
    ("quote", "text"),
    [
        ("5 %", "5%"),
        ("5%", "预算总额的 5 %安排"),
        ("[2006]5 号", "〔2006〕5号"),
        ("财教〔2006〕5号", "(财教 [2006]5 号)第三条"),
        ("涵政教〔2009〕70号", "\n涵政教[2009] 70号\n"),
        ("培训学分(学时)", "培训学分（学时）"),
        ("分别按60%与40%比例", "分别按 60% 与 40 %比例"),
        ("2006—2008三年间", "2006 — 2008 三年间"),
        ("2004-2008年", "2004 – 2008 年"),
        ("“继教网”", '"继教网"'),
        ("2012~2013学年", "2012～2013学年"),
        ("《关于印发〈方案〉的通知》", "《关于印发<方案>的通知》"),
        ("对教师，将教师", "对教师,将教师"),
        ("全区　在职", "全区在职"),  # an ideographic space
        ("甲……丙", "甲乙丙"),
        ("甲……丙……戊", "甲乙丙丁戊"),
        ("……乙……", "甲乙丙"),
    ],
)
def test_verbatim_matches(quote, text):
    assert verbatim(quote, text)


@pytest.mark.parametrize(
    ("quote", "text"),
    [
        ("5%", "6%"),  # a changed character
        ("[2006]5号", "〔2006〕6号"),
        ("不少于360学时", "不少于36学时"),
        ("每人不少于360学时", "每人不少360学时"),  # a character left out
        ("可参照", "参照"),
        ("并予以保证（财教[2006]5号 第三条）", "(财教[2006]5号)第三条规定:……并予以保证"),
        ("甲……丙", "丙乙甲"),  # the pieces out of order
        ("甲乙……乙丙", "甲乙丙"),  # the pieces overlap
        ("、", ","),  # 、 and , are different marks
        ("。", "."),
        ("……", "甲"),  # quotes nothing
        ("", "甲"),
    ],
)
def test_verbatim_rejects(quote, text):
    assert not verbatim(quote, text)


# --- the shipped texts ------------------------------------------------------------------


def test_source_names_are_the_five_texts():
    assert source_names() == TEXTS


@pytest.mark.parametrize("name", TEXTS)
def test_source_text_is_the_file_decoded(name):
    text = source_text(name)
    assert text == (SOURCES / name).read_bytes().decode("utf-8")
    assert text.strip()


def _checksums():
    """``file -> (bytes, sha256)`` from the table of ``sources/README.md``."""
    readme = (SOURCES / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+\.txt)` \| (\d+) \| `([0-9a-f]{64})` \|$", readme, re.MULTILINE)
    return {name: (int(size), digest) for name, size, digest in rows}


def test_texts_are_unchanged_byte_for_byte():
    # README.md of the sources lists the size and SHA-256 of each text as received;
    # an editor that strips trailing spaces or converts line ends fails here
    checksums = _checksums()
    assert set(checksums) == set(TEXTS)
    for name, (size, digest) in checksums.items():
        data = (SOURCES / name).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (size, digest), name


def test_texts_are_utf8_without_bom():
    for name in TEXTS:
        data = (SOURCES / name).read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf"), name
        data.decode("utf-8")  # strict


@pytest.mark.parametrize(
    "name",
    [
        "",
        "missing.txt",
        "README.md",  # in the folder, but not a regulation text
        "../catalogue.json",
        "sources/jx-2014-gan-jiaoshizi-2014-36.txt",
        "..\\catalogue.json",
        "/etc/passwd",
        "jx-2014-gan-jiaoshizi-2014-36",
        "JX-2014-GAN-JIAOSHIZI-2014-36.TXT",
    ],
)
def test_source_text_unknown_name(name):
    with pytest.raises(UnknownPolicyError) as caught:
        source_text(name)
    assert isinstance(caught.value, LookupError)
    assert not isinstance(caught.value, FileNotFoundError)
    assert (caught.value.code, caught.value.path) == ("policy.no_source", "source")
    assert "jx-2014-gan-jiaoshizi-2014-36.txt" in caught.value.message


@pytest.mark.parametrize("not_a_name", [None, 3, b"jx-2014-gan-jiaoshizi-2014-36.txt"])
def test_source_text_non_string(not_a_name):
    with pytest.raises(UnknownPolicyError) as caught:
        source_text(not_a_name)
    assert caught.value.code == "policy.no_source"


# --- every quote is verbatim in its document ---------------------------------------------


def _citations(value):
    """Every ``Citation`` inside a policy value: rules, interpretations' alternatives, ..."""
    if isinstance(value, Citation):
        yield value
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _citations(getattr(value, field.name))
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from _citations(item)
    elif isinstance(value, dict) or hasattr(value, "items"):
        for key, item in value.items():
            yield from _citations(key)
            yield from _citations(item)


def _quotes():
    for policy_id in policy.ids():
        p = policy.get(policy_id)
        sources = {doc.number: doc.source for doc in p.documents}
        seen = set()
        for citation in _citations(p):
            if citation.quote and citation not in seen:
                seen.add(citation)
                yield pytest.param(
                    sources.get(citation.document),
                    citation,
                    id=f"{policy_id}:{citation.clause}:{citation.quote[:12]}",
                )


QUOTES = list(_quotes())


def test_the_quote_walk_finds_the_alternative_rules():
    # the walk reaches inside interpretations: F2.totals' alternative cites 二 afresh
    p = policy.get("fj-putian-hanjiang-2009")
    note = next(n for n in p.interpretations if n.id == "F2.totals")
    assert note.alternative_rules[0].citation in set(_citations(p))
    assert len(QUOTES) >= 20


@pytest.mark.parametrize(("source", "citation"), QUOTES)
def test_every_quote_is_verbatim_in_its_document(source, citation):
    assert source, f"{citation.document} is not a document of the policy, or has no source"
    text = source_text(source)
    assert verbatim(citation.quote, text), (
        f"{citation} quotes {citation.quote!r}, which is not verbatim in {source}"
    )


JX_2014 = "jx-2014-gan-jiaoshizi-2014-36.txt"
COUNTY = "jx-county-2019-internet-plus-credits.txt"
WEINAN = "sn-weinan-2019-wei-jiaoshi-2019-6.txt"
HOHHOT = "nm-hohhot-2006-remote-training-plan.txt"
HANJIANG = "fj-putian-hanjiang-2009-hanzhengjiao-2009-70.txt"


@pytest.mark.parametrize(
    ("source", "words"),
    [
        # the figures tests/test_catalogue.py asserts, in the words of the texts
        (JX_2014, "五年一周期的每人不少于360学时"),  # N1, J1
        (JX_2014, "当年男满55周岁、女满53周岁以下"),  # J2
        (JX_2014, "2012~2013学年、2013~2014学年"),  # J2
        (JX_2014, "于2014年12月15日前"),  # J2 (the list; variant J2.age)
        (JX_2014, "统一安排在2014~2015学年度补训，免收补训费用"),  # J4
        (JX_2014, "要全额退还教师"),  # J4
        (COUNTY, "登记、审核与验证"),  # X1
        (WEINAN, "五年一周期360学时"),  # W1
        (WEINAN, "公用经费预算总额5%"),  # W2
        (HOHHOT, "2004 - 2008 年五年间，每一名教师要接受不少于 240 学时"),  # H1
        (HOHHOT, "2006 — 2008 三年间，每年远程培训学时应不少于 48 学时"),  # H2
        (HOHHOT, "分别按 60% 与 40 %比例折合"),  # H6
        (HOHHOT, "总成绩及格以上者"),  # H6
        (HOHHOT, "公用经费预算总额的 5 %安排"),  # H7
        (HANJIANG, "班主任课程培训30学时（必修）"),  # F2
        (HANJIANG, "新课程改革培训（含学科）42学时（选修）"),  # F2
        (HANJIANG, "网络培训中高级48学时和初级36学时、地方课程培训24学时"),  # F2
        (HANJIANG, "完成必修课的30学时"),  # F2 (附件一 四.1)
        (HANJIANG, "每年培训费为180元，初级职务教师每年培训费120元"),  # F3
        (HANJIANG, "不少于5000字"),  # F5
        (HANJIANG, "发帖2个"),  # F5
        (HANJIANG, "不少于1000字"),  # F5
        (HANJIANG, "不得用打印稿"),  # F5
        (HANJIANG, "每个班级均安排3次"),  # F6
        (HANJIANG, "其继续教育成绩定为不合格"),  # F7
        (HANJIANG, "费用自理"),  # F9
        (HANJIANG, "在5年周期内未完成继续教育规定学时数"),  # F10
        (HANJIANG, "在下一年度不予评聘、晋升教师职务"),  # F10
    ],
)
def test_the_figures_are_in_the_texts(source, words):
    assert verbatim(words, source_text(source))


@pytest.mark.parametrize("policy_id", policy.ids())
def test_document_numbers_appear_in_their_texts(policy_id):
    # a numbered document (〔year〕n号) carries its number in its text; 教师〔2011〕1号
    # is quoted with its number in 赣教师字〔2014〕36号
    for doc in policy.get(policy_id).documents:
        if re.search(r"〔\d{4}〕\d+号", doc.number):
            assert verbatim(doc.number, source_text(doc.source)), doc.number


# --- nothing reads outside the repository ------------------------------------------------

_TRACKED = ("src", "tests", "docs", ".ci", "tools", "benchmarks")
_SKIP = {"__pycache__", ".egg-info", ".hypothesis", ".pytest_cache", ".mypy_cache"}
# A read of the folder beside the repository: a parent-relative path to it, or its
# name as a quoted path part (a Path joined with it), or the digest's name through a
# parent-relative path.
_OUTSIDE = re.compile(r"\.\./shared|[\"']shared[\"']|\.\./REGULATIONS")
# Path(__file__).resolve().parents[n]: must stay inside the repository
_PARENTS = re.compile(r"Path\(__file__\)\.resolve\(\)\.parents\[(\d+)\]")


def _project_files():
    files_ = [ROOT / "README.md", ROOT / "pyproject.toml"]
    for top in _TRACKED:
        files_.extend(
            path
            for path in sorted((ROOT / top).rglob("*"))
            if path.is_file()
            and not any(part in _SKIP or part.endswith(".egg-info") for part in path.parts)
        )
    return [path for path in files_ if path.suffix in {".py", ".md", ".toml", ""}]


def test_the_scan_sees_the_project():
    scanned = {path.relative_to(ROOT).as_posix() for path in _project_files()}
    assert {"tests/test_catalogue.py", ".ci/run", "README.md", "docs/rules.md"} <= scanned


def test_nothing_reads_outside_the_repository():
    offenders = []
    for path in _project_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        offenders += [
            f"{path.relative_to(ROOT)}: {match.group(0)}" for match in _OUTSIDE.finditer(text)
        ]
        for match in _PARENTS.finditer(text):
            if not path.resolve().parents[int(match.group(1))].is_relative_to(ROOT):
                offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)} leaves the repo")
    assert not offenders, "reads outside the repository:\n" + "\n".join(offenders)
