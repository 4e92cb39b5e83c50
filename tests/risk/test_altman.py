"""Altman Z'' (private, non-manufacturing), course/references.md §5.3."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from receivables.risk import altman_z_double_prime, altman_z_frame, z_zone


def test_hand_computed_safe_company():
    r = altman_z_double_prime(
        working_capital=1,
        retained_earnings=2,
        ebit=3,
        total_assets=10,
        book_equity=5,
        total_liabilities=5,
    )
    assert (r["X1"], r["X2"], r["X3"], r["X4"]) == pytest.approx((0.1, 0.2, 0.3, 1.0))
    # 6.56*0.1 + 3.26*0.2 + 6.72*0.3 + 1.05*1.0
    assert r["z"] == pytest.approx(4.374)
    assert r["zone"] == "safe"


def test_hand_computed_distressed_company():
    r = altman_z_double_prime(-20, -30, -5, 100, 10, 90)
    expected = 6.56 * -0.2 + 3.26 * -0.3 + 6.72 * -0.05 + 1.05 * 10 / 90
    assert r["z"] == pytest.approx(expected)
    assert r["zone"] == "distress"


@pytest.mark.parametrize(
    ("z", "zone"),
    [
        (2.61, "safe"),
        (2.6000001, "safe"),
        (2.60, "grey"),  # 2.60 itself is grey: safe needs more than 2.60
        (1.10, "grey"),  # 1.10 itself is grey: distress is below 1.10
        (1.0999999, "distress"),
        (-3.0, "distress"),
    ],
)
def test_zone_boundaries(z, zone):
    assert z_zone(z) == zone


def test_zone_boundaries_from_financials():
    # X1=-0.5, X2=0, X3=0.75, X4=0.8 -> Z'' = 2.60 exactly on paper
    r = altman_z_double_prime(-10, 0, 15, 20, 16, 20)
    assert r["z"] == pytest.approx(2.60)
    assert r["zone"] == "grey"
    # X1=-0.45, X2=-0.2, X3=0.7, X4=0 -> Z'' = 1.10 exactly on paper
    r = altman_z_double_prime(-9, -4, 14, 20, 0, 20)
    assert r["z"] == pytest.approx(1.10)
    assert r["zone"] == "grey"


def test_undefined_ratios():
    r = altman_z_double_prime(1, 1, 1, 0, 1, 1)
    assert r["X1"] is None and r["z"] is None and r["zone"] is None
    r = altman_z_double_prime(1, 1, 1, 10, 5, 0)  # no liabilities: X4 undefined
    assert r["X1"] == pytest.approx(0.1) and r["X4"] is None and r["z"] is None
    assert z_zone(None) is None and z_zone(float("nan")) is None


def test_frame_matches_scalar_and_keeps_columns():
    df = pd.DataFrame(
        {
            "customer_id": ["A", "B", "C", "D"],
            "working_capital": [1, -20, -10, 1],
            "retained_earnings": [2, -30, 0, 1],
            "ebit": [3, -5, 15, 1],
            "total_assets": [10, 100, 20, 0],
            "book_equity": [5, 10, 16, 1],
            "total_liabilities": [5, 90, 20, 1],
        },
        index=[10, 11, 12, 13],
    )
    out = altman_z_frame(df)
    assert list(out.index) == [10, 11, 12, 13]
    assert list(out["customer_id"]) == ["A", "B", "C", "D"]
    assert list(out["zone"][:3]) == ["safe", "distress", "grey"]
    assert pd.isna(out.loc[13, "zone"]) and np.isnan(out.loc[13, "z"])
    for i, row in enumerate(df.drop(columns="customer_id").to_dict("records")[:3]):
        assert out["z"].iloc[i] == pytest.approx(altman_z_double_prime(**row)["z"])


def test_frame_renames_and_reports_missing_columns():
    df = pd.DataFrame(
        {
            "wc": [1],
            "retained_earnings": [2],
            "ebit": [3],
            "total_assets": [10],
            "book_equity": [5],
            "total_liabilities": [5],
        }
    )
    assert altman_z_frame(df, columns={"wc": "working_capital"})["z"].iloc[0] == pytest.approx(4.374)
    with pytest.raises(ValueError, match="working_capital"):
        altman_z_frame(df)
