"""The extractor against the development set in shared/eval (skipped where shared/ is absent)."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"
pytestmark = pytest.mark.skipif(not (EVAL / "score.py").exists(),
                                reason="../shared/eval is not beside this clone (it is in CI)")


def test_entity_f1_on_the_development_set_stays_above_80():
    result = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), "entities", str(EVAL / "re3d"),
         "--cmd", f"{sys.executable} -m sources.extraction --jsonl"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    f1 = float(result.stdout.strip().splitlines()[-1].split()[-1])
    assert f1 >= 80.0, result.stdout
