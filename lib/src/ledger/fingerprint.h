// The idempotency fingerprint: a 64-bit hash of what a request asks for,
// compared only between the requests of one run (TokenLedger), never stored
// or shown.
#pragma once

#include <cstdint>

#include "request/context.h"

namespace tairlint::detail {

// The action and the wire value of every parameter except the common ones,
// in any order and form (after BuildScopes: the request's scope knows each
// member's spec).
uint64_t Fingerprint(const Context& ctx);

}  // namespace tairlint::detail
