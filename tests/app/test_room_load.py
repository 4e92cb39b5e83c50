"""The load script's own rules: loopback only, and how it finds the slider to move."""

from __future__ import annotations

import pytest

from benchmarks.room_load import LoadError, check_loopback, find_slider


def test_only_this_machine_is_loaded():
    check_loopback("http://127.0.0.1:8866/")
    check_loopback("http://localhost:8866/")
    for url in ("http://192.168.1.20:8866/", "http://example.com/"):
        with pytest.raises(SystemExit):
            check_loopback(url)


def test_the_slider_is_found_by_model_and_label():
    states = {
        "a": {"state": {"_model_name": "FloatLogSliderModel", "description": "Equity"}},
        "b": {"state": {"_model_name": "HTMLModel", "description": ""}},
        "c": {"state": {"_model_name": "FloatSliderModel", "description": "应收账款周转天数"}},
        "d": {"state": {"_model_name": "IntSliderModel", "description": "Weight"}},
    }
    assert find_slider(states, None)[0] == "c"
    assert find_slider(states, "Weight")[0] == "d"
    with pytest.raises(LoadError):
        find_slider(states, "nothing")
