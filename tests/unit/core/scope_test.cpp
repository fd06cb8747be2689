#include "core/scope.h"

#include <gtest/gtest.h>

namespace craft::core {
namespace {

// Issue 2: write implies read; admin implies everything.
TEST(Scope, WriteImpliesReadAdminImpliesAll) {
  EXPECT_TRUE(ScopeSatisfies({"product:write"}, "product:read"));
  EXPECT_TRUE(ScopeSatisfies({"product:write"}, "product:write"));
  EXPECT_FALSE(ScopeSatisfies({"product:read"}, "product:write"));
  EXPECT_FALSE(ScopeSatisfies({"product:write"}, "version:read"));
  EXPECT_TRUE(ScopeSatisfies({"document:delete"}, "document:read"));
  EXPECT_FALSE(ScopeSatisfies({"document:write"}, "document:delete"));
  EXPECT_TRUE(ScopeSatisfies({"admin"}, "export:read"));
  EXPECT_FALSE(ScopeSatisfies({}, "product:read"));
}

TEST(Scope, RolesCapScopes) {
  EXPECT_TRUE(RoleAllowsScope(Role::kViewer, "product:read"));
  EXPECT_FALSE(RoleAllowsScope(Role::kViewer, "product:write"));
  EXPECT_TRUE(RoleAllowsScope(Role::kMember, "sbom:write"));
  EXPECT_FALSE(RoleAllowsScope(Role::kMember, "document:delete"));
  EXPECT_FALSE(RoleAllowsScope(Role::kMember, "admin"));
  EXPECT_TRUE(RoleAllowsScope(Role::kAdmin, "admin"));
  EXPECT_FALSE(RoleAllowsScope(Role::kOwner, "product:everything"));
}

TEST(Vocabulary, TwentyDocumentTypesAndSubcategories) {
  EXPECT_EQ(DocumentTypeNames().size(), 20u);
  EXPECT_EQ(SubcategoriesOf(Category::kImportantClassI).size(), 19u);
  EXPECT_EQ(SubcategoriesOf(Category::kImportantClassII).size(), 4u);
  EXPECT_EQ(SubcategoriesOf(Category::kCritical).size(), 3u);
  EXPECT_TRUE(SubcategoriesOf(Category::kDefault).empty());
  for (auto name : DocumentTypeNames()) {
    ASSERT_TRUE(ParseDocumentType(name));
    EXPECT_EQ(ToString(*ParseDocumentType(name)), name);
  }
  EXPECT_FALSE(ParseCategory("Critical"));
  EXPECT_TRUE(IsEuMemberState("DE"));
  EXPECT_FALSE(IsEuMemberState("GB"));
}

}  // namespace
}  // namespace craft::core
