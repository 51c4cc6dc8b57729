"""Real services for the portal tests: a PostgreSQL server and ``baocao serve`` processes.

Everything runs on the loopback address, on free ports, under temporary
folders, and is stopped by the fixture that started it. PostgreSQL refuses
to run as root, so when the tests run as root its cluster belongs to the
``postgres`` user (created by Debian's package) and its commands run through
``runuser``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook

BAOCAO = str(Path(sys.executable).with_name("baocao"))
PASSWORD = "Mat-khau-thu-nghiem-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(url)


class PostgreSQL:
    """A throw-away PostgreSQL cluster (initdb + pg_ctl from Debian's package)."""

    def __init__(self) -> None:
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not bins:
            raise RuntimeError("PostgreSQL is not installed: run `make test` (it installs it with apt-get)")
        self.bin = Path(bins[-1]).parent
        self.root = Path(tempfile.mkdtemp(prefix="baocao-pg-"))
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            pw = pwd.getpwnam("postgres")
            os.chmod(self.root, 0o700)
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        self.run("initdb", "-D", str(self.root / "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                 "--no-instructions")
        self.run("pg_ctl", "-D", str(self.root / "data"), "-l", str(self.root / "log"), "-w", "-o",
                 f"-h 127.0.0.1 -p {self.port} -k {self.root} -c fsync=on", "start")
        self.databases = 0

    def run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.root)

    def new_database(self) -> str:
        self.databases += 1
        name = f"cong_{self.databases}"
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        try:
            self.run("pg_ctl", "-D", str(self.root / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class Portal:
    """One portal: its DATA_DIR, its links per unit code, and the running server."""

    data_dir: Path
    port: int
    links: dict[str, str]
    database_url: str | None
    process: subprocess.Popen | None = None
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.data_dir.parent / f"serve-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict:
        env = dict(os.environ)
        env.pop("BAOCAO_DATABASE_URL", None)
        return env

    def start(self) -> None:
        out = open(self.log, "ab")
        self.process = subprocess.Popen([BAOCAO, "serve", str(self.data_dir), "--port", str(self.port)],
                                        stdout=out, stderr=subprocess.STDOUT, env=self.env())
        out.close()
        wait_for(self.url + "/dang-nhap/", process=self.process)

    def kill(self) -> None:
        """SIGKILL: no chance to finish anything (what a power cut does to the process)."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def query(self, sql: str) -> list[tuple]:
        """Read the portal's database directly (SQLite file or PostgreSQL)."""
        if self.database_url:
            import psycopg
            with psycopg.connect(self.database_url) as conn:
                return conn.execute(sql).fetchall()
        import sqlite3
        conn = sqlite3.connect(self.data_dir / "portal.sqlite3")
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()


def make_portal(workdir: Path, registry: Path, database_url: str | None, term: str = "2018-2023",
                deadline: str = "30/6/2023") -> Portal:
    """``baocao portal init`` + ``baocao portal links`` + ``baocao serve``, as an administrator would."""
    workdir.mkdir(parents=True, exist_ok=True)
    password_file = workdir / "mat-khau.txt"
    password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    data_dir, port = workdir / "cong", free_port()
    env = {k: v for k, v in os.environ.items() if k != "BAOCAO_DATABASE_URL"}
    init = [BAOCAO, "portal", "init", str(data_dir), "--registry", str(registry), "--term", term,
            "--deadline", deadline, "--password-file", str(password_file)]
    if database_url:
        init += ["--database-url", database_url]
    done = subprocess.run(init, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert PASSWORD not in done.stdout + done.stderr
    links_path = workdir / "links.xlsx"
    done = subprocess.run([BAOCAO, "portal", "links", str(data_dir), "--out", str(links_path), "--base-url",
                           f"http://127.0.0.1:{port}"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    ws = load_workbook(links_path, read_only=True).active
    links = {row[0]: row[3] for row in ws.iter_rows(min_row=4, values_only=True) if row and row[0]}
    portal = Portal(data_dir, port, links, database_url)
    portal.start()
    return portal


class Client:
    """A plain HTTP client with cookies (what a script or another site could send), no browser."""

    def __init__(self, base: str, source: str = "127.0.0.1") -> None:
        import http.cookiejar

        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.source = source

    def request(self, method: str, path: str, data: bytes | None = None, headers: dict | None = None):
        """(status, headers, body) without following redirects."""
        import http.client
        from urllib.parse import urlsplit

        url = path if path.startswith("http") else self.base + path
        parts = urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60, source_address=(self.source, 0))
        fake = urllib.request.Request(url, method=method)
        self.cookies.add_cookie_header(fake)
        sent = {**dict(fake.header_items()), **(headers or {})}
        conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body=data, headers=sent)
        response = conn.getresponse()
        body = response.read()

        class Wrapped:          # what CookieJar.extract_cookies expects
            def __init__(self, r):
                self._r = r

            def info(self):
                return self._r.msg

        self.cookies.extract_cookies(Wrapped(response), fake)
        conn.close()
        return response.status, dict(response.getheaders()), body

    def csrf(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def form(self, path: str, fields: dict, csrf: bool = True):
        from urllib.parse import urlencode

        if csrf:
            fields = {**fields, "csrfmiddlewaretoken": self.csrf()}
        return self.request("POST", path, urlencode(fields).encode(), {
            "Content-Type": "application/x-www-form-urlencoded", "Referer": self.base + path})

    def login(self, password: str = PASSWORD) -> int:
        self.request("GET", "/dang-nhap/")
        status, headers, _ = self.form("/dang-nhap/", {"username": "quantri", "password": password})
        return status

    def upload(self, link: str, data: bytes, name: str = "so.xlsx", accept_json: bool = True):
        import json
        import uuid

        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        if accept_json:
            headers["Accept"] = "application/json"
        status, _, body = self.request("POST", link, body, headers)
        return status, (json.loads(body) if accept_json else body.decode())
