// Reading statements from a terminal: a prompt per line (`linkgraph> `, `      ...> ` inside an
// unfinished statement), line editing and history through libedit when the build found it,
// plain std::getline otherwise. Each group of lines that completes its statements is run as one
// source.
#pragma once

#include <functional>

#include "shell/source.h"

namespace linkgraph::shell {

// Reads until the end of input or until `run` returns false (`.quit`). A statement still open
// at the end of input is run as it stands.
void RunInteractive(const std::function<bool(const SourcePtr&)>& run);

}  // namespace linkgraph::shell
