"""traces/plot: every plot is produced from the small shipped run and sweep directories."""
import csv
import os
import struct
import subprocess
import sys
import tempfile
import unittest

SOURCE = os.environ.get("SUSHI_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
RUN = os.path.join(SOURCE, "tests", "data", "run_small")
SWEEP = os.path.join(SOURCE, "tests", "data", "sweep_small")
sys.path.insert(0, SOURCE)

from traces.plot import sushi_plot  # noqa: E402


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


def plot(*args):
    return subprocess.run([sys.executable, "-m", "traces.plot", *args], cwd=SOURCE, capture_output=True, text=True)


class RunPlots(unittest.TestCase):
    def test_every_run_plot_is_written(self):
        with tempfile.TemporaryDirectory() as out:
            r = plot(RUN, "--out", out)
            self.assertEqual(r.returncode, 0, r.stderr)
            names = ["latency_cdf.png", "latency_over_time.png", "energy_per_query.png", "offchip_pb.png",
                     "power_over_time.png"]
            self.assertEqual(sorted(os.listdir(out)), sorted(names))
            for n in names:
                # 7 x 4 in at 80 dpi = 560 x 320 px (offchip_pb is 1.4 x taller: 448 px)
                w, h = png_size(os.path.join(out, n))
                self.assertEqual(w, 560, n)
                self.assertEqual(h, 448 if n == "offchip_pb.png" else 320, n)
                self.assertLess(os.path.getsize(os.path.join(out, n)), 100_000, n)
            self.assertEqual(r.stdout.split(), [os.path.join(out, n) for n in names])

    def test_script_form_and_several_runs(self):
        with tempfile.TemporaryDirectory() as out:
            r = subprocess.run([sys.executable, os.path.join(SOURCE, "traces", "plot", "sushi_plot.py"), RUN, RUN,
                                "--out", out], capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertTrue(os.path.exists(os.path.join(out, "latency_cdf.png")))
            self.assertTrue(os.path.exists(os.path.join(out, "run_small", "offchip_pb.png")))

    def test_default_out_is_plots_inside_the_run(self):
        with tempfile.TemporaryDirectory() as tmp:
            run = os.path.join(tmp, "run")
            os.makedirs(run)
            for f in ("queries.csv", "summary.json", "config.resolved.yaml"):  # no power.csv
                with open(os.path.join(RUN, f), "rb") as src, open(os.path.join(run, f), "wb") as dst:
                    dst.write(src.read())
            r = plot(run)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(sorted(os.listdir(os.path.join(run, "plots"))),
                             ["energy_per_query.png", "latency_cdf.png", "latency_over_time.png", "offchip_pb.png"])

    def test_bad_directory_is_exit_2(self):
        r = plot(os.path.join(SOURCE, "no", "such", "dir"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("not a directory", r.stderr)

    def test_pb_hit_ratio_from_bytes(self):
        run = sushi_plot.Run(RUN)
        self.assertEqual(run.label, "sgs")  # the run's sched.cache.policy
        hit = sushi_plot.pb_hit_pct(run)
        self.assertEqual(len(hit), 30)
        # Per query: pb_read_B / (pb_read_B + dram_weight_B) (queries.csv pb_hit_pct); the SGS policy fills the PB after the
        # first window of queries, so the first queries read nothing from it and later ones do.
        with open(os.path.join(RUN, "queries.csv")) as f:
            rows = list(csv.DictReader(f))
        for h, r in zip(hit, rows):
            pb, dram = float(r["pb_read_B"]), float(r["dram_weight_B"])
            self.assertAlmostEqual(h, 100.0 * pb / (pb + dram) if pb + dram else 0.0, delta=5e-4)  # column: 3 decimals
        self.assertEqual(hit[0], 0.0)
        self.assertGreater(max(hit), 0.0)


class SweepPlots(unittest.TestCase):
    def test_one_png_per_metric_one_line_per_group(self):
        with tempfile.TemporaryDirectory() as out:
            r = plot(SWEEP, "--out", out)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(sorted(os.listdir(out)), sorted([
                "sweep_serving.latency_p95_ms.png", "sweep_serving.slo_attainment_pct.png",
                "sweep_serving.energy_per_query_uJ.png", "sweep_serving.offchip_bytes_per_query_B.png"]))
            for n in os.listdir(out):
                self.assertEqual(png_size(os.path.join(out, n)), (560, 320))

    def test_chosen_axis_group_and_metric(self):
        with tempfile.TemporaryDirectory() as out:
            written = sushi_plot.plot_sweep(SWEEP, out, x="accel.pb.size_B", group="accel.overlap",
                                            metrics=["serving.latency_p95_ms"])
            self.assertEqual([os.path.basename(w) for w in written], ["sweep_serving.latency_p95_ms.png"])


if __name__ == "__main__":
    unittest.main()
