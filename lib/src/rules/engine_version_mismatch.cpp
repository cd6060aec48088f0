// engine-version-mismatch: a request-level parameter given again in an
// element with another value (x-sameAsIn), e.g. EngineVersion 4.0 at the top
// and 5.0 in an element: which one wins is not documented.
#include "rules/rule.h"

namespace tairlint::detail {
namespace {

// x-sameAsIn: a request parameter that Instances elements may set too,
// resolved in both objects.
struct SameAsIn {
  ParamRef in_request;
  ParamRef in_element;
};

class EngineVersionMismatch : public AnnotatedRule<ObjectAnnotations<SameAsIn>> {
 public:
  std::string_view id() const override { return "engine-version-mismatch"; }

 protected:
  bool Read(AnnotationReader& reader, ObjectAnnotations<SameAsIn>* config) const override {
    return reader.Objects<SameAsIn>("x-sameAsIn", config, [&](const nlohmann::json& e, const ObjectSpec& object, SameAsIn* out) {
      const ObjectSpec* elements = reader.ElementsOf(object);
      if (reader.Text(e, "in") != "Instances" || elements == nullptr) return reader.Fail(".in must be Instances");
      const std::string name = reader.Text(e, "parameter");
      *out = {AnnotationReader::Ref(object, name), AnnotationReader::Ref(*elements, name)};
      return !reader.failed();
    });
  }
  void Run(Context& ctx, const ObjectAnnotations<SameAsIn>& config) const override {
    const Scope& top = ctx.scopes.front();  // the request
    for (const ObjectAnnotation<SameAsIn>& a : config) {
      const SameAsIn& same = a.value;
      const std::string& param = same.in_request.name;
      if (a.object != top.spec || !ctx.Valid(top, same.in_request)) continue;
      const Node& request_value = *ctx.Value(top, same.in_request);
      const std::string want = WireText(request_value);
      for (const Scope& s : ctx.scopes) {
        if (s.where != Scope::Where::Element || !ctx.Valid(s, same.in_element)) continue;
        const Node& v = *ctx.Value(s, same.in_element);
        if (WireText(v) == want) continue;
        ctx.Emit(id(), "", ctx.ValueAt(s, param, v),
                 param + " is " + ShowWireText(request_value) + " for the request but " + ShowWireText(v) +
                     " in Instances element " + std::to_string(s.index) + "; which one applies is not documented");
      }
    }
  }
};

}  // namespace

const Rule& EngineVersionMismatchRule() {
  static const EngineVersionMismatch rule;
  return rule;
}

}  // namespace tairlint::detail
