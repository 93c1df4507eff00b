#!/usr/bin/env python3
"""Tables of the multi-tenant study (docs/studies/multi-tenant.md) from the run directories
run.sh wrote: OUT/<load>/<row>/{summary.json,queries.csv}, OUT/repeat/{1,2}/run/."""
import bisect
import csv
import json
import pathlib
import sys

ROWS = [("baseline-largest", "1a baseline: largest SubNet, pinned"),
        ("baseline-fixed", "1b baseline: fixed SubNet, pinned"),
        ("choose-none", "2 variant selection, no SGS"),
        ("choose-sgs", "3 variant selection + SGS")]
TASKS = ["r50", "mbv3"]
PROCESSORS = ["accel", "small"]
HERE = pathlib.Path(__file__).resolve().parent


def load(run):
    summary = json.loads((run / "summary.json").read_text())
    with open(run / "queries.csv", newline="") as f:
        queries = list(csv.DictReader(f))
    return summary, queries


def service_ms(queries, task):
    """Mean time on the accelerator per served query of the task (end_us - start_us)."""
    t = [float(q["end_us"]) - float(q["start_us"]) for q in queries if q["task"] == task and q["status"] == "ok"]
    return sum(t) / len(t) / 1e3


def predicted_met(queries, task):
    """Queries the firmware predicted to meet their SLO (choice meets_all) and how many of them did."""
    pred = [q for q in queries if q["task"] == task and q["choice"] == "meets_all"]
    return len(pred), sum(q["met"] == "1" for q in pred)


def overlap_split(queries, task):
    """The task's jobs the firmware predicted to meet their SLO, split by whether another job ran on
    the other accelerator at some time during theirs: (count, met) without overlap, (count, met) with."""
    jobs = [(float(q["start_us"]), float(q["end_us"])) for q in queries if q["status"] == "ok"]
    jobs.sort()
    starts = [j[0] for j in jobs]
    res = {False: [0, 0], True: [0, 0]}
    for q in queries:
        if q["task"] != task or q["choice"] != "meets_all" or q["status"] != "ok":
            continue
        s, e = float(q["start_us"]), float(q["end_us"])
        # Another job overlaps [s, e) if it starts before e and ends after s (and is not this one).
        hit = any(a < e and b > s and (a, b) != (s, e) for a, b in jobs[:bisect.bisect_left(starts, e)])
        res[hit][0] += 1
        res[hit][1] += q["met"] == "1"
    return res


def slowdown_pct(queries, task):
    """Mean service-time increase of the task's overlapped jobs over the same SubNet on the same
    accelerator without overlap (in the same run), over the overlapped jobs that have such a twin."""
    jobs = sorted((float(q["start_us"]), float(q["end_us"])) for q in queries if q["status"] == "ok")
    alone, shared = {}, []
    for q in queries:
        if q["task"] != task or q["status"] != "ok":
            continue
        s, e = float(q["start_us"]), float(q["end_us"])
        key = (q["processor"], q["subnet"])
        if any(a < e and b > s and (a, b) != (s, e) for a, b in jobs):
            shared.append((key, e - s))
        else:
            alone.setdefault(key, e - s)
    r = [t / alone[k] - 1 for k, t in shared if k in alone]
    return f"{100 * sum(r) / len(r):+.1f} ({len(r)})" if r else "- (0)"


def mb(b):
    return f"{b / 1e6:.2f}"


def headline(out, load_name):
    print(f"\n### {load_name} load: per task\n")
    print("| row | task | SLO violation (%) | throughput (queries/s) | SLO-met queries/s | mean accuracy (%) | "
          "latency p50 (ms) | latency p99 (ms) | mean service (ms) | predicted to meet / met | off-chip MB/query | PB hit (%) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    runs = {}
    for row, label in ROWS:
        s, q = runs[row] = load(out / load_name / row)
        for t in TASKS:
            v = s["serving"]["tasks"][t]
            p, m = predicted_met(q, t)
            print(f"| {label} | {t} | {v['slo_violation_pct']:.1f} | {v['throughput_qps']:.2f} | "
                  f"{v['throughput_qps'] * v['slo_attainment_pct'] / 100:.2f} | {v['mean_accuracy_pct']:.3f} | "
                  f"{v['latency_p50_ms']:.1f} | {v['latency_p99_ms']:.1f} | "
                  f"{service_ms(q, t):.2f} | {p} / {m} | {mb(v['offchip_bytes_per_query_B'])} | {v['pb_hit_pct']:.1f} |")
    print(f"\n### {load_name} load: per processor\n")
    print("| row | processor | jobs | r50 jobs | mbv3 jobs | utilisation (%) | PB hit (%) | energy (mJ) |")
    print("|---|---|---|---|---|---|---|---|")
    for row, label in ROWS:
        s, q = runs[row]
        for p in PROCESSORS:
            v = s["serving"]["processors"][p]
            per = {t: sum(x["task"] == t and x["processor"] == p for x in q) for t in TASKS}
            print(f"| {label} | {p} | {v['jobs_count']} | {per['r50']} | {per['mbv3']} | {v['utilisation_pct']:.1f} | "
                  f"{v['pb_hit_pct']:.1f} | {v['energy_uJ'] / 1e3:.1f} |")
    base = runs["baseline-largest"][0]["serving"]["tasks"]
    fixed = runs["baseline-fixed"][0]["serving"]["tasks"]
    sgs = runs["choose-sgs"][0]["serving"]["tasks"]
    print()
    for t in TASKS:
        print(f"- {t}, row 3 against row 1a: SLO violation {base[t]['slo_violation_pct']:.1f} -> "
              f"{sgs[t]['slo_violation_pct']:.1f} %, throughput x{sgs[t]['throughput_qps'] / base[t]['throughput_qps']:.2f}, "
              f"accuracy {sgs[t]['mean_accuracy_pct'] - base[t]['mean_accuracy_pct']:+.3f} points; against row 1b: "
              f"SLO violation {fixed[t]['slo_violation_pct']:.1f} -> {sgs[t]['slo_violation_pct']:.1f} %, "
              f"accuracy {sgs[t]['mean_accuracy_pct'] - fixed[t]['mean_accuracy_pct']:+.3f} points")
    return runs


def memory(runs):
    print("\n### Memory (weights held for both tasks; the same under either load)\n")
    print("| row | weights in DRAM (MB) | weight copies r50 / mbv3 | model images (MB) | PB shares (MB) | total (MB) | "
          "total vs row 1a | total vs row 1b | every variant its own model (MB) |")
    print("|---|---|---|---|---|---|---|---|---|")
    b1a = runs["baseline-largest"][0]["serving"]["memory"]["total_B"]
    b1b = runs["baseline-fixed"][0]["serving"]["memory"]["total_B"]
    for row, label in ROWS:
        s = runs[row][0]["serving"]
        m, t = s["memory"], s["tasks"]
        print(f"| {label} | {mb(m['weights_dram_B'])} | {t['r50']['memory']['weight_copies_count']} / "
              f"{t['mbv3']['memory']['weight_copies_count']} | {mb(m['images_B'])} | {mb(m['pb_share_B'])} | "
              f"{mb(m['total_B'])} | x{m['total_B'] / b1a:.2f} | x{m['total_B'] / b1b:.2f} | {mb(m['separate_models_B'])} |")
    m = runs["choose-sgs"][0]["serving"]["memory"]
    print(f"\nRow 3 against every variant its own model: {100 * (1 - m['total_B'] / m['separate_models_B']):.1f} % less "
          f"({mb(m['total_B'])} MB for {mb(m['separate_models_B'])} MB); weights per copy "
          f"{mb(m['weights_dram_B'] / 2)} MB (both tasks keep two)")


def contention(out, together):
    print("\n### What DRAM contention costs each task (steady load)\n")
    print("| row | task | served | latency p50 (ms) | latency p99 (ms) | mean service (ms) | SLO violation (%) | "
          "predicted to meet / met | of those, no overlap: predicted / met | overlapped: predicted / met | "
          "overlapped job slowdown (%, jobs) | mean accuracy (%) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for row, short in (("baseline-largest", "largest"), ("baseline-fixed", "fixed"), ("choose-sgs", "sgs")):
        label = dict(ROWS)[row]
        s2, q2 = together[row]
        for t in TASKS:
            s1, q1 = load(out / "steady" / f"alone-{t}-{short}")
            # The alone run must serve the very same stream as the shared one.
            key = lambda q: [(x["arrival_us"], x["slo_us"]) for x in q if x["task"] == t]
            if key(q1) != key(q2):
                sys.exit(f"alone-{t}-{short}: its {t} stream differs from {row}'s")
            for where, s, q in (("alone", s1, q1), ("together", s2, q2)):
                v = s["serving"]["tasks"][t]
                p, m = predicted_met(q, t)
                o = overlap_split(q, t)
                sd = slowdown_pct(q, t)
                print(f"| {label} | {t} {where} | {v['served_count']} | {v['latency_p50_ms']:.1f} | {v['latency_p99_ms']:.1f} | "
                      f"{service_ms(q, t):.2f} | {v['slo_violation_pct']:.1f} | {p} / {m} | {o[False][0]} / {o[False][1]} | "
                      f"{o[True][0]} / {o[True][1]} | {sd} | {v['mean_accuracy_pct']:.3f} |")
    print("\n(each alone run's stream checked identical to the shared run's: arrival and SLO of every query)")


def determinism(out):
    a, b = out / "repeat" / "1" / "run", out / "repeat" / "2" / "run"
    same = all((a / f).read_bytes() == (b / f).read_bytes() for f in ("queries.csv", "summary.json"))
    ref = out / "steady" / "choose-sgs" / "queries.csv"
    print(f"\nDeterminism: choose-sgs (steady) run twice: queries.csv and summary.json "
          f"{'byte-identical' if same else 'DIFFER'}; queries.csv "
          f"{'byte-identical' if ref.read_bytes() == (a / 'queries.csv').read_bytes() else 'DIFFERS'} to the table's run.")
    if not same:
        sys.exit(1)


def configurations():
    print("\n### Configuration of every run (vp_configs/studies/multi-tenant/, comments dropped)\n")
    for f in ["soc.yaml", "task-r50.yaml", "task-mbv3.yaml", "base.yaml"] + [r + ".yaml" for r, _ in ROWS] + \
             [f"alone-{t}-{r}.yaml" for r in ("largest", "fixed", "sgs") for t in TASKS]:
        lines = [l for l in (HERE / f).read_text().splitlines() if l.strip() and not l.lstrip().startswith("#")]
        print(f"`{f}`:\n```yaml\n" + "\n".join(l.split("  #")[0].rstrip() for l in lines) + "\n```")
    print("Bursty load: the same row files with `--set tasks.r50.workload=vp_configs/workloads/tenant-r50-bursty.yaml "
          "--set tasks.mbv3.workload=vp_configs/workloads/tenant-mbv3-bursty.yaml`.")


def main(out):
    out = pathlib.Path(out)
    steady = headline(out, "steady")
    memory(steady)
    headline(out, "bursty")
    contention(out, steady)
    determinism(out)
    configurations()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "out/studies/multi-tenant")
