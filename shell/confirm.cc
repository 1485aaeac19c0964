#include "shell/confirm.h"

#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <string>

#include "shell/interrupt.h"

namespace linkgraph::shell {

bool AskYesNo(std::string_view question) {
  std::cout << question << std::flush;
  std::string answer;
  while (true) {
    char byte = 0;
    ssize_t got = read(STDIN_FILENO, &byte, 1);
    if (got == 1) {
      if (byte == '\n') break;
      answer.push_back(byte);
      continue;
    }
    if (got == 0) {  // the end of input: nothing more can be asked
      std::cout << '\n' << std::flush;
      return true;
    }
    if (errno == EINTR) {
      if (!InterruptFlag().exchange(false)) continue;
      std::cout << "^C\n" << std::flush;
      return false;
    }
    return true;  // a read error: the terminal is gone
  }
  size_t first = answer.find_first_not_of(" \t");
  return first != std::string::npos && (answer[first] == 'y' || answer[first] == 'Y');
}

bool ConfirmRollback(size_t queued) {
  return AskYesNo("A transaction is open (" + std::to_string(queued) +
                  (queued == 1 ? " statement" : " statements") +
                  " queued): roll it back and quit? (y/N) ");
}

}  // namespace linkgraph::shell
