// Ctrl-C at an interactive shell: SIGINT sets a flag instead of ending the process. A running
// query sees it as its cancellation flag (QueryOptions::cancel) and fails with Cancelled; the
// line editor sees it as an interrupted read and discards the line being typed.
#pragma once

#include <atomic>

namespace linkgraph::shell {

// Installs the SIGINT handler (without SA_RESTART, so a blocked read returns EINTR).
void CatchInterrupts();

// The flag SIGINT sets; the shell clears it before each line it reads.
std::atomic<bool>& InterruptFlag();

}  // namespace linkgraph::shell
