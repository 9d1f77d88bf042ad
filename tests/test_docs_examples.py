"""Every worked example of docs/numbers.md, checked against the real functions.

Each ```contoh block of docs/numbers.md is one test: its inputs become an Indicator (or a
whole Plan) of the public model, and each `→` line is compared with what `formulas`,
`measure` and `formats` give, shown as the documents show it. The block grammar is described
in docs/numbers.md, "How to read the examples"; an unknown input or result is a failure, so a
typo in the document cannot pass silently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from renaksi_docs.formats import format_date, format_money, format_number, format_value
from renaksi_docs.formulas import (
    Missing,
    Result,
    capaian,
    deviasi_rpd,
    realisasi,
    serapan_anggaran,
)
from renaksi_docs.measure import measure, measure_indicator, predikat
from renaksi_docs.model import (
    BUILTIN_SCALES,
    DEFAULT_BANDS,
    Accumulation,
    Band,
    Indicator,
    Kind,
    Level,
    Plan,
    Polarity,
    Rounding,
    Scale,
    Target,
)
from renaksi_docs.workbook.cells import normalise, parse_range

from .conftest import make_indicator, make_plan

NUMBERS = Path(__file__).resolve().parent.parent / "docs" / "numbers.md"
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
QUARTER_FIELDS = {
    "pembilang": ("pembilang", Decimal),
    "penyebut": ("penyebut", Decimal),
    "nilai": ("nilai", Decimal),
    "pagu": ("pagu", int),
    "rpd": ("rencana_penarikan", int),
    "realisasi anggaran": ("realisasi_anggaran", int),
    "target": ("target", str),
}
"""Quarter-line field names of the examples → QuarterFigures fields and their types."""
INPUTS = {
    "jenis rumus",
    "akumulasi",
    "polaritas",
    "target",
    "satuan",
    "nilai dasar",
    "pembulatan",
    "realisasi",
    "capaian",
    "angka",
    "rupiah",
    "tanggal",
    "lembar predikat",
    "skala",
    "lembar skala",
    "batas capaian",
}
"""Single inputs a block may give (besides `TW …` lines and repeated `indikator` lines)."""
_AS_OF = re.compile(
    r"^(realisasi|capaian|capaian tahunan|predikat|serapan|deviasi rpd) s\.d\. tw (i{1,3}|iv)$"
)
_SECTION = re.compile(r"^## (.+)$")
_FIELDS = re.compile(r",\s+")
"""Between the fields of a quarter line: a comma and a space (a decimal comma has none)."""


@dataclass
class Example:
    """One ```contoh block: where it is, its inputs and its expected results."""

    line: int
    section: str
    inputs: dict[str, str] = field(default_factory=dict)
    quarters: dict[int, str] = field(default_factory=dict)
    indicators: list[str] = field(default_factory=list)
    results: list[tuple[str, str]] = field(default_factory=list)


def parse_examples(text: str) -> list[Example]:
    """Every ```contoh block of `text`, in order; raises ValueError on a malformed line."""
    examples: list[Example] = []
    section = ""
    current: Example | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if current is None:
            heading = _SECTION.match(line)
            if heading:
                section = heading.group(1)
            elif stripped == "```contoh":
                current = Example(number, section)
            continue
        if stripped == "```":
            examples.append(current)
            current = None
            continue
        if not stripped:
            continue
        key, separator, value = stripped.removeprefix("→").partition(":")
        key, value = key.strip(), value.strip()
        if not separator or not key or not value:
            raise ValueError(f"numbers.md:{number}: not `name: value`: {line!r}")
        if stripped.startswith("→"):
            current.results.append((key, value))
        elif key.startswith("TW "):
            current.quarters[ROMAN[key.removeprefix("TW ")]] = value
        elif key == "indikator":
            current.indicators.append(value)
        elif key.lower() in INPUTS:
            current.inputs[key.lower()] = value
        else:
            raise ValueError(f"numbers.md:{number}: unknown input {key!r}")
    if current is not None:
        raise ValueError(f"numbers.md:{current.line}: block not closed")
    return examples


def number(text: str) -> Decimal:
    """An Indonesian number as written in the examples: '1.250.000', '3,52', '-12,5'."""
    return Decimal(text.replace(".", "").replace(",", "."))


def value(text: str) -> Result:
    """A number, or a Missing given by its reason ('belum dilaporkan', 'tidak dapat dihitung')."""
    for missing in Missing:
        if text == missing.value:
            return missing
    return number(text)


def quarter_figures(text: str, scale: Scale | None = None) -> dict[str, Any]:
    """'pembilang 40, penyebut 60' → QuarterFigures keyword arguments; with a `scale`
    (kategori) `nilai WTP` is the level reached; `target 6` is the quarter's Target Triwulan."""
    figures: dict[str, Any] = {}
    for part in _FIELDS.split(text.strip()):
        name, _, amount = part.partition(" ")
        if name == "realisasi":  # 'realisasi anggaran 1.000'
            extra, _, amount = amount.partition(" ")
            name = f"{name} {extra}"
        attribute, kind = QUARTER_FIELDS[name]
        if attribute == "target":
            figures[attribute] = target_of(amount, scale)
        elif attribute == "nilai" and scale is not None:
            figures["level"] = level_of(amount, scale)
        else:
            figures[attribute] = kind(number(amount))
    return figures


def level_of(text: str, scale: Scale) -> Level:
    """The level of `scale` spelled `text`."""
    found = scale.level(text)
    assert found is not None, f"{text!r} is no level of {scale.name}"
    return found


def target_of(text: str, scale: Scale | None) -> Target:
    """A target as written: a level of `scale` (kategori), a range '80–90', or a number."""
    if scale is not None:
        return level_of(text, scale)
    found = parse_range(text.replace("%", ""))
    return found if found is not None else number(text)


def scale_of(inputs: dict[str, str]) -> Scale | None:
    """`skala: Opini BPK` (a built-in scale) or `lembar skala: A 90; BB 80; B` (levels best
    first, each with its Nilai when given), or None."""
    if "lembar skala" in inputs:
        levels = []
        for rank, part in enumerate(inputs["lembar skala"].split(";")):
            words = part.split()
            worth = number(words[-1]) if len(words) > 1 and words[-1][0].isdigit() else None
            name = " ".join(words[:-1] if worth is not None else words)
            levels.append(Level(name, rank, worth))
        return Scale("Skala", tuple(levels))
    if "skala" in inputs:
        return next(s for s in BUILTIN_SCALES if normalise(s.name) == normalise(inputs["skala"]))
    return None


class Evaluation:
    """An example's inputs made into model records, and its results computed from them."""

    def __init__(self, example: Example) -> None:
        self.example = example
        inputs = example.inputs
        self.rounding = Rounding(inputs.get("pembulatan", "bulat"))
        self.kind = Kind(inputs.get("jenis rumus", "persentase"))
        default_accumulation = "terakhir" if self.kind is Kind.INDEKS else "kumulatif"
        satuan = {Kind.INDEKS: "indeks", Kind.JUMLAH: "", Kind.KATEGORI: ""}.get(self.kind, "%")
        scale = scale_of(inputs)
        self.cap = number(inputs["batas capaian"]) if "batas capaian" in inputs else None
        self.indicator = make_indicator(
            self.kind,
            target=target_of(inputs["target"], scale) if "target" in inputs else 0,
            polarity=Polarity(inputs.get("polaritas", "maksimal")),
            accumulation=Accumulation(inputs.get("akumulasi", default_accumulation)),
            nilai_dasar=number(inputs["nilai dasar"]) if "nilai dasar" in inputs else None,
            quarters={k: quarter_figures(text, scale) for k, text in example.quarters.items()},
            satuan=inputs.get("satuan", satuan),
            scale=scale,
        )
        self.bands = self._bands(inputs.get("lembar predikat"))

    @staticmethod
    def _bands(text: str | None) -> tuple[Band, ...]:
        """'90 Istimewa; 70 Baik; 50 Cukup' → the bands of a Predikat sheet."""
        if text is None:
            return DEFAULT_BANDS
        bands = []
        for part in text.split(";"):
            lower, _, label = part.strip().partition(" ")
            bands.append(Band(number(lower), label))
        return tuple(bands)

    def targeted(self) -> Indicator:
        """The indicator, which must have a target (a capaian needs one)."""
        assert "target" in self.example.inputs, "a capaian needs a `target` input"
        return self.indicator

    def shown(self, result: Result | Level) -> str:
        """A result as the examples write it: the reason, a level's text, or the number as
        displayed."""
        if isinstance(result, Missing):
            return result.value
        if isinstance(result, Level):
            return result.name
        return format_number(result, self.rounding)

    def plan(self, *indicators: Indicator) -> Plan:
        """A plan of `indicators` with this example's bands and rounding."""
        plan = make_plan(*indicators, quarter=1, rounding=self.rounding, cap=self.cap)
        return replace(plan, bands=self.bands)

    def result(self, key: str) -> str:
        """The value of result `key` for this example."""
        as_of = _AS_OF.match(key.lower())
        if as_of:
            what, k = as_of.group(1), ROMAN[as_of.group(2).upper()]
            return self._as_of(what, k)
        computed: dict[str, Callable[[], str]] = {
            "capaian": lambda: self.shown(capaian(self.targeted(), self._given("realisasi"))),
            "predikat": lambda: predikat(self._given("capaian"), self.bands, self.rounding),
            "ditampilkan": self._displayed,
            "rata-rata capaian": self._mean,
            "jumlah per predikat": self._counts,
            "serapan unit": lambda: self.shown(self._unit().serapan),
        }
        if key not in computed:
            raise AssertionError(f"numbers.md:{self.example.line}: unknown result {key!r}")
        return computed[key]()

    def _given(self, name: str) -> Result:
        return value(self.example.inputs[name])

    def _as_of(self, what: str, k: int) -> str:
        if what == "realisasi":
            return self.shown(realisasi(self.indicator, k))
        if what == "capaian":  # against TW k's Target Triwulan where there is one
            indicator = self.targeted()
            return self.shown(measure_indicator(indicator, k, self.plan(indicator)).capaian)
        if what == "capaian tahunan":
            indicator = self.targeted()
            return self.shown(capaian(indicator, realisasi(indicator, k)))
        if what == "predikat":
            indicator = self.targeted()
            return measure_indicator(indicator, k, self.plan(indicator)).predikat
        if what == "serapan":
            return self.shown(serapan_anggaran(self.indicator, k))
        return self.shown(deviasi_rpd(self.indicator, k))

    def _displayed(self) -> str:
        inputs = self.example.inputs
        if "rupiah" in inputs:
            return format_money(int(number(inputs["rupiah"])))
        if "tanggal" in inputs:
            return format_date(dt.date.fromisoformat(inputs["tanggal"]))
        amount = value(inputs["angka"])
        if "satuan" in inputs:
            return format_value(amount, self.indicator, self.rounding)
        assert isinstance(amount, Decimal)
        return format_number(amount, self.rounding)

    def _unit_indicator(self, text: str) -> Indicator:
        """'capaian 120, pagu 1.000.000, realisasi anggaran 900.000' → an indicator whose
        capaian as of TW I is that (jumlah, target 100, Pembilang = capaian; Penyebut 0 for
        'tidak dapat dihitung'; no figures for 'belum dilaporkan'), with that money in TW I."""
        head, _, money = text.partition(", ")
        achieved = value(head.strip().removeprefix("capaian ").strip())
        figures = quarter_figures(money) if money.strip() else {}
        if achieved is Missing.NOT_COMPUTABLE:
            figures.update(pembilang=Decimal(0), penyebut=Decimal(0))
            return make_indicator(Kind.PERSENTASE, target=100, quarters={1: figures})
        if isinstance(achieved, Decimal):
            figures["pembilang"] = achieved
        return make_indicator(Kind.JUMLAH, target=100, quarters={1: figures}, satuan="")

    def _unit(self) -> Any:
        indicators = [self._unit_indicator(text) for text in self.example.indicators]
        assert indicators, "a summary example needs `indikator` lines"
        return measure(self.plan(*indicators), 1)

    def _mean(self) -> str:
        mean = self._unit().mean_capaian
        return "-" if mean is None else format_number(mean, self.rounding)

    def _counts(self) -> str:
        return ", ".join(f"{label} {count}" for label, count in self._unit().counts.items())


EXAMPLES = parse_examples(NUMBERS.read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"numbers.md:{e.line}" for e in EXAMPLES])
def test_numbers_example(example: Example) -> None:
    """Each worked example of docs/numbers.md gives, through the real functions, what it says."""
    assert example.results, f"numbers.md:{example.line}: an example without a → result"
    evaluation = Evaluation(example)
    got = [(key, evaluation.result(key)) for key, _ in example.results]
    assert got == example.results


RULE_SECTIONS = (
    "Realisasi: persentase",
    "Realisasi: pertumbuhan",
    "Realisasi: indeks",
    "Realisasi: jumlah",
    "A Nilai typed by the office",
    "Penyebut 0: not computable",
    "Capaian",
    "Serapan anggaran",
    "Deviasi RPD",
    "Predikat",
    "The unit's summary",
    "Range targets",
    "Levels (kategori)",
    "Quarterly targets",
    "Batas Capaian",
    "Rounding and display",
)
"""The sections of docs/numbers.md that state a rule, each of which needs examples."""


def test_numbers_doc_has_examples_for_every_rule() -> None:
    """docs/numbers.md has worked examples in every rule section, for every kind and Akumulasi."""
    sections = {e.section for e in EXAMPLES}
    assert set(RULE_SECTIONS) <= sections
    assert len(EXAMPLES) >= 50
    kinds = {e.inputs.get("jenis rumus") for e in EXAMPLES if e.quarters}
    assert {kind.value for kind in Kind} <= kinds
    for kind in Kind:
        if kind is Kind.KATEGORI:
            continue  # a level is the latest reported one, whatever the Akumulasi
        shown = {
            e.inputs.get("akumulasi")
            for e in EXAMPLES
            if e.inputs.get("jenis rumus") == kind.value and e.quarters
        }
        assert {a.value for a in Accumulation} <= shown, kind


def test_parser_refuses_unknown_inputs_and_open_blocks() -> None:
    """A typo in an example's input name, or an unclosed block, fails instead of passing."""
    with pytest.raises(ValueError, match="unknown input"):
        parse_examples("```contoh\ntraget: 80\n→ capaian: 100\n```\n")
    with pytest.raises(ValueError, match="not closed"):
        parse_examples("```contoh\ntarget: 80\n")
