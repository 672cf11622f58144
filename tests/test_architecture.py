"""Each app imports only the apps below it (docs/architecture.md).

The imports are read from the source, every one of them: at the top of a module,
inside a function (where an import cycle used to hide), under TYPE_CHECKING, and
model lookups by name (`apps.get_model("app", ...)`). Migrations are included.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

BELOW = {
    "core": set(),
    "outbox": {"core"},
    "schedule": {"core"},
    "accounts": {"core", "outbox"},
    "courses": {"core", "outbox", "accounts"},
    "quizzes": {"core", "outbox", "accounts", "courses"},
    "certificates": {"core", "outbox", "accounts", "courses"},
    "learning": {"core", "outbox", "accounts", "courses", "quizzes", "certificates"},
    "partners": {
        "core",
        "outbox",
        "accounts",
        "courses",
        "quizzes",
        "certificates",
        "learning",
    },
    "demo": {
        "core",
        "outbox",
        "accounts",
        "courses",
        "quizzes",
        "certificates",
        "learning",
        "partners",
    },
}
# The project itself: configuration and the URL map may name every app but the
# demo, which production never loads code from.
BELOW["settings"] = set(BELOW) - {"demo", "settings"}
APPS = set(BELOW)


def called_name(call: ast.Call) -> str:
    """`f` for a call of `f(...)` or `x.f(...)`."""
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return call.func.id if isinstance(call.func, ast.Name) else ""


def imported_apps(source: str) -> set[str]:
    """The project apps that `source` imports or looks models up in, by name."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and called_name(node) in {"get_model", "import_module"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value.split(".")[0])
    return found & APPS


def test_the_reader_sees_imports_wherever_they_are():
    source = """
import courses.models
from quizzes.results import has_passed

def later():
    from partners.access import visible_organisations

if TYPE_CHECKING:
    from learning.services import CourseProgress

QuizPage = apps.get_model("certificates", "Certificate")
module = import_module("demo.scale")
from . import sibling
"""
    assert imported_apps(source) == {
        "courses",
        "quizzes",
        "partners",
        "learning",
        "certificates",
        "demo",
    }


def test_every_package_of_the_project_has_a_place_in_the_layers():
    packages = {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name != "tests"
    }
    assert packages == APPS


@pytest.mark.parametrize("app", sorted(APPS))
def test_app_imports_only_the_apps_below_it(app):
    wrong = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        upward = imported_apps(path.read_text(encoding="utf-8")) - BELOW[app] - {app}
        if upward:
            wrong[str(path.relative_to(ROOT))] = sorted(upward)
    assert not wrong, f"{app} may import only {sorted(BELOW[app])}; found {wrong}"
