// Deep nesting: Limits::max_depth is clamped to kMaxDepthLimit inside the
// library, every pass over a tree of that depth fits an ordinary thread's
// stack, and a document tree of any depth is destroyed without recursion.
#include <pthread.h>

#include <functional>
#include <string>

#include "document/document.h"
#include "test_util.h"
#include "document/tree_arena.h"

namespace tairlint::testing {
namespace {

using detail::Kind;
using detail::Member;
using detail::Node;

// Runs `fn` on a new thread with a stack of `bytes` (as the CLI's workers
// get: std::thread's default, 8 MB under the usual `ulimit -s`).
void OnThreadWithStack(size_t bytes, const std::function<void()>& fn) {
  pthread_attr_t attr;
  ASSERT_EQ(pthread_attr_init(&attr), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&attr, bytes), 0);
  pthread_t thread;
  auto body = [](void* arg) -> void* {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&thread, &attr, body, const_cast<std::function<void()>*>(&fn)), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

constexpr size_t kWorkerStack = size_t{8} << 20;

// A chain of `depth` nodes, each an array (or an object) holding the next.
Node Chain(size_t depth, bool objects) {
  Node root;
  Node* at = &root;
  for (size_t i = 0; i < depth; ++i) {
    if (objects) {
      at->kind = Kind::Object;
      at->members.emplace_back();
      at->members.back().key = "k";
      at = &at->members.back().value;
    } else {
      at->kind = Kind::Array;
      at->items.emplace_back();
      at = &at->items.back();
    }
  }
  at->kind = Kind::String;
  at->text = "a string long enough to be allocated";
  return root;
}

TEST(Depth, MillionDeepTreeIsDestroyedWithoutRecursion) {
  for (bool objects : {false, true}) {
    Node root = Chain(1000000, objects);
    root = Node();  // the old tree goes here, then with `root` at the end
  }
  // The same inside a check's scope, where the vectors live in the arena,
  // and on a worker's stack.
  OnThreadWithStack(kWorkerStack, [] {
    detail::TreeScope scope;
    Node root = Chain(1000000, false);
    // A wide level deep down: the work list holds many nodes at once.
    Node* at = &root;
    for (int i = 0; i < 100; ++i) at = &at->items.back();
    for (int i = 0; i < 1000; ++i) at->items.push_back(Chain(100, i % 2 == 0));
  });
}

TEST(Depth, MovedAndCopiedTreesKeepTheirChildren) {
  Node a = Chain(50, false);
  Node b = a;  // a copy
  Node c = std::move(a);
  size_t depth_b = 0, depth_c = 0;
  for (const Node* n = &b; !n->items.empty(); n = &n->items[0]) ++depth_b;
  for (const Node* n = &c; !n->items.empty(); n = &n->items[0]) ++depth_c;
  EXPECT_EQ(depth_b, 50u);
  EXPECT_EQ(depth_c, 50u);
  EXPECT_TRUE(a.items.empty());
}

CheckOptions Unlimited(InputFormat format) {
  CheckOptions o;
  o.format = format;
  o.limits.max_depth = 4294967295u;
  o.limits.max_bytes = 64u << 20;
  return o;
}

// The only finding of a check of `text`, which must be the depth limit's
// parse error.
Finding DepthError(const std::string& text, InputFormat format) {
  Result r = TheChecker().Check(text, Unlimited(format));
  EXPECT_EQ(r.findings.size(), 1u) << Describe(r);
  if (r.findings.empty()) return {};
  EXPECT_EQ(r.findings[0].rule, "parse-error");
  EXPECT_NE(r.findings[0].detail.find("deeper than 1000 levels"), std::string::npos) << r.findings[0].detail;
  return r.findings[0];
}

TEST(Depth, MaxDepthIsClampedForAMillionDeepJsonArray) {
  const size_t n = 1000000;
  const Finding f = DepthError(std::string(n, '[') + std::string(n, ']'), InputFormat::Json);
  EXPECT_EQ(f.line, 1);
  EXPECT_EQ(f.column, 1001);  // the 1001st bracket
  const Finding g = DepthError("{\"Action\": \"CreateInstances\",\n \"Instances\": " + std::string(n, '[') +
                                   std::string(n, ']') + "}",
                               InputFormat::Json);
  EXPECT_EQ(g.line, 2);
  EXPECT_EQ(g.column, 14 + 1000);
}

TEST(Depth, MaxDepthIsClampedForAMillionDeepYamlNesting) {
  const size_t n = 1000000;
  const Finding flow = DepthError(std::string(n, '[') + std::string(n, ']') + "\n", InputFormat::Yaml);
  EXPECT_EQ(flow.line, 1);
  EXPECT_EQ(flow.column, 1001);
  std::string block;
  for (size_t i = 0; i < n; ++i) block += "- ";
  block += "x\n";
  const Finding seq = DepthError(block, InputFormat::Yaml);
  EXPECT_EQ(seq.line, 1);
  EXPECT_EQ(seq.column, 2001);  // the 1001st "- "
}

// Requests nested exactly kMaxDepthLimit deep, in every place a pass over
// the tree may walk: an unknown parameter, a known one, an Instances
// element, Instances itself, a string-encoded Instances, a tag; JSON, YAML
// flow and block.
std::vector<std::pair<std::string, InputFormat>> DeepRequests() {
  const size_t d = kMaxDepthLimit;
  auto nest = [](size_t levels, const std::string& inner) {
    return std::string(levels, '[') + inner + std::string(levels, ']');
  };
  auto objects = [](size_t levels) {
    std::string s;
    for (size_t i = 0; i < levels; ++i) s += "{\"k\": ";
    s += "1";
    s += std::string(levels, '}');
    return s;
  };
  std::vector<std::pair<std::string, InputFormat>> out;
  // With a token: the idempotency fingerprint walks the whole request.
  const std::string base = R"("Action": "CreateInstances", "RegionId": "cn-hangzhou", "Token": "deep-1", )";
  out.push_back({"{" + base + "\"Extra\": " + nest(d - 1, "1") + "}", InputFormat::Json});
  out.push_back({"{" + base + "\"Extra\": " + objects(d - 1) + "}", InputFormat::Json});
  out.push_back({"{" + base + "\"Password\": " + nest(d - 1, "\"Ab1!Ab1!\"") + "}", InputFormat::Json});
  out.push_back({"{" + base + "\"Instances\": " + nest(d - 2, "{}") + "}", InputFormat::Json});
  out.push_back({"{" + base + "\"Instances\": [{\"Capacity\": " + nest(d - 3, "1") + ", \"Tag\": [{\"Key\": " +
                     nest(d - 5, "\"k\"") + "}], \"Extra\": " + objects(d - 3) + "}]}",
                 InputFormat::Json});
  // The same inside a string (escaped by hand: nlohmann's dump recurses).
  out.push_back({"{" + base + "\"Instances\": \"[{\\\"Capacity\\\": " + nest(d - 4, "1") + "}]\"}", InputFormat::Json});
  out.push_back({R"({"Action": "CreateTairKVCacheVNode", "ClientToken": "deep-2", "Tag": [{"Key": )" + nest(d - 3, "\"k\"") +
                     R"(, "Value": )" + objects(d - 3) + "}]}",
                 InputFormat::Json});
  out.push_back({"Action: CreateInstances\nToken: deep-3\nExtra: " + nest(d - 1, "1") + "\n", InputFormat::Yaml});
  {
    std::string block = "Action: CreateInstances\nToken: deep-4\nInstances:\n";
    for (size_t i = 0; i < d - 1; ++i) block += "- ";
    block += "1\n";
    out.push_back({block, InputFormat::Yaml});
  }
  return out;
}

void CheckDeepRequests() {
  for (const auto& [text, format] : DeepRequests()) {
    Result r = TheChecker().Check(text, Unlimited(format));
    EXPECT_EQ(FindingFor(r, "parse-error"), nullptr) << text.substr(0, 120) << "\n" << Describe(r);
    EXPECT_EQ(FindingFor(r, "checker-error"), nullptr) << text.substr(0, 120) << "\n" << Describe(r);
    EXPECT_NE(r.fingerprint, 0u) << text.substr(0, 120);  // every one has a token
    // As deep as allowed: one level more is a parse error.
    if (format == InputFormat::Json && text.find("\\\"") == std::string::npos) {
      Result deeper = TheChecker().Check("[" + text + "]", Unlimited(format));
      EXPECT_NE(FindingFor(deeper, "parse-error"), nullptr) << text.substr(0, 120);
    }
  }
  // A parsed document as deep, given to CheckJson (its conversion recurses).
  nlohmann::json deep = 1;
  for (uint32_t i = 0; i < kMaxDepthLimit; ++i) deep = nlohmann::json::array({std::move(deep)});
  nlohmann::json request = {{"Action", "CreateInstances"}};
  request["Extra"] = std::move(deep);  // not copied: a copy recurses
  Result r = TheChecker().CheckJson(request, Unlimited(InputFormat::Json));
  EXPECT_EQ(FindingFor(r, "checker-error"), nullptr) << Describe(r);
}

TEST(Depth, EveryPassSurvivesTheDeepestTreeOnTheMainThread) { CheckDeepRequests(); }

TEST(Depth, EveryPassSurvivesTheDeepestTreeOnAWorkersStack) { OnThreadWithStack(kWorkerStack, CheckDeepRequests); }

}  // namespace
}  // namespace tairlint::testing
