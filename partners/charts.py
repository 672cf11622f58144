"""Bar charts drawn on the server as inline SVG: no JavaScript, readable on a phone.

A chart is a list of bars, each a label, a count and the count it is out of; the
template `partners/includes/bar_chart.html` draws it. Lengths are percentages of the
chart's width and text stays at its CSS size, so a chart fits a 360 px screen without
shrinking its writing. Bars grow from the start side: from the right in Arabic.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.text import Truncator
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

# Share of the width the bars may take; the rest holds each bar's percentage.
TRACK_PERCENT = 80
# Labels longer than this are shortened on the chart (the table next to it and the
# chart's description give them in full).
LABEL_CHARACTERS = 42
ROW_HEIGHT = 50


@dataclass
class Bar:
    """One bar: `done` out of `total`, drawn in row `row` of the chart."""

    label: str
    done: int
    total: int
    row: int
    rtl: bool

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def short_label(self) -> str:
        return Truncator(self.label).chars(LABEL_CHARACTERS)

    @property
    def description(self) -> str:
        return _("%(label)s: %(done)s of %(total)s (%(percent)s%%)") % {
            "label": self.label,
            "done": self.done,
            "total": self.total,
            "percent": self.percent,
        }

    @property
    def label_y(self) -> int:
        return self.row * ROW_HEIGHT + 16

    @property
    def bar_y(self) -> int:
        return self.row * ROW_HEIGHT + 24

    @property
    def value_y(self) -> int:
        return self.row * ROW_HEIGHT + 37

    @property
    def length(self) -> float:
        """The bar's length in percent of the chart's width."""
        return round(self.percent * TRACK_PERCENT / 100, 1)

    @property
    def start_x(self) -> float:
        """Where the label and the track begin: the left edge, or the right in RTL."""
        return 100 if self.rtl else 0

    @property
    def track_x(self) -> float:
        return 100 - TRACK_PERCENT if self.rtl else 0

    @property
    def bar_x(self) -> float:
        return 100 - self.length if self.rtl else 0

    @property
    def value_x(self) -> float:
        return 100 - TRACK_PERCENT - 2 if self.rtl else TRACK_PERCENT + 2


@dataclass
class BarChart:
    """A titled chart; `name` makes the ids of its title and description unique."""

    name: str
    title: str
    bars: list[Bar]

    @property
    def height(self) -> int:
        return len(self.bars) * ROW_HEIGHT

    @property
    def track_length(self) -> int:
        return TRACK_PERCENT

    @property
    def description(self) -> str:
        return "; ".join(bar.description for bar in self.bars)


def bar_chart(name: str, title: str, bars: Iterable[tuple[str, int, int]]) -> BarChart:
    """A chart of (label, done, total) bars, laid out for the current language."""
    rtl = get_language_bidi()
    return BarChart(
        name,
        title,
        [
            Bar(label, done, total, row, rtl)
            for row, (label, done, total) in enumerate(bars)
        ],
    )
