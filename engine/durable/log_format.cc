// Encoding of the log's file header and record headers (the layout is in log_format.h).
#include "engine/durable/log_format.h"

#include "base/crc32c.h"

namespace linkgraph::durable {

using internal::PutLe32;
using internal::PutLe64;

std::string EncodeLogHeader(const LogHeader& header) {
  std::string out(kLogHeaderBytes, '\0');
  char* p = out.data();
  kLogMagic.copy(p, kLogMagic.size());
  PutLe32(p + 8, kLogFormatVersion);
  PutLe32(p + 12, 0);
  PutLe64(p + 16, header.log_number);
  PutLe64(p + 24, header.first_commit);
  PutLe32(p + 32, base::MaskCrc(base::Crc32c(std::string_view(p, 32))));
  return out;
}

void EncodeRecordHeader(uint8_t type, std::string_view payload, char* out) {
  PutLe32(out, static_cast<uint32_t>(payload.size()));
  const char type_byte = static_cast<char>(type);
  const uint32_t crc = base::Crc32cExtend(base::Crc32c(std::string_view(&type_byte, 1)), payload);
  PutLe32(out + 4, base::MaskCrc(crc));
  out[8] = type_byte;
  PutLe32(out + 9, base::MaskCrc(base::Crc32c(std::string_view(out, 9))));
}

}  // namespace linkgraph::durable
