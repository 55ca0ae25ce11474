#include "runtime/base/utf8.h"

namespace wfgen {

int DecodeUtf8(const unsigned char* s, size_t n, uint32_t* cp) {
  unsigned char c = s[0];
  int len;
  uint32_t v;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if (c >= 0xC2 && c <= 0xDF) {  // 0xC0, 0xC1 only start overlong forms
    len = 2;
    v = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    v = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {  // past 0xF4 lies past U+10FFFF
    len = 4;
    v = c & 0x07;
  } else {
    return kUtf8Invalid;
  }
  for (int k = 1; k < len; ++k) {
    if (static_cast<size_t>(k) >= n) return kUtf8Incomplete;
    unsigned char cc = s[k];
    if ((cc & 0xC0) != 0x80) return kUtf8Invalid;
    v = (v << 6) | (cc & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF.
  if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) || v > 0x10FFFF ||
      (v >= 0xD800 && v <= 0xDFFF)) {
    return kUtf8Invalid;
  }
  *cp = v;
  return len;
}

size_t FindInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0;
  while (i < text.size()) {
    uint32_t cp;
    int len = DecodeUtf8(s + i, text.size() - i, &cp);
    if (len <= 0) return i;
    i += static_cast<size_t>(len);
  }
  return std::string_view::npos;
}

size_t Utf8CharStart(std::string_view text, size_t i) {
  while (i > 0 && i < text.size() && IsUtf8Continuation(text[i])) --i;
  return i;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

size_t Utf16Length(std::string_view text) {
  size_t units = 0;
  for (char c : text) {
    if (!IsUtf8Continuation(c)) units += (static_cast<unsigned char>(c) & 0xF8) == 0xF0 ? 2 : 1;
  }
  return units;
}

namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The end of the escape sequence that starts (with ESC) at text[i].
size_t EscapeEnd(std::string_view text, size_t i) {
  while (i < text.size() && !IsAsciiLetter(text[i])) ++i;
  return i < text.size() ? i + 1 : i;
}

}  // namespace

int DisplayWidth(std::string_view text) {
  int w = 0;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\x1b') {
      i = EscapeEnd(text, i);
      continue;
    }
    if (!IsUtf8Continuation(text[i])) ++w;
    ++i;
  }
  return w;
}

size_t WidthPrefix(std::string_view text, int columns) {
  int w = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\x1b') {
      i = EscapeEnd(text, i);
      continue;
    }
    if (w >= columns) break;
    // A character: its first byte and those that continue it.
    ++i;
    while (i < text.size() && IsUtf8Continuation(text[i])) ++i;
    ++w;
  }
  return i;
}

}  // namespace wfgen
