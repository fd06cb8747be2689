// An incremental import re-adds what changed: replacing an advisory many times over keeps the
// package's other advisories and matches the latest version of the replaced one (the index's
// compiled ranges are rewritten as replaced entries pile up).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "vuln/advisory/ecosystem.h"
#include "vuln/match/index.h"
#include "vuln/match/matcher.h"

namespace craft::vuln::match {
namespace {

advisory::Advisory Debian(std::string id, std::string release, std::string fixed) {
  advisory::Advisory a;
  a.id = std::move(id);
  advisory::Affected affected;
  affected.package.ecosystem = "Debian:" + release;
  affected.package.name = "openssl";
  affected.package.normalized_name =
      advisory::NormalizePackageName(affected.package.ecosystem, "openssl");
  advisory::AffectedRange range;
  range.events = {{advisory::RangeEvent::Kind::kIntroduced, "0"},
                  {advisory::RangeEvent::Kind::kFixed, std::move(fixed)}};
  affected.ranges.push_back(std::move(range));
  affected.versions = {"3.0.11-1~deb12u1", "3.0.11-1~deb12u2"};
  a.affected.push_back(std::move(affected));
  return a;
}

std::vector<std::string> Ids(const AdvisoryIndex& index, std::string version) {
  std::vector<std::string> ids;
  for (const auto& f : MatchPackage(index, {"Debian:12", "openssl", std::move(version)})) {
    ids.push_back(f.advisory_id + " " + f.fixed_versions.at(0));
  }
  return ids;
}

TEST(IndexReplace, ReplacingAnAdvisoryManyTimesKeepsTheOthers) {
  AdvisoryIndex index;
  index.Add(Debian("DSA-1", "12", "3.0.13-1~deb12u1"));
  index.Add(Debian("DSA-3", "11", "1.1.1w-0+deb11u1"));  // another release: never matches
  for (int i = 0; i < 200; ++i) {
    index.Add(Debian("DSA-2", "12", "3.0.12-" + std::to_string(i + 1)));
  }
  index.Add(Debian("DSA-4", "12", "3.0.14-1~deb12u1"));
  EXPECT_EQ(index.size(), 4u);
  EXPECT_EQ(Ids(index, "3.0.11-1~deb12u2"),
            (std::vector<std::string>{"DSA-1 3.0.13-1~deb12u1", "DSA-2 3.0.12-200",
                                      "DSA-4 3.0.14-1~deb12u1"}));
  // 3.0.12-150 is fixed by the earlier copies of DSA-2, not by the one indexed last.
  EXPECT_EQ(Ids(index, "3.0.12-150"),
            (std::vector<std::string>{"DSA-1 3.0.13-1~deb12u1", "DSA-2 3.0.12-200",
                                      "DSA-4 3.0.14-1~deb12u1"}));
  // Withdrawing the replaced one leaves the others.
  auto withdrawn = Debian("DSA-2", "12", "3.0.12-1");
  withdrawn.withdrawn = "2026-01-01T00:00:00Z";
  index.Add(std::move(withdrawn));
  EXPECT_EQ(Ids(index, "3.0.13-1"), (std::vector<std::string>{"DSA-4 3.0.14-1~deb12u1"}));
}

}  // namespace
}  // namespace craft::vuln::match
