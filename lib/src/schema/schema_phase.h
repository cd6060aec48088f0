#pragma once

#include "request/context.h"

namespace tairlint::detail {

// Validates every scope against the action's schema, reporting one error
// per value: the first keyword it breaks.
void SchemaPhase(Context& ctx);

}  // namespace tairlint::detail
