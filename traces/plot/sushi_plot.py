#!/usr/bin/python3
"""Plots of sushi-vp run directories and sweep results (matplotlib, Agg backend), as PNG, SVG or
PDF (--format), with units in every axis label.

A run directory (docs/outputs.md) gives:
  latency_cdf.FORMAT       latency CDF, one line per run (labelled by its caching policy)
  latency_over_time.FORMAT latency of each query against its arrival, with its SLO as a marker
  energy_per_query.FORMAT  energy of each query by category (stacked bars)
  offchip_pb.FORMAT        off-chip bytes per window (power.csv) or per query, and PB hit ratio
  power_over_time.FORMAT   power per component per window (needs power.csv: trace.power=true)
A sweep directory (results.csv, docs/sweeps.md) gives one sweep_<metric>.FORMAT per metric: the
metric against a swept size (e.g. accel.pb.size_B), one line per policy (or other parameter).

Several run directories may be given: latency_cdf then compares them; the other per-run
plots are written for each run into OUT/<run name>/ (or OUT directly for a single run).
"""
import argparse
import os
import re
import sys

import matplotlib

matplotlib.use("Agg")  # headless: no display needed
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

DPI = 150          # PNG: 1200 x 675 pixels at SIZE
SIZE = (8.0, 4.5)  # inches
FORMATS = ("png", "svg", "pdf")
CATEGORIES = ["dram", "sram", "noc", "compute", "cpu", "other"]


# ----------------------------------------------------------------------------- reading

def read_csv(path):
    """Columns of a CSV file (RFC 4180 quoting) as a dict name -> numpy array of str (numpy)."""
    rows = np.loadtxt(path, dtype=str, delimiter=",", quotechar='"', comments=None, ndmin=2,
                      encoding="utf-8-sig")
    if rows.shape[0] == 0:
        return {}
    return {str(h): rows[1:, i] for i, h in enumerate(rows[0])}


def numeric(values):
    """Numbers of a column; cells that are not numbers (empty, text) are NaN."""
    col = np.asarray(values, dtype=str)
    try:
        return np.where(col == "", "nan", col).astype(float)
    except ValueError:
        out = np.full(col.shape, np.nan)
        for i, v in enumerate(col):
            try:
                out[i] = float(v)
            except ValueError:
                pass
        return out


# ----------------------------------------------------------------------------- units

# Column-name suffix -> (quantity, unit of the column, [(display unit, factor), ...] large first).
UNITS = {
    "_pJ": ("energy", [("J", 1e12), ("mJ", 1e9), ("uJ", 1e6), ("nJ", 1e3), ("pJ", 1.0)]),
    "_uJ": ("energy", [("J", 1e6), ("mJ", 1e3), ("uJ", 1.0)]),
    "_ps": ("time", [("s", 1e12), ("ms", 1e9), ("us", 1e6), ("ns", 1e3), ("ps", 1.0)]),
    "_us": ("time", [("s", 1e6), ("ms", 1e3), ("us", 1.0)]),
    "_ms": ("time", [("s", 1e3), ("ms", 1.0)]),
    "_s": ("time", [("s", 1.0)]),
    "_B": ("size", [("GiB", 2.0 ** 30), ("MiB", 2.0 ** 20), ("KiB", 1024.0), ("B", 1.0)]),
    "_mW": ("power", [("W", 1e3), ("mW", 1.0)]),
    "_W": ("power", [("W", 1.0)]),
    "_pct": ("", [("%", 1.0)]),
    "_GBps": ("bandwidth", [("GB/s", 1.0)]),
    "_qps": ("rate", [("queries/s", 1.0)]),
    "_count": ("", [("count", 1.0)]),
}


def unit_of(column, values=None):
    """(label, scale): a readable axis label with its unit for a column named with a unit suffix
    ("energy.total_pJ" -> "energy.total (mJ)"), and the factor to divide the values by, chosen so
    that the largest value is at least 1 in that unit."""
    for suffix, (_, units) in sorted(UNITS.items(), key=lambda kv: -len(kv[0])):
        if column.endswith(suffix):
            base = column[:-len(suffix)].replace("_", " ")
            peak = np.nanmax(np.abs(values)) if values is not None and np.any(np.isfinite(values)) else None
            for name, factor in units:
                if peak is None or peak >= factor or factor == units[-1][1]:
                    return f"{base} ({name})", factor
    return column, 1.0


def run_label(run_dir, queries):
    """The run's caching policy if it is known (queries.csv column or config), else its name."""
    if queries and "policy" in queries and len(queries["policy"]):
        vals = sorted(set(queries["policy"]))
        if vals and vals[0]:
            return ",".join(vals)
    cfg = os.path.join(run_dir, "config.resolved.yaml")
    if os.path.exists(cfg):
        section = None
        with open(cfg) as f:
            for line in f:
                m = re.match(r"^(\w+):\s*$", line)
                if m:
                    section = m.group(1)
                m = re.match(r"^\s+policy:\s*([\w-]+)", line)
                if m and section == "sched":
                    return m.group(1)
    return os.path.basename(os.path.normpath(run_dir))


class Run:
    def __init__(self, run_dir):
        self.dir = run_dir
        qpath = os.path.join(run_dir, "queries.csv")
        if not os.path.exists(qpath):
            raise SystemExit(f"error: {run_dir}: no queries.csv (not a serving run directory)")
        self.q = read_csv(qpath)
        ppath = os.path.join(run_dir, "power.csv")
        self.power = read_csv(ppath) if os.path.exists(ppath) else None
        self.label = run_label(run_dir, self.q)
        self.name = os.path.basename(os.path.normpath(run_dir))

    def col(self, name):
        return numeric(self.q.get(name, []))

    def served(self):
        status = self.q.get("status", [])
        return np.array([s == "ok" for s in status], dtype=bool)


# ----------------------------------------------------------------------------- plots

def _save(fig, path):
    """Writes the figure in the format of the path's extension (png, svg or pdf)."""
    for ax in fig.axes:
        ax.ticklabel_format(axis="y", style="plain", useOffset=False)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def plot_latency_cdf(runs, path):
    fig, ax = plt.subplots(figsize=SIZE)
    # Runs of one policy (e.g. two hardware settings) are told apart by their directory names.
    labels = [r.label for r in runs]
    repeated = len(set(labels)) < len(labels)
    for run in runs:
        lat = np.sort(run.col("latency_us")[run.served()] / 1000.0)
        if lat.size == 0:
            continue
        y = np.arange(1, lat.size + 1) / lat.size * 100.0
        label = f"{run.name}: {run.label}" if repeated else run.label
        ax.step(lat, y, where="post", label=f"{label} (n={lat.size})")
    ax.set_xlabel("latency (ms)")
    ax.set_ylabel("queries at or below (%)")
    ax.set_ylim(0, 100)
    ax.set_title("Latency CDF (one line per run: its policy, with its directory where policies repeat)")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    return _save(fig, path)


def plot_latency_over_time(run, path):
    fig, ax = plt.subplots(figsize=SIZE)
    ok = run.served()
    t = run.col("arrival_us") / 1e6
    lat = run.col("latency_us") / 1000.0
    slo = run.col("slo_us") / 1000.0
    met = run.col("met") > 0
    ax.plot(t[ok & met], lat[ok & met], "o", ms=3, color="tab:blue", label="latency (SLO met)")
    ax.plot(t[ok & ~met], lat[ok & ~met], "x", ms=4, color="tab:red", label="latency (SLO missed)")
    ax.plot(t, slo, "_", ms=6, color="tab:gray", label="SLO of the query")
    ax.set_xlabel("arrival time (s)")
    ax.set_ylabel("latency (ms)")
    ax.set_title(f"Latency over time: {run.label}")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper right", fontsize="small")
    return _save(fig, path)


def plot_energy_per_query(run, path):
    fig, ax = plt.subplots(figsize=SIZE)
    ids = run.col("id")
    bottom = np.zeros(ids.size)
    for cat in CATEGORIES:
        e = run.col(f"energy_{cat}_uJ")
        if e.size != ids.size or not np.any(np.nan_to_num(e) > 0):
            continue
        e = np.nan_to_num(e) / 1000.0
        ax.bar(ids, e, bottom=bottom, width=0.9, label=cat)
        bottom += e
    ax.set_xlabel("query id")
    ax.set_ylabel("energy (mJ)")
    ax.set_title(f"Energy per query by category: {run.label}")
    ax.legend(loc="upper right", fontsize="small")
    ax.grid(axis="y", alpha=0.3)
    return _save(fig, path)


def pb_hit_pct(run):
    """PB hit ratio per query: its pb_hit_pct column, else PB bytes / (PB + DRAM weight bytes)."""
    if "pb_hit_pct" in run.q:
        return run.col("pb_hit_pct")
    pb = run.col("pb_read_B")
    w = run.col("dram_weight_B")
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(pb + w > 0, pb / (pb + w) * 100.0, np.nan)


def plot_offchip_pb(run, path):
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(SIZE[0], SIZE[1] * 1.4), sharex=True)
    if run.power:
        t0 = numeric(run.power["window_start_ps"]) / 1e12
        t1 = numeric(run.power["window_end_ps"]) / 1e12
        rd = numeric(run.power["dram_read_B"]) / 1e6
        wr = numeric(run.power["dram_write_B"]) / 1e6
        ax1.step(t0, rd, where="post", label="DRAM read")
        ax1.step(t0, wr, where="post", label="DRAM write")
        w_ms = (t1[0] - t0[0]) * 1e3 if t0.size else 0
        ax1.set_ylabel(f"MB per {w_ms:g} ms window")
    else:
        t = run.col("end_us") / 1e6
        ok = run.served()
        off = run.col("dram_weight_B") + run.col("dram_input_B") + run.col("dram_output_B")
        ax1.plot(t[ok], off[ok] / 1e6, "o-", ms=3, label="off-chip bytes of the query")
        ax1.set_ylabel("MB per query")
    ax1.set_title(f"Off-chip traffic and PB hit ratio: {run.label}")
    ax1.grid(alpha=0.3)
    ax1.legend(loc="upper right", fontsize="small")
    t = run.col("end_us") / 1e6
    ok = run.served()
    hit = pb_hit_pct(run)
    ax2.plot(t[ok], hit[ok], "o", ms=3, label="per query")
    if np.count_nonzero(ok) >= 5:
        k = max(2, min(20, np.count_nonzero(ok) // 5))
        h = np.nan_to_num(hit[ok])
        avg = np.convolve(h, np.ones(k) / k, mode="valid")
        ax2.plot(t[ok][k - 1:], avg, "-", label=f"mean of last {k}")
    ax2.set_ylim(-2, 102)
    ax2.set_xlabel("time (s)")
    ax2.set_ylabel("PB hit ratio (% of weight bytes)")
    ax2.grid(alpha=0.3)
    ax2.legend(loc="upper right", fontsize="small")
    return _save(fig, path)


def plot_power_over_time(run, path):
    p = run.power
    comps = [h[len("power_"):-len("_mW")] for h in p if h.startswith("power_") and h.endswith("_mW")
             and h != "power_total_mW"]
    t0 = numeric(p["window_start_ps"]) / 1e12
    fig, ax = plt.subplots(figsize=SIZE)
    ys = [numeric(p[f"power_{c}_mW"]) for c in comps]
    ax.stackplot(t0, *ys, labels=comps, step="post")
    ax.set_xlabel("time (s)")
    ax.set_ylabel("power (mW)")
    ax.set_title(f"Power per component: {run.label}")
    ax.legend(loc="upper right", fontsize="small")
    ax.grid(alpha=0.3)
    return _save(fig, path)


def plot_run_dirs(run_dirs, out, fmt="png"):
    """Writes every run plot as `fmt` (png, svg, pdf); returns the list of paths."""
    runs = [Run(d) for d in run_dirs]
    os.makedirs(out, exist_ok=True)
    written = [plot_latency_cdf(runs, os.path.join(out, "latency_cdf." + fmt))]
    for run in runs:
        d = out if len(runs) == 1 else os.path.join(out, run.name)
        os.makedirs(d, exist_ok=True)
        written.append(plot_latency_over_time(run, os.path.join(d, "latency_over_time." + fmt)))
        written.append(plot_energy_per_query(run, os.path.join(d, "energy_per_query." + fmt)))
        written.append(plot_offchip_pb(run, os.path.join(d, "offchip_pb." + fmt)))
        if run.power:
            written.append(plot_power_over_time(run, os.path.join(d, "power_over_time." + fmt)))
    return written


# ----------------------------------------------------------------------------- sweeps

def _pick_x(cols, params):
    sizes = [c for c in params if c.endswith("_B")]
    for c in sizes:
        if "pb" in c or "buffer" in c:
            return c
    if sizes:
        return sizes[0]
    for c in params:
        if np.all(np.isfinite(numeric(cols[c]))):
            return c
    raise SystemExit("error: no numeric swept parameter to put on the x axis (use --x)")


def plot_sweep(sweep_dir, out, x=None, group=None, metrics=None, fmt="png"):
    """One plot per metric of results.csv: metric against x, one line per group value."""
    cols = read_csv(os.path.join(sweep_dir, "results.csv"))
    header = list(cols)
    if "status" not in header:
        raise SystemExit(f"error: {sweep_dir}/results.csv has no status column")
    params = header[1:header.index("status")]
    metric_cols = header[header.index("detail") + 1:] if "detail" in header else []
    x = x or _pick_x(cols, params)
    if group is None:
        pol = [c for c in params if "policy" in c]
        others = [c for c in params if c != x and not c.endswith("_B") and c + "_B" != x and c != x[:-2]]
        group = pol[0] if pol else (others[0] if others else None)
    metrics = metrics or [m for m in metric_cols if np.any(np.isfinite(numeric(cols[m])))]
    ok = np.array([s == "ok" for s in cols["status"]])
    # x in its display unit (bytes -> MiB, ...), so that the axis' ticks fall on round values of it
    xlabel, xscale = unit_of(x, numeric(cols[x])[ok])
    xs = numeric(cols[x]) / xscale
    groups = sorted(set(cols[group])) if group else [None]
    os.makedirs(out, exist_ok=True)
    written = []
    for m in metrics:
        ylabel, yscale = unit_of(m, numeric(cols[m])[ok])
        ys = numeric(cols[m]) / yscale
        fig, ax = plt.subplots(figsize=SIZE)
        for g in groups:
            sel = ok & (np.array([v == g for v in cols[group]]) if group else True)
            order = np.argsort(xs[sel])
            ax.plot(xs[sel][order], ys[sel][order], "o-", ms=4, label=f"{group}={g}" if group else m)
        ax.set_xlabel(xlabel)
        ticks = np.unique(xs[ok & np.isfinite(xs)])
        if 0 < ticks.size <= 12:
            ax.set_xticks(ticks)
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}"))
        ax.set_ylabel(ylabel)
        ax.set_title(f"{ylabel} vs {xlabel}")
        ax.grid(alpha=0.3)
        ax.legend(fontsize="small")
        name = "sweep_" + re.sub(r"[^A-Za-z0-9_.-]", "_", m) + "." + fmt
        written.append(_save(fig, os.path.join(out, name)))
    return written


# ----------------------------------------------------------------------------- CLI

def main(argv=None):
    ap = argparse.ArgumentParser(prog="sushi-plot",
                                 description="Plots of sushi-vp run directories or a sweep directory "
                                             "(also: python3 -m sushi_plot, or python3 -m traces.plot in the source tree)")
    ap.add_argument("dirs", nargs="+", help="run directories (queries.csv) or one sweep directory (results.csv)")
    ap.add_argument("--out", help="output directory (default: <first dir>/plots)")
    ap.add_argument("--x", help="sweep: x-axis column of results.csv (default: a swept size)")
    ap.add_argument("--group", help="sweep: one line per value of this column (default: the policy)")
    ap.add_argument("--metric", action="append", help="sweep: metric column(s) to plot (default: all)")
    ap.add_argument("--format", choices=FORMATS, default="png", help="file format of the plots (default png)")
    a = ap.parse_args(argv)
    for d in a.dirs:
        if not os.path.isdir(d):
            print(f"error: {d}: not a directory", file=sys.stderr)
            return 2
    out = a.out or os.path.join(a.dirs[0], "plots")
    if os.path.exists(os.path.join(a.dirs[0], "results.csv")):
        written = plot_sweep(a.dirs[0], out, a.x, a.group, a.metric, a.format)
    else:
        written = plot_run_dirs(a.dirs, out, a.format)
    for w in written:
        print(w)
    return 0


if __name__ == "__main__":
    sys.exit(main())
