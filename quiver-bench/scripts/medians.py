#!/usr/bin/env python3
"""Medians of the tagged JSON lines that ann-suite.sh / ann-filtered.sh append, as a Markdown table.

usage: medians.py RESULTS.jsonl [--by-filter] [--cpu] [--best 0.95,0.99]
One row per configuration (and, with --by-filter, per filter): median insert and build time,
median peak RSS, and per ef the median QPS with the median recall@k in parentheses. With --cpu
the build column is build CPU seconds and the QPS columns are queries per CPU second of the
whole process (build_cpu_s and cpu_qps), the steadier figures on a busy machine. With --best, a
second table: per engine (over its configurations), the highest median QPS at a setting whose
median recall reaches each threshold, and Quiver's ratio to every other engine there. A build
counts for every filter block queried on it (Java engines query one build under all filters;
zvec-bench builds once per filter).
"""
import json
import statistics
import sys
from collections import OrderedDict, defaultdict


def main():
    path = sys.argv[1]
    by_filter = "--by-filter" in sys.argv
    cpu = "--cpu" in sys.argv
    build_key = "build_cpu_s" if cpu else "build_s"
    qps_key = "cpu_qps" if cpu else "qps"
    builds = defaultdict(list)
    queries = defaultdict(lambda: defaultdict(list))
    engines = {}
    order = OrderedDict()
    last_build = {}
    for line in open(path):
        line = line.strip()
        if not line.startswith("{"):
            continue
        d = json.loads(line)
        config = d["config"]
        if d["phase"] == "build":
            last_build[config] = d
            engines[config] = d["engine"]
            continue
        key = (config, d.get("filter", "") if by_filter else "")
        order.setdefault(key, None)
        b = last_build.get(config)
        if b is not None and not any(x is b for x in builds[key]):
            builds[key].append(b)
        queries[key][d.get("ef", d.get("nprobe", 0))].append(d)
    settings = sorted({s for q in queries.values() for s in q})
    head = ["engine", "config"] + (["filter"] if by_filter else [])
    head += ["rounds", "insert s", "build CPU s" if cpu else "build s", "peak RSS MB"]
    head += [f"ef={s} {'CPU-QPS' if cpu else 'QPS'} (recall)" for s in settings]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))

    def med(xs):
        return statistics.median(xs) if xs else float("nan")

    for key in order:
        config, flt = key
        b = builds.get(key, [])
        row = [engines.get(config, "?"), config] + ([flt or "none"] if by_filter else [])
        row += [str(len(b)), f"{med([x['insert_s'] for x in b]):.1f}",
                f"{med([x[build_key] for x in b if build_key in x]):.1f}", f"{med([x['rss_mb'] for x in b]):.0f}"]
        for s in settings:
            q = [x for x in queries[key].get(s, []) if qps_key in x]
            row.append(f"{med([x[qps_key] for x in q]):,.0f} ({med([x['recall'] for x in q]):.3f})"
                       if q else "")
        print("| " + " | ".join(row) + " |")

    if "--best" in sys.argv:
        thresholds = [float(t) for t in sys.argv[sys.argv.index("--best") + 1].split(",")]
        best = {}
        for key in order:
            config, _ = key
            engine = engines.get(config, "?").split("-")[0]
            for s in settings:
                q = [x for x in queries[key].get(s, []) if qps_key in x]
                if not q:
                    continue
                qps, rec = med([x[qps_key] for x in q]), med([x["recall"] for x in q])
                for t in thresholds:
                    if rec >= t and qps > best.get((engine, t), (0,))[0]:
                        best[(engine, t)] = (qps, rec, config, s)
        print()
        print("| recall at least | engine | best " + ("CPU-QPS" if cpu else "QPS")
              + " (recall, config, setting) | Quiver's ratio |")
        print("|---|---|---|---|")
        for t in thresholds:
            mine = best.get(("quiver", t))
            for (engine, tt), (qps, rec, config, s) in sorted(best.items(), key=lambda e: -e[1][0]):
                if tt != t:
                    continue
                ratio = f"{mine[0] / qps:.2f}x" if mine and engine != "quiver" else ""
                print(f"| {t} | {engine} | {qps:,.0f} ({rec:.3f}, {config}, {s}) | {ratio} |")


if __name__ == "__main__":
    main()
