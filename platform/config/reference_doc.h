// Generates docs/config-reference.md from the schema, so the reference never drifts from the
// code (a test compares the committed file with this output).
#pragma once

#include <string>

#include "schema.h"

namespace sushi::config {

std::string reference_markdown(const Schema& schema);

}  // namespace sushi::config
