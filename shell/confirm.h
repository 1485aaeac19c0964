// A yes/no question at the terminal, asked outside the line editor (DESIGN.md §6: Ctrl-D or
// `.quit` with a transaction open asks before rolling it back).
#pragma once

#include <cstddef>
#include <string_view>

namespace linkgraph::shell {

// Prints `question` and reads one line from standard input: true for an answer starting with
// `y` or `Y`; false for anything else, an empty line or Ctrl-C. The end of input (Ctrl-D at the
// question, or a terminal gone away) is true, so that a shell whose input has ended can quit.
bool AskYesNo(std::string_view question);

// The question before leaving with `queued` statements in an open transaction:
// "A transaction is open (N statements queued): roll it back and quit? (y/N) ".
bool ConfirmRollback(size_t queued);

}  // namespace linkgraph::shell
