#include "runtime/base/console_text.h"

#include <cstdint>

#include "runtime/base/utf8.h"

namespace wfgen {
namespace {

const char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

bool PlainAscii(unsigned char c) {
  return (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' || c == '\r';
}

// Length of a valid, printable UTF-8 character at s[i] (of n bytes); 0 if
// the byte is invalid; -1 if more input is needed; -2 for a C1 control
// (two bytes, one character to replace).
int Utf8Length(const unsigned char* s, size_t i, size_t n) {
  uint32_t cp;
  int len = DecodeUtf8(s + i, n - i, &cp);
  if (len > 0 && cp >= 0x80 && cp <= 0x9F) return -2;
  return len;
}

}  // namespace

bool ConsoleText::Emit(const std::string& unit, std::string* out) {
  if (truncated_) return false;
  if (produced_ + unit.size() > limit_) {
    truncated_ = true;
    return false;
  }
  out->append(unit);
  produced_ += unit.size();
  return true;
}

void ConsoleText::Feed(const char* data, size_t size, std::string* out) {
  // Past the limit nothing more is shown: a step that writes gigabytes
  // costs no more than reading them.
  if (truncated_) return;
  std::string joined;
  const char* text = data;
  size_t n = size;
  if (!pending_.empty()) {
    joined = pending_ + std::string(data, size);
    text = joined.data();
    n = joined.size();
  }
  const unsigned char* s = reinterpret_cast<const unsigned char*>(text);
  size_t i = 0;
  while (i < n) {
    // Runs of plain ASCII in one piece: the common case.
    size_t j = i;
    while (j < n && PlainAscii(s[j])) ++j;
    if (j > i) {
      size_t len = j - i;
      if (!truncated_) {
        size_t room = limit_ - produced_;
        if (len > room) {
          len = room;
          truncated_ = true;
        }
        out->append(text + i, len);
        produced_ += len;
      }
      i = j;
      continue;
    }
    unsigned char c = s[i];
    if (c == 0x1b) {
      if (i + 1 >= n) break;  // wait for what follows
      if (s[i + 1] == '[') {
        size_t k = i + 2;
        while (k < n && k - i < 34 && ((s[k] >= '0' && s[k] <= '9') || s[k] == ';')) ++k;
        if (k >= n && k - i < 34) break;  // may still become colour
        if (k < n && s[k] == 'm') {
          if (Emit(std::string(text + i, k + 1 - i), out)) coloured_ = true;
          i = k + 1;
          continue;
        }
      }
      Emit(kReplacement, out);
      ++i;
    } else if (c < 0x80) {
      Emit(kReplacement, out);  // another control character, or DEL
      ++i;
    } else {
      int len = Utf8Length(s, i, n);
      if (len == -1) break;  // a character split between pieces
      if (len <= 0) {
        Emit(kReplacement, out);
        i += len == -2 ? 2 : 1;
      } else {
        Emit(std::string(text + i, static_cast<size_t>(len)), out);
        i += static_cast<size_t>(len);
      }
    }
  }
  pending_.assign(text + i, n - i);
}

void ConsoleText::Finish(std::string* out) {
  // An incomplete tail: each byte is shown as what it is, a replacement,
  // except an ESC [ that never became colour.
  std::string tail;
  tail.swap(pending_);
  for (size_t i = 0; i < tail.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(tail[i]);
    if (PlainAscii(c)) {
      Emit(std::string(1, tail[i]), out);
    } else {
      Emit(kReplacement, out);
    }
  }
  if (coloured_) out->append("\x1b[0m");
  coloured_ = false;
}

}  // namespace wfgen
