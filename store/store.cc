#include "store/store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "analyzer/utf8.h"
#include "isnad_version.h"
#include "store/schema.h"
#include "store/search_query.h"

namespace isnad {

using json = nlohmann::json;

namespace {

std::string NowUtc() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Binding helpers: empty strings and absent spans become NULL. They copy the value (SQLite's
// TRANSIENT), so temporaries are safe; the large texts are bound with bindNoCopy explicitly.
void BindText(SQLite::Statement& st, int i, const std::string& s) {
  if (s.empty()) {
    st.bind(i);
  } else {
    st.bind(i, s);
  }
}
void BindInt(SQLite::Statement& st, int i, int64_t v) {
  if (v < 0) {
    st.bind(i);
  } else {
    st.bind(i, v);
  }
}
void BindSpan(SQLite::Statement& st, int i, const CpSpan& s, bool with_text) {
  BindInt(st, i, s.present() ? s.start : -1);
  BindInt(st, i + 1, s.present() ? s.end : -1);
  if (with_text) {
    if (s.present()) {
      BindText(st, i + 2, s.text);
    } else {
      st.bind(i + 2);
    }
  }
}

std::string Text(const SQLite::Column& c) { return c.isNull() ? std::string() : c.getString(); }
int64_t Int(const SQLite::Column& c, int64_t def = -1) { return c.isNull() ? def : c.getInt64(); }

std::vector<std::string> JsonStrings(const std::string& s) {
  std::vector<std::string> out;
  json j = json::parse(s, nullptr, false);
  if (j.is_array()) {
    for (const json& e : j) {
      if (e.is_string()) out.push_back(e.get<std::string>());
    }
  }
  return out;
}

const char* GroupExpr(StatsGroup g, bool outlet) {
  const bool by_outlet = g == StatsGroup::kOutletMonth || g == StatsGroup::kOutlet;
  const bool by_month = g == StatsGroup::kOutletMonth || g == StatsGroup::kMonth;
  if (outlet) return by_outlet ? "COALESCE(NULLIF(d.outlet, ''), '(none)')" : "'*'";
  return by_month ? "COALESCE(d.month, '(unknown)')" : "'*'";
}

}  // namespace

const std::vector<std::string>& SourceKindNames() {
  static const std::vector<std::string> kNames = {"person",   "official",    "anonymous",
                                                  "state",    "institution", "outlet",
                                                  "document", "unspecified"};
  return kNames;
}

std::string DefaultStorePath() {
  const char* env = std::getenv("ISNAD_DB");
  if (env != nullptr && *env != '\0') return env;
  return "isnad.db";
}

struct Store::Impl {
  std::string path;
  StoreOptions opt;
  std::unique_ptr<SQLite::Database> db;
  int lock_fd = -1;
  int version = 0;
  bool in_txn = false;
  std::unordered_set<std::string> entities_seen;
  std::unordered_map<int64_t, std::string> run_rules;  // run -> rules version
  std::unique_ptr<SQLite::Statement> find_doc, old_text, insert_doc, update_doc, set_current,
      fts_insert, fts_delete, insert_analysis, delete_analysis, analysis_attrs, attr_fts_insert,
      attr_fts_delete, upsert_entity, insert_attr, insert_dispute, find_in_run;

  ~Impl() {
    // Statements before the connection, the connection before the lock.
    find_doc.reset();
    old_text.reset();
    insert_doc.reset();
    update_doc.reset();
    set_current.reset();
    fts_insert.reset();
    fts_delete.reset();
    insert_analysis.reset();
    delete_analysis.reset();
    analysis_attrs.reset();
    attr_fts_insert.reset();
    attr_fts_delete.reset();
    upsert_entity.reset();
    insert_attr.reset();
    insert_dispute.reset();
    find_in_run.reset();
    if (db && in_txn) db->tryExec("ROLLBACK");
    db.reset();
    if (lock_fd >= 0) close(lock_fd);
  }

  Status Error(const std::string& what, const std::exception& e) const {
    std::string msg = what + ": " + e.what();
    if (const auto* se = dynamic_cast<const SQLite::Exception*>(&e)) {
      msg += Hint(se->getErrorCode());
    }
    return Status(ErrorCode::kStore, msg, path);
  }

  // What a user can do about the SQLite errors the store's faults produce.
  std::string Hint(int code) const {
    switch (code & 0xff) {
      case SQLITE_FULL:
        return " (the disk is full, or the store reached its size limit: free some space and "
               "run the same command again; the batches committed before are kept)";
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        return " (the file is damaged or is not an isnad store: nothing was written to it; "
               "restore it from a copy, or save what is readable with `sqlite3 " +
               path + " .recover`)";
      case SQLITE_READONLY:
        return " (the store cannot be written: check the permissions of the file, of its "
               "-wal and -shm files and of its folder)";
      case SQLITE_CANTOPEN:
      case SQLITE_PERM:
        return " (check that the folder exists and that the file, its -wal and -shm files "
               "and the folder may be read and written)";
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return " (another process holds the store: wait for it to finish)";
      case SQLITE_IOERR:
        return " (an I/O error from the file system: check the disk)";
      default:
        return "";
    }
  }

  SQLite::Statement& Stmt(std::unique_ptr<SQLite::Statement>& slot, const char* sql) {
    if (!slot) slot = std::make_unique<SQLite::Statement>(*db, sql);
    slot->reset();
    slot->clearBindings();
    return *slot;
  }

  Status TakeLock() {
    std::string lock_path = path + ".lock";
    lock_fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd < 0) {
      return Status(ErrorCode::kStore,
                    "cannot create the lock file " + lock_path + ": " + std::strerror(errno), path);
    }
    if (flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
      int err = errno;
      close(lock_fd);
      lock_fd = -1;
      if (err == EWOULDBLOCK) {
        return Status(ErrorCode::kStore,
                      "another isnad process is writing to this store (it holds " + lock_path +
                          "); wait for it to finish",
                      path);
      }
      return Status(ErrorCode::kStore,
                    std::string("cannot lock ") + lock_path + ": " + std::strerror(err), path);
    }
    return Status::Ok();
  }

  void Pragmas(bool write) {
    db->exec("PRAGMA foreign_keys = ON");
    if (write) {
      db->exec("PRAGMA journal_mode = WAL");
      db->exec("PRAGMA synchronous = NORMAL");
      db->exec("PRAGMA wal_autocheckpoint = 8192");  // 32 MB of WAL between checkpoints
      // Debian builds SQLite with SECURE_DELETE: every freed page (the search indexes free
      // many as they merge their segments) would be overwritten with zeros, for nothing.
      db->exec("PRAGMA secure_delete = OFF");
      // The writer's cache holds a batch's pages (documents, analyses, index segments).
      db->exec("PRAGMA cache_size = -65536");
    } else {
      db->exec("PRAGMA cache_size = -32000");
    }
    db->exec("PRAGMA temp_store = MEMORY");
  }

  // Checks that the file is an isnad store (or empty) and reads its version.
  Status ReadVersion() {
    version = db->execAndGet("PRAGMA user_version").getInt();
    int app = db->execAndGet("PRAGMA application_id").getInt();
    if (version == 0) {
      int tables = db->execAndGet("SELECT COUNT(*) FROM sqlite_schema").getInt();
      if (tables > 0) {
        return Status(ErrorCode::kStore, "not an isnad store (a SQLite file with other tables)",
                      path);
      }
    } else if (app != schema::kApplicationId) {
      return Status(ErrorCode::kStore,
                    "not an isnad store (its application_id is " + std::to_string(app) + ")", path);
    }
    if (version > kSchemaVersion) {
      return Status(ErrorCode::kStore,
                    "the store has schema version " + std::to_string(version) +
                        ", newer than this isnad (" + std::to_string(kSchemaVersion) +
                        "): use a newer isnad",
                    path);
    }
    return Status::Ok();
  }

  // The C++ part of migration 2: months of existing documents and the search indexes.
  void MigrateTo2() {
    SQLite::Statement sel(*db, "SELECT doc_key, date FROM documents");
    SQLite::Statement upd(*db, "UPDATE documents SET month = ? WHERE doc_key = ?");
    while (sel.executeStep()) {
      std::string m = YearMonth(Text(sel.getColumn(1)));
      upd.reset();
      BindText(upd, 1, m);
      upd.bind(2, sel.getColumn(0).getInt64());
      upd.exec();
    }
    RebuildSearch();
  }

  // Re-creates both FTS5 indexes from the stored texts (inside the caller's transaction).
  void RebuildSearch() {
    db->exec("INSERT INTO doc_fts(doc_fts) VALUES('delete-all')");
    db->exec("INSERT INTO attr_fts(attr_fts) VALUES('delete-all')");
    {
      SQLite::Statement sel(*db, "SELECT doc_key, text FROM documents");
      SQLite::Statement ins(*db, "INSERT INTO doc_fts(rowid, text) VALUES(?, ?)");
      while (sel.executeStep()) {
        std::string s = SearchForm(Text(sel.getColumn(1)));
        ins.reset();
        ins.bind(1, sel.getColumn(0).getInt64());
        ins.bindNoCopy(2, s);
        ins.exec();
      }
    }
    {
      SQLite::Statement sel(
          *db,
          "SELECT attribution_id, source_text, source_resolved, content_text FROM attributions");
      SQLite::Statement ins(*db, "INSERT INTO attr_fts(rowid, text) VALUES(?, ?)");
      while (sel.executeStep()) {
        std::string t = schema::AttributionSearchText(
            Text(sel.getColumn(1)), Text(sel.getColumn(2)), Text(sel.getColumn(3)));
        ins.reset();
        ins.bind(1, sel.getColumn(0).getInt64());
        ins.bindNoCopy(2, t);
        ins.exec();
      }
    }
    SQLite::Statement meta(*db,
                           "INSERT INTO meta(key, value) VALUES('search_normalizer', ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    meta.bind(1, schema::SearchNormalizerFingerprint());
    meta.exec();
  }

  Status Migrate() {
    const int target = std::min(opt.migrate_to, kSchemaVersion);
    while (version < target) {
      const int next = version + 1;
      try {
        db->exec("BEGIN IMMEDIATE");
        db->exec(schema::MigrationSql(next));
        if (next == 2) MigrateTo2();
        db->exec("PRAGMA user_version = " + std::to_string(next));
        db->exec("COMMIT");
      } catch (const std::exception& e) {
        db->tryExec("ROLLBACK");
        return Error("migrating the schema to version " + std::to_string(next), e);
      }
      version = next;
    }
    return Status::Ok();
  }

  // Deletes the search rows of an analysis's attributions (contentless FTS5 must be given the
  // indexed values), then the analysis (its attributions and disputes cascade).
  void DeleteAnalysis(int64_t analysis_id) {
    SQLite::Statement& sel =
        Stmt(analysis_attrs,
             "SELECT attribution_id, source_text, source_resolved, content_text FROM attributions "
             "WHERE analysis_id = ?");
    sel.bind(1, analysis_id);
    while (sel.executeStep()) {
      std::string t = schema::AttributionSearchText(Text(sel.getColumn(1)), Text(sel.getColumn(2)),
                                                    Text(sel.getColumn(3)));
      SQLite::Statement& del = Stmt(
          attr_fts_delete, "INSERT INTO attr_fts(attr_fts, rowid, text) VALUES('delete', ?, ?)");
      del.bind(1, sel.getColumn(0).getInt64());
      del.bindNoCopy(2, t);
      del.exec();
    }
    sel.reset();
    SQLite::Statement& d = Stmt(delete_analysis, "DELETE FROM analyses WHERE analysis_id = ?");
    d.bind(1, analysis_id);
    d.exec();
  }

  // Removes what dead writers left: unpromoted analyses of runs still marked running (killed),
  // or of runs marked failed (a reanalyze stopped by a store error, e.g. a full disk, whose
  // own clean-up could not be done then).
  Status Recover() {
    try {
      std::vector<std::pair<int64_t, bool>> dead;  // run, still marked running
      {
        SQLite::Statement st(
            *db,
            "SELECT run_id, status = 'running' FROM runs WHERE status = 'running' OR (status = "
            "'failed' AND EXISTS (SELECT 1 FROM analyses a WHERE a.run_id = runs.run_id AND NOT "
            "EXISTS (SELECT 1 FROM documents d WHERE d.analysis_id = a.analysis_id)))");
        while (st.executeStep()) {
          dead.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getInt() != 0);
        }
      }
      for (auto [run, running] : dead) {
        db->exec("BEGIN IMMEDIATE");
        std::vector<int64_t> orphans;
        {
          SQLite::Statement st(*db,
                               "SELECT analysis_id FROM analyses a WHERE run_id = ? AND NOT "
                               "EXISTS (SELECT 1 FROM documents d WHERE d.analysis_id = "
                               "a.analysis_id)");
          st.bind(1, run);
          while (st.executeStep()) orphans.push_back(st.getColumn(0).getInt64());
        }
        for (int64_t a : orphans) DeleteAnalysis(a);
        SQLite::Statement upd(*db,
                              "UPDATE runs SET status = ?, finished_at = COALESCE(finished_at, "
                              "?), documents = (SELECT COUNT(*) FROM analyses WHERE run_id = ?) "
                              "WHERE run_id = ?");
        upd.bind(1, running ? "interrupted" : "failed");
        upd.bind(2, NowUtc());
        upd.bind(3, run);
        upd.bind(4, run);
        upd.exec();
        db->exec("COMMIT");
      }
      // The search indexes were built by another normalizer: rebuild them.
      SQLite::Statement fp(*db, "SELECT value FROM meta WHERE key = 'search_normalizer'");
      std::string have = fp.executeStep() ? Text(fp.getColumn(0)) : "";
      fp.reset();
      if (have != schema::SearchNormalizerFingerprint()) {
        db->exec("BEGIN IMMEDIATE");
        RebuildSearch();
        db->exec("COMMIT");
      }
    } catch (const std::exception& e) {
      db->tryExec("ROLLBACK");
      return Error("recovering after an interrupted run", e);
    }
    return Status::Ok();
  }

  std::string RulesOfRun(int64_t run) {
    auto it = run_rules.find(run);
    if (it != run_rules.end()) return it->second;
    SQLite::Statement st(*db, "SELECT rules_version FROM runs WHERE run_id = ?");
    st.bind(1, run);
    std::string v = st.executeStep() ? Text(st.getColumn(0)) : "";
    run_rules[run] = v;
    return v;
  }

  int64_t InsertAnalysis(int64_t doc_key, int64_t run, const DocRecord& r) {
    SQLite::Statement& ia = Stmt(insert_analysis,
                                 "INSERT INTO analyses(doc_key, run_id, content_hash, warnings, "
                                 "analyzed_at) VALUES(?, ?, ?, ?, ?)");
    std::string warnings = json(r.warnings).dump(-1, ' ', false, json::error_handler_t::replace);
    std::string now = NowUtc();
    ia.bind(1, doc_key);
    ia.bind(2, run);
    ia.bindNoCopy(3, r.content_hash);
    ia.bindNoCopy(4, warnings);
    ia.bindNoCopy(5, now);
    ia.exec();
    const int64_t aid = db->getLastInsertRowid();
    for (size_t i = 0; i < r.attributions.size(); ++i) {
      const StoredAttribution& a = r.attributions[i];
      if (!a.entity_id.empty() && entities_seen.insert(a.entity_id).second) {
        SQLite::Statement& ue =
            Stmt(upsert_entity,
                 "INSERT INTO entities(entity_id, name_ar, name_en, kind, country) "
                 "VALUES(?, ?, ?, ?, ?) ON CONFLICT(entity_id) DO UPDATE SET "
                 "name_ar = excluded.name_ar, name_en = excluded.name_en, kind = excluded.kind, "
                 "country = excluded.country");
        ue.bindNoCopy(1, a.entity_id);
        ue.bindNoCopy(2, a.entity_name_ar);
        BindText(ue, 3, a.entity_name_en);
        ue.bindNoCopy(4, a.entity_kind.empty() ? a.source_kind : a.entity_kind);
        BindText(ue, 5, a.entity_country);
        ue.exec();
      }
      SQLite::Statement& at = Stmt(
          insert_attr,
          "INSERT INTO attributions(analysis_id, idx, cue_start, cue_end, cue_text, cue_lemma, "
          "source_start, source_end, source_text, source_resolved, source_kind, anonymous, "
          "identification, reason_start, reason_end, reason_text, title, country, entity_id, "
          "entity_seat, content_start, content_end, content_text, form, via, stance, rule, "
          "confidence, antecedent, claim_key) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      std::string via = json(a.via).dump(-1, ' ', false, json::error_handler_t::replace);
      at.bind(1, aid);
      at.bind(2, static_cast<int64_t>(i));
      BindSpan(at, 3, a.cue, true);
      BindText(at, 6, a.cue_lemma);
      BindSpan(at, 7, a.source, true);
      BindText(at, 10, a.source_resolved);
      at.bindNoCopy(11, a.source_kind);
      at.bind(12, a.anonymous ? 1 : 0);
      BindText(at, 13, a.identification);
      BindSpan(at, 14, a.reason, true);
      BindText(at, 17, a.title);
      BindText(at, 18, a.country);
      BindText(at, 19, a.entity_id);
      BindText(at, 20, a.entity_seat);
      BindSpan(at, 21, a.content, true);
      BindText(at, 24, a.form);
      at.bindNoCopy(25, via);
      BindText(at, 26, a.stance);
      BindText(at, 27, a.rule);
      at.bind(28, a.confidence);
      BindInt(at, 29, a.antecedent);
      BindText(at, 30, a.claim_key);
      at.exec();
      const int64_t atid = db->getLastInsertRowid();
      std::string t;
      if (!r.search_ready) {
        t = schema::AttributionSearchText(a.source.text, a.source_resolved, a.content.text);
      }
      SQLite::Statement& fi =
          Stmt(attr_fts_insert, "INSERT INTO attr_fts(rowid, text) VALUES(?, ?)");
      fi.bind(1, atid);
      fi.bindNoCopy(2, r.search_ready ? a.search_text : t);
      fi.exec();
    }
    for (size_t i = 0; i < r.disputes.size(); ++i) {
      const StoredDispute& d = r.disputes[i];
      SQLite::Statement& di =
          Stmt(insert_dispute,
               "INSERT INTO disputes(analysis_id, idx, cue_start, cue_end, cue_text, by_name, "
               "against_name, by_entity, against_entity, about, about_start, about_end, "
               "evidence_start, evidence_end, evidence_text, attribution, targets, rule) "
               "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      std::string targets = json(d.targets).dump(-1, ' ', false, json::error_handler_t::replace);
      di.bind(1, aid);
      di.bind(2, static_cast<int64_t>(i));
      BindSpan(di, 3, d.cue, true);
      BindText(di, 6, d.by);
      BindText(di, 7, d.against);
      BindText(di, 8, d.by_entity);
      BindText(di, 9, d.against_entity);
      BindText(di, 10, d.about);
      BindSpan(di, 11, d.about_span, false);
      BindSpan(di, 13, d.evidence, true);
      BindInt(di, 16, d.attribution);
      di.bindNoCopy(17, targets);
      BindText(di, 18, d.rule);
      di.exec();
    }
    return aid;
  }

  void BindDocFields(SQLite::Statement& st, const DocRecord& r, const std::string& credits) {
    // Parameters 1..15 in this order (documents columns after doc_id).
    st.bindNoCopy(1, r.content_hash);
    BindText(st, 2, r.outlet);
    BindText(st, 3, r.url);
    BindText(st, 4, r.date);
    BindText(st, 5, r.month);
    BindText(st, 6, r.title);
    st.bindNoCopy(7, r.text);
    BindText(st, 8, r.source);
    BindSpan(st, 9, r.title_span, false);
    BindInt(st, 11, r.body_start);
    BindInt(st, 12, r.body_end);
    st.bindNoCopy(13, credits);
    BindSpan(st, 14, r.credits_span, false);
  }

  Result<DocRecord> ReadRecord(SQLite::Statement& doc) {
    DocRecord r;
    const int64_t key = doc.getColumn(0).getInt64();
    (void)key;
    r.id = Text(doc.getColumn(1));
    r.content_hash = Text(doc.getColumn(2));
    r.outlet = Text(doc.getColumn(3));
    r.url = Text(doc.getColumn(4));
    r.date = Text(doc.getColumn(5));
    r.month = Text(doc.getColumn(6));
    r.title = Text(doc.getColumn(7));
    r.text = Text(doc.getColumn(8));
    r.source = Text(doc.getColumn(9));
    utf8::CodePointIndex cp(r.text);
    auto span = [&](int b, int e) {
      CpSpan s;
      if (doc.getColumn(b).isNull()) return s;
      s.start = doc.getColumn(b).getInt64();
      s.end = doc.getColumn(e).getInt64();
      size_t bb = cp.ToByte(static_cast<size_t>(s.start)),
             be = cp.ToByte(static_cast<size_t>(s.end));
      s.text = r.text.substr(bb, be - bb);
      return s;
    };
    r.title_span = span(10, 11);
    r.body_start = Int(doc.getColumn(12));
    r.body_end = Int(doc.getColumn(13));
    r.credits = JsonStrings(Text(doc.getColumn(14)));
    r.credits_span = span(15, 16);
    const int64_t aid = Int(doc.getColumn(17));
    r.ingested_at = Text(doc.getColumn(18));
    r.updated_at = Text(doc.getColumn(19));
    if (aid < 0) return r;
    {
      SQLite::Statement st(*db,
                           "SELECT a.run_id, a.warnings, a.analyzed_at, r.rules_version, "
                           "r.isnad_version FROM analyses a JOIN runs r ON r.run_id = a.run_id "
                           "WHERE a.analysis_id = ?");
      st.bind(1, aid);
      if (st.executeStep()) {
        r.run_id = st.getColumn(0).getInt64();
        r.warnings = JsonStrings(Text(st.getColumn(1)));
        r.analyzed_at = Text(st.getColumn(2));
        r.rules_version = Text(st.getColumn(3));
        r.isnad_version = Text(st.getColumn(4));
      }
    }
    {
      SQLite::Statement st(
          *db,
          "SELECT a.cue_start, a.cue_end, a.cue_text, a.cue_lemma, a.source_start, a.source_end, "
          "a.source_text, a.source_resolved, a.source_kind, a.anonymous, a.identification, "
          "a.reason_start, a.reason_end, a.reason_text, a.title, a.country, a.entity_id, "
          "a.entity_seat, a.content_start, a.content_end, a.content_text, a.form, a.via, "
          "a.stance, a.rule, a.confidence, a.antecedent, a.claim_key, e.name_ar, e.name_en, "
          "e.kind, e.country FROM attributions a LEFT JOIN entities e ON e.entity_id = "
          "a.entity_id WHERE a.analysis_id = ? ORDER BY a.idx");
      st.bind(1, aid);
      auto span = [&](int b) {
        CpSpan s;
        if (st.getColumn(b).isNull()) return s;
        s.start = st.getColumn(b).getInt64();
        s.end = st.getColumn(b + 1).getInt64();
        s.text = Text(st.getColumn(b + 2));
        return s;
      };
      while (st.executeStep()) {
        StoredAttribution a;
        a.cue = span(0);
        a.cue_lemma = Text(st.getColumn(3));
        a.source = span(4);
        a.source_resolved = Text(st.getColumn(7));
        a.source_kind = Text(st.getColumn(8));
        a.anonymous = st.getColumn(9).getInt() != 0;
        a.identification = Text(st.getColumn(10));
        a.reason = span(11);
        a.title = Text(st.getColumn(14));
        a.country = Text(st.getColumn(15));
        a.entity_id = Text(st.getColumn(16));
        a.entity_seat = Text(st.getColumn(17));
        a.content = span(18);
        a.form = Text(st.getColumn(21));
        a.via = JsonStrings(Text(st.getColumn(22)));
        a.stance = Text(st.getColumn(23));
        a.rule = Text(st.getColumn(24));
        a.confidence = st.getColumn(25).getDouble();
        a.antecedent = static_cast<int>(Int(st.getColumn(26)));
        a.claim_key = Text(st.getColumn(27));
        a.entity_name_ar = Text(st.getColumn(28));
        a.entity_name_en = Text(st.getColumn(29));
        a.entity_kind = Text(st.getColumn(30));
        a.entity_country = Text(st.getColumn(31));
        r.attributions.push_back(std::move(a));
      }
    }
    {
      SQLite::Statement st(
          *db,
          "SELECT cue_start, cue_end, cue_text, by_name, against_name, by_entity, "
          "against_entity, about, about_start, about_end, evidence_start, evidence_end, "
          "evidence_text, attribution, targets, rule FROM disputes WHERE analysis_id = ? "
          "ORDER BY idx");
      st.bind(1, aid);
      while (st.executeStep()) {
        StoredDispute d;
        if (!st.getColumn(0).isNull()) {
          d.cue = {st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), Text(st.getColumn(2))};
        }
        d.by = Text(st.getColumn(3));
        d.against = Text(st.getColumn(4));
        d.by_entity = Text(st.getColumn(5));
        d.against_entity = Text(st.getColumn(6));
        d.about = Text(st.getColumn(7));
        if (!st.getColumn(8).isNull()) {
          d.about_span.start = st.getColumn(8).getInt64();
          d.about_span.end = st.getColumn(9).getInt64();
          size_t bb = cp.ToByte(static_cast<size_t>(d.about_span.start));
          size_t be = cp.ToByte(static_cast<size_t>(d.about_span.end));
          d.about_span.text = r.text.substr(bb, be - bb);
        }
        if (!st.getColumn(10).isNull()) {
          d.evidence = {st.getColumn(10).getInt64(), st.getColumn(11).getInt64(),
                        Text(st.getColumn(12))};
        }
        d.attribution = static_cast<int>(Int(st.getColumn(13)));
        json t = json::parse(Text(st.getColumn(14)), nullptr, false);
        if (t.is_array()) {
          for (const json& v : t) {
            if (v.is_number_integer()) d.targets.push_back(v.get<int>());
          }
        }
        d.rule = Text(st.getColumn(15));
        r.disputes.push_back(std::move(d));
      }
    }
    return r;
  }
};

constexpr const char* kDocColumns =
    "SELECT doc_key, doc_id, content_hash, outlet, url, date, month, title, text, source, "
    "title_start, title_end, body_start, body_end, credits, credits_start, credits_end, "
    "analysis_id, ingested_at, updated_at FROM documents ";

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

const std::string& Store::path() const { return impl_->path; }
int Store::schema_version() const { return impl_->version; }

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& opt) {
  if (path.empty()) return Status(ErrorCode::kInvalidArgument, "no store file given");
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->opt = opt;
  const bool write = opt.mode == StoreMode::kReadWrite;
  std::error_code ec;
  if (!write && !std::filesystem::exists(path, ec)) {
    return Status(ErrorCode::kNotFound,
                  "no store here: create one with `isnad ingest PATHS --db " + path + "`", path);
  }
  if (write) {
    Status st = impl->TakeLock();
    if (!st.ok()) return st;
    // A reader of a write-protected store leaves its -shm (and -wal) write-protected too;
    // SQLite would then fail later with a bare "attempt to write a readonly database".
    for (const char* suffix : {"-wal", "-shm"}) {
      const std::string side = path + suffix;
      if (std::filesystem::exists(side, ec) && access(side.c_str(), W_OK) != 0) {
        return Status(ErrorCode::kStore,
                      side + " cannot be written (" + std::strerror(errno) +
                          "): make it writable like the store file",
                      path);
      }
    }
  }
  try {
    int flags = write ? (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) : SQLite::OPEN_READONLY;
    impl->db = std::make_unique<SQLite::Database>(path, flags, opt.busy_timeout_ms);
    // SQLite silently opens a write-protected file read-only: refuse it here, before any work.
    if (write && sqlite3_db_readonly(impl->db->getHandle(), "main") == 1) {
      return Status(ErrorCode::kStore,
                    "the store file is read-only (permission denied): cannot write to it; "
                    "make it writable, or read it with search, stats and show",
                    path);
    }
    impl->Pragmas(write);
    if (opt.max_pages > 0) {
      impl->db->exec("PRAGMA max_page_count = " + std::to_string(opt.max_pages));
    }
    Status st = impl->ReadVersion();
    if (!st.ok()) return st;
    if (!write && impl->version < std::min(opt.migrate_to, kSchemaVersion)) {
      // An older file: upgrade it in place, then read it.
      if (impl->version == 0) {
        return Status(ErrorCode::kStore, "the store is empty: ingest documents first", path);
      }
      impl.reset();
      StoreOptions w = opt;
      w.mode = StoreMode::kReadWrite;
      Result<std::unique_ptr<Store>> upgraded = Open(path, w);
      if (!upgraded.ok()) return upgraded.error();
      upgraded->reset();
      return Open(path, opt);
    }
    if (write) {
      st = impl->Migrate();
      if (!st.ok()) return st;
      if (impl->version >= 2) {
        st = impl->Recover();
        if (!st.ok()) return st;
      }
    }
  } catch (const std::exception& e) {
    return impl->Error(write ? "opening the store for writing" : "opening the store", e);
  }
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

Result<StoreSummary> Store::Summary() {
  try {
    StoreSummary s;
    s.schema_version = impl_->version;
    auto count = [&](const char* sql) { return impl_->db->execAndGet(sql).getInt64(); };
    s.documents = count("SELECT COUNT(*) FROM documents");
    s.attributions = count(
        "SELECT COUNT(*) FROM documents d JOIN attributions a ON a.analysis_id = d.analysis_id");
    s.disputes =
        count("SELECT COUNT(*) FROM documents d JOIN disputes a ON a.analysis_id = d.analysis_id");
    s.entities = count("SELECT COUNT(*) FROM entities");
    s.runs = count("SELECT COUNT(*) FROM runs");
    // The file and its write-ahead log (folded into the file when the last writer closes).
    std::error_code ec;
    auto size = std::filesystem::file_size(impl_->path, ec);
    s.file_bytes = ec ? 0 : static_cast<int64_t>(size);
    auto wal = std::filesystem::file_size(impl_->path + "-wal", ec);
    if (!ec) s.file_bytes += static_cast<int64_t>(wal);
    return s;
  } catch (const std::exception& e) {
    return impl_->Error("reading the summary", e);
  }
}

Result<std::vector<RunInfo>> Store::Runs() {
  try {
    std::vector<RunInfo> out;
    SQLite::Statement st(
        *impl_->db,
        "SELECT r.run_id, r.kind, r.isnad_version, r.rules_version, r.started_at, "
        "r.finished_at, r.status, r.documents, (SELECT COUNT(*) FROM documents d JOIN analyses "
        "a ON a.analysis_id = d.analysis_id WHERE a.run_id = r.run_id) FROM runs r ORDER BY "
        "r.run_id");
    while (st.executeStep()) {
      RunInfo r;
      r.id = st.getColumn(0).getInt64();
      r.kind = Text(st.getColumn(1));
      r.isnad_version = Text(st.getColumn(2));
      r.rules_version = Text(st.getColumn(3));
      r.started_at = Text(st.getColumn(4));
      r.finished_at = Text(st.getColumn(5));
      r.status = Text(st.getColumn(6));
      r.documents = st.getColumn(7).getInt64();
      r.current = st.getColumn(8).getInt64();
      out.push_back(std::move(r));
    }
    return out;
  } catch (const std::exception& e) {
    return impl_->Error("reading the runs", e);
  }
}

Result<std::vector<SearchHit>> Store::Search(const SearchRequest& req) {
  Result<FtsQuery> q = BuildFtsQuery(req.query, {.exact = req.exact});
  if (!q.ok()) return q.error();
  try {
    std::vector<SearchHit> out;
    const size_t width = static_cast<size_t>(std::max(0, req.snippet_width));
    // Both queries bind (match, outlet, limit) and start with doc_id, outlet, date, title.
    auto bind_search = [&](SQLite::Statement& st) {
      st.bind(1, q->match);
      st.bind(2, req.outlet);
      st.bind(3, req.limit);
    };
    auto hit_head = [](SQLite::Statement& st) {
      SearchHit h;
      h.doc_id = Text(st.getColumn(0));
      h.outlet = Text(st.getColumn(1));
      h.date = Text(st.getColumn(2));
      h.title = Text(st.getColumn(3));
      return h;
    };
    auto keep = [&out](SearchHit h, Snippet sn) {
      h.before = std::move(sn.before);
      h.match = std::move(sn.match);
      h.after = std::move(sn.after);
      out.push_back(std::move(h));
    };
    if (!req.in_attributions) {
      SQLite::Statement st(
          *impl_->db,
          "SELECT d.doc_id, d.outlet, d.date, d.title, d.text, f.rank FROM doc_fts f JOIN "
          "documents d ON d.doc_key = f.rowid WHERE doc_fts MATCH ?1 AND (?2 = '' OR d.outlet = "
          "?2) ORDER BY f.rank LIMIT ?3");
      bind_search(st);
      while (st.executeStep()) {
        SearchHit h = hit_head(st);
        h.rank = st.getColumn(5).getDouble();
        keep(std::move(h), MakeSnippet(Text(st.getColumn(4)), q->terms, width));
      }
    } else {
      SQLite::Statement st(
          *impl_->db,
          "SELECT d.doc_id, d.outlet, d.date, d.title, a.idx, a.source_text, a.source_resolved, "
          "a.source_kind, a.anonymous, a.cue_text, a.content_text, f.rank FROM attr_fts f JOIN "
          "attributions a ON a.attribution_id = f.rowid JOIN documents d ON d.analysis_id = "
          "a.analysis_id WHERE attr_fts MATCH ?1 AND (?2 = '' OR d.outlet = ?2) ORDER BY f.rank "
          "LIMIT ?3");
      bind_search(st);
      while (st.executeStep()) {
        SearchHit h = hit_head(st);
        h.index = st.getColumn(4).getInt();
        std::string src = Text(st.getColumn(5)), resolved = Text(st.getColumn(6));
        h.source = resolved.empty() ? src : resolved;
        h.source_kind = Text(st.getColumn(7));
        h.anonymous = st.getColumn(8).getInt() != 0;
        h.cue = Text(st.getColumn(9));
        h.content = Text(st.getColumn(10));
        h.rank = st.getColumn(11).getDouble();
        Snippet sn = MakeSnippet(h.content, q->terms, width);
        if (!sn.found) sn = MakeSnippet(h.source, q->terms, width);
        keep(std::move(h), std::move(sn));
      }
    }
    return out;
  } catch (const std::exception& e) {
    return impl_->Error("searching for \"" + req.query + "\"", e);
  }
}

Result<std::vector<StatsRow>> Store::Stats(const StatsRequest& req) {
  try {
    const std::string go = GroupExpr(req.group, true), gm = GroupExpr(req.group, false);
    const std::string where =
        " WHERE (?1 = '' OR d.outlet = ?1) AND (?2 = '' OR d.month >= ?2) AND (?3 = '' OR "
        "d.month <= ?3) ";
    auto bind = [&](SQLite::Statement& st) {
      st.bind(1, req.outlet);
      st.bind(2, req.from);
      st.bind(3, req.to);
    };
    std::map<std::pair<std::string, std::string>, StatsRow> rows;
    {
      SQLite::Statement st(*impl_->db, "SELECT " + go + ", " + gm + ", COUNT(*) FROM documents d" +
                                           where + "GROUP BY 1, 2");
      bind(st);
      while (st.executeStep()) {
        StatsRow& r = rows[{Text(st.getColumn(0)), Text(st.getColumn(1))}];
        r.outlet = Text(st.getColumn(0));
        r.month = Text(st.getColumn(1));
        r.articles = st.getColumn(2).getInt64();
      }
    }
    {
      SQLite::Statement st(*impl_->db,
                           "SELECT " + go + ", " + gm +
                               ", a.source_kind, SUM(a.anonymous), COUNT(*) FROM documents d "
                               "JOIN attributions a ON a.analysis_id = d.analysis_id" +
                               where + "GROUP BY 1, 2, 3");
      bind(st);
      while (st.executeStep()) {
        StatsRow& r = rows[{Text(st.getColumn(0)), Text(st.getColumn(1))}];
        const int64_t n = st.getColumn(4).getInt64();
        r.attributions += n;
        r.anonymous += st.getColumn(3).getInt64();
        r.by_kind.emplace_back(Text(st.getColumn(2)), n);
      }
    }
    if (req.top > 0) {
      std::map<std::pair<std::string, std::string>, std::vector<std::pair<std::string, int64_t>>>
          tops;
      SQLite::Statement st(
          *impl_->db,
          "SELECT " + go + ", " + gm +
              ", COALESCE(NULLIF(e.name_ar, ''), NULLIF(a.source_resolved, ''), a.source_text) "
              "AS name, COUNT(*) AS n FROM documents d JOIN attributions a ON a.analysis_id = "
              "d.analysis_id LEFT JOIN entities e ON e.entity_id = a.entity_id" +
              where +
              " AND COALESCE(a.entity_id, a.source_resolved, a.source_text) IS NOT NULL "
              "GROUP BY 1, 2, COALESCE(a.entity_id, 'name:' || COALESCE(NULLIF(a.source_resolved, "
              "''), a.source_text)) ORDER BY 1, 2, n DESC, name");
      bind(st);
      while (st.executeStep()) {
        auto& v = tops[{Text(st.getColumn(0)), Text(st.getColumn(1))}];
        if (static_cast<int>(v.size()) < req.top) {
          v.emplace_back(Text(st.getColumn(2)), st.getColumn(3).getInt64());
        }
      }
      for (auto& [k, v] : tops) {
        auto it = rows.find(k);
        if (it != rows.end()) it->second.top_sources = std::move(v);
      }
    }
    std::vector<StatsRow> out;
    for (auto& [k, r] : rows) {
      // Every kind, in a fixed order, zeros included.
      std::vector<std::pair<std::string, int64_t>> kinds;
      for (const std::string& name : SourceKindNames()) {
        int64_t n = 0;
        for (const auto& [kn, c] : r.by_kind) {
          if (kn == name) n += c;
        }
        kinds.emplace_back(name, n);
      }
      r.by_kind = std::move(kinds);
      out.push_back(std::move(r));
    }
    return out;
  } catch (const std::exception& e) {
    return impl_->Error("computing statistics", e);
  }
}

Result<DocRecord> Store::Show(const std::string& doc_id) {
  try {
    SQLite::Statement st(*impl_->db, std::string(kDocColumns) + "WHERE doc_id = ?");
    st.bind(1, doc_id);
    if (!st.executeStep()) {
      return Status(ErrorCode::kNotFound, "no document with id \"" + doc_id + "\"", impl_->path);
    }
    return impl_->ReadRecord(st);
  } catch (const std::exception& e) {
    return impl_->Error("reading document \"" + doc_id + "\"", e);
  }
}

Result<DocRecord> Store::ShowKey(int64_t key) {
  try {
    SQLite::Statement st(*impl_->db, std::string(kDocColumns) + "WHERE doc_key = ?");
    st.bind(1, key);
    if (!st.executeStep()) {
      return Status(ErrorCode::kNotFound, "no document with key " + std::to_string(key),
                    impl_->path);
    }
    return impl_->ReadRecord(st);
  } catch (const std::exception& e) {
    return impl_->Error("reading document " + std::to_string(key), e);
  }
}

Result<std::vector<StoredDocument>> Store::ReadDocuments(int64_t after_key, size_t limit) {
  try {
    std::vector<StoredDocument> out;
    SQLite::Statement st(*impl_->db,
                         "SELECT doc_key, doc_id, content_hash, outlet, url, date, text, source "
                         "FROM documents WHERE doc_key > ? ORDER BY doc_key LIMIT ?");
    st.bind(1, after_key);
    st.bind(2, static_cast<int64_t>(limit));
    while (st.executeStep()) {
      StoredDocument s;
      s.key = st.getColumn(0).getInt64();
      s.doc.id = Text(st.getColumn(1));
      s.content_hash = Text(st.getColumn(2));
      s.doc.outlet = Text(st.getColumn(3));
      s.doc.url = Text(st.getColumn(4));
      s.doc.date = Text(st.getColumn(5));
      s.doc.text = Text(st.getColumn(6));
      s.doc.source = Text(st.getColumn(7));
      RecognizeLayout(&s.doc);
      out.push_back(std::move(s));
    }
    return out;
  } catch (const std::exception& e) {
    return impl_->Error("reading documents", e);
  }
}

Result<std::vector<int64_t>> Store::DocumentKeys(int64_t after_key, size_t limit) {
  try {
    std::vector<int64_t> out;
    SQLite::Statement st(
        *impl_->db, "SELECT doc_key FROM documents WHERE doc_key > ? ORDER BY doc_key LIMIT ?");
    st.bind(1, after_key);
    st.bind(2, static_cast<int64_t>(limit));
    while (st.executeStep()) out.push_back(st.getColumn(0).getInt64());
    return out;
  } catch (const std::exception& e) {
    return impl_->Error("reading documents", e);
  }
}

Result<std::unordered_map<std::string, KnownDoc>> Store::LoadKnown() {
  try {
    std::unordered_map<std::string, KnownDoc> out;
    SQLite::Statement st(*impl_->db,
                         "SELECT d.doc_id, d.content_hash, r.rules_version FROM documents d LEFT "
                         "JOIN analyses a ON a.analysis_id = d.analysis_id LEFT JOIN runs r ON "
                         "r.run_id = a.run_id");
    while (st.executeStep()) {
      out[Text(st.getColumn(0))] = KnownDoc{Text(st.getColumn(1)), Text(st.getColumn(2))};
    }
    return out;
  } catch (const std::exception& e) {
    return impl_->Error("reading the stored hashes", e);
  }
}

Result<std::vector<std::string>> Store::Check() {
  std::vector<std::string> problems;
  try {
    SQLite::Database& db = *impl_->db;
    {
      SQLite::Statement st(db, "PRAGMA integrity_check");
      while (st.executeStep()) {
        std::string v = Text(st.getColumn(0));
        if (v != "ok") problems.push_back("integrity_check: " + v);
      }
    }
    {
      SQLite::Statement st(db, "PRAGMA foreign_key_check");
      while (st.executeStep()) {
        problems.push_back("foreign key violation in " + Text(st.getColumn(0)) + " rowid " +
                           Text(st.getColumn(1)) + " -> " + Text(st.getColumn(2)));
      }
    }
    auto count = [&](const char* sql) { return db.execAndGet(sql).getInt64(); };
    if (int64_t n = count("SELECT COUNT(*) FROM documents WHERE analysis_id IS NULL")) {
      problems.push_back(std::to_string(n) + " documents without a current analysis");
    }
    if (int64_t n = count("SELECT COUNT(*) FROM documents d JOIN analyses a ON a.analysis_id = "
                          "d.analysis_id WHERE a.doc_key != d.doc_key OR a.content_hash != "
                          "d.content_hash")) {
      problems.push_back(std::to_string(n) +
                         " documents whose current analysis is of another text");
    }
    if (int64_t n = count("SELECT COUNT(*) FROM analyses a JOIN runs r ON r.run_id = a.run_id "
                          "WHERE r.status != 'running' AND NOT EXISTS (SELECT 1 FROM documents d "
                          "WHERE d.analysis_id = a.analysis_id)")) {
      problems.push_back(std::to_string(n) +
                         " analyses that are no document's current one, left by a finished run");
    }
    if (impl_->version >= 2) {
      int64_t docs = count("SELECT COUNT(*) FROM documents");
      int64_t fts = count("SELECT COUNT(*) FROM doc_fts");
      if (docs != fts) {
        problems.push_back("doc_fts has " + std::to_string(fts) + " rows for " +
                           std::to_string(docs) + " documents");
      }
      int64_t atts = count("SELECT COUNT(*) FROM attributions");
      int64_t afts = count("SELECT COUNT(*) FROM attr_fts");
      if (atts != afts) {
        problems.push_back("attr_fts has " + std::to_string(afts) + " rows for " +
                           std::to_string(atts) + " attributions");
      }
      if (impl_->opt.mode == StoreMode::kReadWrite) {
        for (const char* t : {"doc_fts", "attr_fts"}) {
          try {
            db.exec(std::string("INSERT INTO ") + t + "(" + t + ") VALUES('integrity-check')");
          } catch (const std::exception& e) {
            problems.push_back(std::string(t) + " integrity-check: " + e.what());
          }
        }
      }
    }
    return problems;
  } catch (const std::exception& e) {
    return impl_->Error("checking the store", e);
  }
}

Result<int64_t> Store::BeginRun(const std::string& kind, const std::string& rules_version,
                                const std::string& isnad_version) {
  try {
    SQLite::Statement st(*impl_->db,
                         "INSERT INTO runs(kind, isnad_version, rules_version, started_at, "
                         "status) VALUES(?, ?, ?, ?, 'running')");
    st.bind(1, kind);
    st.bind(2, isnad_version.empty() ? std::string(ISNAD_VERSION_STRING) : isnad_version);
    st.bind(3, rules_version);
    st.bind(4, NowUtc());
    st.exec();
    int64_t id = impl_->db->getLastInsertRowid();
    impl_->run_rules[id] = rules_version;
    return id;
  } catch (const std::exception& e) {
    return impl_->Error("starting a run", e);
  }
}

Result<int64_t> Store::ImportRun(const RunInfo& run) {
  try {
    SQLite::Statement st(*impl_->db,
                         "INSERT INTO runs(kind, isnad_version, rules_version, started_at, "
                         "finished_at, status, documents) VALUES(?, ?, ?, ?, ?, 'complete', 0)");
    st.bind(1, run.kind);
    st.bind(2, run.isnad_version);
    st.bind(3, run.rules_version);
    st.bind(4, run.started_at);
    BindText(st, 5, run.finished_at);
    st.exec();
    int64_t id = impl_->db->getLastInsertRowid();
    impl_->run_rules[id] = run.rules_version;
    return id;
  } catch (const std::exception& e) {
    return impl_->Error("copying a run", e);
  }
}

Status Store::FinishRun(int64_t run, const std::string& status, int64_t documents) {
  try {
    SQLite::Statement st(*impl_->db,
                         "UPDATE runs SET status = ?, finished_at = ?, documents = documents + ? "
                         "WHERE run_id = ?");
    st.bind(1, status);
    st.bind(2, NowUtc());
    st.bind(3, documents);
    st.bind(4, run);
    st.exec();
    return Status::Ok();
  } catch (const std::exception& e) {
    return impl_->Error("finishing run " + std::to_string(run), e);
  }
}

Status Store::Begin() {
  try {
    impl_->db->exec("BEGIN IMMEDIATE");
    impl_->in_txn = true;
    return Status::Ok();
  } catch (const std::exception& e) {
    return impl_->Error("starting a transaction", e);
  }
}

Status Store::Commit() {
  try {
    impl_->db->exec("COMMIT");
    impl_->in_txn = false;
    return Status::Ok();
  } catch (const std::exception& e) {
    Rollback();
    return impl_->Error("committing a batch", e);
  }
}

void Store::Rollback() {
  if (impl_->db && impl_->in_txn) impl_->db->tryExec("ROLLBACK");
  impl_->in_txn = false;
  // Entities written in the rolled-back transaction are gone: forget them.
  impl_->entities_seen.clear();
}

Status Store::Write(const DocRecord& r, int64_t run, WriteMode mode, WriteOutcome* outcome) {
  Impl& m = *impl_;
  try {
    SQLite::Statement& find = m.Stmt(
        m.find_doc,
        "SELECT d.doc_key, d.content_hash, d.analysis_id, r.rules_version FROM documents d LEFT "
        "JOIN analyses a ON a.analysis_id = d.analysis_id LEFT JOIN runs r ON r.run_id = "
        "a.run_id WHERE d.doc_id = ?");
    find.bindNoCopy(1, r.id);
    int64_t key = -1, current = -1;
    std::string hash, rules;
    if (find.executeStep()) {
      key = find.getColumn(0).getInt64();
      hash = Text(find.getColumn(1));
      current = Int(find.getColumn(2));
      rules = Text(find.getColumn(3));
    }
    find.reset();
    if (mode == WriteMode::kAddAnalysis) {
      if (key < 0 || hash != r.content_hash) {
        *outcome = WriteOutcome::kSkipped;
        return Status::Ok();
      }
      SQLite::Statement& fr = m.Stmt(
          m.find_in_run, "SELECT analysis_id FROM analyses WHERE doc_key = ? AND run_id = ?");
      fr.bind(1, key);
      fr.bind(2, run);
      int64_t existing = fr.executeStep() ? fr.getColumn(0).getInt64() : -1;
      fr.reset();
      if (existing >= 0 && existing != current) m.DeleteAnalysis(existing);
      if (existing >= 0 && existing == current) {
        *outcome = WriteOutcome::kUnchanged;
        return Status::Ok();
      }
      m.InsertAnalysis(key, run, r);
      *outcome = WriteOutcome::kReanalyzed;
      return Status::Ok();
    }
    if (key >= 0 && hash == r.content_hash && current >= 0 && rules == m.RulesOfRun(run)) {
      *outcome = WriteOutcome::kUnchanged;
      return Status::Ok();
    }
    const std::string credits =
        json(r.credits).dump(-1, ' ', false, json::error_handler_t::replace);
    const std::string now = NowUtc();
    std::string search;
    if (!r.search_ready && (key < 0 || hash != r.content_hash)) search = SearchForm(r.text);
    const std::string& indexed = r.search_ready ? r.search_text : search;
    if (key < 0) {
      SQLite::Statement& ins = m.Stmt(
          m.insert_doc,
          "INSERT INTO documents(content_hash, outlet, url, date, month, title, text, source, "
          "title_start, title_end, body_start, body_end, credits, credits_start, credits_end, "
          "doc_id, ingested_at, updated_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?)");
      m.BindDocFields(ins, r, credits);
      ins.bindNoCopy(16, r.id);
      ins.bindNoCopy(17, now);
      ins.bindNoCopy(18, now);
      ins.exec();
      key = m.db->getLastInsertRowid();
      SQLite::Statement& fi = m.Stmt(m.fts_insert, "INSERT INTO doc_fts(rowid, text) VALUES(?, ?)");
      fi.bind(1, key);
      fi.bindNoCopy(2, indexed);
      fi.exec();
      *outcome = WriteOutcome::kAdded;
    } else {
      if (hash != r.content_hash) {
        SQLite::Statement& ot = m.Stmt(m.old_text, "SELECT text FROM documents WHERE doc_key = ?");
        ot.bind(1, key);
        std::string old = ot.executeStep() ? Text(ot.getColumn(0)) : "";
        ot.reset();
        std::string old_indexed = SearchForm(old);
        SQLite::Statement& fd = m.Stmt(
            m.fts_delete, "INSERT INTO doc_fts(doc_fts, rowid, text) VALUES('delete', ?, ?)");
        fd.bind(1, key);
        fd.bindNoCopy(2, old_indexed);
        fd.exec();
        SQLite::Statement& up = m.Stmt(
            m.update_doc,
            "UPDATE documents SET content_hash = ?, outlet = ?, url = ?, date = ?, month = ?, "
            "title = ?, text = ?, source = ?, title_start = ?, title_end = ?, body_start = ?, "
            "body_end = ?, credits = ?, credits_start = ?, credits_end = ?, updated_at = ? "
            "WHERE doc_key = ?");
        m.BindDocFields(up, r, credits);
        up.bindNoCopy(16, now);
        up.bind(17, key);
        up.exec();
        SQLite::Statement& fi =
            m.Stmt(m.fts_insert, "INSERT INTO doc_fts(rowid, text) VALUES(?, ?)");
        fi.bind(1, key);
        fi.bindNoCopy(2, indexed);
        fi.exec();
        *outcome = WriteOutcome::kChanged;
      } else {
        *outcome = WriteOutcome::kReanalyzed;
      }
      if (current >= 0) m.DeleteAnalysis(current);
      // A leftover analysis of this document in this run (cannot normally exist).
      SQLite::Statement& fr = m.Stmt(
          m.find_in_run, "SELECT analysis_id FROM analyses WHERE doc_key = ? AND run_id = ?");
      fr.bind(1, key);
      fr.bind(2, run);
      int64_t existing = fr.executeStep() ? fr.getColumn(0).getInt64() : -1;
      fr.reset();
      if (existing >= 0) m.DeleteAnalysis(existing);
    }
    const int64_t aid = m.InsertAnalysis(key, run, r);
    SQLite::Statement& sc =
        m.Stmt(m.set_current, "UPDATE documents SET analysis_id = ? WHERE doc_key = ?");
    sc.bind(1, aid);
    sc.bind(2, key);
    sc.exec();
    return Status::Ok();
  } catch (const std::exception& e) {
    return m.Error("writing document \"" + r.id + "\" (" + r.source + ")", e);
  }
}

Status Store::PromoteRun(int64_t run, int64_t documents) {
  Impl& m = *impl_;
  try {
    m.db->exec("BEGIN IMMEDIATE");
    m.in_txn = true;
    m.db->exec("DROP TABLE IF EXISTS temp.promote");
    m.db->exec(
        "CREATE TEMP TABLE promote(doc_key INTEGER PRIMARY KEY, old_id INTEGER, new_id INTEGER)");
    SQLite::Statement mk(*m.db,
                         "INSERT INTO temp.promote SELECT d.doc_key, d.analysis_id, a.analysis_id "
                         "FROM documents d JOIN analyses a ON a.doc_key = d.doc_key AND "
                         "a.run_id = ?");
    mk.bind(1, run);
    mk.exec();
    std::vector<int64_t> old;
    {
      SQLite::Statement st(*m.db,
                           "SELECT old_id FROM temp.promote WHERE old_id IS NOT NULL AND old_id "
                           "!= new_id");
      while (st.executeStep()) old.push_back(st.getColumn(0).getInt64());
    }
    m.db->exec(
        "UPDATE documents SET analysis_id = (SELECT new_id FROM temp.promote p WHERE p.doc_key = "
        "documents.doc_key) WHERE doc_key IN (SELECT doc_key FROM temp.promote)");
    for (int64_t a : old) m.DeleteAnalysis(a);
    m.db->exec("DROP TABLE temp.promote");
    SQLite::Statement fin(*m.db,
                          "UPDATE runs SET status = 'complete', finished_at = ?, documents = ? "
                          "WHERE run_id = ?");
    fin.bind(1, NowUtc());
    fin.bind(2, documents);
    fin.bind(3, run);
    fin.exec();
    m.db->exec("COMMIT");
    m.in_txn = false;
    return Status::Ok();
  } catch (const std::exception& e) {
    Rollback();
    return m.Error("making run " + std::to_string(run) + " current", e);
  }
}

}  // namespace isnad
