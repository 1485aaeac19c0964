// Advice that a large output buffer be backed by transparent huge pages (Linux
// `madvise(MADV_HUGEPAGE)`; nothing elsewhere). A result's JSON is written into fresh memory,
// and at 4 KiB a page the kernel's faulting and zeroing of it cost as much as writing the text:
// a 124 MB document took 30,000 page faults. With 2 MiB pages it takes about 60.
#pragma once

#include <cstddef>

namespace linkgraph::result {

// Advises the 2 MiB-aligned pages wholly inside [p, p + size) (none when it is smaller) to use
// huge pages. Advice only: the memory and its contents are unchanged.
void AdviseHugePages(void* p, size_t size);

}  // namespace linkgraph::result
