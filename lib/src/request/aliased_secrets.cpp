// Secrets that YAML aliases copy, and the values of secret parameters
// marked for the source lines of a report.
#include <algorithm>

#include "request/context.h"

namespace tairlint::detail {
namespace {

// Whether `key` names a secret parameter (x-secret) of either action, in
// any object and any case.
bool IsSecretKey(const Model& model, std::string_view key) {
  for (Action a : {Action::CreateInstances, Action::CreateTairKVCacheVNode}) {
    const ActionModel* am = model.For(a);
    if (am == nullptr) continue;
    for (const ObjectSpec* spec : {&am->request, &am->element, &am->tag}) {
      const PropSpec* p = spec->find_ignoring_case(key);
      if (p != nullptr && p->secret) return true;
    }
  }
  return false;
}

// A YAML alias writes an anchored node's text in another place, keeping the
// anchored node's position: a password anchored under Password and aliased
// as EngineVersion's value, or as a key, would be quoted there; a value
// anchored elsewhere and aliased under Password is the password. So every
// scalar and key whose text stands where a secret's value does (the same
// position) is marked secret (ShowValue shows "(secret)") or renamed
// "(secret)", before any rule reads the tree. Runs after MarkDuplicates, so
// that renamed keys are not taken for duplicates of each other.
}  // namespace

void HideAliasedSecrets(const Model& model, Node* root) {
  std::vector<uint32_t> at;  // positions of secrets' text
  std::vector<std::pair<Node*, bool>> stack{{root, false}};
  while (!stack.empty()) {
    auto [n, secret] = stack.back();
    stack.pop_back();
    if (n->is_scalar()) {
      if (secret && !n->is_null()) at.push_back(n->pos);
      continue;
    }
    for (Node& item : n->items) stack.emplace_back(&item, secret);
    for (Member& m : n->members) stack.emplace_back(&m.value, secret || IsSecretKey(model, m.key));
  }
  if (at.empty()) return;
  std::sort(at.begin(), at.end());
  auto is_secret = [&](uint32_t pos) { return std::binary_search(at.begin(), at.end(), pos); };
  std::vector<Node*> nodes{root};
  while (!nodes.empty()) {
    Node* n = nodes.back();
    nodes.pop_back();
    if (n->is_scalar() && !n->is_null() && is_secret(n->pos)) n->secret = true;
    for (Node& item : n->items) nodes.push_back(&item);
    for (Member& m : n->members) {
      if (is_secret(m.key_src)) {  // the key's text: its own, or an alias's anchor
        m.key.assign(kHiddenSecret);
        m.key_hash = 0;
      }
      nodes.push_back(&m.value);
    }
  }
}

void MarkSecretValues(const Model& model, Node* root) {
  std::vector<Node*> stack{root};
  while (!stack.empty()) {
    Node* n = stack.back();
    stack.pop_back();
    for (Node& item : n->items) stack.push_back(&item);
    for (Member& m : n->members) {
      if (IsSecretKey(model, m.key)) m.value.secret = true;  // and all below it (SpansOf)
      stack.push_back(&m.value);
    }
  }
}

}  // namespace tairlint::detail
