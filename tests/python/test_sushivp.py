"""The sushivp Python module: runs in child processes, run directories, SuperNets."""
import os
import sys
import tempfile
import unittest

import numpy as np

SOURCE = os.environ.get("SUSHI_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
RUN = os.path.join(SOURCE, "tests", "data", "run_small")
QUICKSTART = os.path.join(SOURCE, "vp_configs", "examples", "quickstart.yaml")

import sushivp  # noqa: E402  (PYTHONPATH: <build>/python, set by ctest)


class LoadRun(unittest.TestCase):
    def test_summary_is_a_dict_and_queries_are_numpy_columns(self):
        r = sushivp.load_run(RUN)
        self.assertEqual(r["summary"]["run"]["seed"], 42)
        self.assertEqual(r["summary"]["serving"]["queries_count"], 30)
        q = r["queries"]
        self.assertEqual(q["id"].dtype, np.int64)
        np.testing.assert_array_equal(q["id"], np.arange(30))
        self.assertEqual(q["latency_us"].dtype, np.float64)
        self.assertEqual(q["status"].dtype.kind, "U")
        # latency = end - arrival, as written (6 decimals): equal to within 1e-6 us
        np.testing.assert_allclose(q["latency_us"], q["end_us"] - q["arrival_us"], atol=2e-6)
        self.assertEqual(int(np.sum(q["met"])), r["summary"]["serving"]["slo_met_count"])
        p = r["power"]
        self.assertEqual(p["window_start_ps"][1], 25_000_000_000)  # 25 ms windows
        self.assertIn("queries.csv", r["files"])

    def test_not_a_run_directory(self):
        with self.assertRaises(ValueError):
            sushivp.load_run(os.path.join(SOURCE, "docs"))


class Run(unittest.TestCase):
    def test_runs_twice_in_one_process_with_identical_results(self):
        with tempfile.TemporaryDirectory() as tmp:
            a = sushivp.run(QUICKSTART, {"workload.queries": 3}, out=os.path.join(tmp, "a"))
            b = sushivp.run(QUICKSTART, {"workload.queries": 3, "trace.timeline": True}, out=os.path.join(tmp, "b"))
            self.assertEqual(a["exit_code"], 0)
            # Tracing changes no result (the provenance block records the different command).
            self.assertNotEqual(a["summary"].pop("provenance")["command_line"], b["summary"].pop("provenance")["command_line"])
            self.assertEqual(a["summary"], b["summary"])
            self.assertEqual(len(a["queries"]["id"]), 3)
            self.assertIn("timeline.json", b["files"])
            self.assertNotIn("timeline.json", a["files"])

    def test_run_without_out_leaves_no_temporary_directory(self):
        tmp = tempfile.gettempdir()
        before = {n for n in os.listdir(tmp) if n.startswith("sushivp-")}
        r = sushivp.run(QUICKSTART, {"workload.queries": 1})
        self.assertIsNone(r["dir"])
        self.assertEqual(r["summary"]["serving"]["queries_count"], 1)
        self.assertEqual({n for n in os.listdir(tmp) if n.startswith("sushivp-")}, before)

    def test_dict_config_with_include(self):
        with tempfile.TemporaryDirectory() as tmp:
            cwd = os.getcwd()
            os.chdir(SOURCE)
            try:
                r = sushivp.run({"include": ["vp_configs/examples/quickstart.yaml"], "workload": {"queries": 2}},
                                out=os.path.join(tmp, "d"))
            finally:
                os.chdir(cwd)
            self.assertEqual(r["summary"]["serving"]["queries_count"], 2)
            self.assertTrue(os.path.exists(os.path.join(tmp, "d", "config.input.yaml")))

    def test_config_error_is_a_value_error_naming_the_key(self):
        with tempfile.TemporaryDirectory() as tmp:
            with self.assertRaises(ValueError) as e:
                sushivp.run(QUICKSTART, {"trace.power_window": "0 s"}, out=tmp)
            self.assertIn("trace.power_window", str(e.exception))
            r = sushivp.run(QUICKSTART, {"trace.power_window": "0 s"}, out=tmp, check=False)
            self.assertEqual(r["exit_code"], 2)


class SuperNets(unittest.TestCase):
    def test_subnet_and_supernet(self):
        s = sushivp.subnet("ofa-resnet50", "min")
        self.assertEqual(s["arch"], "ofa-resnet50")
        self.assertEqual(s["layers"][0]["name"], "stem.conv0")
        self.assertEqual(s["layers"][0]["weight_params"], 648)  # 24 x 3 x 3 x 3
        big = sushivp.supernet("ofa-resnet50")
        self.assertGreater(len(big["layers"]), len(s["layers"]))
        with self.assertRaises(ValueError):
            sushivp.subnet("no-such-net")

    def test_catalog(self):
        c = sushivp.catalog(os.path.join(SOURCE, "vp_configs", "catalogs", "ofa-resnet50.csv"))
        self.assertEqual(c["arch"], "ofa-resnet50")
        self.assertEqual(c["overlap"]["pairs"], len(c["subnets"]) * (len(c["subnets"]) - 1) // 2)


if __name__ == "__main__":
    unittest.main()
