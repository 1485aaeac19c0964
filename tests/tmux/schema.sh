#!/usr/bin/env bash
# Schema text typed at a real terminal (a detached tmux session): a module block typed over
# several lines waits at the continuation prompt until its braces close, then registers into the
# running database, whose rows stay; a query then walks the new link. LINKGRAPH_HISTORY=/dev/null
# turns history off and leaves /dev/null as it was (libedit's save would make it 0600).
# Usage: schema.sh LINKGRAPH REPO_ROOT
set -euo pipefail
bin=$1
root=$2
session="lg-schema-$$"
devnull_mode=$(stat -c %a /dev/null)
work=$(mktemp -d)
# A tmux server of this run's own (lib.sh).
export TMUX_TMPDIR=$work
unset TMUX
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
tmux new-session -d -s "$session" -x 200 -y 40 \
  "LANG=C.UTF-8 LINKGRAPH_HISTORY=/dev/null $bin --schema $root/examples/shop/schema.json --load $root/examples/shop/data.json; sleep 60"
source "$(dirname "$0")/lib.sh"

wait_for "linkgraph> " 30
type "module wish {"
type "  model.define(\"wish\", { id: model.id().primaryKey(), product_id: model.text() })"
# Not complete yet: nothing registered, the continuation prompt shows.
sleep 0.5
screen | grep -qF '{"metadata":{"count":1}}' && fail "registered before the block was closed"
type "  links: [{ alias: \"wishes\", foreignKey: \"product_id\", primaryKey: \"id\", foreignKeyTargetField: \"id\" }]"
type "}"
wait_for '{"metadata":{"count":1}}' 10
type ".format json"
type "create wish {\"id\": \"w1\", \"product_id\": \"prod_mug\"};"
wait_for '"id":"w1"' 10
type "graph product fields handle, wishes.id where wishes exists;"
wait_for '{"data":[{"handle":"stoneware-mug","wishes":[{"id":"w1"}]}]' 10
[ "$(stat -c %a /dev/null)" = "$devnull_mode" ] ||
  fail "/dev/null is now mode $(stat -c %a /dev/null): the history was saved to it"
echo "ok schema text at the prompt"
