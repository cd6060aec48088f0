// Keeping a new thread off the CPU of the thread that started it.
//
// Linux starts a thread on the CPU of the thread that created it, and it
// stays there for a while even when another CPU is idle. On the 2-core
// benchmark machine, the worker that prepared (its heap, its copy of the
// schemas) while the main thread listed 10,000 files shared the main
// thread's CPU: the listing took 6.4 ms instead of 4.7, with the other CPU
// idle. A worker that holds an OffCpu while it prepares runs elsewhere, and
// keeps running there once it is given back every CPU it had.
#pragma once

#if defined(__linux__)
#include <sched.h>
#endif

namespace tairlint::cli {

// The CPU the calling thread runs on, or -1 where that cannot be told.
int CurrentCpu();

// While it lives, the calling thread may run on the CPUs it could run on
// before, except `cpu`; then it may run on all of them again. Nothing
// changes when `cpu` is -1 or not among them, when they are fewer than two,
// or where the system does not let a thread choose.
class OffCpu {
 public:
  explicit OffCpu(int cpu);
  ~OffCpu();
  OffCpu(const OffCpu&) = delete;
  OffCpu& operator=(const OffCpu&) = delete;

 private:
  bool moved_ = false;
#if defined(__linux__)
  cpu_set_t allowed_;
#endif
};

}  // namespace tairlint::cli
