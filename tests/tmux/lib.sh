# Helpers of the tmux tests, sourced after setting `session` (the default tmux session).
# Each test runs its own tmux server (TMUX_TMPDIR set to its scratch directory before its first
# tmux command): tests running at once, here or in another checkout, would otherwise share one
# server, and one test's last session ending stops the server another is starting a session on.
#   screen [S]            the visible text of session S
#   fail MESSAGE          prints MESSAGE and the screen, exits 1
#   wait_for TEXT SECS [S]  until session S shows TEXT (a fixed string), else fail
#   type TEXT [S]         types TEXT and Enter (a trailing ';' is escaped: tmux reads it itself)
screen() { tmux capture-pane -p -J -t "${1:-$session}"; }
fail() { echo "FAIL: $1"; echo "--- screen:"; screen "${2:-$session}"; exit 1; }
wait_for() {
  local i target=${3:-$session}
  for ((i = 0; i < $2 * 10; i++)); do
    screen "$target" | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  fail "no '$1' on the screen after $2 s" "$target"
}
type() {
  local text=$1
  [[ $text == *";" ]] && text="${text%;}\\;"
  tmux send-keys -t "${2:-$session}" -l "$text"
  tmux send-keys -t "${2:-$session}" Enter
}
