#include "cpu_placement.h"

#include "tricks.h"

#if defined(__linux__)
#include <pthread.h>
#endif

namespace tairlint::cli {

#if defined(__linux__)

AwayFromHere::AwayFromHere() {
  if (NoPlacement()) return;
  here_ = sched_getcpu();
  if (here_ < 0 || here_ >= CPU_SETSIZE || sched_getaffinity(0, sizeof all_, &all_) != 0) return;
  if (CPU_COUNT(&all_) < 2 || !CPU_ISSET(here_, &all_)) return;
  others_ = all_;
  CPU_CLR(here_, &others_);
  usable_ = true;
}

void AwayFromHere::Send(std::thread& thread) const {
  if (usable_) (void)pthread_setaffinity_np(thread.native_handle(), sizeof others_, &others_);
}

void AwayFromHere::Release() const {
  if (usable_) (void)sched_setaffinity(0, sizeof all_, &all_);
}

#else

AwayFromHere::AwayFromHere() = default;
void AwayFromHere::Send(std::thread&) const {}
void AwayFromHere::Release() const {}

#endif

}  // namespace tairlint::cli
