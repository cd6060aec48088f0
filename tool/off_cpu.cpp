#include "off_cpu.h"

namespace tairlint::cli {

#if defined(__linux__)

int CurrentCpu() { return sched_getcpu(); }

OffCpu::OffCpu(int cpu) {
  if (cpu < 0 || cpu >= CPU_SETSIZE || sched_getaffinity(0, sizeof allowed_, &allowed_) != 0) return;
  if (CPU_COUNT(&allowed_) < 2 || !CPU_ISSET(cpu, &allowed_)) return;
  cpu_set_t others = allowed_;
  CPU_CLR(cpu, &others);
  moved_ = sched_setaffinity(0, sizeof others, &others) == 0;
}

OffCpu::~OffCpu() {
  if (moved_) (void)sched_setaffinity(0, sizeof allowed_, &allowed_);
}

#else

int CurrentCpu() { return -1; }
OffCpu::OffCpu(int) {}
OffCpu::~OffCpu() = default;

#endif

}  // namespace tairlint::cli
