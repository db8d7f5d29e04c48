#!/usr/bin/env python3
"""Medians of the tagged JSON lines that ann-suite.sh / ann-filtered.sh append, as a Markdown table.

usage: medians.py RESULTS.jsonl [--by-filter]
One row per configuration (and filter): median build time, median peak RSS, and per ef the median
QPS with the median recall@k in parentheses. The number of rounds behind each row is shown.
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
    for line in open(path):
        line = line.strip()
        if not line.startswith("{"):
            continue
        d = json.loads(line)
        key = d["config"] + ((" | " + d.get("filter", "")) if by_filter else "")
        order.setdefault(key, None)
        if d["phase"] == "build":
            builds[key].append(d)
            engines[key] = d["engine"]
        else:
            setting = d.get("ef", d.get("nprobe", 0))
            queries[key][setting].append(d)
    settings = sorted({s for q in queries.values() for s in q})
    head = ["engine", "config", "rounds", "insert s", "build s", "peak RSS MB"]
    head += [f"ef={s} QPS (recall)" for s in settings]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for key in order:
        b = builds.get(key, [])
        med = lambda xs: statistics.median(xs) if xs else float("nan")
        row = [engines.get(key, "?"), key, str(len(b)), f"{med([x['insert_s'] for x in b]):.1f}",
               f"{med([x['build_s'] for x in b]):.1f}", f"{med([x['rss_mb'] for x in b]):.0f}"]
        for s in settings:
            q = queries[key].get(s, [])
            if not q:
                row.append("")
                continue
            row.append(f"{med([x['qps'] for x in q]):,.0f} ({med([x['recall'] for x in q]):.3f})")
        print("| " + " | ".join(row) + " |")

if __name__ == "__main__":
    main()
