#include "store/schema.h"

#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include <cstdio>

#include "store/search_query.h"

namespace isnad::schema {

namespace {

// Version 1: documents, analysis runs, analyses, entities, attributions, disputes.
constexpr const char* kV1 = R"sql(
PRAGMA application_id = 1769172580;

CREATE TABLE runs(
  run_id        INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL,            -- ingest | reanalyze | import | merge
  isnad_version TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  started_at    TEXT NOT NULL,            -- ISO 8601 UTC
  finished_at   TEXT,
  status        TEXT NOT NULL,            -- running | complete | interrupted | failed
  documents     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents(
  doc_key       INTEGER PRIMARY KEY,
  doc_id        TEXT NOT NULL UNIQUE,
  content_hash  TEXT NOT NULL,            -- XXH3-128 of id, outlet, url, date, title, text
  outlet        TEXT,
  url           TEXT,
  date          TEXT,                     -- as written in the record
  title         TEXT,
  text          TEXT NOT NULL,            -- the whole original text
  source        TEXT,                     -- where it was read: FILE or FILE:LINE
  title_start   INTEGER, title_end INTEGER,   -- code points into text
  body_start    INTEGER, body_end  INTEGER,
  credits       TEXT NOT NULL DEFAULT '[]',   -- JSON array
  credits_start INTEGER, credits_end INTEGER,
  analysis_id   INTEGER REFERENCES analyses(analysis_id) DEFERRABLE INITIALLY DEFERRED,
  ingested_at   TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX documents_analysis ON documents(analysis_id);

CREATE TABLE analyses(
  analysis_id   INTEGER PRIMARY KEY,
  doc_key       INTEGER NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,
  run_id        INTEGER NOT NULL REFERENCES runs(run_id),
  content_hash  TEXT NOT NULL,            -- of the text it analyzed
  warnings      TEXT NOT NULL DEFAULT '[]',
  analyzed_at   TEXT NOT NULL,
  UNIQUE(doc_key, run_id)
);
CREATE INDEX analyses_run ON analyses(run_id);

CREATE TABLE entities(
  entity_id     TEXT PRIMARY KEY,         -- state:ru, outlet:tass, person:..., local:<kind>:<name>
  name_ar       TEXT NOT NULL,
  name_en       TEXT,
  kind          TEXT NOT NULL,
  country       TEXT
);

CREATE TABLE attributions(
  attribution_id  INTEGER PRIMARY KEY,
  analysis_id     INTEGER NOT NULL REFERENCES analyses(analysis_id) ON DELETE CASCADE,
  idx             INTEGER NOT NULL,       -- position in the analysis
  cue_start INTEGER, cue_end INTEGER, cue_text TEXT, cue_lemma TEXT,
  source_start INTEGER, source_end INTEGER, source_text TEXT,
  source_resolved TEXT,
  source_kind     TEXT NOT NULL,          -- person official anonymous state institution outlet document unspecified
  anonymous       INTEGER NOT NULL,
  identification  TEXT,                   -- named role vague none
  reason_start INTEGER, reason_end INTEGER, reason_text TEXT,
  title           TEXT,
  country         TEXT,
  entity_id       TEXT REFERENCES entities(entity_id),
  entity_seat     TEXT,
  content_start INTEGER, content_end INTEGER, content_text TEXT,
  form            TEXT,                   -- direct indirect mixed
  via             TEXT NOT NULL DEFAULT '[]',  -- JSON array, outermost first
  stance          TEXT,
  rule            TEXT,
  confidence      REAL,
  antecedent      INTEGER,
  claim_key       TEXT,                   -- XXH3-64 of the normalized content
  UNIQUE(analysis_id, idx)
);
CREATE INDEX attributions_entity ON attributions(entity_id);
CREATE INDEX attributions_claim ON attributions(claim_key);

CREATE TABLE disputes(
  dispute_id      INTEGER PRIMARY KEY,
  analysis_id     INTEGER NOT NULL REFERENCES analyses(analysis_id) ON DELETE CASCADE,
  idx             INTEGER NOT NULL,
  cue_start INTEGER, cue_end INTEGER, cue_text TEXT,
  by_name TEXT, against_name TEXT, by_entity TEXT, against_entity TEXT,
  about TEXT, about_start INTEGER, about_end INTEGER,
  evidence_start INTEGER, evidence_end INTEGER, evidence_text TEXT,
  attribution     INTEGER,                -- idx of the attribution stating it
  targets         TEXT NOT NULL DEFAULT '[]',
  rule            TEXT,
  UNIQUE(analysis_id, idx)
);
)sql";

// Version 2: the month of each document, full-text search, views over the current analyses.
constexpr const char* kV2 = R"sql(
ALTER TABLE documents ADD COLUMN month TEXT;   -- YYYY-MM from date, NULL when unknown
CREATE INDEX documents_outlet_month ON documents(outlet, month);

CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- Contentless: they index the search form of the texts (SearchForm: Normalize, then every
-- character that is not a letter or digit made a space, so the ascii tokenizer splits words
-- exactly as the query builder does); rowid = doc_key and attribution_id. The originals are
-- in documents and attributions.
CREATE VIRTUAL TABLE doc_fts USING fts5(text, content='', tokenize='ascii');
CREATE VIRTUAL TABLE attr_fts USING fts5(text, content='', tokenize='ascii');

CREATE VIEW current_attributions AS
  SELECT a.*, d.doc_key, d.doc_id, d.outlet, d.month
  FROM documents d JOIN attributions a ON a.analysis_id = d.analysis_id;

CREATE VIEW claims AS
  SELECT claim_key, MIN(content_text) AS text, COUNT(*) AS attributions,
         COUNT(DISTINCT doc_key) AS documents, COUNT(DISTINCT outlet) AS outlets
  FROM current_attributions WHERE claim_key IS NOT NULL GROUP BY claim_key;
)sql";

}  // namespace

const char* MigrationSql(int version) {
  switch (version) {
    case 1:
      return kV1;
    case 2:
      return kV2;
    default:
      return "";
  }
}

std::string SearchNormalizerFingerprint() {
  static const char kProbe[] =
      "أإآٱ ى ی ة ک ـ ًٌٍَُِّْ ٰ ٠١٢٣٤٥٦٧٨٩ ۰۱۲ «» “” ، ؛ ؟ ABC abc \xE2\x80\x8C \xC2\xA0 ؤ ئ ء";
  std::string n = SearchForm(kProbe);
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(n.data(), n.size())));
  return buf;
}

std::string AttributionSearchText(const std::string& source_text,
                                  const std::string& source_resolved,
                                  const std::string& content_text) {
  std::string all = source_text;
  if (!source_resolved.empty() && source_resolved != source_text) all += "\n" + source_resolved;
  all += "\n" + content_text;
  return SearchForm(all);
}

}  // namespace isnad::schema
