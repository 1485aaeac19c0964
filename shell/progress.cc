#include "shell/progress.h"

#include <unistd.h>

#include <cstdio>
#include <memory>

namespace linkgraph::shell {

WriteBatch::Progress TerminalProgress() {
  if (isatty(STDERR_FILENO) == 0) return {};
  auto last = std::make_shared<int>(-1);
  return [last](int64_t done, int64_t total) {
    if (total < kProgressMinBytes) return;
    int percent = static_cast<int>(done * 100 / total);
    if (percent == *last) return;
    *last = percent;
    constexpr int kWidth = 30;
    int filled = percent * kWidth / 100;
    std::fprintf(stderr, "\rloading [%.*s%.*s] %3d%%", filled, "##############################",
                 kWidth - filled, "..............................", percent);
    if (done >= total) std::fputc('\n', stderr);
    std::fflush(stderr);
  };
}

}  // namespace linkgraph::shell
