"""Every module imports on its own, whatever is imported first: a module-level import that
closes a cycle (checks -> sources -> relations -> checks) fails only when the cycle is entered
at a particular module, which the other tests, importing ``factcheck.checks`` first, miss."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "factcheck"

SCRIPT = """
import importlib, sys
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "factcheck" or m.startswith("factcheck.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:  # noqa: BLE001 - report every failing module
        failed.append(f"{name}: {type(exc).__name__}: {exc}")
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""


def _modules() -> list[str]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        out.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return out


def test_every_module_imports_first() -> None:
    modules = _modules()
    assert len(modules) > 50  # the package's modules were found
    done = subprocess.run([sys.executable, "-c", SCRIPT, *modules], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
