#include "core/embedded.h"

#include <nlohmann/json.hpp>

namespace tairlint::detail {

std::string_view EmbeddedText(std::string_view name) {
  for (const EmbeddedFile* f = kEmbeddedFiles; f->name != nullptr; ++f) {
    if (name == f->name) return std::string_view(f->data, f->size);
  }
  return {};
}

bool ParseEmbedded(std::string_view name, nlohmann::json* out, std::string* error) {
  std::string_view text = EmbeddedText(name);
  if (text.empty()) {
    *error = "schemas/" + std::string(name) + " is not embedded in the library";
    return false;
  }
  *out = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (out->is_discarded()) {
    *error = "schemas/" + std::string(name) + " is not valid JSON";
    return false;
  }
  return true;
}

}  // namespace tairlint::detail
