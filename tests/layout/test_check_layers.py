"""The include-layer check (scripts/check_layers.py) on small trees written here: it passes a tree
that keeps its rules and fails, naming file:line, the include and the rule, on every kind of
violation; and the repository's own rules (docs/architecture.md) catch a model that includes the
platform. And the README's layout table names every top-level folder of the repository, and every
folder of models/ and platform/. Run by ctest (layout.checker) with /usr/bin/python3."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

SOURCE = os.environ.get("SUSHI_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
CHECKER = os.path.join(SOURCE, "scripts", "check_layers.py")

RULES = textwrap.dedent("""\
    # rules
    <!-- layer-rules:begin -->
    | folder | may include | why |
    |---|---|---|
    | `base` | nothing | bottom |
    | `mid` | `base` | |
    | `mid/sub` | `mid` | a subfolder with its own row |
    | `top` | `mid` | `mid` allows `mid/sub` too |
    | `tests` | anything | |

    Include roots (searched after the file's folder): `include`, `.`

    Generated in the build tree (not checked): `gen_*.inc`
    <!-- layer-rules:end -->
    """)


class CheckLayers(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="check_layers_")
        self.addCleanup(shutil.rmtree, self.root)
        self.write("docs/architecture.md", RULES)
        self.write("base/base.h", "#pragma once\n")
        self.write("mid/mid.h", '#pragma once\n#include "base/base.h"\n')
        self.write("mid/mid.cpp", '#include "mid.h"\n#include "base/base.h"\n#include <vector>\n')
        self.write("mid/sub/sub.h", '#pragma once\n#include "mid/mid.h"\n')
        self.write("top/top.cpp", '#include "mid/mid.h"\n#include "mid/sub/sub.h"\n#include "gen_names.inc"\n')
        self.write("tests/t.cpp", '#include "top/top.cpp"\n#include "nowhere.h"\n')

    def write(self, rel, text):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)

    def run_checker(self, rules=None):
        args = [sys.executable, CHECKER, "--root", self.root]
        if rules:
            args += ["--rules", rules]
        return subprocess.run(args, capture_output=True, text=True)

    def assert_fails_with(self, *messages):
        r = self.run_checker()
        self.assertEqual(r.returncode, 1, r.stderr)
        for m in messages:
            self.assertIn(m, r.stderr)
        return r

    def test_a_tree_that_keeps_its_rules_passes(self):
        # Same folder, an allowed folder, a subfolder of an allowed one, a system header, a
        # generated header, and tests/ (anything, not even resolved) are all legal.
        r = self.run_checker()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")

    def test_an_upward_include_fails_naming_file_line_include_and_rule(self):
        self.write("base/bad.cpp", '#include "base.h"\n\n#include "mid/mid.h"\n')
        self.assert_fails_with(
            'base/bad.cpp:3: #include "mid/mid.h" reaches mid/ (mid/mid.h); base/ may include no other folder',
            "1 include(s) break the layer rules of docs/architecture.md")

    def test_a_skipped_layer_fails(self):
        # top may include mid (and mid/sub) but not base, although mid may.
        self.write("top/skip.h", '#pragma once\n#include "base/base.h"\n')
        self.assert_fails_with(
            'top/skip.h:2: #include "base/base.h" reaches base/ (base/base.h); top/ may include only mid/')

    def test_a_subfolder_with_its_own_row_is_its_own_folder(self):
        # mid/sub may include mid, but mid may not include mid/sub: it has its own row.
        self.write("mid/uses_sub.cpp", '#include "sub/sub.h"\n')
        self.assert_fails_with(
            'mid/uses_sub.cpp:1: #include "sub/sub.h" reaches mid/sub/ (mid/sub/sub.h); mid/ may include only base/')

    def test_an_angle_include_of_a_project_header_is_checked(self):
        self.write("include/top/api.h", "#pragma once\n")
        self.write("base/angle.cpp", "#include <top/api.h>\n")
        self.write("docs/architecture.md", RULES.replace("| `top` |", "| `include/top` | nothing | |\n| `top` |"))
        self.assert_fails_with("base/angle.cpp:1: #include <top/api.h> reaches include/top/ (include/top/api.h)")

    def test_an_include_found_nowhere_fails(self):
        self.write("mid/lost.cpp", '#include "missing.h"\n')
        self.assert_fails_with('mid/lost.cpp:1: #include "missing.h" is found under no include root')

    def test_a_header_in_no_folder_of_the_rules_fails(self):
        self.write("other/x.h", "#pragma once\n")
        self.write("mid/other.cpp", '#include "other/x.h"\n')
        self.assert_fails_with('mid/other.cpp:1: #include "other/x.h" reaches other/x.h, in no folder of the rules')

    def test_malformed_rules_exit_2(self):
        cases = {
            "no block": "# nothing here\n",
            "no roots": RULES.replace("Include roots", "Roots"),
            "unknown folder": RULES.replace("| `mid` | `base` |", "| `mid` | `basis` |"),
            "two rows": RULES.replace("| `tests` |", "| `mid` |"),
        }
        for what, text in cases.items():
            with self.subTest(what):
                self.write("docs/architecture.md", text)
                r = self.run_checker()
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertIn("check_layers: ", r.stderr)

    def test_the_repository_rules_catch_a_model_including_the_platform(self):
        # docs/architecture.md of the repository on a tree holding one DRAM model file that
        # includes the SoC assembly, and one legal include beside it.
        shutil.copy(os.path.join(SOURCE, "docs", "architecture.md"), os.path.join(self.root, "docs", "architecture.md"))
        self.write("platform/soc/soc.h", "#pragma once\n")
        self.write("util/units.h", "#pragma once\n")
        self.write("models/dram/dram_channel.cpp", '#include "util/units.h"\n#include "soc/soc.h"\n')
        r = self.assert_fails_with(
            'models/dram/dram_channel.cpp:2: #include "soc/soc.h" reaches platform/soc/ (platform/soc/soc.h); '
            "models/dram/ may include only io/, models/common/, util/")
        self.assertNotIn("dram_channel.cpp:1:", r.stderr)


class ReadmeLayout(unittest.TestCase):
    def test_the_layout_table_matches_the_tree(self):
        r = subprocess.run(["git", "-C", SOURCE, "ls-files"], capture_output=True, text=True)
        if r.returncode != 0:
            self.skipTest("not a git checkout: " + r.stderr.strip())
        dirs = {os.path.dirname(f) for f in r.stdout.splitlines()}
        dirs |= {d.rsplit("/", i)[0] for d in list(dirs) for i in range(1, d.count("/") + 1)}
        top = {d for d in dirs if d and "/" not in d and not d.startswith(".")}
        with open(os.path.join(SOURCE, "README.md")) as f:
            readme = f.read()
        table = readme[readme.index("## Layout"):readme.index("\n## ", readme.index("## Layout") + 1)]
        rows = {}
        for line in table.splitlines():
            cells = line.strip("|").split("|")
            if line.startswith("|") and len(cells) >= 2:
                for folder in re.findall(r"`([^`/]+)/`", cells[0]):
                    rows[folder] = cells[1]
        self.assertEqual(sorted(rows), sorted(top), "README.md's layout table and the top-level folders differ")
        for parent in ("models", "platform"):
            subs = sorted({d.split("/")[1] for d in dirs if d.startswith(parent + "/")})
            missing = [s for s in subs if f"`{s}/`" not in rows[parent]]
            self.assertEqual(missing, [], f"README.md's {parent}/ row does not name these folders")


if __name__ == "__main__":
    unittest.main()
