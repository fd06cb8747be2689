// Documents of a version: multipart upload streamed to the blob store, listing, metadata, content
// (hash-verified before it is served) and deletion under the retention lock.

#include <algorithm>

#include "core/digest.h"
#include "http/handlers/json_input.h"
#include "http/handlers/retention_guard.h"
#include "http/handlers/routes.h"
#include "http/multipart.h"
#include "store/model_json.h"

namespace craft::http {
namespace {

// A file name as stored and later used inside export ZIPs: one path component, no control bytes.
std::optional<std::string> FileNameProblem(const std::string& name) {
  if (name.empty()) return "the file part needs a file name";
  if (name.size() > 255) return "the file name is longer than 255 bytes";
  if (name == "." || name == "..") return "the file name must not be '.' or '..'";
  for (unsigned char c : name) {
    if (c == 0) return "the file name contains a NUL byte";
    if (c < 0x20 || c == 0x7f) return "the file name contains a control character";
    if (c == '/' || c == '\\') return "the file name must not contain a path ('/' or '\\')";
  }
  return std::nullopt;
}

bool IsMediaType(const std::string& s) {
  const auto slash = s.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == s.size() || s.size() > 255)
    return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) ||
           std::string_view("/!#$&^_.+-").find(static_cast<char>(c)) != std::string_view::npos;
  });
}

std::string ReadSmallPart(MultipartReader& reader, const std::string& name) {
  std::string value;
  char buf[4096];
  while (std::size_t n = reader.ReadPart(buf, sizeof buf)) {
    value.append(buf, n);
    if (value.size() > 4000) {
      throw ProblemError(422, "form field '" + name + "' is longer than 4000 bytes",
                         {{"/" + name, "too long"}}, "validation");
    }
  }
  return value;
}

struct Upload {
  std::unique_ptr<store::BlobWriter> blob;
  std::string file_name;
  std::string media_type;
  std::string type;
  std::string title;
  bool has_file = false, has_type = false, has_title = false;
};

void ReadUploadParts(ApiContext& context, Request& request, Upload& upload) {
  MultipartReader reader(*request.body_reader, request.Header("content-type"));
  PartHeaders part;
  std::vector<char> buffer(256 * 1024);
  while (reader.NextPart(part)) {
    if (part.name == "file") {
      if (upload.has_file) {
        throw ProblemError(422, "send one file per upload", {{"/file", "repeated"}}, "validation");
      }
      upload.has_file = true;
      upload.file_name = part.filename;
      upload.media_type =
          part.content_type.empty() ? "application/octet-stream" : part.content_type;
      upload.blob = context.blobs.BeginWrite();
      while (std::size_t n = reader.ReadPart(buffer.data(), buffer.size())) {
        upload.blob->Write(std::string_view(buffer.data(), n));
      }
    } else if (part.name == "type") {
      upload.type = ReadSmallPart(reader, "type");
      upload.has_type = true;
    } else if (part.name == "title") {
      upload.title = ReadSmallPart(reader, "title");
      upload.has_title = true;
    } else {
      throw ProblemError(422, "unknown form field '" + part.name + "' (expected file, type, title)",
                         {{"/" + part.name, "unknown field"}}, "validation");
    }
  }
}

void ValidateUpload(const Upload& upload) {
  FieldErrors errors;
  if (!upload.has_file) errors.Add("/file", "required form field is missing");
  if (upload.has_file) {
    if (auto problem = FileNameProblem(upload.file_name)) errors.Add("/file", *problem);
    if (!IsMediaType(upload.media_type))
      errors.Add("/file", "the part's Content-Type is not a media type");
  }
  if (!upload.has_type) {
    errors.Add("/type", "required form field is missing");
  } else if (!core::ParseDocumentType(upload.type)) {
    std::string allowed;
    for (auto n : core::DocumentTypeNames())
      allowed += (allowed.empty() ? "" : ", ") + std::string(n);
    errors.Add("/type", "unknown document type '" + upload.type + "'; expected one of: " + allowed);
  }
  if (upload.has_title && upload.title.find('\0') != std::string::npos) {
    errors.Add("/title", "contains a NUL byte");
  }
  errors.Finish();
}

Response UploadDocument(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "document:write");
  const std::string version_id = request.params.at("id");
  if (!context.store.GetVersion(caller.org(), version_id)) ThrowNotFound("version", version_id);
  const std::string content_type = request.Header("content-type");
  if (content_type.rfind("multipart/form-data", 0) != 0) {
    throw ProblemError(415,
                       "upload documents as multipart/form-data with fields file, type and title",
                       {}, "unsupported-media-type");
  }
  Upload upload;
  ReadUploadParts(context, request, upload);
  ValidateUpload(upload);
  core::Document document;
  document.organisation_id = caller.org();
  document.version_id = version_id;
  document.type = *core::ParseDocumentType(upload.type);
  document.title = upload.has_title && !upload.title.empty() ? upload.title : upload.file_name;
  document.file_name = upload.file_name;
  document.media_type = upload.media_type;
  document.size = upload.blob->size();
  document.sha256 = upload.blob->Commit();
  document.uploaded_by = caller.actor().id;
  document = context.store.CreateDocument(document, caller.actor());
  Response response = JsonResponse(201, store::ToJson(document));
  response.SetHeader("Location", "/api/v1/documents/" + document.id);
  return response;
}

core::Document LoadDocument(ApiContext& context, const Caller& caller, const std::string& id) {
  auto document = context.store.GetDocument(caller.org(), id);
  if (!document) ThrowNotFound("document", id);
  return *document;
}

std::string ContentDisposition(const std::string& file_name) {
  std::string ascii, encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : file_name) {
    ascii += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
    if (std::isalnum(c) ||
        std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

Response DocumentContent(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "document:read");
  const core::Document document = LoadDocument(context, caller, request.params.at("id"));
  Response response = BlobResponse(context, "document", document.id, document.sha256, document.size,
                                   document.media_type);
  response.SetHeader("Content-Disposition", ContentDisposition(document.file_name));
  return response;
}

Response DeleteDocument(ApiContext& context, Request& request) {
  const Caller caller = Authorize(request, context, "document:delete");
  const core::Document document = LoadDocument(context, caller, request.params.at("id"));
  for (const auto& version : context.store.VersionsListingDocument(caller.org(), document.id)) {
    EnsureNotRetained(context, version, "document");
  }
  if (context.store.DeleteDocument(caller.org(), document.id, caller.actor())) {
    context.blobs.Remove(document.sha256);
  }
  return Response{204, {}, "", {}, {}};
}

}  // namespace

void AddDocumentRoutes(Router& router, ApiContext& context) {
  router.Add({"POST", "/api/v1/versions/{id}/documents",
              [&context](Request& r) { return UploadDocument(context, r); }, BodyMode::kStreaming,
              "Upload a document (multipart: file, type, title), streamed to the blob store"});
  router.Add({"GET", "/api/v1/versions/{id}/documents",
              [&context](Request& r) {
                const Caller caller = Authorize(r, context, "document:read");
                const std::string version_id = r.params.at("id");
                if (!context.store.GetVersion(caller.org(), version_id)) {
                  ThrowNotFound("version", version_id);
                }
                return PageResponse(
                    context.store.ListDocuments(caller.org(), version_id, PageFrom(r)),
                    [](const core::Document& d) { return store::ToJson(d); });
              },
              BodyMode::kBuffered, "List a version's documents, own and inherited"});
  router.Add({"GET", "/api/v1/documents/{id}",
              [&context](Request& r) {
                const Caller caller = Authorize(r, context, "document:read");
                return JsonResponse(
                    200, store::ToJson(LoadDocument(context, caller, r.params.at("id"))));
              },
              BodyMode::kBuffered, "Get a document's metadata"});
  router.Add({"GET", "/api/v1/documents/{id}/content",
              [&context](Request& r) { return DocumentContent(context, r); }, BodyMode::kBuffered,
              "Download a document's content (hash-verified)"});
  router.Add({"DELETE", "/api/v1/documents/{id}",
              [&context](Request& r) { return DeleteDocument(context, r); }, BodyMode::kBuffered,
              "Delete a document (refused under retention)"});
}

}  // namespace craft::http
