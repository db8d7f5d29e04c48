#!/usr/bin/env python3
"""Medians of the tagged JSON lines that ann-suite.sh / ann-filtered.sh append, as a Markdown table.

usage: medians.py RESULTS.jsonl [--by-filter]
One row per configuration (and, with --by-filter, per filter): median insert and build time,
median peak RSS, and per ef the median QPS with the median recall@k in parentheses. A build
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
    head += ["rounds", "insert s", "build s", "peak RSS MB"]
    head += [f"ef={s} QPS (recall)" for s in settings]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))

    def med(xs):
        return statistics.median(xs) if xs else float("nan")

    for key in order:
        config, flt = key
        b = builds.get(key, [])
        row = [engines.get(config, "?"), config] + ([flt or "none"] if by_filter else [])
        row += [str(len(b)), f"{med([x['insert_s'] for x in b]):.1f}",
                f"{med([x['build_s'] for x in b]):.1f}", f"{med([x['rss_mb'] for x in b]):.0f}"]
        for s in settings:
            q = queries[key].get(s, [])
            row.append(f"{med([x['qps'] for x in q]):,.0f} ({med([x['recall'] for x in q]):.3f})"
                       if q else "")
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
