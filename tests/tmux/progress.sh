#!/usr/bin/env bash
# Terminal behaviour: a large --load draws a progress bar on standard error when it is a
# terminal (run inside a detached tmux session), and draws none when it is not.
# Usage: progress.sh LINKGRAPH REPO_ROOT
set -euo pipefail
bin=$1
root=$2
work=$(mktemp -d)
# A tmux server of this run's own (lib.sh).
export TMUX_TMPDIR=$work
unset TMUX
session="lg-progress-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT

# About 12 MiB of reviews: above the 8 MiB threshold of the bar.
awk 'BEGIN { for (i = 0; i < 120000; i++)
  printf "{\"id\":\"rev_%07d\",\"product_id\":\"prod_shirt\",\"customer_id\":\"cus_01\",\"rating\":4,\"content\":\"%s\"}\n", i, "padding padding padding padding padding padding" }' \
  > "$work/review.jsonl"

cmd="$bin --schema $root/examples/shop/schema.json --load $root/examples/shop/data.json --load $work/review.jsonl -c 'graph review fields id take 1' > $work/out.txt; echo done-\$? > $work/status"
tmux new-session -d -s "$session" -x 120 -y 20 "bash -c \"$cmd\"; sleep 30"
for _ in $(seq 1 300); do
  [ -f "$work/status" ] && break
  sleep 0.1
done
screen=$(tmux capture-pane -p -t "$session")
status=$(cat "$work/status" 2>/dev/null || echo missing)
if [ "$status" != "done-0" ]; then
  echo "FAIL: the shell did not finish in the terminal ($status)"; echo "$screen"; exit 1
fi
if ! grep -q 'loading \[##############################\] 100%' <<<"$screen"; then
  echo "FAIL: no finished progress bar on the terminal:"; echo "$screen"; exit 1
fi
# Not a terminal: no bar, standard error stays empty.
"$bin" --schema "$root/examples/shop/schema.json" --load "$root/examples/shop/data.json" \
  --load "$work/review.jsonl" -c 'graph review fields id take 1' >/dev/null 2>"$work/err.txt"
if [ -s "$work/err.txt" ]; then
  echo "FAIL: a progress bar was written to a non-terminal:"; cat "$work/err.txt"; exit 1
fi
echo "ok progress bar"
