// Tests for base::DisplayWidth and base::DecodeUtf8 (table cells measured at a terminal).
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "base/display_width.h"
#include "base/utf8.h"

namespace linkgraph::base {
namespace {

TEST_CASE("base/DecodeUtf8: code points and their lengths", "[base][utf8]") {
  std::string s = "a\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80";  // a é 日 😀
  size_t pos = 0;
  CHECK(DecodeUtf8(s, &pos) == 0x61);
  CHECK(pos == 1);
  CHECK(DecodeUtf8(s, &pos) == 0xE9);
  CHECK(pos == 3);
  CHECK(DecodeUtf8(s, &pos) == 0x65E5);
  CHECK(pos == 6);
  CHECK(DecodeUtf8(s, &pos) == 0x1F600);
  CHECK(pos == s.size());
}

TEST_CASE("base/DecodeUtf8: malformed bytes are U+FFFD one byte at a time", "[base][utf8]") {
  for (std::string bad : {"\x80", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE6\x97",
                          "\xFF"}) {
    size_t pos = 0;
    CHECK(DecodeUtf8(bad, &pos) == 0xFFFD);
    CHECK(pos == 1);
  }
}

TEST_CASE("base/DisplayWidth: wide, combining and narrow text", "[base][width]") {
  CHECK(DisplayWidth("") == 0);
  CHECK(DisplayWidth("Canvas Tote") == 11);
  CHECK(DisplayWidth("Caf\xC3\xA9") == 4);         // precomposed é
  CHECK(DisplayWidth("Cafe\xCC\x81") == 4);        // e + U+0301 combining acute
  CHECK(DisplayWidth("\xE6\x97\xA5\xE6\x9C\xAC") == 4);  // 日本
  CHECK(DisplayWidth("\xE3\x83\x9E\xE3\x82\xB0") == 4);  // マグ (katakana)
  CHECK(DisplayWidth("\xED\x95\x9C") == 2);        // 한 (Hangul syllable)
  CHECK(DisplayWidth("\xEF\xBC\xA1") == 2);        // Ａ (fullwidth A)
  CHECK(DisplayWidth("\xF0\x9F\x98\x80") == 2);    // 😀
  CHECK(DisplayWidth("\xE2\x80\x8B") == 0);        // zero-width space
  CHECK(DisplayWidth("\xEF\xBD\xA1") == 1);        // ｡ (halfwidth ideographic full stop)
  CHECK(DisplayWidth("\xE2\x80\xA6") == 1);        // … (ambiguous width: one)
  CHECK(DisplayWidth("\xFF\xFE") == 2);            // malformed bytes: one column each
}

TEST_CASE("base/CodePointWidth: range edges", "[base][width]") {
  CHECK(CodePointWidth(0x1F) == 0);
  CHECK(CodePointWidth(0x20) == 1);
  CHECK(CodePointWidth(0x7F) == 0);
  CHECK(CodePointWidth(0x10FF) == 1);
  CHECK(CodePointWidth(0x1100) == 2);
  CHECK(CodePointWidth(0x115F) == 2);
  CHECK(CodePointWidth(0x1160) == 0);
  CHECK(CodePointWidth(0x303E) == 2);
  CHECK(CodePointWidth(0x303F) == 1);
  CHECK(CodePointWidth(0x3099) == 0);
  CHECK(CodePointWidth(0x4E00) == 2);
  CHECK(CodePointWidth(0x9FFF) == 2);
  CHECK(CodePointWidth(0xA4D0) == 1);
  CHECK(CodePointWidth(0xD7A3) == 2);
  CHECK(CodePointWidth(0xD7A4) == 1);
  CHECK(CodePointWidth(0x20000) == 2);
  CHECK(CodePointWidth(0xE0100) == 0);
  CHECK(CodePointWidth(0x10FFFF) == 1);
}

}  // namespace
}  // namespace linkgraph::base
