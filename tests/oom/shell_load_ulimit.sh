#!/usr/bin/env bash
# A load that outgrows the process's address space (ulimit -v) fails with ResourceExhausted,
# leaves the data as it was, and the shell goes on (issue #15: never an abort). Not run in
# sanitizer builds, whose shadow memory needs more address space than any such limit.
# Usage: shell_load_ulimit.sh LINKGRAPH REPO_ROOT
set -u
LINKGRAPH=$1
ROOT=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
awk 'BEGIN { pad = sprintf("%300s", ""); gsub(/ /, "x", pad);
             for (i = 0; i < 400000; i++)
               printf "{\"id\":\"big_%d\",\"product_id\":\"prod_mug\",\"customer_id\":\"cus_01\",\"rating\":%d,\"content\":\"%s\"}\n", i, 1 + i % 5, pad }' \
  > "$dir/big.jsonl"
cat > "$dir/script.lg" <<SCRIPT
load review from '$dir/big.jsonl';
graph review fields id take 2;
SCRIPT
(ulimit -v 500000; "$LINKGRAPH" --schema "$ROOT/examples/shop/schema.json" \
   --load "$ROOT/examples/shop/data.json" "$dir/script.lg" > "$dir/out" 2> "$dir/err")
code=$?
want_out='{"error":{"code":"resource_exhausted","message":"out of memory: an allocation failed; the write was rolled back"}}
{"data":[{"id":"rev_001"},{"id":"rev_002"}],"metadata":{"count":101,"skip":0,"take":2}}'
if [ "$code" != 1 ] || [ "$(cat "$dir/out")" != "$want_out" ]; then
  echo "exit $code (want 1); stdout:"; cat "$dir/out"; echo "stderr:"; cat "$dir/err"
  exit 1
fi
echo "ok: the load failed with ResourceExhausted and the data read as before"
