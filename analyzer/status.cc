#include "analyzer/status.h"

namespace isnad {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return "ok";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kIo:
      return "io";
    case ErrorCode::kInvalidUtf8:
      return "invalid_utf8";
    case ErrorCode::kBinary:
      return "binary";
    case ErrorCode::kEmpty:
      return "empty";
    case ErrorCode::kTooLarge:
      return "too_large";
    case ErrorCode::kBadJson:
      return "bad_json";
    case ErrorCode::kBadRecord:
      return "bad_record";
    case ErrorCode::kBadRules:
      return "bad_rules";
    case ErrorCode::kStore:
      return "store";
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
  }
  return "unknown";
}

}  // namespace isnad
