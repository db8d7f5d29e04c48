#!/usr/bin/env bash
# Writes bench-cpu.js next to zvec-bench's bench.js: the same script with two additions.
#  1. Process CPU time on its JSON lines (build_cpu_s on the build line, cpu_qps on each query
#     line), so that Zvec's rows carry the same CPU-time figures as the Java harness's.
#  2. --sweep '[{"filter":"cat < 1","gt":"gt.cat_lt_1.ivecs"},{"gt":"gt.ivecs"},...]': query one
#     build under several filters in turn (each with its own ground truth), as the Java harness
#     does with repeated --filter/--gt; without it the script runs the single --filter/--gt.
# Nothing else changes: same calls, same order within a filter, same timers, same warm-up.
# Prints the path of the copy.
#   usage: zvec-cpu.sh ZVEC_BENCH_DIR
set -eu
dir=$1
src=$dir/bench.js
dst=$dir/bench-cpu.js
sed -e 's|^let t0 = process.hrtime.bigint();$|const cpuSecs = (c0) => { const u = process.cpuUsage(c0); return (u.user + u.system) / 1e6; };\nconst buildCpu0 = process.cpuUsage();\n&|' \
    -e 's|rss_mb: Math.round(process.memoryUsage().rss / 2 \*\* 20)|&, build_cpu_s: +cpuSecs(buildCpu0).toFixed(3)|' \
    -e 's|^  t0 = process.hrtime.bigint();$|&\n  const queryCpu0 = process.cpuUsage();|' \
    -e 's|^  const secs = Number(process.hrtime.bigint() - t0) / 1e9;$|&\n  const cpu = cpuSecs(queryCpu0);|' \
    -e 's|qps: Math.round(query.vecs.length / secs),|& cpu_qps: Math.round(query.vecs.length / cpu),|' \
    -e 's|^const gt = args.gt ? readVecs(args.gt, true).vecs : null;$|const sweep = args.sweep ? JSON.parse(args.sweep) : [{ filter: args.filter, gt: args.gt }];|' \
    -e 's|^for (const s of settings) {$|for (const run of sweep) {\nconst gt = run.gt ? readVecs(run.gt, true).vecs : null;\n&|' \
    -e 's|^  const filter = args.filter;$|  const filter = run.filter;|' \
    -e 's|^c.closeSync();$|}\n&|' \
    "$src" >"$dst"
for want in buildCpu0 build_cpu_s queryCpu0 cpu_qps 'const sweep' 'run of sweep' 'run.filter' '^}$'; do
  grep -q "$want" "$dst" || { echo "zvec-cpu.sh: $src changed; could not add $want" >&2; exit 1; }
done
echo "$dst"
