"""The room's roster: a trainer's spreadsheet, read strictly (issue 12, room mode)."""

from __future__ import annotations

import pytest

from receivables.address import urls
from receivables.room.roster import RosterError, read_roster


def write(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_chinese_headers_and_roles_from_excel_gb18030(tmp_path):
    roster = read_roster(
        write(tmp_path, "用户名,姓名,角色\nlina,李娜,学员\nwangwei,王伟,\nzhang,张老师,讲师\n", "gb18030")
    )
    assert [p.username for p in roster.learners] == ["lina", "wangwei"]
    assert roster.learners[0].name == "李娜"
    assert roster.trainer.username == "zhang" and roster.trainer.role == "trainer"


def test_utf8_with_bom_and_blank_lines(tmp_path):
    roster = read_roster(write(tmp_path, "\ufeffusername,name,role\n\nli-na,Li Na,learner\nt1,Trainer,trainer\n"))
    assert [p.username for p in roster.everyone] == ["li-na", "t1"]


@pytest.mark.parametrize(
    "rows, message",
    [
        ("李娜,李娜,学员\nt,T,讲师\n", "row 2: username '李娜' must be lowercase"),
        ("root,R,学员\nt,T,讲师\n", "system account"),
        ("a,A,\na,A2,\nt,T,讲师\n", "row 3: 'a' appears twice"),
        ("a,A,boss\nt,T,讲师\n", "role 'boss'"),
        ("a,A,\nb,B,\n", "0 trainers"),
        ("t,T,讲师\n", "no learners"),
    ],
)
def test_a_roster_the_room_cannot_use_says_which_row_and_why(tmp_path, rows, message):
    with pytest.raises(RosterError, match=message):
        read_roster(write(tmp_path, "用户名,姓名,角色\n" + rows))


def test_learners_are_told_a_network_address_never_loopback_or_any():
    assert urls("127.0.0.1", 8000) == []
    assert urls("192.0.2.7", 8000) == ["http://192.0.2.7:8000/"]
    assert all("0.0.0.0" not in u and "127.0.0.1" not in u for u in urls("0.0.0.0", 8000))
