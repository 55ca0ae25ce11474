#include "generator/run/terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace wfgen {
namespace {

bool LocaleIsUtf8() {
  for (const char* var : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* v = getenv(var);
    if (!v || !*v) continue;
    std::string s = v;
    for (char& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
    return s.find("utf-8") != std::string::npos || s.find("utf8") != std::string::npos;
  }
  return false;
}

}  // namespace

void UpdateTerminalSize(TerminalInfo* info) {
  struct winsize ws;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
    info->width = ws.ws_col;
    info->height = ws.ws_row > 0 ? ws.ws_row : 24;
  }
}

TerminalInfo DetectTerminal() {
  TerminalInfo info;
  const char* term = getenv("TERM");
  info.is_tty = isatty(STDOUT_FILENO) && term && *term && strcmp(term, "dumb") != 0;
  if (info.is_tty) UpdateTerminalSize(&info);
  const char* no_color = getenv("NO_COLOR");
  info.style.color = info.is_tty && !(no_color && *no_color);
  info.style.unicode = LocaleIsUtf8();
  return info;
}

}  // namespace wfgen
