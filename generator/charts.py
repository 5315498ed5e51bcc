"""Charts of a fact's figures, drawn at build time as inline SVG: no script, nothing fetched, same bytes every build.

A fact holds a chartable series when it has two or more numbers or totals of one
unit, each with its own date (a count per year): they become a column chart,
stacked by parts when every total has the same parts. Any other total with parts
becomes a bar chart of the total and its parts. The figures are also given as a
table beside the chart, each row linked to the footnote that sources it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model import Citation, Fact, Text, Value

if TYPE_CHECKING:
    from .render import PageRenderer

WIDTH = 400  # narrow enough that 14-unit text stays readable when a phone scales the chart down
SERIES_HEIGHT = 280
SERIES_MARGIN = {"top": 24, "right": 8, "bottom": 34, "left": 56}
ROW_HEIGHT = 50
BAR_HEIGHT = 20


@dataclass(frozen=True)
class Chart:
    """One chart of a fact: a dated 'series' of figures, or the 'parts' of one total."""

    id: str
    fact: Fact
    kind: str
    values: list[Value]
    title: Text | None = None

    @property
    def stacked(self) -> bool:
        """A series of totals whose parts carry the same labels is drawn as stacked columns."""
        if self.kind != "series" or not all(value.parts for value in self.values):
            return False
        first = [part.label for part in self.values[0].parts]
        return all([part.label for part in value.parts] == first for value in self.values)


def find_charts(fact: Fact) -> list[Chart]:
    """The charts a fact's values call for, in the order of its values."""
    figures = [value for value in fact.values if value.kind in ("number", "total")]
    series = dated_series(figures)
    charts = []
    if series:
        charts.append(Chart(f"{fact.id}-chart-1", fact, "series", series, fact.chart_title))
    for value in figures:
        if value.kind == "total" and value not in series:
            charts.append(Chart(f"{fact.id}-chart-{len(charts) + 1}", fact, "parts", [value]))
    return charts


def dated_series(figures: list[Value]) -> list[Value]:
    """Two or more figures of one unit with distinct dates, oldest first; else nothing."""
    dated = [value for value in figures if value.date]
    dates = [value.date for value in dated]
    if len(dated) < 2 or len({value.unit for value in dated}) != 1 or len(set(dates)) != len(dates):
        return []
    return sorted(dated, key=lambda value: date_key(value.date or ""))


def date_key(value: str) -> tuple[int, int, int]:
    """'2014' < '2014-12' < '2014-12-16': a coarser date sorts before the finer dates inside it."""
    parts = [int(part) for part in value.split("-")] + [0, 0]
    return parts[0], parts[1], parts[2]


# --- geometry -------------------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    number: float
    y: float


@dataclass
class Column:
    """One column of a series chart: its date, its height segments (bottom up), and where its label goes."""

    value: Value
    x: float
    width: float
    top: float
    segments: list[tuple[int, float, float]] = field(default_factory=list)  # (part index, y, height)


@dataclass(frozen=True)
class Row:
    """One bar of a parts chart: the total (index -1) or a part."""

    label: Text
    number: float
    index: int
    y: float
    width: float


def nice_step(maximum: float, ticks: int = 5) -> float:
    """A step of 1, 2, 2.5 or 5 times a power of ten that covers maximum in at most `ticks` steps."""
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(power * factor for factor in (1, 2, 2.5, 5, 10) if power * factor >= raw)


def series_layout(chart: Chart) -> tuple[list[Column], list[Tick], dict[str, float]]:
    """Columns and axis ticks of a series chart, in SVG user units."""
    margin = SERIES_MARGIN
    plot: dict[str, float] = {"left": margin["left"], "right": WIDTH - margin["right"], "top": margin["top"],
            "bottom": SERIES_HEIGHT - margin["bottom"]}
    numbers = [float(value.number or 0) for value in chart.values]
    step = nice_step(max(numbers))
    top_number = step * math.ceil(max(numbers) / step) or step  # a series of zeros still has an axis up to one step
    scale = (plot["bottom"] - plot["top"]) / top_number

    def y_of(number: float) -> float:
        return round(plot["bottom"] - number * scale, 2)

    ticks = [Tick(step * index, y_of(step * index)) for index in range(round(top_number / step) + 1)]
    slot = (plot["right"] - plot["left"]) / len(chart.values)
    width = round(min(72.0, slot * 0.6), 2)
    columns = []
    for index, value in enumerate(chart.values):
        x = round(plot["left"] + slot * index + (slot - width) / 2, 2)
        column = Column(value, x, width, y_of(float(value.number or 0)))
        if chart.stacked:
            base = 0.0
            for part_index, part in enumerate(value.parts):
                column.segments.append((part_index, y_of(base + part.number), round((part.number) * scale, 2)))
                base += part.number
        columns.append(column)
    return columns, ticks, plot


def parts_layout(chart: Chart) -> tuple[list[Row], float]:
    """Rows of a parts chart (the total, then each part) and the chart's height."""
    (total,) = chart.values
    entries = [(total.label, float(total.number or 0), -1)] + [(part.label, float(part.number), index)
                                                                for index, part in enumerate(total.parts)]
    longest = max(number for _, number, _ in entries) or 1
    room = WIDTH - 60  # leave room for the figure after the longest bar
    rows = [Row(label, number, index, 4 + ROW_HEIGHT * position, round(room * number / longest, 2))
            for position, (label, number, index) in enumerate(entries)]
    return rows, 8 + ROW_HEIGHT * len(rows)


# --- the figure: SVG, caption and table -------------------------------------------------


@dataclass(frozen=True)
class TableRow:
    heading: str
    cells: list[str]
    citations: list[Citation]


def render_chart(chart: Chart, r: PageRenderer) -> str:
    """The chart as a <figure>: the SVG (titled and described for screen readers), its caption and its table."""
    (first,) = chart.values[:1]
    title = r.text(chart.title) if chart.title else r.text(first.label)
    if chart.kind == "series":
        columns, ticks, plot = series_layout(chart)
        context: dict[str, object] = {"columns": columns, "ticks": ticks, "plot": plot, "height": SERIES_HEIGHT}
    else:
        rows, height = parts_layout(chart)
        context = {"rows": rows, "height": height}
    html = r.html_environment.get_template("chart.html.j2").render(
        chart=chart, r=r, title=title, description=chart_description(chart, r), width=WIDTH,
        part_labels=[r.text(part.label) for part in first.parts] if chart.stacked else [],
        table=chart_table(chart, r), **context)
    return html.strip()


def chart_description(chart: Chart, r: PageRenderer) -> str:
    """What the chart shows, in words: every figure, so a screen reader loses nothing."""
    if chart.kind == "series":
        points = []
        for value in chart.values:
            point = f"{r.date(value.date or '')}: {r.value_text(value)}"
            if chart.stacked:
                point += " (" + ", ".join(f"{r.text(part.label)}: {r.number(part.number)}" for part in value.parts) + ")"
            points.append(point)
        return "; ".join(points) + "."
    (total,) = chart.values
    text = f"{r.text(total.label)}: {r.value_text(total)}. " + "; ".join(
        f"{r.text(part.label)}: {r.number(part.number)}" for part in total.parts) + "."
    if total.discrepancy:
        note = r.gettext("sum of the parts: %(sum)s; total: %(total)s") % {"sum": r.parts_sum(total), "total": r.number(total.number or 0)}
        text += f" {note[:1].upper()}{note[1:]}."
    return text


def chart_table(chart: Chart, r: PageRenderer) -> list[TableRow]:
    """The chart's figures as table rows, each with the citations that give its number."""
    if chart.kind == "series":
        rows = []
        for value in chart.values:
            parts = [r.number(part.number) for part in value.parts] if chart.stacked else []
            numbers = [value.number or 0] + ([part.number for part in value.parts] if chart.stacked else [])
            rows.append(TableRow(r.date(value.date or ""), [*parts, r.value_text(value)], r.citations_for(chart.fact, *numbers)))
        return rows
    (total,) = chart.values
    rows = [TableRow(r.text(total.label), [r.value_text(total)], r.citations_for(chart.fact, total.number or 0))]
    rows += [TableRow(r.text(part.label), [r.number(part.number)], r.citations_for(chart.fact, part.number))
             for part in total.parts]
    return rows
