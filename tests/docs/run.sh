#!/usr/bin/env bash
# Executable documentation: runs the examples of one docs/*.md file and compares what they print
# with the blocks that follow them (docs/README.md describes the convention).
#
#   run.sh LINKGRAPH REPO_ROOT DOC.md       runs DOC's `sql example` and `sh example` blocks and
#                                           checks that every example (cpp ones too) is followed
#                                           by its `output` block; prints one line per failure
#                                           with a diff, then `DOC: N examples passed`.
#   run.sh --extract-cpp DOC.md OUTDIR      writes each `cpp example` of DOC as OUTDIR/cpp_K.cc
#                                           with its expected cpp_K.out (cpp_K.err, cpp_K.exit)
#                                           and prints `K LINE` per example (for CMake).
#   run.sh --run-cpp EXE STEM WHERE         runs a built cpp example and compares it with
#                                           STEM.out / STEM.err / STEM.exit; WHERE names it.
#
# A `sql example` runs in a fresh shell on the shop example:
#   linkgraph --schema examples/shop/schema.json --load examples/shop/data.json --format json
# with its statements on standard input; a `sh example` is a bash script with `linkgraph` first
# on PATH. A `terminal example` holds lines typed, one by one, at the interactive prompt of the
# same shell started in a terminal (a detached tmux session, 160 columns, LANG=C.UTF-8; each
# line is typed once the prompt, or a `(y/N)` question, is back; `<Tab>` in a line presses Tab);
# its `output` block is the terminal's text after the last line, the banner left out and the
# final prompt dropped. Without tmux a terminal example is skipped. All run in a scratch
# directory where `examples/` is the repository's (paths read as from the repository root; files
# an example writes stay out of the tree), with
# LINKGRAPH_TEST_CLOCK=2026-01-01T00:00:00Z and LINKGRAPH_TEST_ID_SEED=1.
#
# The next fenced block after an example must be `output` (standard output, exactly); an optional
# `stderr` block after it holds standard error exactly, and then the exit status must be non-zero
# (`stderr exit=N`: exactly N). Without a `stderr` block, standard error must be empty and the
# exit status 0. A doc with no example fails, as does an example without its `output` block.
#
# UPDATE=1 rewrites the `output` and `stderr` blocks of DOC with what the examples print now
# (adding or removing `stderr` blocks): review the diff before committing it.
set -u
export LC_ALL=C
export LINKGRAPH_TEST_CLOCK=2026-01-01T00:00:00Z
export LINKGRAPH_TEST_ID_SEED=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Terminal examples run a tmux server of this run's own (tests/tmux/lib.sh).
export TMUX_TMPDIR=$work
unset TMUX

# Splits DOC into $work/blocks/N (the body of the N-th fenced block) and prints one line per
# block: N, the line of its opening fence, the line of its closing fence and its info string,
# tab-separated. A fence is a line starting with three or more backticks; it closes at a line of
# at least as many backticks and nothing else. An unclosed fence prints `unclosed LINE`.
split_blocks() {
  mkdir -p "$work/blocks"
  awk -v dir="$work/blocks" '
    !open && /^```/ {
      match($0, /^`+/); fence = RLENGTH
      info = substr($0, fence + 1); gsub(/^[ \t]+|[ \t]+$/, "", info)
      n++; start = NR; open = 1; body = dir "/" n; printf "" > body
      next
    }
    open {
      line = $0; sub(/[ \t]+$/, "", line)
      if (line ~ /^`+$/ && length(line) >= fence) {
        close(body); printf "%d\t%d\t%d\t%s\n", n, start, NR, info; open = 0; next
      }
      print $0 > body
    }
    END { if (open) printf "unclosed\t%d\n", start }
  ' "$1"
}

# Reads the block index of DOC into the arrays START END INFO (1-based) and NBLOCKS.
# Returns 1 (after reporting) when a fence is not closed.
read_blocks() {
  local doc=$1 rel=$2
  START=() END=() INFO=() NBLOCKS=0
  local n s e info
  while IFS=$'\t' read -r n s e info; do
    if [ "$n" = unclosed ]; then
      echo "FAIL $rel:$s: a fenced block is not closed"
      return 1
    fi
    START[$n]=$s END[$n]=$e INFO[$n]=$info NBLOCKS=$n
  done < <(split_blocks "$doc")
  return 0
}

# Pairs each example with its blocks: EX_KIND, EX_BLOCK (the example), EX_OUT (its output block),
# EX_ERR (its stderr block or 0). Structural errors are reported and counted in STRUCT_FAILS.
pair_examples() {
  local rel=$1
  EX_KIND=() EX_BLOCK=() EX_OUT=() EX_ERR=() STRUCT_FAILS=0
  local i=1 kind
  while [ "$i" -le "$NBLOCKS" ]; do
    local info=${INFO[$i]}
    case "$info" in
      "sql example" | "sh example" | "cpp example" | "terminal example")
        kind=${info%% *}
        if [ $((i + 1)) -gt "$NBLOCKS" ] || [ "${INFO[$((i + 1))]}" != output ]; then
          echo "FAIL $rel:${START[$i]}: the $info has no output block (the next fenced block must be \`\`\`output)"
          STRUCT_FAILS=$((STRUCT_FAILS + 1))
          i=$((i + 1))
          continue
        fi
        local err=0
        if [ $((i + 2)) -le "$NBLOCKS" ] && [[ "${INFO[$((i + 2))]}" =~ ^stderr( exit=[0-9]+)?$ ]]; then
          err=$((i + 2))
        fi
        EX_KIND+=("$kind") EX_BLOCK+=("$i") EX_OUT+=("$((i + 1))") EX_ERR+=("$err")
        if [ "$err" != 0 ]; then i=$((i + 3)); else i=$((i + 2)); fi
        ;;
      *example*)
        echo "FAIL $rel:${START[$i]}: unknown example kind '$info' (sql example, sh example, cpp example, terminal example)"
        STRUCT_FAILS=$((STRUCT_FAILS + 1))
        i=$((i + 1))
        ;;
      output | stderr*)
        echo "FAIL $rel:${START[$i]}: an \`$info\` block that follows no example"
        STRUCT_FAILS=$((STRUCT_FAILS + 1))
        i=$((i + 1))
        ;;
      *) i=$((i + 1)) ;;
    esac
  done
}

# A scratch directory with the repository's examples/ in it.
scratch_dir() {
  local d
  d=$(mktemp -d "$work/run.XXXXXX")
  ln -s "$ROOT/examples" "$d/examples"
  echo "$d"
}

# Compares one run (files $1.out $1.err $1.code) with the expected blocks; prints a report and
# returns 1 on a difference. Args: STEM REL LINE KIND EXPECTED_OUT EXPECTED_ERR|"" PIN|"".
compare_run() {
  local stem=$1 rel=$2 line=$3 kind=$4 want_out=$5 want_err=$6 pin=$7
  local code ok=1 report=""
  code=$(cat "$stem.code")
  if ! diff -u --label "expected (the output block)" --label "actual standard output" \
      "$want_out" "$stem.out" > "$stem.dout"; then
    ok=0
    report+="standard output differs:"$'\n'"$(cat "$stem.dout")"$'\n'
  fi
  if [ -n "$want_err" ]; then
    if ! diff -u --label "expected (the stderr block)" --label "actual standard error" \
        "$want_err" "$stem.err" > "$stem.derr"; then
      ok=0
      report+="standard error differs:"$'\n'"$(cat "$stem.derr")"$'\n'
    fi
    if [ -n "$pin" ] && [ "$code" != "$pin" ]; then
      ok=0
      report+="exit status $code, expected $pin"$'\n'
    elif [ -z "$pin" ] && [ "$code" = 0 ]; then
      ok=0
      report+="exit status 0, expected a failure (a stderr block is present; write \`stderr exit=0\` if 0 is right)"$'\n'
    fi
  else
    if [ -s "$stem.err" ]; then
      ok=0
      report+="standard error is not empty (add a stderr block if that is expected):"$'\n'"$(sed 's/^/  /' "$stem.err")"$'\n'
    fi
    if [ "$code" != 0 ]; then
      ok=0
      report+="exit status $code, expected 0"$'\n'
    fi
  fi
  if [ $ok = 0 ]; then
    echo "FAIL $rel:$line ($kind example)"
    printf '%s' "$report"
    return 1
  fi
  return 0
}

# The pinned exit status of a stderr block's info string, or "".
pin_of() {
  local info=$1
  if [[ "$info" =~ exit=([0-9]+)$ ]]; then echo "${BASH_REMATCH[1]}"; fi
}

# Types the lines of $1 at the prompt of a shell on the shop example in a detached tmux session
# started in directory $2, and writes the screen to $3.out (empty $3.err, 0 in $3.code; 1 when
# the prompt did not come back: the screen so far is then the output).
PROMPT_RE='^(linkgraph( \(tx\))?>( |$)|  +( *\(tx\))?\.\.\.>( |$))|\(y/N\)( |$)'
run_terminal() {
  local input=$1 dir=$2 stem=$3 session="lg-docs-$$-$RANDOM" code=0 want=1 line i
  : > "$stem.err"
  tmux new-session -d -s "$session" -x 160 -y 200 \
    "cd '$dir' && LC_ALL=C.UTF-8 LANG=C.UTF-8 LINKGRAPH_HISTORY='$dir/.history' LINKGRAPH_TEST_CLOCK=$LINKGRAPH_TEST_CLOCK LINKGRAPH_TEST_ID_SEED=$LINKGRAPH_TEST_ID_SEED '$LINKGRAPH' --schema examples/shop/schema.json --load examples/shop/data.json; sleep 60"
  screen_text() { tmux capture-pane -p -J -S - -t "$session" | sed -e 's/[[:space:]]*$//'; }
  # Waits until the screen holds `want` prompts or questions, the last one bare (the program is
  # waiting for input).
  wait_prompts() {
    for ((i = 0; i < 100; i++)); do
      local text
      text=$(screen_text | grep -E "$PROMPT_RE" || true)
      if [ "$(printf '%s\n' "$text" | grep -c .)" -ge "$want" ] &&
         printf '%s\n' "$text" | tail -n 1 | grep -qE '(>|\(y/N\))$'; then
        return 0
      fi
      sleep 0.1
    done
    return 1
  }
  wait_prompts || code=1
  while [ "$code" = 0 ] && IFS= read -r line; do
    # `<Tab>` in a line presses Tab there (completion).
    while [[ $line == *"<Tab>"* ]]; do
      tmux send-keys -t "$session" -l "${line%%"<Tab>"*}"
      tmux send-keys -t "$session" Tab
      line=${line#*"<Tab>"}
      sleep 0.3
    done
    [[ $line == *";" ]] && line="${line%;}\\;"
    [ -n "$line" ] && tmux send-keys -t "$session" -l "$line"
    tmux send-keys -t "$session" Enter
    want=$((want + 1))
    wait_prompts || code=1
  done < "$input"
  # The banner's line and the final prompt are not part of the session shown.
  screen_text | awk '
    NR == 1 && /^linkgraph [0-9]/ { next }
    { line[++n] = $0 }
    END {
      while (n > 0 && line[n] == "") n--
      if (n > 0 && line[n] ~ /^linkgraph( \(tx\))?>$/) n--
      for (i = 1; i <= n; i++) print line[i]
    }' > "$stem.out"
  tmux kill-session -t "$session" 2>/dev/null || true
  echo "$code" > "$stem.code"
}

# ---- --extract-cpp DOC OUTDIR ----------------------------------------------------------------
if [ "${1:-}" = --extract-cpp ]; then
  doc=$2 out=$3
  mkdir -p "$out"
  read_blocks "$doc" "$doc" > /dev/null || exit 0
  pair_examples "$doc" > /dev/null
  k=0
  for idx in "${!EX_KIND[@]}"; do
    [ "${EX_KIND[$idx]}" = cpp ] || continue
    k=$((k + 1))
    b=${EX_BLOCK[$idx]} o=${EX_OUT[$idx]} e=${EX_ERR[$idx]}
    cp "$work/blocks/$b" "$out/cpp_$k.cc"
    cp "$work/blocks/$o" "$out/cpp_$k.out"
    rm -f "$out/cpp_$k.err" "$out/cpp_$k.exit"
    if [ "$e" != 0 ]; then
      cp "$work/blocks/$e" "$out/cpp_$k.err"
      pin_of "${INFO[$e]}" > "$out/cpp_$k.exit"
    fi
    echo "$k ${START[$b]}"
  done
  exit 0
fi

# ---- --run-cpp EXE STEM WHERE ----------------------------------------------------------------
if [ "${1:-}" = --run-cpp ]; then
  exe=$2 stem=$3 where=$4
  ROOT=$(cd "$(dirname "$0")/../.." && pwd)
  dir=$(scratch_dir)
  (cd "$dir" && "$exe" > "$work/run.out" 2> "$work/run.err" < /dev/null)
  echo $? > "$work/run.code"
  want_err="" pin=""
  if [ -f "$stem.err" ]; then want_err=$stem.err; pin=$(cat "$stem.exit"); fi
  if compare_run "$work/run" "${where%:*}" "${where##*:}" cpp "$stem.out" "$want_err" "$pin"; then
    echo "$where: cpp example passed"
    exit 0
  fi
  exit 1
fi

# ---- LINKGRAPH REPO_ROOT DOC -----------------------------------------------------------------
if [ $# -ne 3 ]; then
  echo "usage: run.sh LINKGRAPH REPO_ROOT DOC.md | --extract-cpp DOC.md OUTDIR | --run-cpp EXE STEM WHERE" >&2
  exit 2
fi
LINKGRAPH=$(realpath "$1")
ROOT=$(realpath "$2")
DOC=$(realpath "$3")
REL=${DOC#"$ROOT"/}
mkdir -p "$work/bin"
ln -s "$LINKGRAPH" "$work/bin/linkgraph"

plural() { if [ "$1" = 1 ]; then echo "$1 $2"; else echo "$1 $2s"; fi; }

read_blocks "$DOC" "$REL" || exit 1
pair_examples "$REL"
failed=$STRUCT_FAILS
passed=0
cpp=0
declare -A NEW_BODY NEW_INFO INSERT_AFTER DELETE_BLOCK

for idx in "${!EX_KIND[@]}"; do
  kind=${EX_KIND[$idx]} b=${EX_BLOCK[$idx]} o=${EX_OUT[$idx]} e=${EX_ERR[$idx]}
  if [ "$kind" = cpp ]; then
    cpp=$((cpp + 1))
    continue
  fi
  dir=$(scratch_dir)
  stem="$work/ex$idx"
  if [ "$kind" = terminal ] && ! command -v tmux > /dev/null; then
    echo "SKIP $REL:${START[$b]} (terminal example): tmux is not installed"
    continue
  fi
  if [ "$kind" = terminal ]; then
    run_terminal "$work/blocks/$b" "$dir" "$stem"
  elif [ "$kind" = sql ]; then
    (cd "$dir" && "$LINKGRAPH" --schema examples/shop/schema.json --load examples/shop/data.json \
       --format json < "$work/blocks/$b" > "$stem.out" 2> "$stem.err")
  else
    (cd "$dir" && PATH="$work/bin:$PATH" bash "$work/blocks/$b" > "$stem.out" 2> "$stem.err" < /dev/null)
  fi
  code=$?
  [ "$kind" = terminal ] && code=$(cat "$stem.code")
  echo "$code" > "$stem.code"
  if [ "${UPDATE:-0}" = 1 ]; then
    NEW_BODY[${START[$o]}]="$stem.out"
    if [ -s "$stem.err" ] || [ "$code" != 0 ]; then
      info=stderr
      [ "$code" = 0 ] && info="stderr exit=0"
      if [ "$e" != 0 ]; then
        [ -n "$(pin_of "${INFO[$e]}")" ] && info="stderr exit=$code"
        NEW_BODY[${START[$e]}]="$stem.err"
        NEW_INFO[${START[$e]}]=$info
      else
        INSERT_AFTER[${END[$o]}]="$stem.err"$'\t'"$info"
      fi
    elif [ "$e" != 0 ]; then
      DELETE_BLOCK[${START[$e]}]=${END[$e]}
    fi
    passed=$((passed + 1))
    continue
  fi
  want_err="" pin=""
  if [ "$e" != 0 ]; then want_err="$work/blocks/$e"; pin=$(pin_of "${INFO[$e]}"); fi
  if compare_run "$stem" "$REL" "${START[$b]}" "$kind" "$work/blocks/$o" "$want_err" "$pin"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done

if [ "${UPDATE:-0}" = 1 ]; then
  # Rebuild DOC: replaced bodies, new stderr blocks after their output block, dropped ones.
  mapfile -t lines < "$DOC"
  {
    n=${#lines[@]} l=1
    while [ "$l" -le "$n" ]; do
      text=${lines[$((l - 1))]}
      if [ -n "${DELETE_BLOCK[$l]:-}" ]; then
        l=$((DELETE_BLOCK[$l] + 1))
        # and the blank line after it
        [ "$l" -le "$n" ] && [ -z "${lines[$((l - 1))]}" ] && l=$((l + 1))
        continue
      fi
      if [ -n "${NEW_BODY[$l]:-}" ]; then
        fence=${text%%[!\`]*}
        if [ -n "${NEW_INFO[$l]:-}" ]; then echo "$fence${NEW_INFO[$l]}"; else echo "$text"; fi
        cat "${NEW_BODY[$l]}"
        # Skip to the closing fence.
        l=$((l + 1))
        while [ "$l" -le "$n" ]; do
          close=${lines[$((l - 1))]}
          if [[ "$close" =~ ^\`\`\`+[[:space:]]*$ ]]; then break; fi
          l=$((l + 1))
        done
        echo "${lines[$((l - 1))]}"
        l=$((l + 1))
      else
        echo "$text"
        l=$((l + 1))
      fi
      if [ -n "${INSERT_AFTER[$((l - 1))]:-}" ]; then
        IFS=$'\t' read -r file info <<< "${INSERT_AFTER[$((l - 1))]}"
        echo
        echo '```'"$info"
        cat "$file"
        echo '```'
      fi
    done
  } > "$work/updated.md"
  cp "$work/updated.md" "$DOC"
  echo "$REL: $(plural "$passed" example) rewritten (UPDATE=1); review the diff"
  exit 0
fi

total=$((passed + failed))
extra=""
[ "$cpp" -gt 0 ] && extra=" (and $(plural "$cpp" "cpp example"), each run by a test of its own)"
if [ "$total" -eq 0 ] && [ "$cpp" -eq 0 ]; then
  echo "FAIL $REL: no examples (mark runnable blocks \`sql example\`, \`sh example\` or \`cpp example\`)"
  exit 1
fi
if [ "$failed" -gt 0 ]; then
  echo "$REL: $failed of $(plural "$total" example) failed$extra"
  exit 1
fi
echo "$REL: $(plural "$passed" example) passed$extra"
exit 0
