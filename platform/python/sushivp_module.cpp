// The `sushivp` Python module (pybind11): run sushi-vp configs from Python and read the results,
// inspect SuperNets, SubNets and catalogs. docs/python.md.
//
// SystemC 2.3 elaborates once per process, so every simulation runs `sushi-vp run` in a child
// process (a notebook can call run() as often as it likes); the module reads the run directory
// the child wrote. The SuperNet library (supernet) has no SystemC and is called directly.
#include <pybind11/eval.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "supernet/catalog.h"
#include "supernet/report.h"
#include "supernet/subnet.h"
#include "util/child_process.h"

namespace py = pybind11;
namespace fs = std::filesystem;

namespace {

std::string g_executable = SUSHIVP_DEFAULT_EXE;

std::string executable() {
  if (const char* e = std::getenv("SUSHI_VP")) return e;
  return g_executable;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

py::object json_loads(const std::string& text) { return py::module_::import("json").attr("loads")(text); }

// --------------------------------------------------------------- CSV -> numpy columns

// numpy reads the file (RFC 4180 quoting through loadtxt's quotechar) and converts each column:
// int64 if every cell is an integer, float64 if every cell is a number (empty cells NaN), else
// str. Defined once, in Python, on first use.
py::dict read_csv_columns(const fs::path& path) {
  static py::object reader;
  if (!reader) {
    py::dict scope;
    py::exec(R"(
import numpy as np

def read_csv(path):
    rows = np.loadtxt(path, dtype=str, delimiter=",", quotechar='"', comments=None, ndmin=2, encoding="utf-8-sig")
    out = {}
    if rows.shape[0] == 0:
        return out
    for i, name in enumerate(rows[0]):
        col = rows[1:, i] if rows.shape[1] > i else np.array([], dtype=str)
        if col.size == 0:
            out[str(name)] = col
            continue
        try:
            out[str(name)] = col.astype(np.int64)
            continue
        except ValueError:
            pass
        try:
            out[str(name)] = np.where(col == "", "nan", col).astype(np.float64)
        except ValueError:
            out[str(name)] = col
    return out
)", scope);
    reader = scope["read_csv"];
  }
  return reader(path.string()).cast<py::dict>();
}

// --------------------------------------------------------------- run directories

py::dict load_run(const std::string& dir) {
  const fs::path d(dir);
  if (!fs::exists(d / "summary.json")) throw py::value_error(dir + ": no summary.json (not a run directory)");
  py::dict r;
  r["dir"] = fs::absolute(d).string();
  r["summary"] = json_loads(slurp(d / "summary.json"));
  r["queries"] = fs::exists(d / "queries.csv") ? py::object(read_csv_columns(d / "queries.csv")) : py::object(py::none());
  r["power"] = fs::exists(d / "power.csv") ? py::object(read_csv_columns(d / "power.csv")) : py::object(py::none());
  r["perf"] = fs::exists(d / "perf.json") ? json_loads(slurp(d / "perf.json")) : py::object(py::none());
  py::list files;
  for (const auto& e : fs::directory_iterator(d)) {
    if (e.is_regular_file() && e.path().filename().string()[0] != '.') files.append(e.path().filename().string());
  }
  files.attr("sort")();
  r["files"] = files;
  return r;
}

// --------------------------------------------------------------- dict config -> YAML

YAML::Node to_yaml(const py::handle& v) {
  if (v.is_none()) return YAML::Node();
  if (py::isinstance<py::bool_>(v)) return YAML::Node(v.cast<bool>());
  if (py::isinstance<py::int_>(v)) return YAML::Node(v.cast<long long>());
  if (py::isinstance<py::float_>(v)) return YAML::Node(v.cast<double>());
  if (py::isinstance<py::str>(v)) return YAML::Node(v.cast<std::string>());
  if (py::isinstance<py::dict>(v)) {
    YAML::Node n(YAML::NodeType::Map);
    for (auto kv : v.cast<py::dict>()) n[py::str(kv.first).cast<std::string>()] = to_yaml(kv.second);
    return n;
  }
  if (py::isinstance<py::list>(v) || py::isinstance<py::tuple>(v)) {
    YAML::Node n(YAML::NodeType::Sequence);
    for (auto x : v) n.push_back(to_yaml(x));
    return n;
  }
  if (py::hasattr(v, "__fspath__")) return YAML::Node(py::str(v).cast<std::string>());
  throw py::type_error("config values must be dict, list, str, int, float, bool or None");
}

std::string override_text(const py::handle& v) {
  if (py::isinstance<py::bool_>(v)) return v.cast<bool>() ? "true" : "false";
  if (py::isinstance<py::list>(v) || py::isinstance<py::tuple>(v)) {
    YAML::Emitter e;
    e << YAML::Flow << to_yaml(v);
    return e.c_str();
  }
  return py::str(v).cast<std::string>();
}

// Runs argv, returns (exit status, stdout + stderr). The child stays in our process group, so a
// Ctrl-C in the interpreter reaches it; the GIL is released while waiting.
std::pair<int, std::string> spawn(const std::vector<std::string>& args, const fs::path& log) {
  const pid_t pid = sushi::util::spawn_process(args, sushi::util::current_environment(), log,
                                               sushi::util::ProcessGroup::parent);
  sushi::util::ExitStatus status;
  {
    py::gil_scoped_release release;
    status = sushi::util::wait_for_exit(pid);
  }
  std::string out;
  try {
    out = slurp(log);
  } catch (...) {
  }
  return {status.shell_code(), out};
}

// A private temporary directory (mkdtemp), removed with everything in it when the call returns.
class ScratchDir {
 public:
  ScratchDir() {
    std::string t = (fs::temp_directory_path() / "sushivp-XXXXXX").string();
    if (::mkdtemp(t.data()) == nullptr) throw std::runtime_error("cannot create a temporary directory: " + std::string(std::strerror(errno)));
    path_ = t;
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

py::dict run(const py::object& config, const py::object& overrides, const py::object& out, bool check) {
  // The run replaces its directory as a whole, so the module's own files (the config written from
  // a dict, the child's log) live in a scratch directory until the run has ended.
  const ScratchDir scratch;
  const bool keep = !out.is_none();
  const fs::path out_dir = keep ? fs::absolute(py::str(out).cast<std::string>()) : scratch.path() / "run";
  std::string config_file;
  if (py::isinstance<py::dict>(config)) {
    // A dict is written as YAML; its include paths are made absolute (relative to the current
    // directory), since the file lives in the run directory.
    YAML::Node n = to_yaml(config);
    if (n["include"]) {
      YAML::Node inc = n["include"];
      auto absolute = [](const std::string& p) { return fs::absolute(p).lexically_normal().string(); };
      if (inc.IsScalar()) n["include"] = absolute(inc.as<std::string>());
      else
        for (std::size_t i = 0; i < inc.size(); ++i) inc[i] = absolute(inc[i].as<std::string>());
    }
    YAML::Emitter e;
    e << n;
    config_file = (scratch.path() / "config.input.yaml").string();
    std::ofstream(config_file) << e.c_str() << "\n";
  } else {
    config_file = fs::absolute(py::str(config).cast<std::string>()).string();
  }
  std::vector<std::string> args = {executable(), "run", config_file};
  if (!overrides.is_none()) {
    for (auto kv : overrides.cast<py::dict>()) {
      args.push_back("--set");
      args.push_back(py::str(kv.first).cast<std::string>() + "=" + override_text(kv.second));
    }
  }
  args.push_back("--out");
  args.push_back(out_dir.string());
  const auto [code, log] = spawn(args, scratch.path() / "sushivp.log");
  std::error_code ec;
  if (keep && fs::is_directory(out_dir) && py::isinstance<py::dict>(config)) {
    fs::copy_file(config_file, out_dir / "config.input.yaml", fs::copy_options::overwrite_existing, ec);
  }
  if (check && code != 0) {
    std::string msg = "sushi-vp run exited with status " + std::to_string(code) + ":\n" + log;
    if (code == 2) throw py::value_error(msg);  // bad input: the config error message
    throw std::runtime_error(msg);
  }
  py::dict r = fs::exists(out_dir / "summary.json") ? load_run(out_dir.string()) : py::dict();
  // Without `out`, the results are returned and the directory removed with the scratch one.
  if (keep) {
    r["dir"] = out_dir.string();
  } else {
    r["dir"] = py::none();
  }
  r["exit_code"] = code;
  r["log"] = log;
  return r;
}

// --------------------------------------------------------------- SuperNets

py::object subnet_report(const std::string& arch, const std::string& subnet) {
  namespace sn = sushi::supernet;
  std::ostringstream os;
  try {
    sn::print_subnet_report(os, sn::parse_subnet(sn::parse_arch(arch), subnet), true);
  } catch (const std::invalid_argument& e) {
    throw py::value_error(e.what());
  }
  return json_loads(os.str());
}

py::object catalog_report(const std::string& path) {
  namespace sn = sushi::supernet;
  std::ostringstream os;
  try {
    sn::print_catalog_report(os, sn::load_catalog(path), true);
  } catch (const std::invalid_argument& e) {
    throw py::value_error(e.what());
  } catch (const std::runtime_error& e) {
    throw py::value_error(e.what());
  }
  return json_loads(os.str());
}

}  // namespace

PYBIND11_MODULE(sushivp, m) {
  m.doc() = "sushi-vp from Python: run configs (each in its own process), load run directories, "
            "inspect SuperNets and SubNets (docs/python.md)";
  m.def("run", &run, py::arg("config"), py::arg("overrides") = py::none(), py::arg("out") = py::none(),
        py::arg("check") = true,
        "Runs `sushi-vp run` on a config (path, or dict written as YAML) with overrides {key: value} in a "
        "child process; returns load_run(out) plus exit_code and log. Raises ValueError on a config error "
        "(exit 2) and RuntimeError on another failure unless check=False. out defaults to a new temp dir.");
  m.def("load_run", &load_run, py::arg("dir"),
        "Reads a run directory: {'dir', 'summary' (dict), 'queries' (column -> numpy array, or None), "
        "'power' (power.csv columns, or None), 'perf', 'files'}");
  m.def("read_csv", [](const std::string& p) { return read_csv_columns(p); }, py::arg("path"),
        "A CSV file as column -> numpy array (int64, float64 or str)");
  m.def("subnet", &subnet_report, py::arg("arch"), py::arg("subnet") = "max",
        "A SubNet's layers and totals (as `sushi-vp supernet --arch A --subnet S --json`)");
  m.def("supernet", [](const std::string& arch) { return subnet_report(arch, "max"); }, py::arg("arch"),
        "The SuperNet itself: its largest SubNet's layers and totals");
  m.def("catalog", &catalog_report, py::arg("path"),
        "A SubNet catalog (.csv/.yaml) with sizes and overlap statistics (as `sushi-vp supernet --catalog F --json`)");
  m.def("set_executable", [](const std::string& p) { g_executable = p; }, py::arg("path"),
        "The sushi-vp executable run() starts (default: the one built with this module; env SUSHI_VP overrides)");
  m.def("executable", &executable, "The sushi-vp executable run() starts");
  py::list archs;  // the registered SuperNet families, in registry order
  for (sushi::supernet::Arch a : sushi::supernet::all_archs()) archs.append(std::string(sushi::supernet::arch_name(a)));
  m.attr("archs") = py::tuple(archs);
}
