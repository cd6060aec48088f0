// AwayFromHere (tool/cpu_placement.h): a worker started while the main
// thread lists files runs on another CPU than the main thread's until it
// has prepared, then gets back every CPU it had.
#include <gtest/gtest.h>
#include <sched.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "../tool/cpu_placement.h"

namespace {

using tairlint::cli::AwayFromHere;

cpu_set_t Allowed() {
  cpu_set_t set;
  CPU_ZERO(&set);
  EXPECT_EQ(sched_getaffinity(0, sizeof set, &set), 0);
  return set;
}

// What a thread sent away saw: its CPUs and the one it ran on after it was
// sent, then its CPUs after Release.
struct Seen {
  cpu_set_t sent, released;
  int cpu_sent = -1;
};

// Starts a thread from the calling one, sends it away, and lets it look.
Seen SendAndLook(const AwayFromHere& away) {
  std::mutex mu;
  std::condition_variable cv;
  bool sent = false;
  Seen seen;
  std::thread t([&] {
    {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return sent; });
    }
    seen.sent = Allowed();
    seen.cpu_sent = sched_getcpu();
    away.Release();
    seen.released = Allowed();
  });
  away.Send(t);
  {
    std::lock_guard<std::mutex> lock(mu);
    sent = true;
  }
  cv.notify_all();
  t.join();
  return seen;
}

// Runs `body` on a thread of its own, so that the test's thread keeps its
// CPUs whatever happens.
template <typename Body>
void OnThread(Body body) {
  std::thread t(body);
  t.join();
}

TEST(AwayFromHere, ASentThreadRunsElsewhereThenGetsEveryCpuBack) {
  const cpu_set_t mine = Allowed();
  if (CPU_COUNT(&mine) < 2) GTEST_SKIP() << "needs two CPUs to run on";
  OnThread([] {
    const cpu_set_t all = Allowed();  // a new thread inherits these
    const AwayFromHere away;
    const int here = away.cpu();
    ASSERT_GE(here, 0);
    ASSERT_TRUE(CPU_ISSET(here, &all));
    const Seen seen = SendAndLook(away);
    EXPECT_FALSE(CPU_ISSET(here, &seen.sent));
    EXPECT_EQ(CPU_COUNT(&seen.sent), CPU_COUNT(&all) - 1);
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
      if (cpu != here && CPU_ISSET(cpu, &all)) EXPECT_TRUE(CPU_ISSET(cpu, &seen.sent)) << cpu;
    }
    EXPECT_NE(seen.cpu_sent, here);
    EXPECT_TRUE(CPU_EQUAL(&seen.released, &all));
  });
}

TEST(AwayFromHere, AThreadWithOneCpuStaysThere) {
  OnThread([] {
    const int here = sched_getcpu();
    ASSERT_GE(here, 0);
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(here, &one);
    ASSERT_EQ(sched_setaffinity(0, sizeof one, &one), 0);
    const AwayFromHere away;  // nowhere else to go
    EXPECT_EQ(away.cpu(), -1);
    const Seen seen = SendAndLook(away);
    EXPECT_TRUE(CPU_EQUAL(&seen.sent, &one));
    EXPECT_EQ(seen.cpu_sent, here);
    EXPECT_TRUE(CPU_EQUAL(&seen.released, &one));
  });
}

}  // namespace
