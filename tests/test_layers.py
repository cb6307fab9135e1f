"""The apps form layers and every import points down: a module may import its own app and the
apps below it, never one above, and no app imports the project package ``config`` (settings are
read through ``django.conf.settings``). The test parses every module, function-level imports
included, so the rule stays true without anyone having to remember it."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Bottom to top, as in INSTALLED_APPS.
LAYERS = ["core", "actors", "sources", "claims", "briefings", "digests", "sitewide", "config"]
RANK = {app: rank for rank, app in enumerate(LAYERS)}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) for every import in a file, relative ones resolved."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
    return found


def layer_violations() -> list[str]:
    problems = []
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            for line, module in imported_modules(path):
                target = module.split(".")[0]
                if target not in RANK:
                    continue  # the standard library and third-party packages
                where = f"{path.relative_to(ROOT)}:{line} imports {module}"
                if target == "config" and app != "config":
                    problems.append(f"{where} (apps read settings through django.conf, never config)")
                elif RANK[target] > RANK[app]:
                    problems.append(f"{where} ({app} is below {target})")
    return problems


def test_every_import_points_down():
    assert layer_violations() == []


def test_every_app_is_in_a_layer():
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert apps <= set(LAYERS), f"apps without a layer: {sorted(apps - set(LAYERS))}"


@pytest.mark.parametrize(
    ("app", "source", "upward"),
    [
        ("actors", "from claims.models import Claim\n", True),
        ("claims", "def f():\n    from briefings import drafts\n", True),
        ("briefings", "from ..claims import models\n", False),  # relative, resolved: nothing above
        ("sources", "from config.celery import app\n", True),
        ("briefings", "from claims.models import Claim\nfrom core.roles import can_edit\n", False),
    ],
)
def test_the_rule_catches_an_upward_import(tmp_path, monkeypatch, app, source, upward):
    package = tmp_path / app
    package.mkdir()
    (package / "module.py").write_text(source)
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert bool(layer_violations()) is upward
