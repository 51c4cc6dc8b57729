"""The line markup of the report templates, parsed into document blocks.

A rendered template is plain text; each line's first characters say what
it becomes in Word (the full list is in ``report_templates/README.md``):

=================  ==================================================
``# text``         Heading 1 (Phần thứ …); two ``#`` lines in a row
                   make one two-line heading
``## text``        Heading 2, numbered I., II., … automatically
``### text``       Heading 3, numbered 1., 2., … automatically
``= text``         document type (``BÁO CÁO``), style Title
``== text``        one line of the subject (trích yếu), style Subtitle
``- text``         a dashed list item
``[[name: a | b]]``  a placeholder: header block, table, chart, signature…
other text         body paragraph; following lines join it with a space
=================  ==================================================

Paragraphs end at a blank line of the *template* (the loader marks it with
:data:`BREAK` before Jinja2 runs), so lines left empty by ``{% if %}`` tags
never split a paragraph. ``**bold**`` and ``*italic*`` work inside a line.
Values printed by ``{{ … }}`` arrive wrapped in :data:`OPEN`/:data:`CLOSE`
(see ``render.finalize``) and are never read as markup, so a branch text
that starts with "#" or holds a "*" prints as typed.

Pure functions: text in, blocks out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Private-use characters that fence a printed value off from the markup.
OPEN, CLOSE = "\ue000", "\ue001"
#: Private-use character standing for a blank line of the template source.
BREAK = "\ue002"

PLACEHOLDERS = ("dau_van_ban", "bang", "hinh", "noi_nhan", "ky_ten", "ngat_trang")

_PLACEHOLDER = re.compile(r"^\[\[\s*([a-z_]+)\s*(?::(.*))?\]\]$", re.DOTALL)
_FENCES = f"[{OPEN}{CLOSE}]*"
_SPACE_BEFORE_PUNCT = re.compile(rf"\s+({_FENCES})([,.;:!?)”])")
_SPACE_AFTER_OPENING = re.compile(rf"([(“])({_FENCES})\s+")
_DANGLING_SEPARATOR = re.compile(rf"[;,]({_FENCES})(?=[.:])")
_DOUBLE_STOP = re.compile(rf"(?<!\.)\.({_FENCES})\.(?!\.)")
_GLUED = re.compile(rf"(;|,(?!{_FENCES}\d))({_FENCES})(?=[^\s{OPEN}{CLOSE}])")
_SPACES = re.compile(r"[ \t]+")


class MarkupError(ValueError):
    """A template produced a line the markup does not allow; the message quotes it."""


@dataclass
class Block:
    """One paragraph-level element of the report.

    ``kind``: heading, title, subtitle, paragraph, item or placeholder.
    ``lines``: the text (several only for a heading with line breaks), still
    carrying value fences; ``level`` for headings; ``name``/``args`` for
    placeholders; ``number`` is filled in by :func:`number_headings`.
    """

    kind: str
    lines: list[str] = field(default_factory=list)
    level: int = 0
    name: str = ""
    args: list[str] = field(default_factory=list)
    number: str = ""

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


def parse(text: str) -> list[Block]:
    """Turn a rendered template into blocks (see the module docstring)."""
    blocks: list[Block] = []
    current: Block | None = None   # the paragraph or item that plain lines continue
    broken = True                  # a template blank line since the last block
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(BREAK):
            current, broken = None, True
            line = line.lstrip(BREAK).strip()
        if not line:
            continue
        block = _classify(line)
        if block is None and current is not None:
            current.lines.append(line)
            continue
        block = block or Block("paragraph", [line])
        previous = blocks[-1] if blocks else None
        if block.kind == "heading" and block.level == 1 and not broken and previous is not None \
                and previous.kind == "heading" and previous.level == 1:
            previous.lines.append(block.lines[0])
            continue
        blocks.append(block)
        current = block if block.kind in ("paragraph", "item") else None
        broken = False
    for block in blocks:
        block.lines = [tidy(line) for line in block.lines]
        if block.kind in ("paragraph", "item"):
            block.lines = [tidy(" ".join(block.lines))]
    return [b for b in blocks if b.kind == "placeholder" or plain(b.text).strip()]


def _classify(line: str) -> Block | None:
    for prefix, level in (("### ", 3), ("## ", 2), ("# ", 1)):
        if line.startswith(prefix):
            return Block("heading", [line[len(prefix):]], level=level)
    if line.startswith("== "):
        return Block("subtitle", [line[3:]])
    if line.startswith("= "):
        return Block("title", [line[2:]])
    if line.startswith("- "):
        return Block("item", [line[2:]])
    if line.startswith("[["):
        return _placeholder(line)
    return None


def _placeholder(line: str) -> Block:
    match = _PLACEHOLDER.match(line)
    if not match or match.group(1) not in PLACEHOLDERS:
        raise MarkupError(f"Dòng {plain(line)!r} không phải chỗ chèn hợp lệ; các chỗ chèn được dùng: "
                          + ", ".join(f"[[{name}]]" for name in PLACEHOLDERS) + ".")
    args = [plain(a).strip() for a in _split_args(match.group(2) or "")]
    return Block("placeholder", [], name=match.group(1), args=[a for a in args if a])


def _split_args(text: str) -> list[str]:
    """Split on "|" outside value fences (a printed value may hold a "|")."""
    parts, buf, depth = [], [], 0
    for ch in text:
        if ch == OPEN:
            depth += 1
        elif ch == CLOSE:
            depth = max(depth - 1, 0)
        if ch == "|" and depth == 0:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def tidy(line: str) -> str:
    """Spacing and punctuation the way a careful typist leaves them.

    No space before , . ; : ) and after (; one space after , ; when glued to
    a word; a ; or , left dangling before . or : by a left-out clause is
    dropped, as is a doubled full stop.
    """
    line = _SPACES.sub(" ", line)
    line = _SPACE_BEFORE_PUNCT.sub(r"\1\2", line)
    line = _SPACE_AFTER_OPENING.sub(r"\1\2", line)
    line = _DANGLING_SEPARATOR.sub(r"\1", line)
    line = _DOUBLE_STOP.sub(r".\1", line)
    line = _GLUED.sub(r"\1\2 ", line)
    return _SPACES.sub(" ", line).strip()


def plain(text: str) -> str:
    """The text without value fences."""
    return text.replace(OPEN, "").replace(CLOSE, "")


def unmarked(text: str) -> str:
    """A text from the data with any of the markup's private marks removed."""
    if OPEN in text or CLOSE in text or BREAK in text:   # rare: skip the slow translate otherwise
        return text.translate(_MARKS)
    return text


_MARKS = {ord(ch): None for ch in (OPEN, CLOSE, BREAK)}


def runs(text: str) -> list[Run]:
    """Split a line into runs by ``**bold**`` and ``*italic*`` outside value fences."""
    out: list[Run] = []
    buf: list[str] = []
    bold = italic = False
    fenced = 0

    def flush() -> None:
        if buf:
            out.append(Run("".join(buf), bold, italic))
            buf.clear()

    i = 0
    while i < len(text):
        ch = text[i]
        if ch == OPEN:
            fenced += 1
        elif ch == CLOSE:
            fenced = max(fenced - 1, 0)
        elif ch == "*" and not fenced:
            flush()
            if text.startswith("**", i):
                bold = not bold
                i += 2
                continue
            italic = not italic
        else:
            buf.append(ch)
        i += 1
    flush()
    return [r for r in out if r.text]


def drop_empty_headings(blocks: list[Block]) -> list[Block]:
    """Leave out every heading with nothing under it before the next heading
    of the same or a higher level (or a framing placeholder, or the end).

    Templates write all eight task areas; an area without a single figure or
    text must not leave a bare heading in the report.
    """
    kept: list[Block] = []
    for block in reversed(blocks):
        if block.kind == "heading":
            nxt = kept[-1] if kept else None
            if nxt is None or _closes(nxt, block.level):
                continue
        kept.append(block)
    return list(reversed(kept))


def _closes(block: Block, level: int) -> bool:
    if block.kind == "heading":
        return block.level <= level
    return block.kind == "title" or (
        block.kind == "placeholder" and block.name in ("dau_van_ban", "noi_nhan", "ky_ten", "ngat_trang"))


def number_headings(blocks: list[Block]) -> None:
    """Number level-2 headings I., II., … and level-3 headings 1., 2., …

    Level-2 numbering restarts under each level-1 heading (Phần), level-3
    numbering under each level-2 heading.
    """
    second = third = 0
    for block in blocks:
        if block.kind != "heading":
            continue
        if block.level == 1:
            second = third = 0
        elif block.level == 2:
            second, third = second + 1, 0
            block.number = f"{roman(second)}."
        elif block.level == 3:
            third += 1
            block.number = f"{third}."


def roman(n: int) -> str:
    """1 -> I, 4 -> IV, 14 -> XIV (1–3999)."""
    if not 0 < n < 4000:
        raise ValueError(f"số La Mã chỉ từ 1 đến 3999: {n}")
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)
