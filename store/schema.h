// The store's schema, one migration per version (internal to isnad::store; store/README.md
// documents the tables). Migration N takes a file at version N-1 to version N; it is SQL plus,
// for some versions, a step in C++ that fills new columns or indexes from existing rows.
// Migrations run inside a transaction that also sets PRAGMA user_version.
#pragma once

#include <cstdint>
#include <string>

namespace isnad::schema {

// PRAGMA application_id of an isnad store ("isnd").
inline constexpr int32_t kApplicationId = 0x69736e64;

// The SQL of migration `version` (1..kSchemaVersion); "" for an unknown version.
const char* MigrationSql(int version);

// A fingerprint of the search normalization: when Normalize() changes between builds, the
// contentless FTS5 indexes (which must be given the indexed values to delete a row) are
// rebuilt when a writer opens the store.
std::string SearchNormalizerFingerprint();

// What attr_fts indexes for an attribution: its source as written, the resolved name (when
// different) and its content, in search form.
std::string AttributionSearchText(const std::string& source_text,
                                  const std::string& source_resolved,
                                  const std::string& content_text);

}  // namespace isnad::schema
