// Compiling JSON schema documents into Nodes (see json_schema.h for the keywords).

#include <simdjson.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/json_pointer.h"
#include "sbom/validate/json_schema.h"
#include "sbom/validate/json_schema_node.h"
#include "sbom/validate/json_value.h"

namespace craft::sbom::json_schema {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Keywords that only annotate: they never make a value invalid.
const std::set<std::string_view> kAnnotations = {"$schema",
                                                 "$id",
                                                 "$comment",
                                                 "title",
                                                 "description",
                                                 "default",
                                                 "examples",
                                                 "deprecated",
                                                 "meta:enum",
                                                 "definitions",
                                                 "readOnly",
                                                 "writeOnly",
                                                 "contentEncoding",
                                                 "contentMediaType",
                                                 "$defs"};

class Compiler {
 public:
  Compiler(const std::vector<SchemaDocument>& documents, Schema::Nodes& nodes, std::string& error)
      : documents_(documents), nodes_(nodes), error_(error) {}

  bool Load();
  const Node* At(std::size_t doc, const std::string& pointer);
  bool ResolveRefs();

 private:
  struct Loaded {
    simdjson::dom::parser parser;
    element root;
    std::string id;
  };

  const Node* Compile(std::size_t doc, const std::string& pointer, element schema);
  bool Keyword(std::size_t doc, const std::string& pointer, std::string_view key, element value,
               Node& node);
  bool CompileObjectKeyword(std::size_t doc, const std::string& at, std::string_view key,
                            element value, Node& node);
  bool CompileArrayKeyword(std::size_t doc, const std::string& at, std::string_view key,
                           element value, Node& node);
  bool CompileScalarKeyword(std::string_view key, element value, Node& node);
  std::vector<const Node*> List(std::size_t doc, const std::string& at, element value);
  std::unique_ptr<RE2> Pattern(std::string_view text);
  bool Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }
  std::optional<std::size_t> FindDocument(std::string_view uri) const;

  const std::vector<SchemaDocument>& documents_;
  Schema::Nodes& nodes_;
  std::string& error_;
  std::vector<std::unique_ptr<Loaded>> loaded_;
  std::map<std::pair<std::size_t, std::string>, const Node*> compiled_;
  std::vector<std::pair<Node*, std::size_t>> pending_refs_;
};

bool Compiler::Load() {
  for (const auto& document : documents_) {
    auto loaded = std::make_unique<Loaded>();
    if (loaded->parser.parse(document.text.data(), document.text.size()).get(loaded->root)) {
      return Fail(std::string(document.name) + " is not JSON");
    }
    std::string_view id;
    if (loaded->root.is_object() && !loaded->root["$id"].get(id)) loaded->id = std::string(id);
    loaded_.push_back(std::move(loaded));
  }
  return true;
}

std::optional<std::size_t> Compiler::FindDocument(std::string_view uri) const {
  std::string_view file =
      uri.substr(uri.rfind('/') == std::string_view::npos ? 0 : uri.rfind('/') + 1);
  for (std::size_t i = 0; i < documents_.size(); ++i) {
    if (documents_[i].name == file || loaded_[i]->id == uri) return i;
  }
  return std::nullopt;
}

const Node* Compiler::At(std::size_t doc, const std::string& pointer) {
  if (auto it = compiled_.find({doc, pointer}); it != compiled_.end()) return it->second;
  element schema;
  if (loaded_[doc]->root.at_pointer(pointer).get(schema)) {
    Fail("no schema at " + std::string(documents_[doc].name) + "#" + pointer);
    return nullptr;
  }
  return Compile(doc, pointer, schema);
}

const Node* Compiler::Compile(std::size_t doc, const std::string& pointer, element schema) {
  if (auto it = compiled_.find({doc, pointer}); it != compiled_.end()) return it->second;
  Node& node = nodes_.all.emplace_back();
  compiled_[{doc, pointer}] = &node;
  if (schema.type() == element_type::BOOL) {
    node.always_false = !bool(schema);
    return &node;
  }
  if (schema.type() != element_type::OBJECT) {
    Fail("the schema at " + std::string(documents_[doc].name) + "#" + pointer +
         " is neither an object nor a boolean");
    return &node;
  }
  std::string_view ref;
  if (!schema["$ref"].get(ref)) {  // draft-07: the keywords beside $ref are ignored
    node.ref_text = std::string(ref);
    pending_refs_.emplace_back(&node, doc);
    return &node;
  }
  for (auto member : schema.get_object()) {
    if (!Keyword(doc, pointer, member.key, member.value, node)) break;
  }
  std::sort(node.properties.begin(), node.properties.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return &node;
}

bool Compiler::Keyword(std::size_t doc, const std::string& pointer, std::string_view key,
                       element value, Node& node) {
  if (kAnnotations.count(key) != 0) return true;
  const std::string at = pointer + "/" + core::JsonPointerToken(key);
  if (key == "properties" || key == "patternProperties" || key == "required" ||
      key == "additionalProperties" || key == "enum" || key == "const") {
    return CompileObjectKeyword(doc, at, key, value, node);
  }
  if (key == "items" || key == "additionalItems" || key == "contains" || key == "allOf" ||
      key == "anyOf" || key == "oneOf" || key == "not" || key == "if" || key == "then" ||
      key == "else") {
    return CompileArrayKeyword(doc, at, key, value, node);
  }
  if (!CompileScalarKeyword(key, value, node)) {
    return Fail("unsupported or malformed keyword \"" + std::string(key) + "\" at " +
                std::string(documents_[doc].name) + "#" + pointer);
  }
  return error_.empty();
}

bool Compiler::CompileObjectKeyword(std::size_t doc, const std::string& at, std::string_view key,
                                    element value, Node& node) {
  if (key == "properties" || key == "patternProperties") {
    if (!value.is_object()) return Fail(at + " is not an object");
    for (auto member : value.get_object()) {
      const Node* child = Compile(doc, at + "/" + core::JsonPointerToken(member.key), member.value);
      if (key == "properties") {
        node.properties.emplace_back(std::string(member.key), child);
      } else {
        node.pattern_properties.emplace_back(Pattern(member.key), child);
      }
    }
  } else if (key == "required") {
    for (element name : value.get_array()) {
      std::string_view text;
      if (name.get(text)) return Fail(at + " holds a non-string");
      node.required.emplace_back(text);
    }
  } else if (key == "additionalProperties") {
    node.additional_properties = Compile(doc, at, value);
  } else {  // enum, const
    node.has_enum = true;
    auto add = [&](element v) {
      std::string_view text;
      if (!v.get(text)) {
        node.enum_strings.emplace(text);
        node.enum_listing.emplace_back(text);
        return;
      }
      std::string canonical;
      CanonicalText(v, canonical);
      node.enum_listing.push_back(canonical);
      node.enum_others.push_back(std::move(canonical));
    };
    if (key == "const") {
      add(value);
    } else {
      for (element v : value.get_array()) add(v);
    }
  }
  return error_.empty();
}

std::vector<const Node*> Compiler::List(std::size_t doc, const std::string& at, element value) {
  std::vector<const Node*> list;
  std::size_t i = 0;
  for (element item : value.get_array()) {
    list.push_back(Compile(doc, at + "/" + std::to_string(i++), item));
  }
  return list;
}

bool Compiler::CompileArrayKeyword(std::size_t doc, const std::string& at, std::string_view key,
                                   element value, Node& node) {
  if (key == "allOf" || key == "anyOf" || key == "oneOf") {
    if (!value.is_array()) return Fail(at + " is not an array");
    auto list = List(doc, at, value);
    (key == "allOf" ? node.all_of : key == "anyOf" ? node.any_of : node.one_of) = std::move(list);
  } else if (key == "items") {
    if (value.is_array()) {
      node.tuple_items = List(doc, at, value);
    } else {
      node.items = Compile(doc, at, value);
    }
  } else {
    const Node* child = Compile(doc, at, value);
    if (key == "additionalItems") node.additional_items = child;
    if (key == "contains") node.contains = child;
    if (key == "not") node.not_schema = child;
    if (key == "if") node.if_schema = child;
    if (key == "then") node.then_schema = child;
    if (key == "else") node.else_schema = child;
  }
  return error_.empty();
}

Format FormatNamed(std::string_view name) {
  if (name == "date-time") return Format::kDateTime;
  if (name == "date") return Format::kDate;
  if (name == "uri") return Format::kUri;
  if (name == "iri-reference" || name == "uri-reference") return Format::kIriReference;
  if (name == "email" || name == "idn-email") return Format::kEmail;
  return Format::kNone;  // an annotation
}

bool Compiler::CompileScalarKeyword(std::string_view key, element value, Node& node) {
  if (key == "type") {
    auto bit = [&](std::string_view t) -> std::uint8_t {
      if (t == "null") return kNull;
      if (t == "boolean") return kBoolean;
      if (t == "object") return kObject;
      if (t == "array") return kArray;
      if (t == "number") return kNumber | kInteger;
      if (t == "integer") return kInteger;
      if (t == "string") return kString;
      return 0;
    };
    std::string_view one;
    if (!value.get(one)) return (node.types = bit(one)) != 0;
    if (!value.is_array()) return false;
    for (element t : value.get_array()) {
      if (t.get(one) || bit(one) == 0) return false;
      node.types |= bit(one);
    }
    return true;
  }
  if (key == "pattern") {
    std::string_view text;
    if (value.get(text)) return false;
    node.pattern = Pattern(text);
    return node.pattern != nullptr;
  }
  if (key == "format") {
    std::string_view text;
    if (value.get(text)) return false;
    node.format = FormatNamed(text);
    node.format_name = std::string(text);
    return true;
  }
  if (key == "uniqueItems") return !value.get(node.unique_items);
  if (!value.is_number()) return false;
  double number = NumberValue(value);
  auto count = static_cast<std::size_t>(std::max(0.0, number));
  if (key == "minItems") return (node.min_items = count), true;
  if (key == "maxItems") return (node.max_items = count), true;
  if (key == "minLength") return (node.min_length = count), true;
  if (key == "maxLength") return (node.max_length = count), true;
  if (key == "minProperties") return (node.min_properties = count), true;
  if (key == "maxProperties") return (node.max_properties = count), true;
  if (key == "minimum") return (node.minimum = number), true;
  if (key == "maximum") return (node.maximum = number), true;
  if (key == "exclusiveMinimum") return (node.exclusive_minimum = number), true;
  if (key == "exclusiveMaximum") return (node.exclusive_maximum = number), true;
  if (key == "multipleOf") return number > 0 && ((node.multiple_of = number), true);
  return false;
}

std::unique_ptr<RE2> Compiler::Pattern(std::string_view text) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(re2::StringPiece(text.data(), text.size()), options);
  if (!re->ok()) {
    Fail("the pattern \"" + std::string(text) + "\" is not supported: " + re->error());
    return nullptr;
  }
  return re;
}

bool Compiler::ResolveRefs() {
  // Resolving a $ref may compile new nodes with $refs of their own: loop until none is left.
  for (std::size_t i = 0; i < pending_refs_.size() && error_.empty(); ++i) {
    auto [node, doc] = pending_refs_[i];
    std::string_view ref = node->ref_text;
    std::size_t hash = ref.find('#');
    std::string_view uri = ref.substr(0, hash);
    std::string pointer(hash == std::string_view::npos ? "" : ref.substr(hash + 1));
    std::size_t target = doc;
    if (!uri.empty()) {
      auto found = FindDocument(uri);
      if (!found) return Fail("the $ref \"" + node->ref_text + "\" names an unknown document");
      target = *found;
    }
    node->ref = At(target, pointer);
    if (node->ref == nullptr) return false;
  }
  return error_.empty();
}

}  // namespace

Schema::Schema() : nodes_(std::make_unique<Nodes>()) {}
Schema::~Schema() = default;

std::unique_ptr<Schema> Schema::Compile(const std::vector<SchemaDocument>& documents,
                                        std::size_t root, std::string& error) {
  std::unique_ptr<Schema> schema(new Schema());
  Compiler compiler(documents, *schema->nodes_, error);
  if (root >= documents.size() || !compiler.Load()) {
    if (error.empty()) error = "no root schema";
    return nullptr;
  }
  schema->root_ = compiler.At(root, "");
  if (schema->root_ == nullptr || !compiler.ResolveRefs() || !error.empty()) return nullptr;
  return schema;
}

}  // namespace craft::sbom::json_schema
