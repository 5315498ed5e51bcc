"""Charts of a fact's figures, drawn at build time as inline SVG: no script, nothing fetched, same bytes every build.

A fact holds a chartable series when it has two or more numbers or totals of one
unit, each with its own date (a count per year): they become a column chart,
stacked by parts when every total has the same parts. Any other total with parts
becomes a bar chart of the total and its parts. The figures are also given as a
table beside the chart, each row linked to the footnote that sources it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from .model import Citation, Fact, Text, Value, dated_series
from .wording import Wording

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
    figures = fact.figures
    series = dated_series(figures)
    charts = []
    if series:
        charts.append(Chart(f"{fact.id}-chart-1", fact, "series", series, fact.chart_title))
    for value in figures:
        if value.kind == "total" and value not in series:
            charts.append(Chart(f"{fact.id}-chart-{len(charts) + 1}", fact, "parts", [value]))
    return charts


# --- geometry -------------------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    number: float
    y: float
    text: str = ""  # the number as the page's language writes it


@dataclass
class Column:
    """One column of a series chart: its date, its height segments (bottom up), and where its label goes."""

    value: Value
    x: float
    width: float
    top: float
    segments: list[tuple[int, float, float]] = field(default_factory=list)  # (part index, y, height)
    value_text: str = ""  # the figure above the column
    date_text: str = ""  # the date under it


@dataclass(frozen=True)
class Row:
    """One bar of a parts chart: the total (index -1) or a part."""

    label: Text
    number: float
    index: int
    y: float
    width: float
    label_text: str = ""  # the part's label, or "Total"
    number_text: str = ""


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


# --- the figure: what the page draws, in words ------------------------------------


@dataclass(frozen=True)
class TableRow:
    heading: str
    cells: list[str]
    citations: list[Citation]


@dataclass(frozen=True)
class ChartFigure:
    """Everything a page needs to draw a chart, worded in its language: the SVG's geometry, its caption,
    its description for screen readers and the table of its figures."""

    chart: Chart
    title: str
    description: str
    part_labels: list[str]
    table: list[TableRow]
    height: float
    width: float = WIDTH
    columns: list[Column] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    plot: dict[str, float] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)


def chart_title(chart: Chart, words: Wording) -> str:
    """The chart's caption: its fact's chart title, else the label of its first figure."""
    return words.text(chart.title) if chart.title else words.text(chart.values[0].label)


def chart_figure(chart: Chart, words: Wording) -> ChartFigure:
    """The chart laid out and worded: for the page to render (chart.html.j2), never to compute."""
    (first,) = chart.values[:1]
    figure = ChartFigure(chart, chart_title(chart, words), chart_description(chart, words),
                         [words.text(part.label) for part in first.parts] if chart.stacked else [], chart_table(chart, words), 0)
    if chart.kind == "series":
        columns, ticks, plot = series_layout(chart)
        for column in columns:
            column.value_text = words.qualified(words.number(column.value.number or 0), column.value.qualifier)
            column.date_text = words.date(column.value.date or "")
        return replace(figure, height=SERIES_HEIGHT, columns=columns, plot=plot,
                       ticks=[Tick(tick.number, tick.y, words.number(tick.number)) for tick in ticks])
    rows, height = parts_layout(chart)
    return replace(figure, height=height, rows=[
        Row(row.label, row.number, row.index, row.y, row.width,
            words.gettext("Total") if row.index < 0 else words.text(row.label), words.number(row.number)) for row in rows])


def chart_description(chart: Chart, words: Wording) -> str:
    """What the chart shows, in words: every figure, so a screen reader loses nothing."""
    if chart.kind == "series":
        points = []
        for value in chart.values:
            point = f"{words.date(value.date or '')}: {words.value_text(value)}"
            if chart.stacked:
                point += " (" + ", ".join(f"{words.text(part.label)}: {words.number(part.number)}" for part in value.parts) + ")"
            points.append(point)
        return "; ".join(points) + "."
    (total,) = chart.values
    text = f"{words.text(total.label)}: {words.value_text(total)}. " + "; ".join(
        f"{words.text(part.label)}: {words.number(part.number)}" for part in total.parts) + "."
    if total.discrepancy:
        note = words.gettext("sum of the parts: %(sum)s; total: %(total)s") % {
            "sum": words.parts_sum(total), "total": words.number(total.number or 0)}
        text += f" {note[:1].upper()}{note[1:]}."
    return text


def chart_table(chart: Chart, words: Wording) -> list[TableRow]:
    """The chart's figures as table rows, each with the citations that give its number."""
    fact = chart.fact
    if chart.kind == "series":
        rows = []
        for value in chart.values:
            parts = [words.number(part.number) for part in value.parts] if chart.stacked else []
            numbers = [value.number or 0] + ([part.number for part in value.parts] if chart.stacked else [])
            rows.append(TableRow(words.date(value.date or ""), [*parts, words.value_text(value)], fact.citations_for(*numbers)))
        return rows
    (total,) = chart.values
    rows = [TableRow(words.text(total.label), [words.value_text(total)], fact.citations_for(total.number or 0))]
    rows += [TableRow(words.text(part.label), [words.number(part.number)], fact.citations_for(part.number))
             for part in total.parts]
    return rows
