#!/usr/bin/env bash
# Leaving with a transaction open at a real terminal (a detached tmux session): Ctrl-D, `.quit`
# and `.exit` ask before rolling it back. `n` (or Enter) keeps the shell and the transaction,
# which still commits; `y` rolls back, reports `transaction not committed` and ends the shell
# (exit 1). Without a transaction Ctrl-D ends the shell at once.
# Usage: quit.sh LINKGRAPH REPO_ROOT
set -euo pipefail
bin=$1
root=$2
work=$(mktemp -d)
# A tmux server of this run's own (lib.sh).
export TMUX_TMPDIR=$work
unset TMUX
session="lg-quit-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
start() {
  tmux kill-session -t "$session" 2>/dev/null || true
  rm -f "$work/status"
  tmux new-session -d -s "$session" -x 160 -y 40 \
    "LANG=C.UTF-8 LINKGRAPH_HISTORY=$work/history $bin --schema $root/examples/shop/schema.json --load $root/examples/shop/data.json; echo EXITED-\$? > $work/status; sleep 60"
  wait_for "linkgraph> " 30
}
question="A transaction is open (1 statement queued): roll it back and quit? (y/N)"

source "$(dirname "$0")/lib.sh"

start
type "begin;"
type 'create collection {"id": "pcol_kept", "title": "Kept", "handle": "kept"};'
wait_for '"handle":"kept"' 10
# Ctrl-D asks; Enter answers no.
tmux send-keys -t "$session" C-d
wait_for "$question" 10
tmux send-keys -t "$session" Enter
wait_for "linkgraph (tx)> " 10
# .quit and .exit ask too; n answers no.
tmux send-keys -t "$session" C-l
type ".quit"
wait_for "$question" 10
type "n"
tmux send-keys -t "$session" C-l
type ".exit"
wait_for "$question" 10
type "n"
wait_for "linkgraph (tx)> " 10
[ -e "$work/status" ] && fail "the shell ended after answering no"
tmux send-keys -t "$session" C-l
type "commit;"
wait_for '{"metadata":{"count":1}}' 10
type "graph collection fields title where id = 'pcol_kept';"
wait_for "(1 row)" 10
# With no transaction open, Ctrl-D ends the shell without a question.
tmux send-keys -t "$session" C-d
for _ in $(seq 50); do [ -e "$work/status" ] && break; sleep 0.1; done
grep -q EXITED-0 "$work/status" || fail "Ctrl-D without a transaction did not end the shell (exit 0)"
screen | grep -qF "roll it back" && fail "asked with no transaction open"

# y rolls back and ends the shell, reporting the transaction as a failed statement.
start
type "begin;"
type 'create collection {"id": "pcol_gone", "title": "Gone", "handle": "gone"};'
wait_for '"handle":"gone"' 10
tmux send-keys -t "$session" C-d
wait_for "$question" 10
type "y"
wait_for "error: transaction not committed" 10
for _ in $(seq 50); do [ -e "$work/status" ] && break; sleep 0.1; done
grep -q EXITED-1 "$work/status" || fail "answering y did not end the shell with exit 1"
echo "ok Ctrl-D, .quit and .exit ask before rolling back an open transaction"
