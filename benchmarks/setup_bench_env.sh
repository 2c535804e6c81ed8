#!/usr/bin/env bash
# Create benchmarks/.venv: an isolated environment for the benchmarks, holding
# factcheck (editable, from this checkout) and JioNLP, the comparison baseline.
# JioNLP is NOT a runtime dependency of factcheck; it lives only here.
#
# Usage: bash benchmarks/setup_bench_env.sh            (idempotent; re-run to refresh)
#        PYTHON=python3.11 bash benchmarks/setup_bench_env.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    echo "creating $venv with $("$python" --version 2>&1)"
    "$python" -m venv "$venv"
fi

"$venv/bin/python" -m pip install --quiet --upgrade pip
# jionlp pinned to the release the peer suite README validated (1.5.31 reproduces
# its own tests); override with JIONLP_SPEC="jionlp" for the newest.
"$venv/bin/python" -m pip install --quiet "${JIONLP_SPEC:-jionlp==1.5.31}"
"$venv/bin/python" -m pip install --quiet -e "$repo"

"$venv/bin/python" - <<'PY'
import importlib.metadata as md
for name in ("jionlp", "factcheck"):
    try:
        print(f"{name} {md.version(name)}")
    except md.PackageNotFoundError:
        print(f"{name} NOT INSTALLED")
PY
echo "ok: run benchmarks with $venv/bin/python benchmarks/extract_speed.py"
