#!/usr/bin/env bash
# The filter sweep on a data set made by `quiver bench gen` (attrs.tsv, gt.ivecs and
# gt.cat_lt_T.ivecs): unfiltered, then cat < 1, 10, 100, 500, 900 (0.1% .. 90%). A Java engine
# builds once and is queried under every setting (several --filter on one build, "" = none); Zvec
# runs through zvec-cpu.sh's copy of zvec-bench, whose --sweep queries one build under every
# setting the same way. Appends the tagged JSON lines to OUT.
#   usage: [EF=10,20,...] [WARMUP=N] ann-filtered.sh DATA_DIR RUNS OUT [ENGINE...]
#   engines: lucene jvector quiver zvec; EF defaults to 10,20,50,100,200; WARMUP (untimed passes
#   over the queries per setting, Java engines; zvec-bench always warms up on 200 queries) to 1.
set -u
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
data=$1; runs=$2; out=$3; shift 3
engines=("$@")
[ ${#engines[@]} -eq 0 ] && engines=(lucene zvec)
thresholds=(1 10 100 500 900)
zvec=${ZVEC_BENCH:-/work/zvec-bench}
zvec_js=$("$root/quiver-bench/scripts/zvec-cpu.sh" "$zvec")
ef=${EF:-10,20,50,100,200}
warmup=${WARMUP:-1}
common=(--base "$data/base.fvecs" --query "$data/query.fvecs" --metric l2 --index hnsw --m 16
        --efc 200 --ef "$ef" --k 10 --threads 1 --attrs "$data/attrs.tsv")
for r in $(seq 1 "$runs"); do
  for engine in "${engines[@]}"; do
    echo "round $r: $engine filtered" >&2
    if [ "$engine" = zvec ]; then
      sweep="[{\"gt\":\"$data/gt.ivecs\"}"
      for t in "${thresholds[@]}"; do
        sweep+=",{\"filter\":\"cat < $t\",\"gt\":\"$data/gt.cat_lt_$t.ivecs\"}"
      done
      sweep+="]"
      lines=$(cd "$zvec" && nice -n 0 node "$zvec_js" "${common[@]}" --sweep "$sweep" 2>>"$out.log")
      echo "$lines" | grep '^{' | sed "s/^{/{\"round\":$r,\"config\":\"zvec:none\",/" >>"$out"
    else
      filters=(--filter "" --gt "$data/gt.ivecs")
      for t in "${thresholds[@]}"; do
        filters+=(--filter "cat < $t" --gt "$data/gt.cat_lt_$t.ivecs")
      done
      lines=$(nice -n 0 "$root/bin/quiver" bench ann --engine "$engine" "${common[@]}" --warmup "$warmup" \
                "${filters[@]}" 2>>"$out.log")
      echo "$lines" | grep '^{' | sed "s/^{/{\"round\":$r,\"config\":\"$engine:none\",/" >>"$out"
    fi
  done
done
