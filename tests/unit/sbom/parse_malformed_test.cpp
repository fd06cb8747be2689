// Untrusted input (DESIGN.md, "Conventions"): what is not a readable SBOM is refused with a
// diagnostic that says where and why; nothing crashes or hangs.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "corpus.h"
#include "sbom/parse.h"

namespace craft::sbom {
namespace {

using testing::ReadCorpus;
using testing::ReadFile;

const Diagnostic* FirstError(const Parsed<Document>& p) {
  for (const auto& d : p.diagnostics) {
    if (d.severity == Diagnostic::Severity::kError) return &d;
  }
  return nullptr;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// "12:34": a line:column location.
bool IsLineColumn(const std::string& location) {
  auto colon = location.find(':');
  auto digits = [](std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  return colon != std::string::npos && digits(std::string_view(location).substr(0, colon)) &&
         digits(std::string_view(location).substr(colon + 1));
}

// A JSON SBOM cut in half (keycloak bom.json) is refused as truncated, at a line:column.
TEST(ParseMalformed, TruncatedJson) {
  std::string bytes = ReadCorpus("cyclonedx-bom-examples/SBOM/keycloak-10.0.2/bom.json");
  auto parsed = Parse(bytes.substr(0, bytes.size() / 2));
  EXPECT_FALSE(parsed.value);
  const Diagnostic* e = FirstError(parsed);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(IsLineColumn(e->location)) << e->location;
  EXPECT_TRUE(Contains(e->message, "truncated")) << e->message;
}

// The same for XML (keycloak bom.xml) and for a tag-value file cut inside a <text> value (the
// spdx-spec 2.3 example, cut after its first "<text>").
TEST(ParseMalformed, TruncatedXmlAndTagValue) {
  std::string xml = ReadCorpus("cyclonedx-bom-examples/SBOM/keycloak-10.0.2/bom.xml");
  auto parsed_xml = Parse(xml.substr(0, xml.size() / 2));
  EXPECT_FALSE(parsed_xml.value);
  ASSERT_NE(FirstError(parsed_xml), nullptr);
  EXPECT_TRUE(Contains(FirstError(parsed_xml)->message, "malformed XML"));
  EXPECT_TRUE(IsLineColumn(FirstError(parsed_xml)->location)) << FirstError(parsed_xml)->location;

  std::string tv = ReadCorpus("spdx-spec/support-2.3.1/examples/SPDXTagExample-v2.3.spdx");
  auto cut = tv.find("<text>");
  ASSERT_NE(cut, std::string::npos);
  auto parsed_tv = Parse(tv.substr(0, cut + 20));
  EXPECT_FALSE(parsed_tv.value);
  ASSERT_NE(FirstError(parsed_tv), nullptr);
  EXPECT_TRUE(IsLineColumn(FirstError(parsed_tv)->location));
  EXPECT_TRUE(Contains(FirstError(parsed_tv)->message, "</text>"));
}

// SBOMs that are not UTF-8 (a Latin-1 file, a stray byte) are refused at the
// line:column of the first bad byte; before, the bytes reached the JSON answer of `sbom check`,
// whose writer threw (nlohmann type_error 316, exit 1). Overlong forms, surrogates and truncated
// sequences count as invalid; well-formed multi-byte characters do not. JSON was already refused
// (simdjson checks UTF-8) but at "/"; now at the byte.
TEST(ParseMalformed, TextThatIsNotUtf8) {
  const std::string tv_head =
      "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\nDocumentName: t\n"
      "DocumentNamespace: https://example.com/t\nCreator: Tool: x\n"
      "Created: 2024-01-01T00:00:00Z\n\nPackageName: caf";
  const std::string tv_tail =
      "\nSPDXID: SPDXRef-a\nPackageDownloadLocation: NOASSERTION\nPackageVersion: 1\n";
  for (const std::string& bad : std::vector<std::string>{"\xE9", "\xC0\xA9", "\xED\xA0\x80",
                                                         "\xF4\x90\x80\x80", "\xE2\x82"}) {
    auto parsed = Parse(tv_head + bad + tv_tail);
    EXPECT_FALSE(parsed.value);
    const Diagnostic* e = FirstError(parsed);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->location, "9:17");
    EXPECT_TRUE(Contains(e->message, "not valid UTF-8")) << e->message;
  }
  auto latin1 = Parse(tv_head + "\xE9" + tv_tail);
  EXPECT_TRUE(Contains(FirstError(latin1)->message, "byte 0xE9")) << FirstError(latin1)->message;
  for (const std::string& good :
       std::vector<std::string>{"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"}) {
    auto parsed = Parse(tv_head + good + tv_tail);
    ASSERT_TRUE(parsed.value) << (FirstError(parsed) ? FirstError(parsed)->message : "");
    EXPECT_EQ(parsed.value->components.at(0).name, "caf" + good);
  }
  auto xml = Parse(
      "<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" version=\"1\">\n"
      "<components><component type=\"library\"><name>a\xFF</name></component></components></bom>");
  EXPECT_FALSE(xml.value);
  ASSERT_NE(FirstError(xml), nullptr);
  EXPECT_EQ(FirstError(xml)->location, "3:46");
  auto json = Parse(R"({"bomFormat":"CycloneDX","specVersion":"1.6",)"
                    "\n\"components\":[{\"type\":\"library\",\"name\":\"a\xFF\"}]}");
  EXPECT_FALSE(json.value);
  ASSERT_NE(FirstError(json), nullptr);
  EXPECT_EQ(FirstError(json)->location, "2:42");
  EXPECT_TRUE(Contains(FirstError(json)->message, "not valid UTF-8"));
}

// Every prefix of a small SBOM, JSON and XML (spec suite valid-bom-1.6): no crash, and a prefix
// that is not the whole JSON document is never taken for a complete one.
TEST(ParseMalformed, EveryPrefixOfASmallSbom) {
  for (const char* name : {"valid-bom-1.6.json", "valid-bom-1.6.xml"}) {
    std::string bytes =
        ReadCorpus(std::string("cyclonedx-spec/tools/src/test/resources/1.6/") + name);
    ASSERT_FALSE(bytes.empty());
    std::size_t end = bytes.find_last_not_of(" \r\n") + 1;
    for (std::size_t n = 0; n < end; ++n) {
      auto parsed = Parse(std::string_view(bytes).substr(0, n));
      EXPECT_TRUE(parsed.HasErrors()) << name << " prefix " << n;
    }
  }
}

// Content that is not an SBOM: an HTML page, the SPDX licence id list from npm (a JSON array),
// an SPDX JSON schema, empty input, UTF-16, binary bytes.
TEST(ParseMalformed, RefusesOtherKindsOfFile) {
  struct Case {
    std::string bytes, expected;
  };
  std::vector<Case> cases = {
      {"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head></html>", "HTML"},
      {ReadFile(std::string(CRAFT_NPM_MODULES) + "/spdx-license-ids/index.json"), "not an object"},
      {ReadCorpus("spdx-spec/support-2.3/schemas/spdx-schema.json"), "schema"},
      {"", "empty"},
      {"\xFF\xFE{\0\"\0", "UTF-16"},
      {std::string("\x7F"
                   "ELF\x02\x01\x01\0\0\0",
                   10),
       "not an SBOM"},
  };
  for (const auto& c : cases) {
    auto parsed = Parse(c.bytes);
    EXPECT_FALSE(parsed.value) << c.expected;
    ASSERT_NE(FirstError(parsed), nullptr) << c.expected;
    EXPECT_TRUE(Contains(FirstError(parsed)->message, c.expected)) << FirstError(parsed)->message;
  }
}

// Detection is by content: the spdx-spec tag-value example reads as tag-value whatever it is
// called; the same text behind a '{' (a tag-value file claiming to be JSON) is refused as
// malformed JSON, at the line:column of its first tag-value line.
TEST(ParseMalformed, TagValueThatClaimsToBeJson) {
  std::string tv = ReadCorpus("spdx-spec/support-2.3.1/examples/SPDXTagExample-v2.3.spdx");
  auto as_is = Parse(tv);
  ASSERT_TRUE(as_is.value);
  EXPECT_EQ(as_is.value->format, Format::kSpdxTagValue);
  auto claimed = Parse("{\n" + tv + "\n}");
  EXPECT_FALSE(claimed.value);
  const Diagnostic* e = FirstError(claimed);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(Contains(e->message, "malformed JSON")) << e->message;
  EXPECT_TRUE(Contains(e->message, "2:")) << e->message;
}

// A depth bomb (100,000 nested arrays inside an otherwise valid CycloneDX document) is refused at
// the first level past Limits::max_depth, without recursion.
TEST(ParseMalformed, DepthBomb) {
  std::string bomb = R"({"bomFormat":"CycloneDX","specVersion":"1.6","x":)";
  std::size_t opening = bomb.size();
  bomb += std::string(100000, '[') + std::string(100000, ']') + "}";
  auto parsed = Parse(bomb);
  EXPECT_FALSE(parsed.value);
  ASSERT_NE(FirstError(parsed), nullptr);
  EXPECT_TRUE(Contains(FirstError(parsed)->message, "max_depth"));
  // Level 1 is the root object; the 64th '[' is level 65.
  EXPECT_EQ(FirstError(parsed)->location, "1:" + std::to_string(opening + 64));

  std::string xml = "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">";
  for (int i = 0; i < 10000; ++i) xml += "<a>";
  for (int i = 0; i < 10000; ++i) xml += "</a>";
  xml += "</bom>";
  auto parsed_xml = Parse(xml);
  EXPECT_FALSE(parsed_xml.value);
  ASSERT_NE(FirstError(parsed_xml), nullptr);
  EXPECT_TRUE(Contains(FirstError(parsed_xml)->message, "max_depth"));
}

// Billion laughs and an external entity: any DOCTYPE is refused before an XML parser sees it.
TEST(ParseMalformed, XmlEntitiesAreNeverExpanded) {
  std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i < 10; ++i) {
    laughs += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j)
      laughs += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    laughs += "\">\n";
  }
  laughs +=
      "]>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component "
      "type=\"library\"><name>&lol9;</name></component></components></bom>";
  std::string xxe =
      "<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
      "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><metadata><timestamp>&xxe;"
      "</timestamp></metadata></bom>";
  for (const std::string& bytes : {laughs, xxe}) {
    auto parsed = Parse(bytes);
    EXPECT_FALSE(parsed.value);
    ASSERT_NE(FirstError(parsed), nullptr);
    EXPECT_TRUE(Contains(FirstError(parsed)->message, "DOCTYPE"));
    EXPECT_EQ(FirstError(parsed)->location, bytes == laughs ? "2:1" : "1:22");
  }
}

// Limits: a file over max_bytes and an SBOM over max_components are refused (no value), in
// each format.
TEST(ParseMalformed, LimitsAreRefusals) {
  std::string json = ReadCorpus("cyclonedx-bom-examples/SBOM/keycloak-10.0.2/bom.json");
  Limits small_bytes;
  small_bytes.max_bytes = 1000;
  auto too_big = Parse(json, small_bytes);
  EXPECT_FALSE(too_big.value);
  ASSERT_NE(FirstError(too_big), nullptr);
  EXPECT_TRUE(Contains(FirstError(too_big)->message, "max_bytes"));

  struct Case {
    std::string path;
    std::size_t limit;  // below the file's own count
  };
  for (const Case& c : {Case{"cyclonedx-bom-examples/SBOM/keycloak-10.0.2/bom.json", 100},
                        Case{"cyclonedx-bom-examples/SBOM/keycloak-10.0.2/bom.xml", 100},
                        Case{"spdx-examples/software/example9/spdx2.2/appbomination.spdx.json", 3},
                        Case{"spdx-examples/software/example6/spdx2.2/example6-lib.spdx", 3}}) {
    Limits few;
    few.max_components = c.limit;
    auto parsed = Parse(ReadCorpus(c.path), few);
    ASSERT_NE(FirstError(parsed), nullptr) << c.path;
    EXPECT_TRUE(Contains(FirstError(parsed)->message, "max_components")) << c.path;
    EXPECT_FALSE(parsed.value) << c.path << ": refused whole, not truncated";
  }
}

// A field of the wrong type is a warning at its JSON pointer; the rest of the SBOM is read.
// Trailing content after the document (sbom-scorecard's examples/invalid.json) is refused.
TEST(ParseMalformed, LocalProblemsNameTheirPlace) {
  auto parsed = Parse(R"({"bomFormat":"CycloneDX","specVersion":"1.6","components":[)"
                      R"({"type":"library","name":"a","version":"1"},)"
                      R"({"type":"library","name":"b","version":2}]})");
  ASSERT_TRUE(parsed.value);
  ASSERT_EQ(parsed.value->components.size(), 2u);
  EXPECT_EQ(parsed.value->components[1].version, "2");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  EXPECT_EQ(parsed.diagnostics[0].location, "/components/1/version");
  EXPECT_EQ(parsed.diagnostics[0].severity, Diagnostic::Severity::kWarning);

  auto trailing = Parse(ReadCorpus("sbom-scorecard/examples/invalid.json"));
  EXPECT_FALSE(trailing.value);
  ASSERT_NE(FirstError(trailing), nullptr);
  EXPECT_EQ(FirstError(trailing)->location, "3:2");
}

}  // namespace
}  // namespace craft::sbom

namespace craft::sbom {
namespace {

// The JSON nesting pre-check reads 64 bytes at a time. Strings holding brackets, escaped quotes
// and backslashes, placed at every offset around a 64-byte boundary, must not confuse it: the
// document stays readable, and one unbalanced bracket outside the strings is always found.
TEST(ParseMalformed, NestingCheckAcrossBlockBoundaries) {
  const std::string tricky = R"(a[{\"}]\\\"x\\)";
  for (std::size_t pad = 0; pad < 130; ++pad) {
    std::string head = R"({"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"timestamp":")" +
                       std::string(pad, 'x') + R"("},"components":[{"type":"library","name":")" +
                       tricky + R"(","version":"1"}])";
    auto good = Parse(head + "}");
    ASSERT_TRUE(good.value) << pad;
    EXPECT_FALSE(good.HasErrors()) << pad;
    ASSERT_EQ(good.value->components.size(), 1u);
    EXPECT_EQ(good.value->components[0].name, "a[{\"}]\\\"x\\");
    auto bad = Parse(head + "]}");
    EXPECT_FALSE(bad.value) << pad;
    ASSERT_NE(FirstError(bad), nullptr) << pad;
    EXPECT_TRUE(Contains(FirstError(bad)->message, "do not match")) << FirstError(bad)->message;
  }
}

}  // namespace
}  // namespace craft::sbom

#include <random>

#include "sbom/parse/json_reader.h"

namespace craft::sbom {
namespace {

// A text shaped like JSON: nested brackets, strings holding brackets, escaped quotes and
// backslashes, filler; with `corrupt`, one byte then replaced by a character that matters.
std::string JsonLike(std::mt19937& random, bool corrupt) {
  const std::string inside = "ab[]{} ";
  std::string text;
  std::vector<char> open;
  for (int step = 0, steps = static_cast<int>(random() % 60); step < steps; ++step) {
    switch (random() % 4) {
      case 0:
        text += random() % 2 ? '[' : '{';
        open.push_back(text.back() == '[' ? ']' : '}');
        break;
      case 1:
        if (!open.empty()) {
          text += open.back();
          open.pop_back();
        }
        break;
      case 2:
        text += '"';
        for (int k = static_cast<int>(random() % 90); k > 0; --k) {
          if (random() % 6 == 0) text += random() % 2 ? "\\\"" : "\\\\";
          text += inside[random() % inside.size()];
        }
        text += '"';
        break;
      default:
        text += std::string(random() % 40, ' ');
    }
  }
  while (!open.empty()) {
    text += open.back();
    open.pop_back();
  }
  if (corrupt && !text.empty()) text[random() % text.size()] = "\"\\[]{}"[random() % 6];
  return text;
}

// The fast nesting verdict (64 bytes at a time) agrees with the byte-by-byte scan on 20,000
// generated texts whose strings and escapes straddle 64-byte blocks, half of them corrupted by
// one byte; max_depth 4, so that depth errors occur too.
TEST(ParseMalformed, FastNestingVerdictAgreesWithTheByteScan) {
  std::mt19937 random(20261123);
  int sound = 0, unsound = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = "[" + JsonLike(random, i % 2 == 1) + "]";
    bool fast = parse::JsonNestingIsSound(text, 4);
    bool slow = !parse::DiagnoseJsonNesting(text, 4).has_value();
    ASSERT_EQ(fast, slow) << text;
    (slow ? sound : unsound) += 1;
  }
  EXPECT_GT(sound, 2000);  // both verdicts occur often
  EXPECT_GT(unsound, 2000);
}

}  // namespace
}  // namespace craft::sbom
