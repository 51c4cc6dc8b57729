"""Many officers uploading at once: nothing lost, and how long each upload-and-check takes.

Against a running portal on the loopback address (``baocao serve``)::

    baocao demo --out /tmp/demo
    baocao portal init /tmp/cong --registry /tmp/demo/danh-sach-don-vi.xlsx --term 2018-2023 --password-file pw
    baocao portal links /tmp/cong --out /tmp/links.xlsx --base-url http://127.0.0.1:8000
    baocao serve /tmp/cong &
    python benchmarks/portal_uploads.py --links /tmp/links.xlsx --workbooks /tmp/demo --count 200 --clients 20

Each upload sends one unit's demo workbook, made unique by a zip comment (the
workbook's content is unchanged, its SHA-256 differs), to that unit's link,
from at most ``--clients`` threads at a time. Afterwards every upload is
fetched back through the same link by its SHA-256 and compared byte for
byte. Prints the p50/p95 latency of upload-and-check and exits 1 if anything
was lost or changed. A script, not a test: its figures depend on the machine.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import statistics
import sys
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from openpyxl import load_workbook

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class Outcome:
    code: str
    sha256: str
    seconds: float
    status: str
    stored: bool = False


def read_links(path: Path) -> dict[str, str]:
    """Unit code -> upload link, from the workbook written by ``baocao portal links``."""
    ws = load_workbook(path, read_only=True).active
    return {row[0]: row[3] for row in ws.iter_rows(min_row=4, values_only=True) if row and row[0] and row[3]}


def variant(data: bytes, n: int) -> bytes:
    """The same workbook with a different zip comment, so each upload has its own SHA-256."""
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.comment = f"tai-thu-{n}".encode()
    return buffer.getvalue()


def post_file(url: str, name: str, data: bytes, timeout: float = 120) -> tuple[int, dict]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").encode()
    body += data + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def fetch(url: str, timeout: float = 60) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


def run(links: dict[str, str], workbooks: Path, count: int, clients: int) -> tuple[list[Outcome], list[str]]:
    """Upload ``count`` files from ``clients`` threads; return outcomes and problems found."""
    for url in links.values():
        if urlsplit(url).hostname not in LOOPBACK:
            raise SystemExit(f"Chỉ chạy thử với cổng trên máy này (127.0.0.1), không phải {url}.")
    codes = sorted(links)
    originals = {code: (workbooks / f"{code}.xlsx").read_bytes() for code in codes}
    jobs = [(codes[n % len(codes)], variant(originals[codes[n % len(codes)]], n)) for n in range(count)]

    def upload(job: tuple[str, bytes]) -> Outcome:
        code, data = job
        started = time.perf_counter()
        status, answer = post_file(links[code], f"{code}.xlsx", data)
        outcome = Outcome(code, hashlib.sha256(data).hexdigest(), time.perf_counter() - started,
                          answer.get("status", f"HTTP {status}"))
        outcome.stored = status == 200 and answer.get("sha256") == outcome.sha256
        return outcome

    with ThreadPoolExecutor(max_workers=clients) as pool:
        outcomes = list(pool.map(upload, jobs))
    problems = [f"{o.code}: tải lên không được nhận ({o.status})" for o in outcomes if not o.stored]
    sent = {o.sha256: data for o, (_, data) in zip(outcomes, jobs)}
    for o in outcomes:
        if o.stored and fetch(f"{links[o.code]}ban/{o.sha256}.xlsx") != sent[o.sha256]:
            problems.append(f"{o.code}: bản lấy lại theo SHA-256 {o.sha256[:12]} khác bản đã gửi")
    return outcomes, problems


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--links", type=Path, required=True, help="links.xlsx của baocao portal links")
    parser.add_argument("--workbooks", type=Path, required=True, help="thư mục có <MÃ>.xlsx của các đơn vị")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    links = {code: url for code, url in read_links(args.links).items() if (args.workbooks / f"{code}.xlsx").exists()}
    started = time.perf_counter()
    outcomes, problems = run(links, args.workbooks, args.count, args.clients)
    wall = time.perf_counter() - started
    seconds = [o.seconds for o in outcomes]
    print(f"{len(outcomes)} lần tải lên từ {args.clients} máy khách đồng thời trong {wall:.1f} s: "
          f"{sum(o.stored for o in outcomes)} được lưu và lấy lại đúng từng byte.")
    print(f"Thời gian tải lên và kiểm tra: p50 {percentile(seconds, 50) * 1000:.0f} ms, "
          f"p95 {percentile(seconds, 95) * 1000:.0f} ms, lâu nhất {max(seconds) * 1000:.0f} ms.")
    for problem in problems:
        print("  -", problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
