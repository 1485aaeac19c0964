#!/usr/bin/env bash
# The prompt at a real terminal (a detached tmux session): the banner; Tab completion of an
# entity after `graph`, a field after `fields`, a relation (offered with its '.'), a field of the
# entity the relation reaches, a field after `where`, and a dot command; `(tx)` in the prompt
# while a transaction is open.
# Usage: completion.sh LINKGRAPH REPO_ROOT
set -euo pipefail
bin=$1
root=$2
work=$(mktemp -d)
# A tmux server of this run's own (lib.sh).
export TMUX_TMPDIR=$work
unset TMUX
session="lg-completion-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
tmux new-session -d -s "$session" -x 200 -y 30 \
  "LANG=C.UTF-8 LINKGRAPH_HISTORY=$work/history $bin --schema $root/examples/shop/schema.json --load $root/examples/shop/data.json; sleep 60"

source "$(dirname "$0")/lib.sh"
# tab TEXT EXPECTED: types TEXT, presses Tab, waits for the line to read EXPECTED.
tab() {
  tmux send-keys -t "$session" -l "$1"
  tmux send-keys -t "$session" Tab
  wait_for "$2" 10
}

wait_for "linkgraph> " 30
wait_for "linkgraph 0.1.0: 6 entities, 174 rows. Enter .help" 5
tab "graph cust" "linkgraph> graph customer "
tab "fields em" "linkgraph> graph customer fields email "
type "take 1;"
wait_for "ada.lovelace@example.com" 10

tab "graph product fields product_rev" "graph product fields product_reviews."
tab "rat" "graph product fields product_reviews.rating "
tab "where hand" "product_reviews.rating where handle "
type "= 'desk-lamp';"
wait_for "(1 row)" 10

tab ".tab" "linkgraph> .tables "
tmux send-keys -t "$session" C-u
type "begin;"
wait_for "linkgraph (tx)> " 10
type "rollback;"
wait_for "linkgraph (tx)> rollback;" 10
type ".version"
wait_for "linkgraph> .version" 10
echo "ok banner, completion of entities, fields, relations, paths and dot commands, (tx) prompt"
