// The worker pool of `tairlint check`: files checked by several threads, the
// calling thread among them, and handed on in input order.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "tairlint/tairlint.h"

namespace tairlint::cli {

class WorkerPool {
 public:
  // File i's report (its path and result); called on any worker.
  using Check = std::function<FileReport(size_t i)>;
  // The report's text for one file, rendered by the worker that checked it
  // (nullopt when the format cannot render one entry alone).
  using Render = std::function<std::optional<std::string>(const FileReport&)>;
  // File i's report, in input order, one file at a time; `rendered` is the
  // worker's text, nullopt when there is none.
  using Emit = std::function<void(size_t i, FileReport& report, const std::optional<std::string>& rendered)>;

  // At most `max_jobs` workers. `warm_up` runs on each further worker
  // started by StartEarly, before it waits for Run (Checker::Prepare).
  WorkerPool(unsigned max_jobs, std::function<void()> warm_up);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Starts the further workers now, while the caller goes on listing files:
  // their preparation overlaps the listing. Nothing with one job, or twice.
  void StartEarly();
  // Checks files 0 to n - 1 with at most min(max_jobs, n) workers, and
  // emits each in order. Once only.
  void Run(size_t n, const Check& check, const Render& render, const Emit& emit);

 private:
  class Crew;
  unsigned max_jobs_;
  std::function<void()> warm_up_;
  std::unique_ptr<Crew> crew_;
};

}  // namespace tairlint::cli
