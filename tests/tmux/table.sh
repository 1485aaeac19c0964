#!/usr/bin/env bash
# Tables at a real terminal (a detached tmux session), where table is the default format: the
# columns of `product.title, customer.email` hold titles and emails; a CJK title typed at the
# prompt lines up with its neighbours (wide characters take two columns); `.maxrows` shows its
# default of 40, a long result stops after 40 rows with `… N more rows`, and `.maxrows 3` cuts
# sooner; with standard output piped elsewhere, the prompt's tables show every row.
# Usage: table.sh LINKGRAPH REPO_ROOT
set -euo pipefail
bin=$1
root=$2
work=$(mktemp -d)
# A tmux server of this run's own (lib.sh).
export TMUX_TMPDIR=$work
unset TMUX
session="lg-table-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
tmux new-session -d -s "$session" -x 160 -y 60 \
  "LANG=C.UTF-8 LINKGRAPH_HISTORY=$work/history $bin --schema $root/examples/shop/schema.json --load $root/examples/shop/data.json; sleep 60"

source "$(dirname "$0")/lib.sh"

wait_for "linkgraph> " 30
type "graph review fields id, rating, product.title, customer.email order by id take 3;"
wait_for "(3 rows)" 10
wait_for "id      | rating | product.title | customer.email" 1
wait_for "rev_001 | 5      | Linen Shirt   | hugo.silva@example.com" 1
wait_for "rev_003 | 1      | Linen Shirt   | dev.patel@example.com" 1

type 'create product {"id": "prod_cjk", "title": "日本のマグカップ", "handle": "cjk"};'
wait_for '"metadata":{"count":1}}' 10
type "graph product fields title, id where id in ('prod_cjk', 'prod_cap') order by id;"
wait_for "(2 rows)" 10
wait_for "Cotton Cap       | prod_cap" 1
wait_for "日本のマグカップ | prod_cjk" 1

tmux send-keys -t "$session" C-l
type ".maxrows"
wait_for "maxrows: 40" 10
type "graph review fields id order by id;"
wait_for "(101 rows)" 10
wait_for "… 61 more rows" 1
screen | grep -qF "rev_040" || fail "row 40 is not shown"
screen | grep -qF "rev_041" && fail "row 41 is shown past .maxrows 40"

tmux send-keys -t "$session" C-l
type ".maxrows 3"
type "graph review fields id, product.title order by id;"
wait_for "… 98 more rows" 10
screen | grep -qF "rev_004" && fail "row 4 is shown past .maxrows 3"

# Standard output piped elsewhere: the statements are typed at the terminal, the tables shown
# whole.
piped="$session-piped"
tmux new-session -d -s "$piped" -x 160 -y 60 \
  "LANG=C.UTF-8 LINKGRAPH_HISTORY=$work/history $bin --schema $root/examples/shop/schema.json --load $root/examples/shop/data.json --format table | tail -n 4; sleep 60"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; tmux kill-session -t "$piped" 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1
type ".maxrows" "$piped"
type "graph review fields id order by id;" "$piped"
tmux send-keys -t "$piped" C-d
wait_for "(101 rows)" 10 "$piped"
wait_for "rev_101" 1 "$piped"
screen "$piped" | grep -qF "more rows" && fail "a piped table was cut" "$piped"
echo "ok product.title and customer.email columns, CJK alignment, .maxrows at the prompt and piped"
