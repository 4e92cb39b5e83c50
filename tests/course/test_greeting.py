import pytest

from receivables.course import welcome


def test_welcome_in_each_language():
    assert welcome("Li Na", "East China sales") == "Welcome, Li Na (East China sales)!"
    assert welcome(" 李娜 ", "华东销售部", "zh") == "欢迎你,李娜(华东销售部)!"


def test_welcome_refuses_an_unknown_language():
    with pytest.raises(ValueError):
        welcome("Li Na", "East", "fr")
