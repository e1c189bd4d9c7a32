#pragma once

#include <span>
#include <string_view>

namespace isnad {

struct EmbeddedFile {
  std::string_view name;
  std::string_view text;
};

// The default rules (rules/lexicons/*.json), compiled into the binary by CMake.
std::span<const EmbeddedFile> EmbeddedRuleFiles();

}  // namespace isnad
