#pragma once
// How each record maps to its table: the column lists the queries select (always starting with
// `seq`), the readers that turn a result row into a record, and the binders for the columns a
// record writes. Internal to src/store/sqlite.

#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "store/sqlite/connection.h"

namespace craft::store::sqlite {

// The SELECT list for a reader, each column qualified by `alias` ("p" gives "p.seq, p.id, ...").
std::string OrganisationColumns(std::string_view alias);
std::string UserColumns(std::string_view alias);
std::string ApiKeyColumns(std::string_view alias);
std::string ProductColumns(std::string_view alias);
std::string VersionColumns(std::string_view alias);
std::string DocumentColumns(std::string_view alias);
std::string AuditColumns(std::string_view alias);

// The number of columns each SELECT list has (a reader's extra columns start there).
inline constexpr int kUserColumnCount = 5;
inline constexpr int kApiKeyColumnCount = 11;
inline constexpr int kDocumentColumnCount = 12;

// The columns a record's writable fields go to, in the order its Bind*Fields binds them, and the
// matching "?, ?, ..." list. For INSERT (columns) VALUES (placeholders) and for
// UPDATE ... SET (columns) = (placeholders).
std::string_view OrganisationFieldColumns();
std::string_view ProductFieldColumns();
std::string_view VersionFieldColumns();
std::string Placeholders(std::string_view columns);

void BindOrganisationFields(Statement& st, const core::Organisation& org);
void BindProductFields(Statement& st, const core::Product& product);
void BindVersionFields(Statement& st, const core::Version& version);

// Readers of a row selected with the matching column list (column 0 is seq).
core::Organisation ReadOrganisation(const Statement& st);
core::User ReadUser(const Statement& st);
core::ApiKey ReadApiKey(const Statement& st);
core::Product ReadProduct(const Statement& st);
core::Version ReadVersion(const Statement& st);
core::Document ReadDocument(const Statement& st);
core::AuditEntry ReadAuditEntry(const Statement& st);

// A list of strings as JSON text, and back (throws StoreError(kUnavailable) when not a JSON array
// of strings: the database was written by something else).
std::string StringListToJson(const std::vector<std::string>& list);
std::vector<std::string> StringListFromJson(std::string_view text);

}  // namespace craft::store::sqlite
