// The model's loading: each action once per thread slot (model.h).

#include "model/model.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

namespace tairlint::detail {
namespace {

void Load(Model* m) {
  std::string error;
  ASSERT_TRUE(LoadModel(m, &error)) << error;
}

// kSlots threads started one after another take kSlots different slots, so
// each reads a model of its own: nothing the checks read is shared between
// them. One more thread shares a slot, and so a model, with an earlier one.
TEST(Model, ThreadsInDifferentSlotsReadDifferentModels) {
  Model m;
  Load(&m);
  const ActionModel* mine = m.For(Action::CreateInstances);
  ASSERT_NE(mine, nullptr);
  EXPECT_EQ(m.For(Action::CreateInstances), mine);  // a thread keeps its slot

  std::vector<const ActionModel*> seen;
  for (size_t i = 0; i < Model::kSlots + 1; ++i) {
    std::thread([&] { seen.push_back(m.For(Action::CreateInstances)); }).join();
  }
  std::set<const ActionModel*> first(seen.begin(), seen.begin() + Model::kSlots);
  EXPECT_EQ(first.size(), Model::kSlots);
  EXPECT_EQ(first.count(seen.back()), 1u);
  for (const ActionModel* a : seen) {
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->action, Action::CreateInstances);
    EXPECT_EQ(a->request.props.size(), mine->request.props.size());
    EXPECT_EQ(a->bundled, mine->bundled);
  }
}

TEST(Model, UnknownActionHasNoModelOnAnyThread) {
  Model m;
  Load(&m);
  EXPECT_EQ(m.For(Action::Unknown), nullptr);
  EXPECT_EQ(m.LoadError(Action::Unknown), "no model for an unknown action");
  std::thread([&] { EXPECT_EQ(m.For(Action::Unknown), nullptr); }).join();
}

// Prepare loads what it is asked for, for the calling thread's slot only,
// and what For would have loaded: the same model.
TEST(Model, PrepareLoadsTheActionsForTheCallingThread) {
  Model m;
  Load(&m);
  std::thread([&] {
    EXPECT_FALSE(m.Loaded(Action::CreateInstances));
    EXPECT_FALSE(m.Loaded(Action::CreateTairKVCacheVNode));
    m.Prepare(Action::CreateTairKVCacheVNode);
    EXPECT_FALSE(m.Loaded(Action::CreateInstances));
    EXPECT_TRUE(m.Loaded(Action::CreateTairKVCacheVNode));
    m.Prepare(Action::Unknown);  // every action
    EXPECT_TRUE(m.Loaded(Action::CreateInstances));
    const ActionModel* prepared = m.For(Action::CreateInstances);
    ASSERT_NE(prepared, nullptr);
    EXPECT_EQ(prepared->action, Action::CreateInstances);
    EXPECT_FALSE(m.Loaded(Action::Unknown));
  }).join();
  // the next thread takes the next slot, which nothing loaded
  std::thread([&] { EXPECT_FALSE(m.Loaded(Action::CreateInstances)); }).join();
}

}  // namespace
}  // namespace tairlint::detail
