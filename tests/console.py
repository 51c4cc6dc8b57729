"""The installed console script, found next to the running interpreter.

``make`` installs the project into its virtualenv, so ``baocao`` sits beside
``sys.executable``; looking it up on PATH could pick up a copy installed by
hand elsewhere, or nothing at all on a fresh machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

BAOCAO = str(Path(sys.executable).with_name("baocao"))
