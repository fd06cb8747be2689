#pragma once
// CPE 2.3 formatted strings (NISTIR 7695, section 6.2) and the attribute comparison of CPE name
// matching (NISTIR 7696) as NVD applicability statements need it. Pure; never throws.

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace craft::vuln::match {

// A CPE 2.3 name with its eleven attributes unescaped ("\:" becomes ":"). The logical values keep
// their formatted spelling: "*" is ANY, "-" is NA. Letters are lower-cased, as CPE matching is
// case-insensitive.
struct Cpe {
  enum Attribute {
    kPart,
    kVendor,
    kProduct,
    kVersion,
    kUpdate,
    kEdition,
    kLanguage,
    kSwEdition,
    kTargetSw,
    kTargetHw,
    kOther,
    kAttributeCount
  };
  std::array<std::string, kAttributeCount> attributes;

  const std::string& part() const { return attributes[kPart]; }
  const std::string& vendor() const { return attributes[kVendor]; }
  const std::string& product() const { return attributes[kProduct]; }
  const std::string& version() const { return attributes[kVersion]; }
};

// Parses "cpe:2.3:a:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:
// other". Missing trailing attributes are ANY. Returns nullopt when the prefix is not "cpe:2.3:",
// there are more than eleven attributes, the part is not a, o, h or ANY, or vendor or product is
// empty.
std::optional<Cpe> ParseCpe23(std::string_view text);

// Whether the value `target` (of a component's CPE) falls under `criteria` (of an NVD cpeMatch) for
// one attribute: criteria ANY matches everything; target ANY (unknown) matches everything; NA only
// NA; otherwise the values must be equal. A "*" or "?" at either end of a criteria value acts as
// a wildcard (NISTIR 7696 section 6.1.3).
bool AttributeMatches(std::string_view criteria, std::string_view target);

}  // namespace craft::vuln::match
