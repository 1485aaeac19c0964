#!/bin/sh
# The issue #8 scaling check: the point query and the ordered page at 10k and 1M products,
# sizes interleaved at random (a shared machine drifts), 10 repetitions each; prints the minimum of the repetitions (the least disturbed run)
# and the 1M/10k ratios. Usage: bench/scaling.sh [path/to/linkgraph_micro]
set -eu
bin=${1:-build/bench/linkgraph_micro}
"$bin" --benchmark_filter='^BM_(PointQuery|OrderedPage)/(10000|1000000)$' \
  --benchmark_enable_random_interleaving=true --benchmark_repetitions=10 \
  --benchmark_min_time=0.3 --benchmark_report_aggregates_only=true 2>/dev/null |
  awk '/_min / { name=$1; sub(/_min/, "", name); split(name, p, "/"); t[p[1] "/" p[2]] = $4; u = $5;
                   print name, $4, u }
       END { for (q in t) { split(q, p, "/"); if (p[2] == "10000" && (p[1] "/1000000") in t)
               printf "%s 1M/10k = %.2fx\n", p[1], t[p[1] "/1000000"] / t[q] } }'
