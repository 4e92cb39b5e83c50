"""The one amount control of the kit's widgets: a formatted box to type in and a log-scale
slider beside it, kept in sync, driven here as the browser drives them (a new `value` on
the box's text or on the slider)."""

from __future__ import annotations

import math

import pytest

from receivables.widgets import AffordabilityWidget, AltmanWidget, ProfitImpactWidget
from receivables.widgets.base import SLIDER_DECADES, AmountControl, format_amount, parse_amount

#: Pixels of slider track in a 30em slider at JupyterLab's 13 px widget font (28em of track).
TRACK_PX = 28 * 13
#: The issue's linear slider: 0-5,000,000 CNY over about 215 px.
OLD_CNY_PER_PX = 5_000_000 / 215


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1,234,567.8", 1_234_567.8),
        ("1 234 567", 1_234_567),
        ("¥48,590", 48_590),
        ("48590元", 48_590),
        ("１２３，４５６", 123_456),
        ("50万", 500_000),
        ("1.2亿", 120_000_000),
        ("-2,000,000", -2_000_000),
        ("7e5", 700_000),
        (".5", 0.5),
    ],
)
def test_typed_amounts_are_read(typed, amount):
    assert parse_amount(typed) == pytest.approx(amount)


@pytest.mark.parametrize("typed", ["", "abc", "1,2,3x", "万", "1.2.3", "nan", "inf", "--5"])
def test_anything_else_is_refused(typed):
    with pytest.raises(ValueError, match="not an amount"):
        parse_amount(typed)


def test_amounts_show_with_separators_and_fen_only_when_there_are_any():
    assert format_amount(5_000_000) == "5,000,000"
    assert format_amount(155_858.075) == "155,858.08"
    assert format_amount(-2_000_000.5) == "-2,000,000.50"


def test_value_round_trip_box_and_slider_follow():
    c = AmountControl("Balance", 100_000, 0, 5_000_000)
    assert c.value == 100_000 and c.box.value == "100,000" and c.slider.value == pytest.approx(100_000)
    c.value = 2_345_678.9
    assert c.box.value == "2,345,678.90" and c.slider.value == pytest.approx(2_345_678.9, rel=1e-9)
    assert c.description == "Balance" and (c.min, c.max) == (0, 5_000_000)


def test_a_typed_figure_is_the_exact_value():
    c = AmountControl("Balance", 100_000, 0, 5_000_000)
    c.box.value = "1,234,567.89"  # what the browser sends on Enter
    assert c.value == 1_234_567.89 and c.box.value == "1,234,567.89"
    assert c.slider.value == pytest.approx(1_234_567.89)
    c.box.value = "50万"
    assert c.value == 500_000 and c.box.value == "500,000"
    c.box.value = "50万"  # the same amount typed again is shown formatted again
    assert c.box.value == "500,000"


def test_typing_outside_the_range_goes_to_the_nearest_end_and_nonsense_is_put_back():
    c = AmountControl("Balance", 100_000, 0, 5_000_000)
    c.box.value = "9,000,000"
    assert c.value == 5_000_000 and c.box.value == "5,000,000"
    c.box.value = "-5"
    assert c.value == 0 and c.box.value == "0"
    assert c.slider.value == pytest.approx(5_000_000 / 10**SLIDER_DECADES)  # rests at its left end
    c.box.value = "a lot"
    assert c.value == 0 and c.box.value == "0"


def test_the_slider_gives_round_figures():
    c = AmountControl("Balance", 100_000, 0, 5_000_000)
    c.slider.value = 1_234_098.54  # a mouse position
    assert c.value == 1_230_000 and c.box.value == "1,230,000"


def test_money_per_pixel_is_a_small_share_of_the_amount():
    """4 decades over ≈ 364 px of track: 10**(4/364) - 1 ≈ 2.6 % of the amount per pixel,
    2,600 CNY at 100,000 and 26,000 at 1,000,000 where the old linear slider moved 23,000
    CNY per pixel at every amount; the slider's own step is finer than a pixel."""
    c = AmountControl("Balance", 100_000, 0, 5_000_000)
    decades_per_px = (c.slider.max - c.slider.min) / TRACK_PX
    share_per_px = 10**decades_per_px - 1
    assert share_per_px < 0.03
    assert 100_000 * share_per_px < OLD_CNY_PER_PX / 8
    assert c.slider.step < decades_per_px
    # the round figures of the slider (three significant figures) do not hide a pixel's move
    assert share_per_px > 10**-2


def test_signed_amounts_are_a_box_only():
    c = AmountControl("EBIT", -1_000_000, lo=None)
    assert c.slider is None and c.min is None and c.max is None
    c.box.value = "-3,000,000"
    assert c.value == -3_000_000


def test_a_slider_needs_a_range():
    with pytest.raises(ValueError, match="slider"):
        AmountControl("Balance", 0, 0, 0)
    with pytest.raises(ValueError, match="slider"):
        AmountControl("Balance", 0, None, 100)


def test_widgets_recompute_from_a_typed_or_slid_amount(shown):
    w = ProfitImpactWidget()
    w.controls["balance"].box.value = "800,000"
    assert w.result["balance"] == 800_000
    w.controls["bad_debt"].slider.value = 2_512.0
    assert w.result["bad_debt"] == 2_510 and w.result["sales_needed"] == pytest.approx(2_510 / 0.05)
    with pytest.raises(ValueError, match="outside"):
        w.set(balance=-1)
    with pytest.raises(ValueError, match="outside"):
        w.set(balance=w.controls["balance"].max + 1)


def test_every_amount_of_the_widgets_is_an_amount_control(shown):
    """Money is never a linear slider: the amounts of the slider widgets and the typed boxes
    of the calculators share one design."""
    amounts = {
        ProfitImpactWidget: {"bad_debt", "balance"},
        AffordabilityWidget: {"equity", "credit_line", "payables", "inventory", "minimum_cash", "annual_sales"},
        AltmanWidget: {
            "working_capital",
            "retained_earnings",
            "ebit",
            "total_assets",
            "book_equity",
            "total_liabilities",
        },
    }
    for cls, names in amounts.items():
        w = cls()
        assert {n for n, c in w.controls.items() if isinstance(c, AmountControl)} == names, cls.__name__
        for name in names:
            c = w.controls[name]
            if c.slider is not None:
                assert math.isclose(10**c.slider.max, c.max) and c.min == 0
