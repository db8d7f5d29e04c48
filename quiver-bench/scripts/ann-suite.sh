#!/usr/bin/env bash
# Runs the peer suite of BENCHMARKS.md on one data set, RUNS rounds, engines interleaved within a
# round so that noise from other work on the machine spreads over all of them. Appends every JSON
# line, tagged with its round and configuration label, to OUT.
#   usage: ann-suite.sh DATA_DIR RUNS OUT [CONFIG...]
#   DATA_DIR holds base.fvecs, query.fvecs, gt.ivecs; CONFIG is engine:quantize (default: all).
#   EF (default 10,20,50,100,200) and WARMUP (untimed passes per setting, default 1) may be set in
#   the environment, for a focused head-to-head at a few settings.
#   Engine quiver-ivf is Quiver with an IVF index (automatic nlist) at nprobe 4, 8, 16, 32.
# Zvec runs through zvec-bench (ZVEC_BENCH, default /work/zvec-bench) with node.
set -u
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
data=$1; runs=$2; out=$3; shift 3
configs=("$@")
if [ ${#configs[@]} -eq 0 ]; then
  configs=(lucene:none lucene:int8 lucene:int4 jvector:none jvector:pq hnswlib:none zvec:none zvec:int8)
fi
zvec=${ZVEC_BENCH:-/work/zvec-bench}
# bench.js with process CPU time added to its lines (see zvec-cpu.sh).
zvec_js=$("$root/quiver-bench/scripts/zvec-cpu.sh" "$zvec")
common=(--base "$data/base.fvecs" --query "$data/query.fvecs" --gt "$data/gt.ivecs" --metric l2
        --index hnsw --m 16 --efc 200 --ef "${EF:-10,20,50,100,200}" --k 10 --threads 1)
java_only=(--warmup "${WARMUP:-1}")
for r in $(seq 1 "$runs"); do
  for cfg in "${configs[@]}"; do
    engine=${cfg%%:*}; quant=${cfg#*:}
    echo "round $r: $engine $quant" >&2
    if [ "$engine" = quiver-ivf ]; then
      lines=$(nice -n 0 "$root/bin/quiver" bench ann --engine quiver --base "$data/base.fvecs" \
                --query "$data/query.fvecs" --gt "$data/gt.ivecs" --metric l2 --index ivf \
                --nprobe 4,8,16,32 --k 10 --threads 1 --quantize "$quant" 2>>"$out.log")
    elif [ "$engine" = zvec ]; then
      lines=$(cd "$zvec" && nice -n 0 node "$zvec_js" "${common[@]}" --quantize "$quant" 2>>"$out.log")
    else
      lines=$(nice -n 0 "$root/bin/quiver" bench ann --engine "$engine" "${common[@]}" \
                "${java_only[@]}" --quantize "$quant" 2>>"$out.log")
    fi
    echo "$lines" | grep '^{' | sed "s/^{/{\"round\":$r,\"config\":\"$engine:$quant\",/" >>"$out"
  done
done
