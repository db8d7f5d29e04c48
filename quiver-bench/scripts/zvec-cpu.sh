#!/usr/bin/env bash
# Writes bench-cpu.js next to zvec-bench's bench.js: the same script with process CPU time added to
# its JSON lines (build_cpu_s on the build line, cpu_qps on each query line), so that Zvec's rows
# carry the same CPU-time figures as the Java harness's. Nothing else changes: same calls, same
# order, same timers. Prints the path of the copy.
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
    "$src" >"$dst"
for want in buildCpu0 build_cpu_s queryCpu0 cpu_qps; do
  grep -q "$want" "$dst" || { echo "zvec-cpu.sh: $src changed; could not add $want" >&2; exit 1; }
done
echo "$dst"
