// Switches that turn off one of the CLI's machine-specific tricks, for
// measuring its gain only (docs/performance.md, "CLI tricks"): each is read
// once from the environment.
#pragma once

#include <cstdlib>

namespace tairlint::cli {

inline bool TrickOff(const char* variable) {
  const char* v = std::getenv(variable);
  return v != nullptr && v[0] == '1';
}

inline bool NoPlacement() { static const bool off = TrickOff("TAIRLINT_NO_PLACEMENT"); return off; }
inline bool NoUnshare() { static const bool off = TrickOff("TAIRLINT_NO_UNSHARE"); return off; }
inline bool NoPrefault() { static const bool off = TrickOff("TAIRLINT_NO_PREFAULT"); return off; }
inline bool NoSetvbuf() { static const bool off = TrickOff("TAIRLINT_NO_SETVBUF"); return off; }

}  // namespace tairlint::cli
