// A valijson adapter over tairlint's own document model (document.h), so
// that valijson validates the parsed request in place: no copy of the
// document into another JSON library first.
//
// What valijson sees is what a wire request holds:
//   - an object's members are its last occurrence of each key (a shadowed
//     duplicate is invisible) and a member whose value is null is absent;
//   - a string that is not valid UTF-8 (possible only in query strings)
//     reads with each bad byte replaced by U+FFFD (its own error is reported
//     elsewhere; valijson's length counting needs valid UTF-8);
//   - Kind::Number reads as a double, Kind::Integer as an integer.
//
// Included by schema_validator.cpp only (valijson's headers are slow to
// compile).
#pragma once

#include <cstdlib>
#include <string>
#include <utility>

#include <valijson/exceptions.hpp>
#include <valijson/internal/adapter.hpp>
#include <valijson/internal/basic_adapter.hpp>
#include <valijson/internal/frozen_value.hpp>

#include "document/document.h"

namespace tairlint::detail {

class NodeAdapter;
class NodeArrayIterator;
class NodeMemberIterator;

using NodeMember = std::pair<std::string, NodeAdapter>;

// Whether valijson sees this member of an object.
inline bool Visible(const Member& m) { return !m.value.shadowed && !m.value.is_null(); }

inline const Node& EmptyObjectNode() {
  static const Node node = [] {
    Node n;
    n.kind = Kind::Object;
    n.written = Kind::Object;
    return n;
  }();
  return node;
}

class NodeArray {
 public:
  using const_iterator = NodeArrayIterator;
  using iterator = NodeArrayIterator;
  NodeArray() : node_(&EmptyObjectNode()) {}
  explicit NodeArray(const Node& n) : node_(&n) {
    if (!n.is_array()) valijson::throwRuntimeError("Value is not an array.");
  }
  NodeArrayIterator begin() const;
  NodeArrayIterator end() const;
  size_t size() const { return node_->items.size(); }

 private:
  const Node* node_;
};

class NodeObject {
 public:
  using const_iterator = NodeMemberIterator;
  using iterator = NodeMemberIterator;
  NodeObject() : node_(&EmptyObjectNode()) {}
  explicit NodeObject(const Node& n) : node_(&n) {
    if (!n.is_object()) valijson::throwRuntimeError("Value is not an object.");
  }
  NodeMemberIterator begin() const;
  NodeMemberIterator end() const;
  NodeMemberIterator find(const std::string& name) const;
  size_t size() const {
    size_t n = 0;
    for (const Member& m : node_->members) n += Visible(m) ? 1 : 0;
    return n;
  }

 private:
  const Node* node_;
};

class NodeValue;

// An enum or const value, frozen by valijson when it parses a schema. The
// schemas are parsed through the nlohmann adapter, so this is used only if
// someone freezes a document value (valijson's uniqueItems does).
class NodeFrozenValue : public valijson::adapters::FrozenValue {
 public:
  explicit NodeFrozenValue(const Node& n) : node_(n) {}
  FrozenValue* clone() const override { return new NodeFrozenValue(node_); }
  bool equalTo(const valijson::adapters::Adapter& other, bool strict) const override;

 private:
  Node node_;
};

class NodeValue {
 public:
  NodeValue() : node_(&EmptyObjectNode()) {}
  explicit NodeValue(const Node& n) : node_(&n) {}

  valijson::adapters::FrozenValue* freeze() const { return new NodeFrozenValue(*node_); }

  ::opt::optional<NodeArray> getArrayOptional() const {
    if (node_->is_array()) return ::opt::make_optional(NodeArray(*node_));
    return {};
  }
  bool getArraySize(size_t& result) const {
    if (!node_->is_array()) return false;
    result = node_->items.size();
    return true;
  }
  bool getBool(bool& result) const {
    if (node_->kind != Kind::Bool) return false;
    result = node_->boolean;
    return true;
  }
  bool getDouble(double& result) const {
    if (node_->kind != Kind::Number) return false;
    result = std::strtod(node_->text.c_str(), nullptr);
    return true;
  }
  bool getInteger(int64_t& result) const {
    if (node_->kind != Kind::Integer) return false;
    result = node_->integer;
    return true;
  }
  ::opt::optional<NodeObject> getObjectOptional() const {
    if (node_->is_object()) return ::opt::make_optional(NodeObject(*node_));
    return {};
  }
  bool getObjectSize(size_t& result) const {
    if (!node_->is_object()) return false;
    result = NodeObject(*node_).size();
    return true;
  }
  bool getString(std::string& result) const {
    if (node_->kind != Kind::String) return false;
    result = node_->bad_utf8 ? ReadableUtf8(node_->text) : std::string(node_->text);
    return true;
  }
  static bool hasStrictTypes() { return true; }
  bool isArray() const { return node_->is_array(); }
  bool isBool() const { return node_->kind == Kind::Bool; }
  bool isDouble() const { return node_->kind == Kind::Number; }
  bool isInteger() const { return node_->kind == Kind::Integer; }
  bool isNull() const { return node_->is_null(); }
  bool isNumber() const { return node_->kind == Kind::Number || node_->kind == Kind::Integer; }
  bool isObject() const { return node_->is_object(); }
  bool isString() const { return node_->kind == Kind::String; }

 private:
  const Node* node_;
};

class NodeAdapter
    : public valijson::adapters::BasicAdapter<NodeAdapter, NodeArray, NodeMember, NodeObject, NodeValue> {
 public:
  NodeAdapter() : BasicAdapter(), node_(&EmptyObjectNode()) {}
  explicit NodeAdapter(const Node& n) : BasicAdapter(NodeValue(n)), node_(&n) {}
  // The node under the adapter (for the RE2 constraint, which reads the
  // text without a copy).
  const Node& node() const { return *node_; }

 private:
  const Node* node_;
};

class NodeArrayIterator {
 public:
  using iterator_category = std::bidirectional_iterator_tag;
  using value_type = NodeAdapter;
  using difference_type = NodeAdapter;
  using pointer = NodeAdapter*;
  using reference = NodeAdapter&;

  explicit NodeArrayIterator(const Node* p) : p_(p) {}
  NodeAdapter operator*() const { return NodeAdapter(*p_); }
  valijson::adapters::DerefProxy<NodeAdapter> operator->() const {
    return valijson::adapters::DerefProxy<NodeAdapter>(**this);
  }
  bool operator==(const NodeArrayIterator& o) const { return p_ == o.p_; }
  bool operator!=(const NodeArrayIterator& o) const { return p_ != o.p_; }
  const NodeArrayIterator& operator++() {
    ++p_;
    return *this;
  }
  NodeArrayIterator operator++(int) {
    NodeArrayIterator pre(p_);
    ++p_;
    return pre;
  }
  const NodeArrayIterator& operator--() {
    --p_;
    return *this;
  }
  void advance(std::ptrdiff_t n) { p_ += n; }

 private:
  const Node* p_;
};

// Walks the visible members of an object (see Visible).
class NodeMemberIterator {
 public:
  using iterator_category = std::bidirectional_iterator_tag;
  using value_type = NodeMember;
  using difference_type = NodeMember;
  using pointer = NodeMember*;
  using reference = NodeMember&;

  NodeMemberIterator(const Member* p, const Member* begin, const Member* end) : p_(p), begin_(begin), end_(end) {
    Skip();
  }
  NodeMember operator*() const { return NodeMember(p_->key, NodeAdapter(p_->value)); }
  valijson::adapters::DerefProxy<NodeMember> operator->() const {
    return valijson::adapters::DerefProxy<NodeMember>(**this);
  }
  bool operator==(const NodeMemberIterator& o) const { return p_ == o.p_; }
  bool operator!=(const NodeMemberIterator& o) const { return p_ != o.p_; }
  const NodeMemberIterator& operator++() {
    ++p_;
    Skip();
    return *this;
  }
  NodeMemberIterator operator++(int) {
    NodeMemberIterator pre = *this;
    ++*this;
    return pre;
  }
  const NodeMemberIterator& operator--() {
    do {
      --p_;
    } while (p_ != begin_ && !Visible(*p_));
    return *this;
  }

 private:
  void Skip() {
    while (p_ != end_ && !Visible(*p_)) ++p_;
  }
  const Member* p_;
  const Member* begin_;
  const Member* end_;
};

inline NodeArrayIterator NodeArray::begin() const { return NodeArrayIterator(node_->items.data()); }
inline NodeArrayIterator NodeArray::end() const {
  return NodeArrayIterator(node_->items.data() + node_->items.size());
}

inline NodeMemberIterator NodeObject::begin() const {
  const Member* b = node_->members.data();
  return NodeMemberIterator(b, b, b + node_->members.size());
}
inline NodeMemberIterator NodeObject::end() const {
  const Member* b = node_->members.data();
  const Member* e = b + node_->members.size();
  return NodeMemberIterator(e, b, e);
}
inline NodeMemberIterator NodeObject::find(const std::string& name) const {
  const Member* b = node_->members.data();
  const Member* e = b + node_->members.size();
  for (const Member* p = b; p != e; ++p) {
    if (Visible(*p) && SameText(p->key, name)) return NodeMemberIterator(p, b, e);
  }
  return end();
}

inline bool NodeFrozenValue::equalTo(const valijson::adapters::Adapter& other, bool strict) const {
  return NodeAdapter(node_).equalTo(other, strict);
}

}  // namespace tairlint::detail

namespace valijson::adapters {
template <>
struct AdapterTraits<tairlint::detail::NodeAdapter> {
  using DocumentType = tairlint::detail::Node;
  static std::string adapterName() { return "NodeAdapter"; }
};
}  // namespace valijson::adapters
