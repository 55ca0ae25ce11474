// What of a step's output may reach the terminal.
//
// The log keeps every byte a step writes. The copy Ninja shows goes to a
// terminal, where binary data (a model dumped to stdout by mistake,
// invalid UTF-8 from a Latin-1 file) can switch character sets, move the
// cursor or retitle the window. So the console copy is made printable:
//
// - valid UTF-8 text, tab, newline and carriage return pass;
// - colour (SGR: ESC [ digits and ';' m) passes, and if any was shown a
//   reset (ESC [ 0 m) ends the copy, so colour never leaks past the step;
// - every other control character, other escape sequence introducer,
//   C1 control and invalid UTF-8 byte becomes U+FFFD;
// - at most `limit` bytes are produced, cut between characters and
//   sequences, never inside one.
//
// Input may arrive in pieces that split a character or a sequence: the
// incomplete tail is kept until the next piece (or Finish).
#pragma once

#include <cstddef>
#include <string>

namespace wfgen {

class ConsoleText {
 public:
  explicit ConsoleText(size_t limit) : limit_(limit) {}

  // Appends the printable form of `data` to *out.
  void Feed(const char* data, size_t size, std::string* out);
  // The end of the input: an incomplete tail becomes U+FFFD; a colour
  // reset follows if colour was shown.
  void Finish(std::string* out);

  // True once something was left out because of the limit.
  bool truncated() const { return truncated_; }
  size_t produced() const { return produced_; }

 private:
  // Appends a whole character or sequence, if it fits; false if not.
  bool Emit(const std::string& unit, std::string* out);

  size_t limit_;
  size_t produced_ = 0;
  bool truncated_ = false;
  bool coloured_ = false;
  std::string pending_;
};

}  // namespace wfgen
