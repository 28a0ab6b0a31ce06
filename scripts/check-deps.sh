#!/usr/bin/env bash
# Run the test suite against the newest releases of every dependency, and against the lowest
# versions the package declares, each in a fresh virtual environment (not run by CI).
#
#   scripts/check-deps.sh [newest|minimum]...      (default: both)
#
# newest:  pip installs '.[test]' with no constraints, so every dependency resolves to its
#          newest release.
# minimum: 'uv pip compile --resolution lowest-direct' pins every direct dependency of
#          '.[test]' (pydantic, babel, typer, currencyconverter, pytest, hypothesis, build,
#          hatchling) to the lowest version pyproject.toml admits, and its own dependencies to
#          the newest they allow; pip installs with that file as constraints.
#
# Prints one line per run: "check-deps: NAME: PASSED|FAILED (the pytest summary) [versions]".
# Logs and venvs are kept in WORKDIR (default: a new temporary folder). Exit status: 0 when
# every run passed. Needs network access to the package index.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORKDIR="${WORKDIR:-$(mktemp -d)}"
mkdir -p "$WORKDIR"
RUNS=("$@")
[ ${#RUNS[@]} -eq 0 ] && RUNS=(newest minimum)
PY="${PYTHON:-python3}"
status=0

uv_bin() {
    if command -v uv >/dev/null 2>&1; then
        command -v uv
        return
    fi
    if [ ! -x "$WORKDIR/tools/bin/uv" ]; then
        "$PY" -m venv "$WORKDIR/tools" && "$WORKDIR/tools/bin/pip" install --quiet uv >&2
    fi
    echo "$WORKDIR/tools/bin/uv"
}

run() {
    local name="$1"
    shift
    local venv="$WORKDIR/$name" log="$WORKDIR/$name.log"
    rm -rf "$venv"
    {
        "$PY" -m venv "$venv" &&
            "$venv/bin/pip" install --quiet "$@" -e "$ROOT[test]" &&
            (cd "$ROOT" && CI=true "$venv/bin/python" -m pytest -q -p no:cacheprovider)
    } >"$log" 2>&1
    local rc=$?
    local summary versions
    summary="$(grep -E '(passed|failed|error)' "$log" | tail -1 | tr -d '=' | xargs)"
    versions="$("$venv/bin/pip" list --format=freeze 2>/dev/null |
        grep -iE '^(pydantic|babel|typer|currencyconverter|pytest|hypothesis)==' | tr '\n' ' ')"
    if [ $rc -eq 0 ]; then
        echo "check-deps: $name: PASSED ($summary) [${versions% }]"
    else
        echo "check-deps: $name: FAILED (${summary:-install failed, see $log}) [${versions% }]"
        status=1
    fi
}

for name in "${RUNS[@]}"; do
    case "$name" in
        newest) run newest --upgrade ;;
        minimum)
            uv="$(uv_bin)"
            "$uv" pip compile --quiet "$ROOT/pyproject.toml" --extra test \
                --resolution lowest-direct --python "$PY" --no-emit-package gdprfine \
                -o "$WORKDIR/minimum.txt" || { echo "check-deps: minimum: FAILED (cannot resolve)"; status=1; continue; }
            run minimum -c "$WORKDIR/minimum.txt"
            ;;
        *) echo "check-deps: unknown run '$name' (newest or minimum)" >&2; exit 2 ;;
    esac
done
echo "check-deps: logs in $WORKDIR"
exit $status
