#!/usr/bin/env python3
"""Tables of the SGS study (docs/studies/sgs.md) from the run directories run.sh wrote:
OUT/<workload config>/<policy>/summary.json."""
import json
import pathlib
import sys

POLICIES = ["none", "static", "sgs", "lru", "oracle"]


def row(summary):
    # Energies per served query are the run's totals (service intervals and idle time between
    # them, PB loads included) over the served queries; DRAM split into access (ACT, PRE, RD,
    # WR, I/O: what caching changes) and background (standby, refresh: what time costs).
    v, c, e = summary["serving"], summary["cache"], summary["energy"]
    served = max(1, v["served_count"])
    offchip = v["offchip_bytes_per_query_B"] + c["pb_load_B"] / served
    sim_ms = summary["run"]["simulated_time_ps"] * 1e-9
    return [
        f'{v["latency_mean_ms"]:.2f}', f'{v["latency_p99_ms"]:.2f}', f'{v["slo_attainment_pct"]:.1f}',
        f'{v["mean_accuracy_pct"]:.3f}', f"{offchip / 1e6:.2f}", f'{e["dram_access_pJ"] * 1e-6 / served:.0f}',
        f'{e["dram_background_pJ"] * 1e-6 / served:.0f}', f'{e["total_pJ"] * 1e-9 / served:.2f}',
        f'{100.0 * v["idle_energy_uJ"] / (e["total_pJ"] * 1e-6):.1f}',
        f'{(c["dram_weight_B"] + c["pb_load_B"]) / served / 1e6:.2f}', f'{c["pb_hit_pct"]:.1f}', f'{c["pb_loads_count"]}', f'{c["pb_load_B"] / 1e6:.1f}',
        f'{100.0 * c["pb_load_ms"] / sim_ms:.2f}',
    ]


def main(out):
    out = pathlib.Path(out)
    head = ("| policy | mean latency (ms) | p99 latency (ms) | SLO attainment (%) | mean accuracy (%) | "
            "off-chip MB/query | DRAM access uJ/query | DRAM background uJ/query | energy mJ/query | idle energy (% of run) | "
            "weight MB/query from DRAM | PB hit (%) | PB loads | PB load MB | reload time (% of run) |")
    for study in sorted(p for p in out.iterdir() if p.is_dir()):
        print(f"\n### {study.name}\n\n{head}\n|" + "---|" * 15)
        base = None
        for policy in POLICIES:
            f = study / policy / "summary.json"
            if not f.exists():
                print(f"| {policy} | (missing) |")
                continue
            s = json.loads(f.read_text())
            r = row(s)
            print(f"| {policy} | " + " | ".join(r) + " |")
            if policy == "none":
                base = s
        if base is not None and (study / "sgs" / "summary.json").exists():
            s = json.loads((study / "sgs" / "summary.json").read_text())
            bn, bs = base["serving"], s["serving"]
            def per_query(x, key):
                return x["energy"][key] / max(1, x["serving"]["served_count"])
            change = {k: 100 * (per_query(s, k) / per_query(base, k) - 1)
                      for k in ("dram_access_pJ", "dram_background_pJ", "total_pJ")}
            print(f"\nsgs vs none: mean latency {100 * (bs['latency_mean_ms'] / bn['latency_mean_ms'] - 1):+.1f}%, "
                  f"DRAM access energy per query {change['dram_access_pJ']:+.1f}%, "
                  f"DRAM background per query {change['dram_background_pJ']:+.1f}%, "
                  f"energy per query {change['total_pJ']:+.1f}%, "
                  f"accuracy {bs['mean_accuracy_pct'] - bn['mean_accuracy_pct']:+.3f} points")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "out/studies/sgs")
