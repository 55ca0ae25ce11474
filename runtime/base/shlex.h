// Python's shlex.split(s) (posix mode, no comments) and shlex.quote(s).
//
// weasel splits every script line with shlex.split and executes the words
// without a shell; wfgen does the same so that the same project.yml means
// the same thing (`*`, `|`, `>` and `$X` are literal words).
#pragma once

#include <string>
#include <vector>

namespace wfgen {

// Returns false with *err set on an unclosed quote or a trailing backslash,
// with the messages Python gives ("No closing quotation", "No escaped
// character").
bool ShlexSplit(const std::string& line, std::vector<std::string>* words, std::string* err);

// Quotes a word so a POSIX shell (and ShlexSplit) reads it back unchanged.
std::string ShlexQuote(const std::string& word);

// Joins words with ShlexQuote, for "Running command: ..." lines.
std::string ShlexJoin(const std::vector<std::string>& words);

}  // namespace wfgen
