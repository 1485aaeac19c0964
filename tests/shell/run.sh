#!/usr/bin/env bash
# Golden tests of the linkgraph shell (DESIGN.md §6): for each tests/shell/NAME.lg, runs
#   linkgraph $(NAME.args) NAME.lg
# in a fresh scratch directory (with `examples` and `tests` linked in, so relative paths work and
# dumps stay out of the tree) and compares standard output with NAME.out, standard error with
# NAME.err and the exit status with NAME.code (0 when absent).
#
# NAME.args is a bash fragment evaluated after the program name; "$SCRIPT" is the script's path
# and "$LINKGRAPH" the program, so a test may redirect standard input or chain commands. Without
# NAME.args the arguments are: --schema examples/shop/schema.json --load examples/shop/data.json
# "$SCRIPT". NAME.setup, when present, is a bash fragment run first in the scratch directory (to
# make files that cannot live in the tree: special files, FIFOs, huge sparse files). Durations are
# normalised (`time: <ms> ms`, `<n> rows/s`, `time=<us>`).
#
# Usage: run.sh LINKGRAPH REPO_ROOT [NAME...]     UPDATE=1 rewrites the golden files.
set -u
LINKGRAPH=$(realpath "$1")
ROOT=$(realpath "$2")
shift 2
DIR="$ROOT/tests/shell"
export LINKGRAPH_TEST_CLOCK=2026-01-02T03:04:05Z
export LINKGRAPH_TEST_ID_SEED=42
export LINKGRAPH
DEFAULT_ARGS='--schema examples/shop/schema.json --load examples/shop/data.json "$SCRIPT"'

normalise() {
  sed -E -e 's/time: [0-9]+\.[0-9]+ ms/time: <ms> ms/g' -e 's/[0-9]+ rows\/s/<n> rows\/s/g' \
         -e 's/time=[0-9]+us/time=<us>/g'
}

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in "$DIR"/*.lg; do names+=("$(basename "$f" .lg)"); done
fi

failed=0
for name in "${names[@]}"; do
  scratch=$(mktemp -d)
  ln -s "$ROOT/examples" "$scratch/examples"
  ln -s "$ROOT/tests" "$scratch/tests"
  args=$DEFAULT_ARGS
  [ -f "$DIR/$name.args" ] && args=$(cat "$DIR/$name.args")
  SCRIPT="tests/shell/$name.lg"
  if [ -f "$DIR/$name.setup" ]; then
    (cd "$scratch" && bash "$DIR/$name.setup") || echo "setup of $name failed" >&2
  fi
  (cd "$scratch" && SCRIPT=$SCRIPT eval "\"\$LINKGRAPH\" $args" \
     > "$scratch/.stdout" 2> "$scratch/.stderr" < /dev/null)
  code=$?
  normalise < "$scratch/.stdout" > "$scratch/.out"
  normalise < "$scratch/.stderr" > "$scratch/.err"
  want_code=0
  [ -f "$DIR/$name.code" ] && want_code=$(cat "$DIR/$name.code")
  if [ "${UPDATE:-0}" = 1 ]; then
    cp "$scratch/.out" "$DIR/$name.out"
    cp "$scratch/.err" "$DIR/$name.err"
    if [ "$code" != 0 ]; then echo "$code" > "$DIR/$name.code"; else rm -f "$DIR/$name.code"; fi
    echo "updated $name (exit $code)"
  else
    ok=1
    if ! diff -u "$DIR/$name.out" "$scratch/.out" > "$scratch/.diff_out" 2>&1; then ok=0; fi
    if ! diff -u "$DIR/$name.err" "$scratch/.err" > "$scratch/.diff_err" 2>&1; then ok=0; fi
    if [ "$code" != "$want_code" ]; then ok=0; fi
    if [ $ok = 1 ]; then
      echo "ok   $name"
    else
      failed=1
      echo "FAIL $name (exit $code, expected $want_code)"
      cat "$scratch/.diff_out" "$scratch/.diff_err"
    fi
  fi
  rm -rf "$scratch"
done
exit $failed
