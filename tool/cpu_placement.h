// Starting worker threads on other CPUs than the thread that starts them.
//
// Linux puts a new thread on the CPU of the thread that created it, and it
// can wait there for a while even when another CPU is idle. On the 2-core
// benchmark machine, the worker that prepared (its heap, its copy of the
// schemas) while the main thread listed 10,000 files always ran on the main
// thread's CPU: it started up to 3 ms late, and the listing took 6.0-6.6 ms
// instead of 4.6-4.9. Sent away from that CPU when it is created, and given
// every CPU back once it has prepared, it starts at once elsewhere and stays
// there.
#pragma once

#include <thread>

#if defined(__linux__)
#include <sched.h>
#endif

namespace tairlint::cli {

// Made on the thread that starts the others: it remembers that thread's CPU
// and the CPUs it may run on (which its new threads inherit).
class AwayFromHere {
 public:
  AwayFromHere();
  // Lets `thread`, just started, run on those CPUs except this one. Nothing
  // changes when they are fewer than two, or where the system does not let
  // a thread choose.
  void Send(std::thread& thread) const;
  // On a thread that was sent: lets it run on all of those CPUs again.
  void Release() const;
  // The CPU the threads are sent away from; -1 when they are not.
  int cpu() const { return usable_ ? here_ : -1; }

 private:
  bool usable_ = false;
  int here_ = -1;
#if defined(__linux__)
  cpu_set_t all_;
  cpu_set_t others_;
#endif
};

}  // namespace tairlint::cli
