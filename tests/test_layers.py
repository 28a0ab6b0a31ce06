"""The shape of the package: layers that depend one way, a CLI that is a thin skin over the
public API, no printing outside the CLI, short functions."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "gdprfine"

# Each module's layer; a module may import from its own layer and the layers before it.
LAYERS: dict[str, int] = {
    # values
    "data": 0, "errors": 0, "inputs": 0, "money": 0, "dates": 0, "countries": 0, "trace": 0, "output": 0,
    "trusted": 0, "memo": 0,
    # law
    "law": 1,
    # rules
    "articles": 2, "caps": 2, "fx": 2, "amounts": 2, "cases": 2,
    # judge
    "check": 3,
    # features
    "estimate": 4, "sources": 4, "datasets": 4, "batch": 4, "files": 4, "reference": 4, "reconcile": 4,
    "report": 4,
    # the face
    "cli": 5, "__main__": 5, "__init__": 5,
}  # fmt: skip
LONGEST_BODY = 60
"""The most lines a function body (its docstring aside) may have without a reason in its
docstring (a line starting with ``Long:``)."""


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _top(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def _imports(tree: ast.AST) -> list[tuple[str, list[str], int]]:
    """Every ``gdprfine`` import in a module, top-level or inside a function."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("gdprfine"):
            found.append((node.module, [alias.name for alias in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("gdprfine"):
                    found.append((alias.name, [], node.lineno))
    return found


def test_every_module_has_a_layer() -> None:
    assert {_top(path) for path in _modules()} <= set(LAYERS)


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_dependencies_flow_one_way(path: Path) -> None:
    layer = LAYERS[_top(path)]
    wrong = []
    for module, names, line in _imports(ast.parse(path.read_text("utf-8"))):
        targets = [module] if module != "gdprfine" else [f"gdprfine.{name}" for name in names]
        for target in targets:
            parts = target.split(".")
            if len(parts) > 1 and LAYERS.get(parts[1], 0) > layer:
                wrong.append(f"line {line}: {target}")
    assert wrong == []


def _cli_modules() -> list[Path]:
    return sorted((PACKAGE / "cli").glob("*.py"))


@pytest.mark.parametrize("path", _cli_modules(), ids=lambda path: path.name)
def test_the_cli_imports_only_public_names(path: Path) -> None:
    private = []
    for module, names, line in _imports(ast.parse(path.read_text("utf-8"))):
        if module.startswith("gdprfine.cli"):
            continue
        if any(part.startswith("_") for part in module.split(".")):
            private.append(f"line {line}: {module}")
            continue
        imported = importlib.import_module(module)
        public = set(getattr(imported, "__all__", ()))
        for name in names:
            is_module = importlib.util.find_spec(f"{module}.{name}") is not None if hasattr(imported, "__path__") else False
            if name not in public and not (is_module and not name.startswith("_")):
                private.append(f"line {line}: {module}.{name}")
    assert private == []


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_only_the_cli_prints(path: Path) -> None:
    if _top(path) in ("cli", "__main__"):
        return
    calls = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            owner = getattr(getattr(func, "value", None), "id", "")
            if name in ("print", "echo", "secho") or (owner == "sys" and name in ("exit",)):
                calls.append(f"line {node.lineno}: {name}")
            if isinstance(func, ast.Attribute) and name == "write":
                target = ast.unparse(func.value)
                if target in ("sys.stdout", "sys.stderr"):
                    calls.append(f"line {node.lineno}: {target}.write")
    assert calls == []


def _long_functions(path: Path) -> list[str]:
    long = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        body = node.body
        docstring = ast.get_docstring(node) or ""
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]
        if not body:
            continue
        lines = (body[-1].end_lineno or body[-1].lineno) - body[0].lineno + 1
        if lines > LONGEST_BODY and "Long:" not in docstring:
            long.append(f"{node.name} ({lines} lines)")
    return long


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_function_is_long_without_a_reason(path: Path) -> None:
    assert _long_functions(path) == []


def test_importing_the_library_does_not_load_the_cli() -> None:
    code = "import gdprfine, sys; print([m for m in sys.modules if m.startswith('gdprfine.cli')])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_importing_the_package_loads_nothing_until_a_name_is_used() -> None:
    code = (
        "import gdprfine, sys; print(sorted(m for m in sys.modules "
        "if m.startswith(('gdprfine.', 'pydantic', 'babel', 'currency_converter'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_public_name_resolves_to_its_module_s_object() -> None:
    import gdprfine

    for name in gdprfine.__all__:
        value = getattr(gdprfine, name)
        if name != "__version__":
            module = importlib.import_module(gdprfine._EXPORTS[name])
            assert value is getattr(module, name)
    assert set(gdprfine._EXPORTS) | {"__version__"} == set(gdprfine.__all__)
    assert dir(gdprfine) == sorted(gdprfine.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        gdprfine.nope  # noqa: B018
