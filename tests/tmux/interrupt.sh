#!/usr/bin/env bash
# Ctrl-C and UTF-8 at a real terminal (a detached tmux session): Ctrl-C on a half-typed line
# discards it and the prompt returns; Ctrl-C during a long query cancels it ("query cancelled")
# and the shell, and its data, stay; text typed in UTF-8 arrives whole.
# Usage: interrupt.sh LINKGRAPH REPO_ROOT
set -euo pipefail
bin=$1
root=$2
work=$(mktemp -d)
# A tmux server of this run's own (lib.sh).
export TMUX_TMPDIR=$work
unset TMUX
session="lg-interrupt-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT

# 100k reviews of one product: product.product_reviews.product.product_reviews fans out to 10^10.
awk 'BEGIN { for (i = 0; i < 100000; i++)
  printf "{\"id\":\"rev_%07d\",\"product_id\":\"prod_shirt\",\"customer_id\":\"cus_01\",\"rating\":4,\"content\":\"x\"}\n", i }' \
  > "$work/review.jsonl"

tmux new-session -d -s "$session" -x 160 -y 50 \
  "LANG=C.UTF-8 $bin --schema $root/examples/shop/schema.json --load $root/examples/shop/data.json --load $work/review.jsonl; echo EXITED-\$? > $work/status; sleep 60"

source "$(dirname "$0")/lib.sh"

wait_for "linkgraph> " 60
# 1. Ctrl-C on a half-typed line: the line is dropped, a new prompt comes.
tmux send-keys -t "$session" -l "graph prod"
wait_for "linkgraph> graph prod" 10
tmux send-keys -t "$session" C-c
wait_for "graph prod^C" 10
type "graph product fields handle where id = 'prod_mug';"
wait_for "stoneware-mug" 10

# 2. Ctrl-C during a long query cancels it; the shell stays and so does its data.
type ".maxbytes off"
type "graph review fields product.product_reviews.product.product_reviews.id take 3;"
sleep 1  # let the query start
tmux send-keys -t "$session" C-c
wait_for "error: query cancelled" 60
type "graph product fields handle where id = 'prod_lamp';"
wait_for "desk-lamp" 10

# 3. UTF-8 typed at the prompt arrives whole.
type 'create product {"title":"Café 日本のマグ","handle":"cafe-mug"};'
type "graph product fields title where handle = 'cafe-mug';"
wait_for "Café 日本のマグ" 10
tmux send-keys -t "$session" C-c  # at an empty prompt: nothing happens but a new prompt
type ".quit"
for _ in $(seq 1 100); do [ -f "$work/status" ] && break; sleep 0.1; done
status=$(cat "$work/status" 2>/dev/null || echo missing)
# Exit status 1: a statement of the session failed (the cancelled query).
[ "$status" = "EXITED-1" ] || fail "the shell did not end at .quit as expected ($status)"
echo "ok Ctrl-C at the prompt and during a query, UTF-8 input"
