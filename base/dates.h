// The dates corpora write, read once for everyone: the store's `month` column, the corpus
// report's months and the graph's time windows all come from here, so they agree.
//
//   isnad::YearMonth("Mon, 19 Feb 2018 00:16:11 +0400")   // "2018-02"
//   isnad::ParseDate("2018-02-19T10:00:00Z")             // seconds since 1970-01-01 UTC
//
// Forms read: RFC 2822 ("Mon, 19 Feb 2018 00:16:11 +0400"), ISO 8601 ("2018-02-19",
// "2018-02-19T10:00Z", "2018/02/19", "2018/7/4"), "19 February 2018", "04/05/2018" (day
// first), the seed's dateline ("الجمعة 20 Sep / September 2024"), Arabic month names of the
// Egyptian/Gulf, Levantine and Maghreb calendars ("20 سبتمبر 2024", "20 أيلول 2024",
// "3 كانون الثاني 2019", "15 جوان 2019"), Arabic-Indic digits. Text is compared after
// NormalizeKey (hamza seats, diacritics, digits, case).
//
// None of these functions throws.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace isnad {

// "YYYY-MM" (year 1900–2200), or "" when the date names no year and month. The month is the
// one written, in the record's own time zone.
std::string YearMonth(std::string_view date);

// Seconds since 1970-01-01 00:00 UTC (the written zone offset applied; no zone: UTC), or
// nullopt when the date has no day, month and year.
std::optional<int64_t> ParseDate(std::string_view date);

// 1–12 for a month name (English: full or three-letter; Arabic, normalized with NormalizeKey;
// `next` is the following word, for the two-word Levantine names «كانون الثاني»), else 0.
int MonthFromName(std::string_view word, std::string_view next = {});

}  // namespace isnad
