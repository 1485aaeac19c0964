#!/usr/bin/env bash
# History at a real terminal (detached tmux sessions): a statement typed over two lines is one
# history entry, saved to $LINKGRAPH_HISTORY; a second session recalls it with Up and runs it.
# Usage: history.sh LINKGRAPH REPO_ROOT
set -euo pipefail
bin=$1
root=$2
work=$(mktemp -d)
# A tmux server of this run's own (lib.sh).
export TMUX_TMPDIR=$work
unset TMUX
trap 'tmux kill-session -t "lg-history-1-$$" 2>/dev/null || true;
      tmux kill-session -t "lg-history-2-$$" 2>/dev/null || true; rm -rf "$work"' EXIT

start() {  # start SESSION: the shell on the shop example, its history in $work/history
  tmux new-session -d -s "$1" -x 160 -y 30 \
    "LANG=C.UTF-8 LINKGRAPH_HISTORY=$work/history $bin --schema $root/examples/shop/schema.json --load $root/examples/shop/data.json; echo EXITED > $work/$1.status; sleep 60"
}
source "$(dirname "$0")/lib.sh"
count() { screen "$1" | grep -cF -- "$2" || true; }

s1="lg-history-1-$$"
start "$s1"
wait_for "linkgraph> " 30 "$s1"
tmux send-keys -t "$s1" -l "graph product"
tmux send-keys -t "$s1" Enter
type "fields handle where id = 'prod_lamp';" "$s1"
wait_for "desk-lamp" 10 "$s1"
type ".quit" "$s1"
for _ in $(seq 1 100); do [ -f "$work/$s1.status" ] && break; sleep 0.1; done
[ -f "$work/$s1.status" ] || fail "the first session did not end" "$s1"

s2="lg-history-2-$$"
start "$s2"
wait_for "linkgraph> " 30 "$s2"
# Up twice: past `.quit` to the two-line statement, recalled whole; Enter runs it.
tmux send-keys -t "$s2" Up Up
wait_for "fields handle where id = 'prod_lamp';" 10 "$s2"
tmux send-keys -t "$s2" Enter
wait_for "desk-lamp" 10 "$s2"
[ "$(count "$s2" "(1 row)")" = 1 ] || fail "the recalled statement did not run once" "$s2"
echo "ok history across sessions"
