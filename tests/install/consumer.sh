#!/usr/bin/env bash
# Installs linkgraph from a build directory into a temporary prefix and uses it as a host
# application's developer would, from outside the tree:
#   1. examples/ as a CMake project: find_package(linkgraph CONFIG), linked shared;
#   2. the same, linked to linkgraph::linkgraph_static;
#   3. examples/reviews/main.cc compiled by hand with `pkg-config --cflags --libs linkgraph`;
# runs each program, and checks that the shared library exports only linkgraph:: symbols.
#
# Usage: tests/install/consumer.sh BUILD_DIR      (BUILD_DIR already built)
set -euo pipefail

build=$(cd "${1:?usage: consumer.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
# Under the build directory, at a fixed place, so ccache finds the same relative paths next time.
work=$build/consumer-check
rm -rf "$work" && mkdir -p "$work"
prefix=$work/prefix

fail() { echo "consumer.sh: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >"$work/install.log" ||
  { cat "$work/install.log" >&2; fail "cmake --install failed"; }
libdir=$prefix/lib
[[ -d $prefix/lib64 ]] && libdir=$prefix/lib64
for f in include/linkgraph/database.h include/linkgraph/version.h include/linkgraph/export.h \
         lib/cmake/linkgraph/linkgraphConfig.cmake lib/pkgconfig/linkgraph.pc bin/linkgraph; do
  [[ -e $prefix/$f || -e $prefix/${f/lib\//lib64/} ]] || fail "not installed: $f"
done
# Only the public headers: no internal header may leave the tree.
extra=$(find "$prefix/include" -type f ! -path "$prefix/include/linkgraph/*" | head -3)
[[ -z $extra ]] || fail "installed headers outside include/linkgraph: $extra"

expect() {  # expect NAME PROGRAM: runs it, checks the seed's two queries printed their rows
  local out
  out=$("$2") || fail "$1: the program failed"
  grep -q "Fits well" <<<"$out" || fail "$1: unexpected output: $out"
  echo "ok: $1"
}

# 1 and 2: find_package(linkgraph CONFIG), shared and static.
for link in shared static; do
  cmake -S "$root/examples" -B "$work/cmake-$link" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$prefix" -DLINKGRAPH_LINK=$link >"$work/configure-$link.log" ||
    { cat "$work/configure-$link.log" >&2; fail "configure ($link) failed"; }
  cmake --build "$work/cmake-$link" >"$work/build-$link.log" ||
    { cat "$work/build-$link.log" >&2; fail "build ($link) failed"; }
  expect "find_package, $link" "$work/cmake-$link/reviews"
done
# The static program must not need the shared library at run time, and the shared one must.
# (ldd's output is kept first: `ldd | grep -q` under pipefail fails when grep stops reading early.)
libs=$(ldd "$work/cmake-static/reviews")
if grep -q liblinkgraph <<<"$libs"; then fail "the static example links liblinkgraph.so"; fi
libs=$(ldd "$work/cmake-shared/reviews")
grep -q "liblinkgraph.so" <<<"$libs" || fail "the shared example is not shared"

# 3: pkg-config.
export PKG_CONFIG_PATH=$libdir/pkgconfig
flags=$(pkg-config --cflags --libs linkgraph) || fail "pkg-config --cflags --libs linkgraph failed"
# shellcheck disable=SC2086
g++ -std=c++20 -Wall -Wextra -Wpedantic -Werror "$root/examples/reviews/main.cc" $flags \
  -Wl,-rpath,"$libdir" -o "$work/reviews-pkg" || fail "compiling with pkg-config flags failed"
expect "pkg-config" "$work/reviews-pkg"
# The static archive with pkg-config's private dependencies (docs/embedding.md).
# shellcheck disable=SC2046
g++ -std=c++20 "$root/examples/reviews/main.cc" $(pkg-config --cflags linkgraph) \
  "$libdir/liblinkgraph.a" $(pkg-config --libs --static linkgraph | sed 's/-llinkgraph//') \
  -o "$work/reviews-pkg-static" || fail "compiling with pkg-config --static failed"
libs=$(ldd "$work/reviews-pkg-static")
if grep -q liblinkgraph <<<"$libs"; then fail "the pkg-config static example links liblinkgraph.so"; fi
expect "pkg-config, static" "$work/reviews-pkg-static"

launcher=$(command -v ccache || true)
# 4: add_subdirectory of the source tree: the same targets, only include/ reaching the consumer,
# and no -Werror imposed on it.
cmake -S "$root/examples" -B "$work/subdir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DLINKGRAPH_SOURCE_DIR="$root" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  ${launcher:+-DCMAKE_CXX_COMPILER_LAUNCHER=$launcher} >"$work/configure-subdir.log" ||
  { cat "$work/configure-subdir.log" >&2; fail "configure (add_subdirectory) failed"; }
cmake --build "$work/subdir" --target reviews >"$work/build-subdir.log" ||
  { cat "$work/build-subdir.log" >&2; fail "build (add_subdirectory) failed"; }
expect "add_subdirectory" "$work/subdir/reviews"
command=$(grep -B3 '"file": ".*examples/reviews/main.cc"' "$work/subdir/compile_commands.json" |
          grep '"command"') || fail "add_subdirectory: no compile command for reviews/main.cc"
grep -q -- "-I$root/include " <<<"$command" || fail "add_subdirectory: include/ not on the consumer's path"
# Every include directory is linkgraph's include/ or generated in the consumer's build tree.
for dir in $(grep -o -- '-I[^ ]*' <<<"$command" | cut -c3-); do
  [[ $dir == "$root/include" || $dir == "$work/subdir/"* ]] ||
    fail "add_subdirectory: an internal directory leaks into the consumer's include path: $dir"
done
grep -q -- "-Werror" "$work/subdir/linkgraph/CMakeCache.txt" 2>/dev/null &&
  fail "add_subdirectory: -Werror in the cache"
grep -q "LINKGRAPH_WERROR:BOOL=OFF" "$work/subdir/CMakeCache.txt" ||
  fail "add_subdirectory: LINKGRAPH_WERROR is not off for a consumer"

# The shared library exports linkgraph's API and nothing else.
so=$(ls "$libdir"/liblinkgraph.so.* | head -1)
others=$(nm -D --defined-only -C "$so" | cut -d' ' -f3- |
         grep -Ev '^(linkgraph::|typeinfo for linkgraph::|typeinfo name for linkgraph::|vtable for linkgraph::)' || true)
[[ -z $others ]] || fail "exported symbols outside linkgraph:: ($(wc -l <<<"$others")):
$(head -20 <<<"$others")"
count=$(nm -D --defined-only "$so" | wc -l)
(( count > 20 )) || fail "only $count exported symbols: is the API exported at all?"
echo "ok: $count exported symbols, all linkgraph::"
