#include "worker_pool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "io.h"

namespace tairlint::cli {

// `workers` workers, the calling thread among them: the others are threads
// that may start before their work is known. Each first runs `prepare` (if
// any), then waits for Run, which runs work(0) on the calling thread and
// hands work(1) ... work(active - 1) to the first threads, and returns when
// all are done; threads beyond `active`, and all of them if Run is never
// called, end without work.
class WorkerPool::Crew {
 public:
  Crew(unsigned workers, std::function<void()> prepare) : prepare_(std::move(prepare)) {
    // A thread that cannot be made (too many for the system's limits or
    // its memory) is not an error: the work goes to those there are.
    for (unsigned t = 1; t < workers; ++t) {
      try {
        threads_.emplace_back([this, t] { Main(t); });
      } catch (const std::system_error& e) {
        Diagnose("could start " + std::to_string(t) + " of " + std::to_string(workers) + " jobs (" + e.what() +
                 "); going on with " + std::to_string(t));
        break;
      }
    }
  }
  ~Crew() { Run(nullptr, 0); }
  Crew(const Crew&) = delete;
  Crew& operator=(const Crew&) = delete;
  void Run(std::function<void(unsigned)> work, unsigned active) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (released_) return;
      work_ = std::move(work);
      active_ = active;
      released_ = true;
    }
    go_.notify_all();
    if (active > 0 && work_) work_(0);
    for (std::thread& t : threads_) t.join();
  }

 private:
  void Main(unsigned me) {
    if (prepare_) prepare_();
    std::unique_lock<std::mutex> lock(mu_);
    go_.wait(lock, [this] { return released_; });
    lock.unlock();
    if (me < active_ && work_) work_(me);
  }
  std::function<void()> prepare_;
  std::mutex mu_;
  std::vector<std::thread> threads_;
  std::condition_variable go_;
  bool released_ = false;
  std::function<void(unsigned)> work_;
  unsigned active_ = 0;
};

namespace {

// One run over n files with `jobs` workers: each takes chunks of files in
// turn, at most `window` files ahead of the next one to emit, and whoever
// finishes a chunk emits every file that is ready, in order, under the lock.
// No worker waits on another except when the window is full.
class OrderedRun {
 public:
  OrderedRun(size_t n, unsigned jobs, const WorkerPool::Check& check, const WorkerPool::Render& render,
             const WorkerPool::Emit& emit)
      : n_(n),
        chunk_(std::max<size_t>(1, std::min<size_t>(16, n / (8 * jobs)))),
        window_(64 * chunk_ * static_cast<size_t>(jobs)),
        check_(check),
        render_(render),
        emit_(emit),
        chunks_(window_ / chunk_),
        spent_(jobs) {}

  void Work(unsigned me) {
    std::vector<std::vector<Checked>> spent;
    for (size_t begin; (begin = next_.fetch_add(chunk_)) < n_;) {
      const size_t end = std::min(n_, begin + chunk_);
      {
        std::unique_lock<std::mutex> lock(mu_);
        space_.wait(lock, [&] { return end <= emitted_ + window_; });
        spent.swap(spent_[me]);
      }
      spent.clear();  // this worker's own chunks, freed outside the lock and into its own heap
      std::vector<Checked> done;
      done.reserve(end - begin);
      for (size_t i = begin; i < end; ++i) {
        Checked& c = done.emplace_back();
        c.report = check_(i);
        c.rendered = render_(c.report);
      }
      HandOver(me, begin, std::move(done));
    }
  }

 private:
  struct Checked {
    FileReport report;
    std::optional<std::string> rendered;
  };
  // The window's chunks, by chunk number: a finished chunk is handed over whole.
  struct Chunk {
    bool ready = false;
    unsigned worker = 0;  // who checked it
    std::vector<Checked> files;
  };

  void HandOver(unsigned me, size_t begin, std::vector<Checked> done) {
    std::lock_guard<std::mutex> lock(mu_);
    chunks_[begin / chunk_ % chunks_.size()] = {true, me, std::move(done)};
    const size_t first = emitted_;
    while (emitted_ < n_) {
      Chunk& c = chunks_[emitted_ / chunk_ % chunks_.size()];
      if (!c.ready) break;
      for (Checked& f : c.files) emit_(emitted_++, f.report, f.rendered);
      spent_[c.worker].push_back(std::move(c.files));
      c = Chunk();
    }
    if (emitted_ != first) space_.notify_all();
  }

  const size_t n_, chunk_, window_;
  const WorkerPool::Check& check_;
  const WorkerPool::Render& render_;
  const WorkerPool::Emit& emit_;
  std::vector<Chunk> chunks_;
  std::vector<std::vector<std::vector<Checked>>> spent_;  // chunks emitted, by the worker that checked them
  std::mutex mu_;
  std::condition_variable space_;
  size_t emitted_ = 0;
  std::atomic<size_t> next_{0};
};

}  // namespace

WorkerPool::WorkerPool(unsigned max_jobs, std::function<void()> warm_up)
    : max_jobs_(max_jobs), warm_up_(std::move(warm_up)) {}

WorkerPool::~WorkerPool() = default;

void WorkerPool::StartEarly() {
  if (max_jobs_ > 1 && !crew_) {
    crew_ = std::make_unique<Crew>(max_jobs_, warm_up_);
  }
}

void WorkerPool::Run(size_t n, const Check& check, const Render& render, const Emit& emit) {
  const unsigned jobs = static_cast<unsigned>(std::min<size_t>(max_jobs_, n));
  if (jobs <= 1) {
    for (size_t i = 0; i < n; ++i) {
      FileReport report = check(i);
      emit(i, report, std::nullopt);
    }
    return;
  }
  OrderedRun run(n, jobs, check, render, emit);
  if (!crew_) crew_ = std::make_unique<Crew>(jobs, nullptr);
  crew_->Run([&run](unsigned me) { run.Work(me); }, jobs);
}

}  // namespace tairlint::cli
