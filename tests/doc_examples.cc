#include "tests/doc_examples.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace wfgen {
namespace test {

std::string DocExample(const std::string& doc, const std::string& id) {
  std::string path = std::string(DOCS_DIR) + "/" + doc;
  std::ifstream in(path);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  std::string line, marker = "<!-- example: " + id + " -->";
  bool marked = false, inside = false;
  std::string fence, text;
  int found = 0;
  while (std::getline(in, line)) {
    if (inside) {
      if (line == fence) {
        inside = false;
        continue;
      }
      text += line + "\n";
    } else if (marked && line.compare(0, 3, "```") == 0) {
      fence = "```";
      inside = true;
      marked = false;
      ++found;
    } else {
      marked = line == marker;
    }
  }
  if (found != 1) {
    ADD_FAILURE() << path << ": " << found << " blocks marked `" << marker << "` (want 1)";
  }
  return text;
}

void WriteDocExample(TestSpace* space, const std::string& doc, const std::string& id,
                     const std::string& rel) {
  space->Write(rel.empty() ? id : rel, DocExample(doc, id));
}

RunResult RunDocExample(const TestSpace& space, const std::string& doc, const std::string& id,
                        const std::vector<std::string>& env) {
  return space.Run({"/bin/sh", "-e", "-x", "-c", DocExample(doc, id)}, env);
}

}  // namespace test
}  // namespace wfgen
