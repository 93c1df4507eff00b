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
                # 8 x 4.5 in at 150 dpi = 1200 x 675 px (offchip_pb is 1.4 x taller: 945 px)
                w, h = png_size(os.path.join(out, n))
                self.assertEqual(w, 1200, n)
                self.assertEqual(h, 945 if n == "offchip_pb.png" else 675, n)
                self.assertLess(os.path.getsize(os.path.join(out, n)), 300_000, n)
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
                self.assertEqual(png_size(os.path.join(out, n)), (1200, 675))

    def test_axis_labels_carry_units_without_offsets(self):
        with tempfile.TemporaryDirectory() as out:
            r = plot(SWEEP, "--out", out, "--format", "svg", "--metric", "serving.energy_per_query_uJ")
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(out, "sweep_serving.energy_per_query_uJ.svg")) as f:
                svg = f.read()
            # matplotlib writes text as paths in SVG, with the string in a comment or title; the
            # label text is also kept in the axis' id: check the data the plot was built from.
            self.assertTrue(svg.startswith("<?xml"), svg[:40])
        label, scale = sushi_plot.unit_of("energy.total_pJ", [2.5e12])
        self.assertEqual((label, scale), ("energy.total (J)", 1e12))
        self.assertEqual(sushi_plot.unit_of("energy.total_pJ", [3.0e9]), ("energy.total (mJ)", 1e9))
        self.assertEqual(sushi_plot.unit_of("accel.pb.size_B", [524288.0]), ("accel.pb.size (KiB)", 1024.0))
        self.assertEqual(sushi_plot.unit_of("serving.latency_p95_ms", [12.0]), ("serving.latency p95 (ms)", 1.0))
        self.assertEqual(sushi_plot.unit_of("status"), ("status", 1.0))


class Formats(unittest.TestCase):
    def test_svg_and_pdf(self):
        for fmt, magic in (("svg", b"<?xml"), ("pdf", b"%PDF")):
            with tempfile.TemporaryDirectory() as out:
                r = plot(SWEEP, "--out", out, "--format", fmt, "--metric", "serving.latency_p95_ms")
                self.assertEqual(r.returncode, 0, r.stderr)
                names = sorted(os.listdir(out))
                self.assertEqual(names, ["sweep_serving.latency_p95_ms." + fmt])
                for n in names:
                    self.assertTrue(n.endswith("." + fmt), n)
                    with open(os.path.join(out, n), "rb") as f:
                        self.assertEqual(f.read(len(magic)), magic, n)

    def test_quoted_csv_fields_are_read(self):
        with tempfile.TemporaryDirectory() as tmp:
            p = os.path.join(tmp, "q.csv")
            with open(p, "w") as f:
                f.write('id,detail,value_B\n0,"a, quoted ""field""",1024\n1,plain,2048\n')
            cols = sushi_plot.read_csv(p)
            self.assertEqual(list(cols["detail"]), ['a, quoted "field"', "plain"])
            self.assertEqual(list(sushi_plot.numeric(cols["value_B"])), [1024.0, 2048.0])


class Installed(unittest.TestCase):
    """cmake --install into a temporary prefix; sushi-plot then runs from any directory."""

    def test_install_and_run_from_anywhere(self):
        build = os.environ.get("SUSHI_BINARY_DIR")
        if not build or not os.path.exists(os.path.join(build, "cmake_install.cmake")):
            self.skipTest("SUSHI_BINARY_DIR (a configured build tree) is not set")
        with tempfile.TemporaryDirectory() as prefix, tempfile.TemporaryDirectory() as out:
            r = subprocess.run(["cmake", "--install", build, "--prefix", prefix, "--component", "plot"],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            exe = os.path.join(prefix, "bin", "sushi-plot")
            env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
            r = subprocess.run([exe, SWEEP, "--out", out, "--format", "pdf", "--metric", "serving.latency_p95_ms"],
                               cwd="/", env=env, capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(os.listdir(out), ["sweep_serving.latency_p95_ms.pdf"])
            r = subprocess.run(["/usr/bin/python3", "-m", "sushi_plot", "--help"], cwd="/",
                               env=dict(env, PYTHONPATH=os.path.join(prefix, "lib", "python3", "dist-packages")),
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)

    def test_byte_axis_ticks_fall_on_round_display_units(self):
        # 16 PB sizes of 288 KiB steps (0.28125 .. 4.5 MiB): more points than labelled ticks, so
        # matplotlib places the ticks; it must place them in MiB (0, 1, 2, ... or halves), not at
        # round byte counts shown as 0.953674 MiB.
        import unittest.mock
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "results.csv"), "w") as f:
                f.write("point,accel.pb.size_B,status,detail,cache.pb_hit_pct\n")
                for k in range(1, 17):
                    f.write(f"p{k:04d},{k * 288 * 1024},ok,,{k}\n")
            seen = []

            def save(fig, path):
                ax = fig.axes[0]
                seen.append((ax.get_xlabel(), list(ax.get_xticks()), [line.get_xdata()[0] for line in ax.lines]))
                return path
            with unittest.mock.patch.object(sushi_plot, "_save", save):
                sushi_plot.plot_sweep(d, os.path.join(d, "plots"))
        label, ticks, first_x = seen[0]
        self.assertEqual(label, "accel.pb.size (MiB)")
        self.assertEqual(first_x, [0.28125])  # 288 KiB
        self.assertTrue(ticks and all(abs(t * 2 - round(t * 2)) < 1e-9 for t in ticks), ticks)

    def test_chosen_axis_group_and_metric(self):
        with tempfile.TemporaryDirectory() as out:
            written = sushi_plot.plot_sweep(SWEEP, out, x="accel.pb.size_B", group="accel.overlap",
                                            metrics=["serving.latency_p95_ms"])
            self.assertEqual([os.path.basename(w) for w in written], ["sweep_serving.latency_p95_ms.png"])


if __name__ == "__main__":
    unittest.main()
