"""The baocao command speaks Vietnamese, Click's own scaffolding included."""

from __future__ import annotations

import subprocess
import sys

import pytest

ENGLISH = ("Usage:", "Options:", "Commands:", "Error:", "Show this message", "[required]", "Try '", "Missing",
           "does not exist", "Invalid value")


def baocao(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "compiler.cli", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args", [(), ("--help",), ("template", "--help"), ("compile", "--help"),
                                  ("addin", "--help"), ("demo", "--help")])
def test_help_is_vietnamese(args):
    result = baocao(*args, "--help") if not args else baocao(*args)
    assert result.returncode == 0
    assert "Cách dùng: baocao" in result.stdout and "Hiện hướng dẫn này rồi thoát." in result.stdout
    assert not [word for word in ENGLISH if word in result.stdout]


@pytest.mark.parametrize(("args", "message"), [
    (("template", "--out", "x.xlsx"), "Lỗi: thiếu tùy chọn --unit-code."),
    (("compile", "/khong-co", "--registry", "r.xlsx", "--out", "o"),
     "Lỗi: giá trị của --registry không hợp lệ: không có tệp hoặc thư mục 'r.xlsx'."),
    (("check",), "Lỗi: thiếu tham số FILES."),
    (("lenh-la",), "Lỗi: không có lệnh 'lenh-la'."),
    (("demo", "--out", "d", "--count", "99"), "Lỗi: giá trị của --count không hợp lệ: 99 nằm ngoài khoảng cho phép"),
    (("template", "--bad"), "Lỗi: không có tùy chọn --bad."),
])
def test_wrong_usage_is_explained_in_vietnamese_with_exit_status_2(args, message):
    result = baocao(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Xem hướng dẫn: baocao" in result.stderr
    assert not [word for word in ENGLISH if word in result.stderr]
