#include "export/zip_layout.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <utility>

#include "core/date.h"
#include "core/json_text.h"

namespace craft::exporting {
namespace {

constexpr std::size_t kMaxNameBytes = 200;

bool Forbidden(unsigned char c) {
  return c < 0x20 || c == 0x7F ||
         std::string_view("\\<>:\"|?*/").find(static_cast<char>(c)) != std::string_view::npos;
}

// Cuts to at most `max` bytes without splitting a UTF-8 sequence (the text is valid UTF-8).
std::string CutUtf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return std::string(s);
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end));
}

std::pair<std::string, std::string> SplitExtension(const std::string& name) {
  const auto dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0 || name.size() - dot > 16) return {name, ""};
  return {name.substr(0, dot), name.substr(dot)};
}

std::string LowerAscii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Hands out unique names within one folder.
class Folder {
 public:
  std::string Claim(const std::string& name) {
    if (taken_.insert(LowerAscii(name)).second) return name;
    const auto [stem, extension] = SplitExtension(name);
    for (int n = 2;; ++n) {
      std::string candidate = stem + " (" + std::to_string(n) + ")" + extension;
      if (taken_.insert(LowerAscii(candidate)).second) return candidate;
    }
  }
  void Reserve(const std::string& name) { taken_.insert(LowerAscii(name)); }

 private:
  std::set<std::string> taken_;
};

std::vector<std::size_t> DocumentOrder(const std::vector<TechnicalFileDocument>& documents) {
  std::vector<std::size_t> order(documents.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const core::Document& x = documents[a].document;
    const core::Document& y = documents[b].document;
    return std::tie(x.type, x.file_name, x.sha256, x.id) <
           std::tie(y.type, y.file_name, y.sha256, y.id);
  });
  return order;
}

// A few Latin letters spelled in ASCII for slugs; everything else non-ASCII separates words.
std::string_view Transliterate(std::string_view utf8_letter) {
  static const std::pair<std::string_view, std::string_view> kLetters[] = {
      {"ä", "ae"}, {"ö", "oe"}, {"ü", "ue"}, {"Ä", "ae"}, {"Ö", "oe"}, {"Ü", "ue"}, {"ß", "ss"},
      {"à", "a"},  {"á", "a"},  {"â", "a"},  {"å", "a"},  {"ç", "c"},  {"è", "e"},  {"é", "e"},
      {"ê", "e"},  {"ë", "e"},  {"ì", "i"},  {"í", "i"},  {"î", "i"},  {"ï", "i"},  {"ñ", "n"},
      {"ò", "o"},  {"ó", "o"},  {"ô", "o"},  {"ø", "o"},  {"ù", "u"},  {"ú", "u"},  {"û", "u"},
      {"É", "e"},  {"È", "e"},  {"À", "a"},  {"Å", "a"},  {"Ø", "o"},  {"æ", "ae"}, {"œ", "oe"}};
  for (const auto& [from, to] : kLetters) {
    if (from == utf8_letter) return to;
  }
  return {};
}

}  // namespace

std::string SafeFileName(std::string_view name, std::string_view fallback) {
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string clean;
  while (!name.empty()) {
    const std::size_t n = core::Utf8SequenceLength(name, 0);
    if (n == 0 || (n == 1 && Forbidden(static_cast<unsigned char>(name[0])))) {
      clean += '_';
      name.remove_prefix(n == 0 ? 1 : n);
    } else {
      clean.append(name.substr(0, n));
      name.remove_prefix(n);
    }
  }
  const auto first = clean.find_first_not_of(". ");
  clean = first == std::string::npos ? "" : clean.substr(first);
  while (!clean.empty() && (clean.back() == '.' || clean.back() == ' ')) clean.pop_back();
  if (clean.empty()) return std::string(fallback);
  if (clean.size() > kMaxNameBytes) {
    const auto [stem, extension] = SplitExtension(clean);
    clean = CutUtf8(stem, kMaxNameBytes - extension.size()) + extension;
  }
  return clean;
}

std::string Slug(std::string_view text) {
  std::string slug;
  bool dash = false;
  auto put = [&](std::string_view letters) {
    if (dash && !slug.empty()) slug += '-';
    dash = false;
    slug.append(letters);
  };
  while (!text.empty()) {
    const std::size_t n = std::max<std::size_t>(1, core::Utf8SequenceLength(text, 0));
    const std::string_view letter = text.substr(0, n);
    text.remove_prefix(n);
    const char c = letter[0];
    if (n == 1 && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      put(letter);
    } else if (n == 1 && c >= 'A' && c <= 'Z') {
      put(std::string(1, static_cast<char>(c - 'A' + 'a')));
    } else if (const auto ascii = Transliterate(letter); !ascii.empty()) {
      put(ascii);
    } else {
      dash = true;
    }
  }
  return slug.empty() ? "product" : slug;
}

std::string TechnicalFileName(const TechnicalFile& file) {
  std::string product =
      file.product.slug.empty() ? Slug(file.product.name) : Slug(file.product.slug);
  std::string version;
  for (char c : file.version.version) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '+' || c == '-';
    version += keep ? c : '-';
  }
  if (version.empty() || version.find_first_not_of('.') == std::string::npos) version = "version";
  return product + "-" + version + "-technical-file-" +
         core::FormatDate(core::DateOf(file.exported_at)) + ".zip";
}

TechnicalFileLayout PlanTechnicalFile(const TechnicalFile& file, bool include_sboms) {
  TechnicalFileLayout layout;
  std::vector<std::pair<core::DocumentType, Folder>> folders;
  auto folder_of = [&folders](core::DocumentType type) -> Folder& {
    for (auto& [t, f] : folders) {
      if (t == type) return f;
    }
    return folders.emplace_back(type, Folder{}).second;
  };
  for (std::size_t i : DocumentOrder(file.documents)) {
    const TechnicalFileDocument& d = file.documents[i];
    PlannedFile planned{i, ""};
    if (d.content) {
      const std::string name =
          folder_of(d.document.type).Claim(SafeFileName(d.document.file_name, "document"));
      planned.path = "documents/" + std::string(core::ToString(d.document.type)) + "/" + name;
    }
    layout.documents.push_back(std::move(planned));
  }
  Folder sboms;
  sboms.Reserve(std::string(kComponentsEntry.substr(kComponentsEntry.find('/') + 1)));
  for (std::size_t i = 0; i < file.sboms.size(); ++i) {
    PlannedFile planned{i, ""};
    if (include_sboms && file.sboms[i].content) {
      planned.path = "sboms/" + sboms.Claim(SafeFileName(file.sboms[i].file_name, "sbom"));
    }
    layout.sboms.push_back(std::move(planned));
  }
  layout.components_included = include_sboms && (!file.sboms.empty() || !file.components.empty());
  if (!file.findings.empty()) {
    Folder vex;
    for (std::size_t i = 0; i < file.vex.size(); ++i) {
      layout.vex.push_back({i, "vex/" + vex.Claim(SafeFileName(file.vex[i].file_name, "vex"))});
    }
  }
  return layout;
}

}  // namespace craft::exporting
