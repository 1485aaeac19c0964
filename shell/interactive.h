// Reading statements from a terminal: a prompt per line (`linkgraph> `, `      ...> ` inside an
// unfinished statement), line editing and history through libedit when the build found it,
// plain std::getline otherwise. Each group of lines that completes its statements is run as one
// source.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "linkgraph/database.h"
#include "shell/source.h"

namespace linkgraph::shell {

// The completions of the word at the end of the text typed so far (Tab).
using Completer = std::function<std::vector<std::string>(std::string_view)>;

// Reads until the end of input or until `run` returns false (`.quit`). A statement still open
// at the end of input is run as it stands.
// The line printed when the prompt starts: the version and what is loaded.
std::string Banner(Database& db);

// `in_transaction` adds `(tx)` to the prompt. At the end of input (Ctrl-D) inside a transaction,
// `confirm_quit` is asked first: when it returns false the prompt returns.
void RunInteractive(const std::function<bool(const SourcePtr&)>& run, Completer completer = {},
                    const std::function<bool()>& in_transaction = {},
                    const std::function<bool()>& confirm_quit = {});

}  // namespace linkgraph::shell
