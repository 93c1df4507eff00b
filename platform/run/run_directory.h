// The run directory, replaced as a whole: a run writes every file into a temporary sibling
// directory (".NAME.tmp-PID" beside NAME) and, once all of them are written and checked,
// commit() swaps it into place with one atomic rename (renameat2 RENAME_EXCHANGE) and deletes the
// previous run's directory. A reader, a crash or a kill never sees old and new files mixed or
// a half-written directory: it sees the previous run's directory until the commit, then the new
// one. A run that fails before commit() leaves the previous directory untouched and removes its
// temporary one (a killed run's leftover is removed by the next run of the same directory: a live
// run holds a lock on its temporary directory, a dead one's lock is gone).
#pragma once

#include <filesystem>
#include <string>

namespace sushi {

class RunDirectory {
 public:
  // Checks `dir` (an existing non-directory is an InvalidOutDir: exit 2) and creates the
  // temporary sibling. Throws io::OutputError if that fails.
  explicit RunDirectory(std::filesystem::path dir);
  ~RunDirectory();  // removes the temporary directory unless committed
  RunDirectory(const RunDirectory&) = delete;
  RunDirectory& operator=(const RunDirectory&) = delete;

  // Where the run writes now (the temporary directory), and where its files end up.
  const std::filesystem::path& path() const { return tmp_; }
  const std::filesystem::path& final_path() const { return dir_; }
  // Writes `name` inside the directory, every write checked (io::OutputError on failure).
  void write(const std::string& name, const std::string& content) const;
  // Puts the directory in place of the previous one. Throws io::OutputError if that fails.
  void commit();

 private:
  std::filesystem::path dir_, tmp_;
  bool committed_ = false;
  int lock_fd_ = -1;  // flock on tmp_ while this run lives (stale siblings have none)
};

// `--out` names something that cannot be a run directory (a file): bad input, exit 2.
class InvalidOutDir : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace sushi
