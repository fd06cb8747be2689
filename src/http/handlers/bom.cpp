// Dependency-Track-compatible BOM upload, so that CI tools written for Dependency-Track (cdxgen,
// the DT GitHub action, dtrack clients) upload to craft unchanged:
//
//   PUT  /api/v1/bom  application/json {"bom": base64, "project"?, "projectName"?,
//                     "projectVersion"?, "autoCreate"?, ...}; other members (parentName,
//                     projectTags, isLatest, ...) are ignored, as Dependency-Track ignores them
//                     where it has no use for them.
//   POST /api/v1/bom  multipart/form-data: `bom` (the SBOM bytes, not base64), `project`,
//                     `projectName`, `projectVersion`, `autoCreate`; other parts are ignored. A
//                     POST with a JSON body is read like the PUT (cdxgen retries with POST when a
//                     PUT answers 405).
//   GET  /api/v1/bom/token/{uuid} and /api/v1/event/token/{uuid}: {"processing": false}.
//
// Mapping: a Dependency-Track project is a name plus a version, which is what a craft version is.
// `project` (a UUID) names a craft version id; otherwise `projectName` is the product of that exact
// name in the caller's organisation and `projectVersion` the version string of that product.
// `autoCreate` (true, or the string "true" as cdxgen sends it) creates what is missing: a product
// (category `default`, scope product:write) and a version (scope version:write); 403 without those
// scopes. Missing and not created: 404, as Dependency-Track answers. Uploading needs sbom:write.
//
// The SBOM is checked, stored and scanned before the answer (StoreSbom), so there is no queue:
// the answer's token is the stored SBOM's id and the token endpoints always say processing false,
// for unknown tokens too, as Dependency-Track does.

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include "http/handlers/json_input.h"
#include "http/handlers/routes.h"
#include "http/handlers/sbom_intake.h"
#include "sbom/parse.h"

namespace craft::http {
namespace {

// What a Dependency-Track client names as the destination of its BOM.
struct BomTarget {
  std::string project;  // a craft version id, when given
  std::string project_name;
  std::string project_version;
  bool auto_create = false;
};

int Base64Value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

[[noreturn]] void ThrowBadBase64(std::size_t offset, const std::string& what) {
  throw ProblemError(400,
                     "bom is not valid base64: " + what + " at offset " + std::to_string(offset),
                     {{"/bom", what + " at offset " + std::to_string(offset)}}, "invalid-base64");
}

std::string Shown(unsigned char c) {
  if (c >= 0x20 && c < 0x7f) return std::string("'") + static_cast<char>(c) + "'";
  static const char* kHex = "0123456789abcdef";
  return std::string("byte 0x") + kHex[c >> 4] + kHex[c & 0xf];
}

// Standard base64 (RFC 4648 section 4). Whitespace (line breaks of MIME-wrapped output) is
// skipped; the final padding may be omitted. Anything else is 400 naming the offset.
std::string DecodeBase64(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3 + 3);
  std::uint32_t bits = 0;
  int pending = 0;  // sextets of the current quantum
  int padding = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') {
      if (pending < 2 || pending + ++padding > 4) ThrowBadBase64(i, "misplaced '='");
      continue;
    }
    if (padding > 0) ThrowBadBase64(i, "data after the '=' padding");
    const int value = Base64Value(c);
    if (value < 0) ThrowBadBase64(i, Shown(c) + " is not a base64 character");
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    if (++pending == 4) {
      out.push_back(static_cast<char>(bits >> 16));
      out.push_back(static_cast<char>((bits >> 8) & 0xff));
      out.push_back(static_cast<char>(bits & 0xff));
      bits = 0;
      pending = 0;
    }
  }
  if (pending == 1) ThrowBadBase64(text.size(), "truncated input");
  if (padding > 0 && pending + padding != 4) ThrowBadBase64(text.size(), "incomplete padding");
  if (pending == 2) out.push_back(static_cast<char>(bits >> 4));
  if (pending == 3) {
    out.push_back(static_cast<char>(bits >> 10));
    out.push_back(static_cast<char>((bits >> 2) & 0xff));
  }
  return out;
}

// The JSON body of a streaming route, up to the base64 of the largest SBOM plus room for the
// other members.
std::string ReadJsonBody(Request& request) {
  const std::size_t sbom_limit = sbom::Limits{}.max_bytes;
  const std::size_t limit = (sbom_limit + 2) / 3 * 4 + (std::size_t{1} << 20);
  auto too_large = [&] {
    return ProblemError(413,
                        "the request is larger than the limit of " +
                            std::to_string(limit / (1024 * 1024)) + " MiB (an SBOM of up to " +
                            std::to_string(sbom_limit / (1024 * 1024)) + " MiB in base64)",
                        {}, "payload-too-large");
  };
  const auto declared = request.body_reader->declared_length();
  if (declared && *declared > limit) throw too_large();
  std::string text;
  if (declared) text.reserve(*declared);
  char buffer[64 * 1024];
  while (std::size_t n = request.body_reader->Read(buffer, sizeof buffer)) {
    if (text.size() + n > limit) throw too_large();
    text.append(buffer, n);
  }
  return text;
}

std::string Trimmed(std::string s) {
  const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!s.empty() && space(s.back())) s.pop_back();
  std::size_t start = 0;
  while (start < s.size() && space(s[start])) ++start;
  return s.substr(start);
}

// autoCreate as Dependency-Track's clients send it: a boolean, or the text "true"/"false".
std::optional<bool> AutoCreateFrom(const std::string& text) {
  std::string lower = Trimmed(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  if (lower == "true") return true;
  if (lower == "false" || lower.empty()) return false;
  return std::nullopt;
}

// 422 unless the target names a project: `project`, or `projectName` and `projectVersion`.
void CheckTarget(BomTarget& target, FieldErrors& errors) {
  target.project = Trimmed(target.project);
  target.project_name = Trimmed(target.project_name);
  target.project_version = Trimmed(target.project_version);
  if (target.project.empty()) {
    if (target.project_name.empty()) {
      errors.Add("/projectName", "required (with projectVersion) when project is not given");
    } else if (target.project_name.size() > 255) {
      errors.Add("/projectName", "at most 255 bytes");
    }
    if (target.project_version.empty()) {
      errors.Add("/projectVersion", "required (with projectName) when project is not given");
    } else if (target.project_version.size() > 128) {
      errors.Add("/projectVersion", "at most 128 bytes");
    }
  }
  errors.Finish();
}

// A string member that may be absent or null (Java clients send null for unset fields).
void ReadOptionalString(const nlohmann::json& body, const char* name, std::string& out,
                        FieldErrors& errors) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return;
  if (!it->is_string()) {
    errors.Add(std::string("/") + name, std::string("expected a string, not ") + it->type_name());
    return;
  }
  out = it->get<std::string>();
}

void ReadAutoCreate(const nlohmann::json& body, BomTarget& target, FieldErrors& errors) {
  const auto it = body.find("autoCreate");
  if (it == body.end() || it->is_null()) return;
  std::optional<bool> flag;
  if (it->is_boolean()) flag = it->get<bool>();
  if (it->is_string()) flag = AutoCreateFrom(it->get<std::string>());
  if (!flag) {
    errors.Add("/autoCreate", "expected true or false");
  } else {
    target.auto_create = *flag;
  }
}

// The JSON form (PUT): the target and the base64-decoded SBOM.
ReceivedSbom ReadJsonUpload(Request& request, BomTarget& target) {
  request.body = ReadJsonBody(request);
  nlohmann::json body = ParseJsonObject(request);
  std::string().swap(request.body);
  FieldErrors errors;
  ReadOptionalString(body, "project", target.project, errors);
  ReadOptionalString(body, "projectName", target.project_name, errors);
  ReadOptionalString(body, "projectVersion", target.project_version, errors);
  ReadAutoCreate(body, target, errors);
  const auto bom = body.find("bom");
  if (bom == body.end() || bom->is_null()) {
    errors.Add("/bom", "required: the SBOM, base64-encoded");
  } else if (!bom->is_string()) {
    errors.Add("/bom", std::string("expected a base64 string, not ") + bom->type_name());
  }
  CheckTarget(target, errors);
  ReceivedSbom received;
  {
    std::string encoded = std::move(bom->get_ref<std::string&>());
    body = nullptr;
    received.bytes = DecodeBase64(encoded);
  }
  const auto first = received.bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string::npos) {
    throw ProblemError(422, "the SBOM is empty", {{"/bom", "empty"}}, "validation");
  }
  const char lead = received.bytes[first];
  received.media_type = lead == '<'   ? "application/xml"
                        : lead == '{' ? "application/json"
                                      : "text/plain";
  return received;
}

// The multipart form (POST): part `bom` is the SBOM itself; the other fields name the target.
ReceivedSbom ReadMultipartUpload(Request& request, BomTarget& target) {
  std::string auto_create;
  const std::function<void(const std::string&, std::string)> fields = [&](const std::string& name,
                                                                          std::string value) {
    if (name == "project") target.project = std::move(value);
    if (name == "projectName") target.project_name = std::move(value);
    if (name == "projectVersion") target.project_version = std::move(value);
    if (name == "autoCreate") auto_create = std::move(value);
  };
  ReceivedSbom received = ReadSbomBody(request, &fields);
  FieldErrors errors;
  if (const auto flag = AutoCreateFrom(auto_create)) {
    target.auto_create = *flag;
  } else {
    errors.Add("/autoCreate", "expected true or false");
  }
  CheckTarget(target, errors);
  return received;
}

struct ProductLookup {
  std::optional<core::Product> product;  // the oldest product of that exact name
  std::set<std::string> slugs;           // every slug in use, to pick a free one
};

ProductLookup FindProduct(ApiContext& context, const std::string& org, const std::string& name) {
  ProductLookup lookup;
  store::PageRequest page{500, ""};
  do {
    store::Page<core::Product> products = context.store.ListProducts(org, page);
    for (core::Product& product : products.items) {
      lookup.slugs.insert(product.slug);
      if (!lookup.product && product.name == name) lookup.product = std::move(product);
    }
    page.cursor = products.next_cursor;
  } while (!page.cursor.empty());
  return lookup;
}

std::optional<core::Version> FindVersion(ApiContext& context, const std::string& org,
                                         const std::string& product_id,
                                         const std::string& version) {
  store::PageRequest page{500, ""};
  do {
    store::Page<core::Version> versions = context.store.ListVersions(org, product_id, page);
    for (core::Version& v : versions.items) {
      if (v.version == version) return std::move(v);
    }
    page.cursor = versions.next_cursor;
  } while (!page.cursor.empty());
  return std::nullopt;
}

// The slug the products API would derive from the name, made unique with -2, -3, ...
std::string FreeSlug(const std::string& name, const std::set<std::string>& taken) {
  std::string slug;
  for (unsigned char c : name) {
    if (std::isalnum(c) && c < 0x80) {
      slug += static_cast<char>(std::tolower(c));
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  if (slug.size() > 56) slug.resize(56);
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.empty()) slug = "product";
  std::string candidate = slug;
  for (int n = 2; taken.count(candidate) != 0; ++n) candidate = slug + "-" + std::to_string(n);
  return candidate;
}

// Nothing is created for an upload that is not an SBOM at all: 422 as StoreSbom would answer.
void RequireReadableSbom(const std::string& bytes) {
  const sbom::Parsed<sbom::Document> parsed = sbom::Parse(bytes);
  if (parsed.value) return;
  std::vector<FieldError> errors;
  for (const sbom::Diagnostic& d : parsed.diagnostics) {
    if (d.severity == sbom::Diagnostic::Severity::kError) errors.push_back({d.location, d.message});
    if (errors.size() == 20) break;
  }
  throw ProblemError(422, "the upload is not a readable CycloneDX or SPDX SBOM", errors,
                     "invalid-sbom");
}

[[noreturn]] void ThrowProjectNotFound(const BomTarget& target) {
  throw ProblemError(404,
                     "the project could not be found: no product '" + target.project_name +
                         "' with version '" + target.project_version +
                         "' (send autoCreate=true to create it)",
                     {}, "not-found");
}

core::Product CreateProductNamed(ApiContext& context, const Caller& caller, const std::string& name,
                                 const std::set<std::string>& slugs) {
  core::Product product;
  product.organisation_id = caller.org();
  product.name = name;
  product.slug = FreeSlug(name, slugs);
  product.category = core::Category::kDefault;
  try {
    return context.store.CreateProduct(product, caller.actor());
  } catch (const store::StoreError& e) {
    // Another upload created it meanwhile.
    if (e.kind() != store::StoreErrorKind::kConflict) throw;
    auto again = FindProduct(context, caller.org(), name);
    if (!again.product) throw;
    return *again.product;
  }
}

core::Version CreateVersionNamed(ApiContext& context, const Caller& caller,
                                 const std::string& product_id, const std::string& name) {
  core::Version version;
  version.product_id = product_id;
  version.version = name;
  try {
    return context.store.CreateVersion(caller.org(), version, std::nullopt, caller.actor());
  } catch (const store::StoreError& e) {
    if (e.kind() != store::StoreErrorKind::kConflict) throw;
    auto again = FindVersion(context, caller.org(), product_id, name);
    if (!again) throw;
    return *again;
  }
}

// The craft version the upload goes to, created when asked and allowed.
std::string ResolveVersion(ApiContext& context, const Caller& caller, const BomTarget& target,
                           const ReceivedSbom& received) {
  if (!target.project.empty()) {
    if (!context.store.GetVersion(caller.org(), target.project)) {
      throw ProblemError(404,
                         "the project could not be found: no version " + target.project +
                             " (project names a craft version id)",
                         {}, "not-found");
    }
    return target.project;
  }
  ProductLookup lookup = FindProduct(context, caller.org(), target.project_name);
  std::optional<core::Version> version;
  if (lookup.product) {
    version = FindVersion(context, caller.org(), lookup.product->id, target.project_version);
    if (version) return version->id;
  }
  if (!target.auto_create) ThrowProjectNotFound(target);
  if (!lookup.product) RequireScope(caller, "product:write");
  RequireScope(caller, "version:write");
  RequireReadableSbom(received.bytes);
  if (!lookup.product) {
    lookup.product = CreateProductNamed(context, caller, target.project_name, lookup.slugs);
  }
  return CreateVersionNamed(context, caller, lookup.product->id, target.project_version).id;
}

bool IsMultipart(const Request& request) {
  return request.Header("content-type").rfind("multipart/form-data", 0) == 0;
}

// {"token": the stored SBOM's id}, plus what craft found, for clients that read more.
Response UploadBom(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "sbom:write");
  BomTarget target;
  ReceivedSbom received =
      IsMultipart(request) ? ReadMultipartUpload(request, target) : ReadJsonUpload(request, target);
  const std::string version_id = ResolveVersion(context, caller, target, received);
  const StoredSbom stored = StoreSbom(context, caller, version_id, std::move(received));
  return JsonResponse(200, {{"token", stored.record.id},
                            {"sbom_id", stored.record.id},
                            {"version_id", version_id},
                            {"valid", stored.record.valid},
                            {"quality_score", stored.record.quality_score},
                            {"findings", stored.body["findings"]}});
}

bool IsUuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : std::isxdigit(static_cast<unsigned char>(s[i])) == 0) return false;
  }
  return true;
}

// Uploads are processed before they are answered, so no token is ever still processing.
Response TokenStatus(ApiContext& context, Request& request) {
  Authorize(request, context, "sbom:read");
  const std::string token = request.params.at("token");
  if (!IsUuid(token)) {
    throw ProblemError(400, "the token must be a UUID", {{"/token", "got '" + token + "'"}},
                       "validation");
  }
  return JsonResponse(200, {{"processing", false}});
}

}  // namespace

void AddBomRoutes(Router& router, ApiContext& context) {
  router.Add({"PUT", "/api/v1/bom", [&context](Request& r) { return UploadBom(context, r); },
              BodyMode::kStreaming,
              "Dependency-Track-compatible SBOM upload (JSON: base64 bom, project or "
              "projectName + projectVersion, autoCreate); answers {token}"});
  router.Add({"POST", "/api/v1/bom", [&context](Request& r) { return UploadBom(context, r); },
              BodyMode::kStreaming,
              "Dependency-Track-compatible SBOM upload (multipart: bom, project or projectName + "
              "projectVersion, autoCreate); answers {token}"});
  for (const char* pattern : {"/api/v1/bom/token/{token}", "/api/v1/event/token/{token}"}) {
    router.Add({"GET", pattern, [&context](Request& r) { return TokenStatus(context, r); },
                BodyMode::kBuffered,
                "Dependency-Track-compatible: whether an upload token is still processing "
                "(never: uploads are processed before the answer)"});
  }
}

}  // namespace craft::http
