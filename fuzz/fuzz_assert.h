// FUZZ_CHECK, the fuzz targets' assertion: a failed check prints what failed and aborts, which
// libFuzzer reports as a crash with the input saved. Standard library only, so targets outside
// the dsl can use it without the dsl's headers.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#define FUZZ_CHECK(cond, what)                                                               \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      std::fprintf(stderr, "FUZZ_CHECK failed: %s: %s\n", #cond, std::string(what).c_str()); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)
