#include "model.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <mutex>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <re2/re2.h>

#include "document.h"
#include "embedded.h"
#include "schema_validator.h"

namespace tairlint::detail {

std::string_view EmbeddedText(std::string_view name) {
  for (const EmbeddedFile* f = kEmbeddedFiles; f->name != nullptr; ++f) {
    if (name == f->name) return std::string_view(f->data, f->size);
  }
  return {};
}

ActionModel::ActionModel() = default;
ActionModel::~ActionModel() = default;
ActionModel::ActionModel(ActionModel&&) noexcept = default;
ActionModel& ActionModel::operator=(ActionModel&&) noexcept = default;

const PropSpec* ObjectSpec::find(std::string_view name) const { return find(name, HashBytes(name)); }

const std::vector<std::string>* ClassFamily::PrefixesOf(std::string_view type) const {
  for (const auto& [t, list] : prefixes) {
    if (t == type) return &list;
  }
  for (const auto& [t, list] : prefixes) {
    if (t == "*") return &list;
  }
  return nullptr;
}

const PropSpec* ObjectSpec::find_ignoring_case(std::string_view name) const {
  for (const PropSpec& p : props) {
    if (p.name.size() == name.size() &&
        std::equal(p.name.begin(), p.name.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return &p;
    }
  }
  return nullptr;
}

namespace {

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

WireType TypeOf(const nlohmann::json& schema) {
  auto it = schema.find("type");
  if (it == schema.end()) return WireType::Any;
  std::string t = it->is_array() && !it->empty() ? (*it)[0].get<std::string>()
                  : it->is_string()               ? it->get<std::string>()
                                                  : "";
  if (t == "string") return WireType::String;
  if (t == "integer") return WireType::Integer;
  if (t == "boolean") return WireType::Boolean;
  if (t == "array") return WireType::Array;
  if (t == "object") return WireType::Object;
  return WireType::Any;
}

// Replaces every {"$ref": "X.schema.json"} with the content of that file, so
// that the validator and editors get one self-contained schema.
bool Bundle(nlohmann::json* node, std::string* error, int depth = 0) {
  if (depth > 16) {
    *error = "schema $ref nesting too deep";
    return false;
  }
  if (node->is_object()) {
    auto ref = node->find("$ref");
    if (ref != node->end() && ref->is_string()) {
      nlohmann::json target;
      if (!ParseEmbedded(ref->get<std::string>(), &target, error)) return false;
      target.erase("$schema");
      target.erase("$id");
      if (!Bundle(&target, error, depth + 1)) return false;
      *node = std::move(target);
      return true;
    }
    for (auto& [k, v] : node->items()) {
      if (!Bundle(&v, error, depth)) return false;
    }
  } else if (node->is_array()) {
    for (auto& v : *node) {
      if (!Bundle(&v, error, depth)) return false;
    }
  }
  return true;
}

}  // namespace

void FillSpec(const nlohmann::json& schema, bool common, ObjectSpec* spec) {
  spec->schema = &schema;
  auto props = schema.find("properties");
  if (props == schema.end()) return;
  for (auto it = props->begin(); it != props->end(); ++it) {
    const nlohmann::json& s = it.value();
    PropSpec p;
    p.name = it.key();
    p.type = TypeOf(s);
    p.rule = s.value("x-rule", "");
    p.error_code = s.value("x-error-code", "");
    // x-secret: true for a stored secret (a password, a credential), "one-off"
    // for a value that is never shown but is no stored secret (a signature).
    if (auto x = s.find("x-secret"); x != s.end()) {
      p.secret = *x == true || *x == "one-off";
      p.stored_secret = *x == true;
    }
    p.common = common && s.value("x-common", false);
    p.idempotency_token = s.value("x-idempotencyToken", false);
    p.json_string = s.value("x-jsonString", false);
    p.schema = &s;
    if (auto list = s.find("x-patternDetails"); list != s.end() && list->is_array()) {
      for (const auto& entry : *list) {
        RE2::Options options;
        options.set_log_errors(false);
        auto re = std::make_shared<const RE2>(entry.value("pattern", ""), options);
        if (re->ok()) p.pattern_details.push_back({std::move(re), entry.value("detail", "")});
      }
    }
    spec->props.push_back(std::move(p));
  }
  for (size_t i = 0; i < spec->props.size(); ++i) {
    const PropSpec& p = spec->props[i];
    spec->index.Insert(p.name);  // number i: the names of an object are distinct
    for (auto it = p.schema->begin(); it != p.schema->end(); ++it) {
      if (it.key().rfind("x-", 0) != 0) continue;
      const uint32_t k = spec->annotation_keys.Insert(it.key());
      if (k == spec->annotated.size()) spec->annotated.emplace_back();
      spec->annotated[k].push_back(&p);
    }
  }
}

// ---- Annotations compiled at load (model.h)

namespace {

// Reads one object's annotations into its ObjectSpec and PropSpecs. `items`
// is the spec that x-ignoredUnless's "ifAny" conditions are read in (the
// Instances element). `where` names the object in errors.
class AnnotationCompiler {
 public:
  AnnotationCompiler(ObjectSpec* spec, const ObjectSpec* items, std::string where, std::string* error)
      : spec_(spec), items_(items), where_(std::move(where)), error_(error) {}

  bool Run() {
    const nlohmann::json& schema = *spec_->schema;
    for (const char* key : {"x-requiredIf", "x-ignoredUnless"}) {
      auto list = schema.find(key);
      if (list == schema.end()) continue;
      auto& out = std::string_view(key) == "x-requiredIf" ? spec_->required_if : spec_->ignored_unless;
      if (!Each(*list, key, [&](const nlohmann::json& e, const std::string& at) {
            ConditionalParameter c;
            c.if_any = Text(e, "ifAny", at, /*required=*/false);
            if (!c.if_any.empty() && items_ == nullptr) return Fail(at + ".ifAny names no array of objects");
            c.parameter = Ref(*spec_, Text(e, "parameter", at));
            auto cond = e.find("if");
            if (cond == e.end() || !cond->is_object() || cond->empty()) return Fail(at + ".if must be an object of conditions");
            for (auto it = cond->begin(); it != cond->end(); ++it) {
              if (!it->is_string()) return Fail(at + ".if." + it.key() + " must be a string");
              c.conditions.push_back({Ref(c.if_any.empty() ? *spec_ : *items_, it.key()), it->get<std::string>()});
            }
            out.push_back(std::move(c));
            return ok_;
          })) {
        return false;
      }
    }
    if (auto list = schema.find("x-requiredOneOf"); list != schema.end()) {
      if (!Each(*list, "x-requiredOneOf", [&](const nlohmann::json& e, const std::string& at) {
            OneOfParameters o;
            o.name = Text(e, "name", at);
            auto params = e.find("parameters");
            if (params == e.end() || !params->is_array() || params->empty()) return Fail(at + ".parameters must be a list");
            for (const nlohmann::json& p : *params) {
              if (!p.is_string()) return Fail(at + ".parameters must hold names");
              o.parameters.push_back(Ref(*spec_, p.get<std::string>()));
            }
            spec_->required_one_of.push_back(std::move(o));
            return ok_;
          })) {
        return false;
      }
    }
    if (auto list = schema.find("x-sameAsIn"); list != schema.end()) {
      if (!Each(*list, "x-sameAsIn", [&](const nlohmann::json& e, const std::string& at) {
            if (Text(e, "in", at) != "Instances" || items_ == nullptr) return Fail(at + ".in must be Instances");
            const std::string name = Text(e, "parameter", at);
            spec_->same_as_in.push_back({Ref(*spec_, name), Ref(*items_, name)});
            return ok_;
          })) {
        return false;
      }
    }
    for (PropSpec& p : spec_->props) {
      if (!Property(p)) return false;
    }
    return true;
  }

 private:
  bool Fail(const std::string& what) {
    if (ok_) *error_ = where_ + ": " + what;
    ok_ = false;
    return false;
  }
  ParamRef Ref(const ObjectSpec& in, const std::string& name) { return {name, in.find(name)}; }
  std::string Text(const nlohmann::json& e, const char* key, const std::string& at, bool required = true) {
    auto it = e.is_object() ? e.find(key) : e.end();
    if (it != e.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) return it->get<std::string>();
    if (required || it != e.end()) Fail(at + "." + key + " must be a non-empty string");
    return "";
  }
  template <typename Fn>
  bool Each(const nlohmann::json& list, const char* key, Fn fn) {
    if (!list.is_array()) return Fail(std::string(key) + " must be a list");
    for (size_t i = 0; i < list.size(); ++i) {
      if (!fn(list[i], std::string(key) + "[" + std::to_string(i) + "]")) return false;
    }
    return true;
  }

  bool Property(PropSpec& p) {
    const nlohmann::json& s = *p.schema;
    const std::string at = "properties." + p.name + ".";
    if (auto a = s.find("x-idPrefix"); a != s.end()) {
      p.id_prefix = Text(*a, "prefix", at + "x-idPrefix");
      if (a->contains("code")) p.id_prefix_code = Text(*a, "code", at + "x-idPrefix");
    }
    if (auto a = s.find("x-zoneOf"); a != s.end()) {
      if (!a->is_string()) return Fail(at + "x-zoneOf must name a parameter");
      p.zone_of = Ref(*spec_, a->get<std::string>());
    }
    if (auto a = s.find("x-passwordKinds"); a != s.end()) {
      if (!a->is_number_unsigned() || a->get<uint64_t>() > 4) return Fail(at + "x-passwordKinds must be 0 to 4");
      p.password_kinds = a->get<int>();
    }
    if (auto a = s.find("x-maxPairs"); a != s.end()) {
      if (!a->is_number_unsigned()) return Fail(at + "x-maxPairs must be a count");
      p.max_pairs = a->get<size_t>();
    }
    if (auto a = s.find("x-recommended"); a != s.end()) p.recommended = a->is_string() ? a->get<std::string>() : a->dump();
    if (auto a = s.find("x-ignored"); a != s.end()) {
      if (!a->is_string() || a->get_ref<const std::string&>().empty()) return Fail(at + "x-ignored must say why");
      p.ignored = a->get<std::string>();
    }
    if (auto a = s.find("x-classFamily"); a != s.end()) {
      auto family = std::make_shared<ClassFamily>();
      const std::string fat = at + "x-classFamily";
      if (a->contains("typeParameter")) family->type_parameter = Ref(*spec_, Text(*a, "typeParameter", fat));
      if (a->contains("defaultType")) family->default_type = Text(*a, "defaultType", fat);
      auto prefixes = a->find("prefixes");
      if (prefixes == a->end() || !prefixes->is_object()) return Fail(fat + ".prefixes must be an object");
      for (auto it = prefixes->begin(); it != prefixes->end(); ++it) {
        std::vector<std::string> list;
        if (!it->is_array()) return Fail(fat + ".prefixes." + it.key() + " must be a list");
        for (const nlohmann::json& pre : *it) {
          if (!pre.is_string()) return Fail(fat + ".prefixes." + it.key() + " must hold strings");
          list.push_back(pre.get<std::string>());
        }
        family->prefixes.emplace_back(it.key(), std::move(list));
      }
      p.class_family = std::move(family);
    }
    return ok_;
  }

  ObjectSpec* spec_;
  const ObjectSpec* items_;
  std::string where_;
  std::string* error_;
  bool ok_ = true;
};

}  // namespace

bool CompileAnnotations(ObjectSpec* spec, const ObjectSpec* items, const std::string& where, std::string* error) {
  return AnnotationCompiler(spec, items, where, error).Run();
}

namespace {

bool LoadAction(Action action, const std::string& file, const nlohmann::json& common, ActionModel* m,
                std::string* error) {
  m->action = action;
  if (!ParseEmbedded(file, &m->bundled, error)) return false;
  if (!Bundle(&m->bundled, error)) return false;
  // Merge the common request parameters, marked so that they are known.
  auto& props = m->bundled["properties"];
  for (auto it = common["properties"].begin(); it != common["properties"].end(); ++it) {
    if (props.contains(it.key())) continue;
    nlohmann::json p = it.value();
    p["x-common"] = true;
    props[it.key()] = std::move(p);
  }
  FillSpec(m->bundled, /*common=*/true, &m->request);
  const nlohmann::json& ps = m->bundled["properties"];
  if (auto inst = ps.find("Instances"); inst != ps.end() && inst->contains("items")) {
    FillSpec((*inst)["items"], false, &m->element);
  }
  if (auto tag = ps.find("Tag"); tag != ps.end() && tag->contains("items")) {
    FillSpec((*tag)["items"], false, &m->tag);
  }
  const ObjectSpec* elements = m->element.schema != nullptr ? &m->element : nullptr;
  if (!CompileAnnotations(&m->request, elements, file, error) ||
      (m->element.schema != nullptr && !CompileAnnotations(&m->element, nullptr, file + " (Instances)", error)) ||
      (m->tag.schema != nullptr && !CompileAnnotations(&m->tag, nullptr, file + " (Tag)", error))) {
    return false;
  }
  m->validator = std::make_unique<SchemaValidator>();
  return m->validator->Load(m->bundled, error);
}

// What an error may quote of a value: an excerpt (document.h), Printable.
std::string Quote(std::string_view s, size_t max_points = 40) { return Printable(Excerpt(s, max_points)); }

// A value as an error names it: never a dump of a nested value.
std::string DescribeValue(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::string: return "the string \"" + Quote(v.get_ref<const std::string&>()) + "\"";
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    default: return "the number " + Quote(v.dump());  // a number's text is short
  }
}


// "name:line:column: " for byte `offset` of `text` (columns in code points).
std::string Where(std::string_view text, size_t offset, const std::string& name) {
  int line = 0, column = 0;
  LineIndex(text).Locate(static_cast<uint32_t>(std::min(offset, text.size())), &line, &column);
  return Printable(name) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
}

// The offset of the first '[' or '{' (outside strings) that opens a level
// deeper than `max_depth`, or npos. Malformed text is left to the parser.
size_t TooDeepAt(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

// nlohmann's reason for a parse error without its "last read: '...'" (which
// quotes the token read so far, of any length): "syntax error while parsing
// value - invalid literal".
std::string ParseReason(const char* what) {
  std::string_view w(what);
  if (size_t at = w.find(": "); at != std::string_view::npos && w.substr(0, at).find("parse error") != std::string_view::npos) {
    w.remove_prefix(at + 2);
  }
  if (size_t at = w.find("; last read:"); at != std::string_view::npos) w = w.substr(0, at);
  return Quote(w, 160);
}

}  // namespace

bool Catalogs::Add(const nlohmann::json& doc, const std::string& name, std::string* error) {
  if (!doc.is_object()) {
    *error = Printable(name) + ": a catalog must be a JSON object, not " + DescribeValue(doc);
    return false;
  }
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const std::string& key = it.key();
    if (!key.empty() && key[0] == '$') continue;
    if (key != "capacities" && key != "instance_classes" && key != "regions") {
      *error = Printable(name) + ": unknown key \"" + Quote(key) +
               "\" (expected capacities, instance_classes or regions)";
      return false;
    }
    if (!it->is_array()) {
      *error = Printable(name) + ": \"" + key + "\" must be an array, not " + DescribeValue(*it);
      return false;
    }
    for (const auto& v : *it) {
      if (key == "capacities" && v.is_number_integer()) {
        capacities.insert(v.get<int64_t>());
      } else if (key == "instance_classes" && v.is_string()) {
        instance_classes.Insert(v.get_ref<const std::string&>());
      } else if (key == "regions" && v.is_string()) {
        regions.Insert(v.get_ref<const std::string&>());
      } else {
        *error = Printable(name) + ": \"" + key + "\" holds " + (key == "capacities" ? "integers" : "strings") +
                 " only; found " + DescribeValue(v);
        return false;
      }
    }
  }
  return true;
}

bool LoadCatalogText(std::string_view text, const std::string& name, Catalogs* catalogs, std::string* error) {
  if (text.size() > kMaxCatalogBytes) {
    *error = Printable(name) + ": a catalog file holds at most " + std::to_string(kMaxCatalogBytes) + " bytes";
    return false;
  }
  if (size_t at = TooDeepAt(text, kMaxCatalogDepth); at != std::string_view::npos) {
    *error = Where(text, at, name) + "nested deeper than " + std::to_string(kMaxCatalogDepth) +
             " levels (a catalog is an object of arrays)";
    return false;
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte counts the bytes read, the one that failed included.
    *error = Where(text, e.byte == 0 ? 0 : e.byte - 1, name) + "not valid JSON: " + ParseReason(e.what());
    return false;
  } catch (const nlohmann::json::exception& e) {
    *error = Printable(name) + ": not valid JSON: " + Quote(e.what(), 160);
    return false;
  }
  return catalogs->Add(doc, name, error);
}

bool LoadCatalogFile(const std::string& path, Catalogs* catalogs, std::string* error) {
  // Non-blocking: opening a FIFO must not wait for a writer (it is then
  // refused as not a regular file).
  const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    *error = Printable(path) + ": cannot read the catalog file: " + strerror(errno);
    return false;
  }
  struct FdCloser {
    int fd;
    ~FdCloser() { close(fd); }
  } closer{fd};
  struct stat st;
  if (fstat(fd, &st) != 0) {
    *error = Printable(path) + ": cannot read the catalog file: " + strerror(errno);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    *error = Printable(path) + ": not a regular file";
    return false;
  }
  if (static_cast<uint64_t>(st.st_size) > kMaxCatalogBytes) {
    *error = Printable(path) + ": a catalog file holds at most " + std::to_string(kMaxCatalogBytes) + " bytes; this one has " +
             std::to_string(st.st_size);
    return false;
  }
  // Read up to one byte past the limit whatever the size said (a file that
  // grows, or one of /proc that says 0).
  std::string text;
  char buf[65536];
  while (text.size() <= kMaxCatalogBytes) {
    const ssize_t n = read(fd, buf, std::min(sizeof buf, kMaxCatalogBytes + 1 - text.size()));
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = Printable(path) + ": cannot read the catalog file: " + strerror(errno);
      return false;
    }
    text.append(buf, static_cast<size_t>(n));
  }
  return LoadCatalogText(text, path, catalogs, error);
}

Model::Lazy* Model::Slot(Action a) const {
  static std::atomic<size_t> next_slot{0};
  thread_local const size_t slot = next_slot.fetch_add(1, std::memory_order_relaxed) % kSlots;
  return a == Action::CreateInstances          ? &create_instances_[slot]
         : a == Action::CreateTairKVCacheVNode ? &vnode_[slot]
                                               : nullptr;
}

const ActionModel* Model::For(Action a) const {
  Lazy* lazy = Slot(a);
  if (lazy == nullptr) return nullptr;
  std::call_once(lazy->once, [a, lazy] {
    nlohmann::json common;
    lazy->ok = ParseEmbedded("common.schema.json", &common, &lazy->error) &&
               LoadAction(a, std::string(ActionName(a)) + ".request.schema.json", common, &lazy->model, &lazy->error);
    lazy->loaded.store(true, std::memory_order_release);
  });
  return lazy->ok ? &lazy->model : nullptr;
}

void Model::Prepare(Action a) const {
  for (Action each : {Action::CreateInstances, Action::CreateTairKVCacheVNode}) {
    if (a == Action::Unknown || a == each) For(each);
  }
}

bool Model::Loaded(Action a) const {
  const Lazy* lazy = Slot(a);
  return lazy != nullptr && lazy->loaded.load(std::memory_order_acquire);
}

std::string Model::LoadError(Action a) const {
  if (For(a) != nullptr) return "";
  const Lazy* lazy = Slot(a);
  return lazy == nullptr ? "no model for an unknown action" : lazy->error;
}

bool LoadModel(Model* model, std::string* error) {
  for (const char* name : {"catalogs/capacities.json", "catalogs/instance-classes.json", "catalogs/regions.json"}) {
    nlohmann::json doc;
    if (!ParseEmbedded(name, &doc, error)) return false;
    if (!model->catalogs.Add(doc, std::string("schemas/") + name, error)) return false;
  }
  return true;
}

namespace {

// What an editor should accept is what the service accepts: values travel
// as text, so an integer or boolean may be written as a string ("Period":
// "1"); the annotations only tairlint reads are left out.
void ForEditors(nlohmann::json* s) {
  if (s->is_array()) {
    for (auto& v : *s) ForEditors(&v);
    return;
  }
  if (!s->is_object()) return;
  for (auto it = s->begin(); it != s->end();) {
    if (it.key().rfind("x-", 0) == 0) {
      it = s->erase(it);
    } else {
      ++it;
    }
  }
  // RE2's Unicode classes, spelled as ECMA-262 ranges that editors (and
  // every JSON Schema validator) understand. Han: the CJK blocks of the BMP.
  if (auto p = s->find("pattern"); p != s->end() && p->is_string()) {
    std::string re = p->get<std::string>();
    const std::pair<const char*, const char*> classes[] = {
        {"\\p{Han}", "\\u2E80-\\u2FDF\\u3005\\u3007\\u3021-\\u3029\\u3038-\\u303B\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF"},
        {"\\p{Z}", "\\u0020\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000"},
        {"\\p{Cc}", "\\u0000-\\u001F\\u007F-\\u009F"},
    };
    for (const auto& [from, to] : classes) {
      for (size_t at; (at = re.find(from)) != std::string::npos;) re.replace(at, strlen(from), to);
    }
    *p = re;
  }
  auto type = s->find("type");
  if (type != s->end() && type->is_string() && (*type == "integer" || *type == "boolean")) {
    bool integer = *type == "integer";
    *type = nlohmann::json::array({type->get<std::string>(), "string"});
    if (auto e = s->find("enum"); e != s->end()) {
      nlohmann::json values = nlohmann::json::array();
      for (const auto& v : *e) {
        values.push_back(v);
        values.push_back(v.dump());
      }
      *e = std::move(values);
    } else if (!integer) {
      (*s)["enum"] = {true, false, "true", "false"};
    }
  }
  for (const char* key : {"properties", "definitions"}) {
    if (auto it = s->find(key); it != s->end() && it->is_object()) {
      for (auto& [k, v] : it->items()) ForEditors(&v);
    }
  }
  for (const char* key : {"items", "additionalProperties"}) {
    if (auto it = s->find(key); it != s->end()) ForEditors(&*it);
  }
}

}  // namespace

nlohmann::json EditorSchema(const Model& model, Action action) {
  const ActionModel* m = model.For(action);
  if (m == nullptr) return nullptr;
  nlohmann::json s = m->bundled;
  ForEditors(&s);
  return s;
}

const nlohmann::json* BundledSchema(const Model& model, Action action) {
  const ActionModel* m = model.For(action);
  return m ? &m->bundled : nullptr;
}

namespace {

Severity SeverityOf(const std::string& s) {
  Severity v = Severity::Error;
  ParseSeverity(s, &v);
  return v;
}

std::vector<std::string> Strings(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it != j.end() && it->is_array()) {
    for (const auto& v : *it) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

}  // namespace

const std::vector<RuleInfo>& RuleCatalog() {
  static const std::vector<RuleInfo> rules = [] {
    std::vector<RuleInfo> out;
    nlohmann::json doc;
    std::string error;
    if (!ParseEmbedded("rules.json", &doc, &error)) return out;
    for (const auto& r : doc.value("rules", nlohmann::json::array())) {
      RuleInfo info;
      info.id = r.value("id", "");
      info.severity = SeverityOf(r.value("severity", "error"));
      info.codes = Strings(r, "codes");
      info.actions = Strings(r, "actions");
      info.summary = r.value("summary", "");
      info.explanation = r.value("explanation", "");
      info.source = r.value("source", "");
      info.example = r.value("example", "");
      out.push_back(std::move(info));
    }
    return out;
  }();
  return rules;
}

const std::vector<CodeInfo>& CodeCatalog() {
  static const std::vector<CodeInfo> codes = [] {
    std::vector<CodeInfo> out;
    nlohmann::json doc;
    std::string error;
    if (!ParseEmbedded("codes.json", &doc, &error)) return out;
    for (const auto& c : doc.value("codes", nlohmann::json::array())) {
      CodeInfo info;
      info.code = c.value("code", "");
      info.http_status = c.value("http_status", 400);
      if (auto m = c.find("messages"); m != c.end() && m->is_object()) {
        for (auto it = m->begin(); it != m->end(); ++it) {
          if (it->is_string()) info.messages[it.key()] = it->get<std::string>();
        }
      }
      info.meaning = c.value("meaning", "");
      info.offline = c.value("offline", false);
      info.actions = Strings(c, "pages");
      out.push_back(std::move(info));
    }
    return out;
  }();
  return codes;
}

}  // namespace tairlint::detail
