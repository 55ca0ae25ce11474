// The examples of docs/*.md, so that the tests run what the documentation
// shows and the two cannot drift apart. An example is a fenced code block
// whose preceding line is `<!-- example: ID -->`; ID is usually the path
// the example is written to.
#pragma once

#include <string>

#include "tests/test_space.h"

namespace wfgen {
namespace test {

// The text of example `id` in docs/`doc`; a test failure if there is none.
std::string DocExample(const std::string& doc, const std::string& id);

// Writes example `id` of docs/`doc` to `rel` in `space` (default: `id`).
void WriteDocExample(TestSpace* space, const std::string& doc, const std::string& id,
                     const std::string& rel = "");

// Runs example `id` (a shell script) with /bin/sh -e in `space`.
RunResult RunDocExample(const TestSpace& space, const std::string& doc, const std::string& id,
                        const std::vector<std::string>& env = {});

}  // namespace test
}  // namespace wfgen
