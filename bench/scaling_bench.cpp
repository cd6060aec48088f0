// Work is linear in the size of the input (issue: hardening). Two families,
// each fitted by Google Benchmark to O(N):
//   BM_ScaleSingleLine/N: one line of N bytes (up to 10 MB): a CreateInstances
//     request whose inline Instances holds elements that each draw an error,
//     so that positions far along one line are computed for many findings;
//   BM_ScaleElements/N: a request of N Instances elements (up to 200,000).
// The limits are raised for these runs; by default such inputs stop at a
// limit, which is itself linear.
#include <benchmark/benchmark.h>

#include <string>

#include "tairlint/tairlint.h"

namespace {

const tairlint::Checker& TheChecker() {
  static const tairlint::Checker checker;
  return checker;
}

// `count` elements on one line; every fourth has quantity 0 (an error).
std::string Request(size_t count) {
  std::string out = R"({"Action":"CreateInstances","Token":"scale-1","Instances":[)";
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) out += ',';
    out += R"({"RegionId":"cn-hangzhou","izNo":"cn-hangzhou-h","instanceClass":"redis.master.small.default","quantity":)";
    out += i % 4 == 0 ? "0" : "1";
    out += '}';
  }
  out += "]}";
  return out;
}

constexpr size_t kElementBytes = 100;  // about, per element above

tairlint::CheckOptions Unlimited() {
  tairlint::CheckOptions o;
  o.limits.max_bytes = 64u << 20;
  o.limits.max_instances = 1u << 20;
  o.limits.max_nodes = 1u << 24;
  o.limits.max_findings = 1u << 20;  // every fourth element's error is listed, past the default 10,000
  return o;
}

void Run(benchmark::State& state, size_t elements) {
  std::string text = Request(elements);
  tairlint::CheckOptions options = Unlimited();
  tairlint::Result first = TheChecker().Check(text, options);
  if (first.errors() != (elements + 3) / 4) {
    state.SkipWithError("unexpected number of errors");
    return;
  }
  for (auto _ : state) {
    tairlint::Result r = TheChecker().Check(text, options);
    benchmark::DoNotOptimize(r.findings.data());
  }
  state.SetComplexityN(static_cast<int64_t>(text.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["bytes"] = static_cast<double>(text.size());
  state.counters["elements"] = static_cast<double>(elements);
}

void BM_ScaleSingleLine(benchmark::State& state) {
  Run(state, static_cast<size_t>(state.range(0)) / kElementBytes);
}

void BM_ScaleElements(benchmark::State& state) { Run(state, static_cast<size_t>(state.range(0))); }

}  // namespace

BENCHMARK(BM_ScaleSingleLine)
    ->Arg(1 << 20)->Arg(2 << 20)->Arg(5 << 20)->Arg(10 << 20)
    ->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(BM_ScaleElements)
    ->Arg(12500)->Arg(25000)->Arg(50000)->Arg(100000)->Arg(200000)
    ->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
