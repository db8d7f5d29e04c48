#!/usr/bin/env python3
"""Filtered-search summary of the tagged JSON lines ann-filtered.sh appends, as Markdown tables.

usage: filtered-summary.py RESULTS.jsonl [MIN_RECALL]
Table 1, per filter and engine: per ef the median wall-clock QPS, the median CPU-time QPS
(cpu_qps, when the engine reports it) and the median recall@k over the rounds.
Table 2, per filter: for each engine the cheapest ef whose median recall reaches MIN_RECALL
(default 0.95), its QPS and CPU QPS, and Quiver's ratios to the others at that operating point.
"""
import json
import statistics
import sys
from collections import OrderedDict, defaultdict


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def main():
    path = sys.argv[1]
    floor = float(sys.argv[2]) if len(sys.argv) > 2 else 0.95
    rows = defaultdict(lambda: defaultdict(list))  # (filter, engine) -> ef -> [lines]
    filters = OrderedDict()
    engines = OrderedDict()
    for line in open(path):
        line = line.strip()
        if not line.startswith("{"):
            continue
        d = json.loads(line)
        if d["phase"] != "query":
            continue
        f = d.get("filter", "") or "none"
        e = d["engine"]
        filters.setdefault(f, None)
        engines.setdefault(e, None)
        rows[(f, e)][d["ef"]].append(d)
    efs = sorted({ef for v in rows.values() for ef in v})

    def point(f, e, ef):
        q = rows[(f, e)].get(ef, [])
        if not q:
            return None
        cpu = [x["cpu_qps"] for x in q if "cpu_qps" in x]
        return (med([x["qps"] for x in q]), med(cpu) if cpu else None,
                med([x["recall"] for x in q]), len(q))

    head = ["filter", "engine", "rounds"] + [f"ef={ef} QPS / CPU QPS (recall)" for ef in efs]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for f in filters:
        for e in engines:
            if (f, e) not in rows:
                continue
            cells = []
            n = 0
            for ef in efs:
                p = point(f, e, ef)
                if p is None:
                    cells.append("")
                    continue
                qps, cpu, rec, n = p
                cpu_s = f"{cpu:,.0f}" if cpu is not None else "-"
                cells.append(f"{qps:,.0f} / {cpu_s} ({rec:.3f})")
            print("| " + " | ".join([f, e, str(n)] + cells) + " |")

    print()
    names = list(engines)
    quiver = next((e for e in names if e.startswith("quiver")), None)
    others = [e for e in names if e != quiver]
    head = ["filter"]
    for e in names:
        head += [f"{e} ef", "QPS", "CPU QPS", "recall"]
    head += [f"Quiver / {e.split('-')[0]} (QPS, CPU QPS)" for e in others]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for f in filters:
        best = {}
        for e in names:
            for ef in efs:
                p = point(f, e, ef) if (f, e) in rows else None
                if p is not None and p[2] >= floor:
                    best[e] = (ef,) + p
                    break
        cells = [f]
        for e in names:
            b = best.get(e)
            if b is None:
                cells += ["-", "-", "-", f"< {floor}"]
            else:
                ef, qps, cpu, rec, _ = b
                cells += [str(ef), f"{qps:,.0f}", f"{cpu:,.0f}" if cpu else "-", f"{rec:.3f}"]
        for e in others:
            if quiver in best and e in best:
                q, o = best[quiver], best[e]
                r = f"{q[1] / o[1]:.2f}x"
                if q[2] and o[2]:
                    r += f", {q[2] / o[2]:.2f}x"
                cells.append(r)
            else:
                cells.append("-")
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
