// The schema phase: one error per value, coded by the schema's
// x-error-code annotations.
#include "schema/schema_phase.h"

#include <re2/re2.h>

#include <algorithm>

#include "model/schema_validator.h"

namespace tairlint::detail {
namespace {

std::string PatternDetailOf(const ValueSpec& spec, const Node& v) {
  for (const PatternDetail& d : spec.pattern_details) {
    if (!RE2::PartialMatch(std::string_view(v.text), *d.pattern)) return d.detail;
  }
  return spec.pattern_detail;
}

std::string SchemaDetail(Keyword k, const std::string& name, const ValueSpec& spec, const Node& v) {
  std::string got = spec.secret ? "" : "; got " + ShowValue(v);
  switch (k) {
    case Keyword::Type: {
      std::string what = !v.is_scalar()  ? (v.kind == Kind::Object ? "an object" : "an array")
                         : spec.secret    ? std::string("a ") + KindName(v.kind)
                                          : ShowValue(v);
      return name + " must be " + DescribeType(spec.type) + "; got " + what;
    }
    case Keyword::MinLength:
    case Keyword::MaxLength:
      return name + " must be " + spec.length_text + " characters long; got " + std::to_string(CountCodePoints(v.text));
    case Keyword::Pattern:
      return name + " " + PatternDetailOf(spec, v);
    case Keyword::Enum:
    case Keyword::Const:
      return name + " must be one of " + spec.enum_text + got;
    case Keyword::Minimum:
    case Keyword::Maximum:
      return name + " must be " + spec.range_text + got;
    case Keyword::MinItems:
      return name + " must hold at least " + std::to_string(spec.min_items) + " element(s)";
    default:
      return name + " is not valid";
  }
}

// The scope a failure's node is or lies in (the request, an element, a tag
// pair), and the wire name of the parameter it is or lies in: from its
// compiled spec and the index of its item, without the tree.
struct Owner {
  const Scope* scope = nullptr;
  std::string parameter;
};

Owner OwnerOf(const Context& ctx, const SchemaFailure& f) {
  const ValueSpec& s = *f.spec;
  Owner o{&ctx.scopes[0], s.top.empty() ? "" : ctx.Parameter(ctx.scopes[0], s.top)};
  const Scope::Where where = s.in_item ? Context::ItemsWhere(s.top) : Scope::Where::Request;
  if (where == Scope::Where::Request) return o;
  if (const Scope* item = ctx.ScopeAt(where, f.item)) o.scope = item;
  o.parameter = s.member.empty() ? ctx.ItemParameter(where, f.item) : ctx.Parameter(where, f.item, s.member);
  return o;
}

// Reports one failure.
void ReportFailure(Context& ctx, const SchemaFailure& f) {
  const ValueSpec& s = *f.spec;
  const Owner owner = OwnerOf(ctx, f);
  if (f.keyword == Keyword::Required) {
    const bool top = owner.scope->where == Scope::Where::Request;
    ctx.Emit("required-parameter", "MissingParameter",
             Place{PointerAppend(f.pointer, f.property), ctx.Parameter(*owner.scope, f.property), f.node->pos, EndOf(*f.node)},
             f.property + (top ? " is required by " + std::string(ActionName(ctx.action))
                               : " is required in every element of Instances"),
             f.property);
    return;
  }
  // Type errors, and values of parameters without a documented code, get
  // the generic code of their place (contract section 2).
  const bool documented = f.keyword != Keyword::Type && !s.error_code.empty();
  const bool in_element = owner.scope->where == Scope::Where::Element && f.node != owner.scope->node;
  std::string detail = SchemaDetail(f.keyword, in_element ? s.name : owner.parameter, s, *f.node);
  ctx.Emit(!s.rule.empty() ? s.rule : "string-value", documented ? s.error_code : GenericCode(f.pointer),
           Place{f.pointer, owner.parameter, f.node->pos, EndOf(*f.node), f.node}, std::move(detail));
}

}  // namespace

void SchemaPhase(Context& ctx) {
  std::vector<SchemaFailure> failures;
  ctx.am.validator->Validate(ctx.root, &failures);
  // The first rule a value breaks wins: sort by keyword order.
  std::stable_sort(failures.begin(), failures.end(),
                   [](const SchemaFailure& a, const SchemaFailure& b) { return a.keyword < b.keyword; });
  for (const SchemaFailure& f : failures) ReportFailure(ctx, f);
}

}  // namespace tairlint::detail
