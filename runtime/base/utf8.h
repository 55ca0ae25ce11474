// UTF-8, decoded, encoded and measured in one place: project.yml must be
// valid UTF-8, a step's output is made printable character by character,
// messages are shortened between characters, JSON's \u escapes become
// UTF-8, diagnostics count columns as editors do and the status table
// fits its lines to the terminal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace wfgen {

// What DecodeUtf8 returns besides a length.
constexpr int kUtf8Invalid = 0;      // not UTF-8 at s[0]
constexpr int kUtf8Incomplete = -1;  // a valid start, cut short by n

// The character at s[0..n): its length (1 to 4, *cp its code point), or
// kUtf8Invalid (a stray or impossible byte, an overlong form, a surrogate,
// a value past U+10FFFF), or kUtf8Incomplete. n must be at least 1.
int DecodeUtf8(const unsigned char* s, size_t n, uint32_t* cp);

// Where the first invalid (or cut short) sequence starts, or npos.
size_t FindInvalidUtf8(std::string_view text);

// `i` moved back to the first byte of the character it falls in (for
// cutting a text between characters). i == 0 and i >= size stay.
size_t Utf8CharStart(std::string_view text, size_t i);

// Appends code point `cp` (at most U+10FFFF) encoded as UTF-8.
void AppendUtf8(uint32_t cp, std::string* out);

// A byte that continues a character (10xxxxxx), never starts one.
inline bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The UTF-16 code units of `text`, the unit editors count columns in: one
// per character, two for one past U+FFFF (four bytes in UTF-8).
size_t Utf16Length(std::string_view text);

// The terminal columns `text` takes: one per character (wide and
// combining characters are not told apart), none for an escape sequence,
// taken as ESC up to and including the next ASCII letter (colour).
int DisplayWidth(std::string_view text);

// How many bytes of `text` take at most `columns` columns (DisplayWidth):
// whole characters and escape sequences, including those that follow the
// last character that fits.
size_t WidthPrefix(std::string_view text, int columns);

}  // namespace wfgen
