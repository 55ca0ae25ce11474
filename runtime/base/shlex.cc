// A transcription of CPython's shlex.read_token for posix=True,
// whitespace_split=True and no commenters, which is what shlex.split uses.
// Working on bytes is equivalent: the special characters are all ASCII and
// never appear inside a UTF-8 multi-byte sequence.
#include "runtime/base/shlex.h"

namespace wfgen {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsQuote(char c) { return c == '\'' || c == '"'; }

}  // namespace

bool ShlexSplit(const std::string& line, std::vector<std::string>* words, std::string* err) {
  words->clear();
  size_t i = 0;
  const size_t n = line.size();
  for (;;) {
    // One call of read_token.
    std::string token;
    bool quoted = false;
    char state = ' ';
    char escaped_state = 'a';
    bool eof = false;
    for (;;) {
      bool have = i < n;
      char c = have ? line[i++] : '\0';
      if (state == ' ') {
        if (!have) {
          eof = true;
          break;
        }
        if (IsSpace(c)) {
          if (!token.empty() || quoted) break;
          continue;
        }
        if (c == '\\') {
          escaped_state = 'a';
          state = '\\';
        } else if (IsQuote(c)) {
          state = c;
        } else {
          token = std::string(1, c);
          state = 'a';
        }
      } else if (IsQuote(state)) {
        quoted = true;
        if (!have) {
          *err = "No closing quotation";
          return false;
        }
        if (c == state) {
          state = 'a';
        } else if (c == '\\' && state == '"') {
          escaped_state = state;
          state = '\\';
        } else {
          token += c;
        }
      } else if (state == '\\') {
        if (!have) {
          *err = "No escaped character";
          return false;
        }
        // Within quotes only the quote itself or the backslash is escaped.
        if (IsQuote(escaped_state) && c != '\\' && c != escaped_state) token += '\\';
        token += c;
        state = escaped_state;
      } else {  // state == 'a'
        if (!have) {
          eof = true;
          break;
        }
        if (IsSpace(c)) {
          state = ' ';
          if (!token.empty() || quoted) break;
          continue;
        }
        if (IsQuote(c)) {
          state = c;
        } else if (c == '\\') {
          escaped_state = 'a';
          state = '\\';
        } else {
          token += c;
        }
      }
    }
    if (!token.empty() || quoted) words->push_back(token);
    if (eof) return true;
  }
}

std::string ShlexQuote(const std::string& word) {
  if (word.empty()) return "''";
  bool safe = true;
  for (unsigned char c : word) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '@' || c == '%' || c == '+' || c == '=' || c == ':' || c == ',' ||
              c == '.' || c == '/' || c == '-';
    if (!ok) {
      safe = false;
      break;
    }
  }
  if (safe) return word;
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\"'\"'";
    } else {
      out += c;
    }
  }
  out += "'";
  return out;
}

std::string ShlexJoin(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) out += ' ';
    out += ShlexQuote(words[i]);
  }
  return out;
}

}  // namespace wfgen
