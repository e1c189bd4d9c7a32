// Errors as values at isnad's API boundaries.
//
//   isnad::Result<RuleSet> rules = RuleSet::Load(dir);
//   if (!rules.ok()) { std::cerr << rules.error().ToString() << "\n"; return 2; }
//   const RuleSet& r = *rules;
//
// No function in isnad's public API throws. A failure is a `Status` naming the file (or
// record), the position and what is wrong; `Result<T>` holds either a value or such a
// status. Both are [[nodiscard]]: ignoring one is a compile warning.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace isnad {

enum class ErrorCode {
  kOk = 0,
  kNotFound,     // a file or directory does not exist
  kIo,           // reading or writing failed
  kInvalidUtf8,  // input is not valid UTF-8
  kBinary,       // input contains NUL bytes or looks like a binary file
  kEmpty,        // input has no text
  kTooLarge,     // input exceeds the configured size limit
  kBadJson,      // malformed JSON
  kBadRecord,    // well-formed JSON that lacks a required field
  kBadRules,     // a rules file fails validation
  kStore,        // the SQLite store reported an error
  kInvalidArgument,
};

const char* ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message, std::string where = {})
      : code_(code), message_(std::move(message)), where_(std::move(where)) {}
  static Status Ok() { return Status(); }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  // What is wrong, e.g. "invalid UTF-8 byte 0xff".
  const std::string& message() const { return message_; }
  // Where: "FILE", "FILE: byte 1234", "FILE:17" (line) or "FILE#/entries/3/forms".
  const std::string& where() const { return where_; }
  // "where: message" (or just the message when there is no location).
  std::string ToString() const { return where_.empty() ? message_ : where_ + ": " + message_; }

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  std::string where_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(runtime/explicit)
  Result(Status status) : v_(std::move(status)) {}  // NOLINT(runtime/explicit)

  bool ok() const { return std::holds_alternative<T>(v_); }
  // Precondition for value()/operator*: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  // The error; Status::Ok() when ok().
  Status error() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace isnad
