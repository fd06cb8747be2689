// Every numbered .sql file in src/store/migrations is embedded, in order, numbered from 1 without
// gaps. Regression: with two files the build passed the list through the shell, which split it at
// ';' and embedded nothing past the first file.

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "store/migrations.h"

namespace craft::store {
namespace {

TEST(MigrationsList, EveryFileIsEmbeddedInOrder) {
  std::set<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(CRAFT_SOURCE_DIR) +
                                                               "/src/store/migrations")) {
    if (entry.path().extension() == ".sql") files.insert(entry.path().stem().string());
  }
  ASSERT_GE(files.size(), 2u);
  const auto& migrations = Migrations();
  ASSERT_EQ(migrations.size(), files.size());
  int expected = 1;
  for (const auto& name : files) {
    EXPECT_EQ(migrations[expected - 1].number, expected) << name;
    EXPECT_EQ(migrations[expected - 1].name, name);
    EXPECT_FALSE(migrations[expected - 1].sql.empty()) << name;
    ++expected;
  }
}

}  // namespace
}  // namespace craft::store
