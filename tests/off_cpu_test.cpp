// OffCpu (tool/off_cpu.h): a worker that prepares while the main thread lists
// files runs on another CPU than the main thread's, then gets back every CPU
// it had.
#include <gtest/gtest.h>
#include <sched.h>

#include <thread>

#include "../tool/off_cpu.h"

namespace {

cpu_set_t Allowed() {
  cpu_set_t set;
  CPU_ZERO(&set);
  EXPECT_EQ(sched_getaffinity(0, sizeof set, &set), 0);
  return set;
}

// Runs `body` on a thread of its own, so that the test's thread keeps its CPUs
// whatever happens.
template <typename Body>
void OnThread(Body body) {
  std::thread t(body);
  t.join();
}

TEST(OffCpu, KeepsTheThreadOffTheCpuThenGivesBackEveryCpu) {
  const cpu_set_t mine = Allowed();
  if (CPU_COUNT(&mine) < 2) GTEST_SKIP() << "needs two CPUs to run on";
  OnThread([] {
    const cpu_set_t before = Allowed();
    const int here = tairlint::cli::CurrentCpu();
    ASSERT_GE(here, 0);
    ASSERT_TRUE(CPU_ISSET(here, &before));
    {
      const tairlint::cli::OffCpu away(here);
      const cpu_set_t during = Allowed();
      EXPECT_FALSE(CPU_ISSET(here, &during));
      EXPECT_EQ(CPU_COUNT(&during), CPU_COUNT(&before) - 1);
      for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
        if (cpu != here && CPU_ISSET(cpu, &before)) EXPECT_TRUE(CPU_ISSET(cpu, &during)) << cpu;
      }
      // The kernel moves a thread off a CPU it may no longer use before
      // sched_setaffinity returns.
      EXPECT_NE(tairlint::cli::CurrentCpu(), here);
    }
    const cpu_set_t after = Allowed();
    EXPECT_TRUE(CPU_EQUAL(&after, &before));
  });
}

TEST(OffCpu, ChangesNothingWhenThereIsNoCpuToLeave) {
  OnThread([] {
    const cpu_set_t before = Allowed();
    int outside = -1;  // a CPU the thread may not use, if there is one below CPU_SETSIZE
    for (int cpu = 0; cpu < CPU_SETSIZE && outside < 0; ++cpu) {
      if (!CPU_ISSET(cpu, &before)) outside = cpu;
    }
    for (int cpu : {-1, outside, CPU_SETSIZE, CPU_SETSIZE + 5}) {
      if (cpu == -1 && outside == -1) continue;
      const tairlint::cli::OffCpu nothing(cpu);
      const cpu_set_t during = Allowed();
      EXPECT_TRUE(CPU_EQUAL(&during, &before)) << cpu;
    }
  });
}

TEST(OffCpu, LeavesAThreadThatHasOneCpuWhereItIs) {
  OnThread([] {
    const int here = tairlint::cli::CurrentCpu();
    ASSERT_GE(here, 0);
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(here, &one);
    ASSERT_EQ(sched_setaffinity(0, sizeof one, &one), 0);
    {
      const tairlint::cli::OffCpu away(here);  // nowhere else to go
      const cpu_set_t during = Allowed();
      EXPECT_TRUE(CPU_EQUAL(&during, &one));
      EXPECT_EQ(tairlint::cli::CurrentCpu(), here);
    }
    const cpu_set_t after = Allowed();
    EXPECT_TRUE(CPU_EQUAL(&after, &one));
  });
}

}  // namespace
