// The three parsers: JSON, YAML and RPC query strings, each building the
// document tree (document/document.h) with a byte offset on every node.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "document/document.h"

namespace tairlint::detail {

// A parse failure: what is wrong and where (byte offset into the text).
struct ParseError {
  std::string message;
  uint32_t pos = 0;
};

// Resource limits applied while parsing. Exceeding one is a parse error with
// the position where the limit was crossed.
struct ParseLimits {
  uint32_t max_depth = 64;               // nesting of arrays/objects
  uint64_t max_string_bytes = 1u << 20;  // one string or scalar
  uint64_t max_nodes = 1u << 18;         // values in a document (YAML alias expansion included)
  uint32_t max_documents = 16;           // YAML documents in one file
  uint32_t max_query_params = 10000;     // parameters in one query string
};

// Parsers. Each returns true and fills `out` on success, or returns false and
// fills `err`. `text` must stay alive while the nodes are used (they copy
// what they need, but offsets refer to it). A UTF-8 byte-order mark at the
// start is skipped by the caller (offsets still count it).
// ParseJson also gives, when `line_starts` is not null and the parse
// succeeds, the offset of every line's start (LineIndex's, from 0): JSON has
// line breaks only in white space, which the parser passes anyway.
bool ParseJson(std::string_view text, uint32_t base, const ParseLimits& limits, Node* out,
               ParseError* err, TreeVector<uint32_t>* line_starts = nullptr);
// YAML: one Node per document of the stream.
bool ParseYaml(std::string_view text, uint32_t base, const ParseLimits& limits,
               std::vector<Node>* out, ParseError* err);
// RPC query string: an Object whose members are the decoded parameters, in
// order, every value a String with RawForm::Percent. A leading `?` or a URL
// up to and including `?` is skipped.
bool ParseQuery(std::string_view text, uint32_t base, const ParseLimits& limits, Node* out,
                ParseError* err);

// A document nlohmann::json parsed (Checker::CheckJson), without positions;
// false when it is nested more than 256 deep.
bool FromJson(const nlohmann::json& j, Node* out);

}  // namespace tairlint::detail
