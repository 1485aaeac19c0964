// Tests for base/utf8: validation against a reference decoder, code point counting, truncation.
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"

namespace linkgraph::base {
namespace {

using namespace std::string_literals;

// Reference UTF-8 decoder: true iff s is a sequence of shortest-form scalar values.
bool ReferenceValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      len = 1;
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// UTF-8

TEST_CASE("base/Utf8: valid sequences", "[base][utf8]") {
  const std::string good[] = {
      "",
      "plain ascii text that is longer than eight bytes",
      "\0"s,
      "a\0b"s,
      "\x7F",
      "\xC2\x80",          // U+0080
      "\xC3\xA9",          // é
      "\xDF\xBF",          // U+07FF
      "\xE0\xA0\x80",      // U+0800
      "\xE2\x82\xAC",      // €
      "\xED\x9F\xBF",      // U+D7FF
      "\xEE\x80\x80",      // U+E000
      "\xEF\xBF\xBF",      // U+FFFF
      "\xEF\xBB\xBF",      // BOM is a valid character
      "\xF0\x90\x80\x80",  // U+10000
      "\xF0\x9D\x84\x9E",  // 𝄞
      "\xF3\xBF\xBF\xBF",  // U+FFFFF
      "\xF4\x8F\xBF\xBF",  // U+10FFFF
      "h\xC3\xA9llo w\xC3\xB6rld \xE2\x82\xAC \xF0\x9F\x98\x80 and more ascii after it",
  };
  for (const std::string& s : good) {
    INFO("bytes: " << s);
    CHECK(IsValidUtf8(s));
  }
}

TEST_CASE("base/Utf8: invalid sequences at every alignment", "[base][utf8]") {
  const std::string bad[] = {
      "\x80",                      // lone continuation
      "\xBF",                      //
      "\xC0\x80",                  // overlong NUL
      "\xC1\xBF",                  // overlong
      "\xC2",                      // truncated
      "\xC3\x41",                  // missing continuation
      "\xC3\xC3",                  //
      "\xE0\x80\x80",              // overlong
      "\xE0\x9F\xBF",              // overlong (U+07FF)
      "\xE2\x82",                  // truncated
      "\xE2\x28\xA1",              // bad second byte
      "\xE2\x82\x28",              // bad third byte
      "\xED\xA0\x80",              // U+D800
      "\xED\xBF\xBF",              // U+DFFF
      "\xED\xA0\x80\xED\xB0\x80",  // CESU-8 surrogate pair
      "\xF0\x80\x80\x80",          // overlong
      "\xF0\x8F\xBF\xBF",          // overlong (U+FFFF)
      "\xF0\x9D\x84",              // truncated
      "\xF4\x90\x80\x80",          // U+110000
      "\xF5\x80\x80\x80",          // beyond
      "\xF7\xBF\xBF\xBF",          //
      "\xF8\x88\x80\x80\x80",      // 5-byte form
      "\xFC\x84\x80\x80\x80\x80",
      "\xFE",
      "\xFF",
  };
  for (const std::string& seq : bad) {
    INFO("bytes: " << seq);
    CHECK_FALSE(IsValidUtf8(seq));
    for (size_t pad = 0; pad < 17; ++pad) {
      const std::string before(pad, 'a');
      const std::string after(17 - pad, 'b');
      REQUIRE_FALSE(IsValidUtf8(before + seq + after));
      REQUIRE_FALSE(IsValidUtf8(before + seq));
      REQUIRE(IsValidUtf8(before + "\xE2\x82\xAC" + after));
    }
  }
}

TEST_CASE("base/Utf8: exhaustive short strings match a reference decoder", "[base][utf8]") {
  int mismatches = 0;
  std::string s;
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      s.assign({static_cast<char>(a), static_cast<char>(b)});
      if (IsValidUtf8(s) != ReferenceValidUtf8(s)) ++mismatches;
      if (a >= 0xE0) {
        for (int c = 0x70; c < 0xC8; ++c) {  // Continuation bytes and their neighbours.
          s.assign({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
          if (IsValidUtf8(s) != ReferenceValidUtf8(s)) ++mismatches;
          if (a >= 0xF0 && (b & 0xC0) == 0x80) {
            for (int d : {0x3F, 0x80, 0xBF, 0xC0}) {
              s.push_back(static_cast<char>(d));
              if (IsValidUtf8(s) != ReferenceValidUtf8(s)) ++mismatches;
              s.pop_back();
            }
          }
        }
      }
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("base/Utf8: random strings match a reference decoder", "[base][utf8]") {
  std::mt19937_64 rng(11);
  int mismatches = 0;
  int count_failures = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    size_t code_points = 0;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) {
      uint32_t cp;
      switch (rng() % 4) {
        case 0:
          cp = static_cast<uint32_t>(rng() % 0x80);
          break;
        case 1:
          cp = static_cast<uint32_t>(0x80 + rng() % 0x780);
          break;
        case 2:
          cp = static_cast<uint32_t>(0x800 + rng() % 0xF800);
          break;
        default:
          cp = static_cast<uint32_t>(0x10000 + rng() % 0x100000);
          break;
      }
      if (cp >= 0xD800 && cp <= 0xDFFF) cp = 'x';
      AppendUtf8(cp, &s);
      ++code_points;
    }
    if (!IsValidUtf8(s)) ++mismatches;
    if (CountCodePoints(s) != code_points) ++count_failures;
    // Corrupt one byte and compare with the reference.
    if (!s.empty()) {
      s[rng() % s.size()] = static_cast<char>(rng());
      if (IsValidUtf8(s) != ReferenceValidUtf8(s)) ++mismatches;
    }
  }
  CHECK(mismatches == 0);
  CHECK(count_failures == 0);
}

TEST_CASE("base/Utf8: count code points", "[base][utf8]") {
  CHECK(CountCodePoints("") == 0);
  CHECK(CountCodePoints("abc") == 3);
  CHECK(CountCodePoints("h\xC3\xA9llo") == 5);
  CHECK(CountCodePoints("\xE2\x82\xAC\xF0\x9D\x84\x9E") == 2);
  CHECK(CountCodePoints("\0\0"s) == 2);
  CHECK(CountCodePoints(std::string(1000, 'a')) == 1000);
  std::string mixed;
  for (int i = 0; i < 100; ++i) mixed += "a\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E";
  CHECK(CountCodePoints(mixed) == 400);
  CHECK(CountCodePoints(mixed.substr(1)) == 399);
}

TEST_CASE("base/Utf8: truncate on a character boundary", "[base][utf8]") {
  CHECK(TruncateUtf8("hello", 10) == "hello");
  CHECK(TruncateUtf8("hello", 5) == "hello");
  CHECK(TruncateUtf8("hello", 3) == "hel");
  CHECK(TruncateUtf8("h\xC3\xA9llo", 2) == "h");
  CHECK(TruncateUtf8("h\xC3\xA9llo", 3) == "h\xC3\xA9");
  CHECK(TruncateUtf8("\xF0\x9D\x84\x9E!", 3).empty());
  CHECK(TruncateUtf8("\xF0\x9D\x84\x9E!", 4) == "\xF0\x9D\x84\x9E");
  CHECK(TruncateUtf8("abc", 0).empty());
}

TEST_CASE("base/Utf8: the first invalid byte", "[base][utf8]") {
  CHECK(FirstInvalidUtf8("") == std::string_view::npos);
  CHECK(FirstInvalidUtf8("plain ascii text, longer than eight bytes") == std::string_view::npos);
  CHECK(FirstInvalidUtf8("h\xC3\xA9llo \xF0\x9D\x84\x9E") == std::string_view::npos);
  CHECK(FirstInvalidUtf8("abcdefghij\x80") == 10);
  CHECK(FirstInvalidUtf8("ab\xC0\xAF") == 2);          // overlong
  CHECK(FirstInvalidUtf8("abc\xED\xA0\x80") == 3);     // surrogate
  CHECK(FirstInvalidUtf8("\xC3\xA9\xF4\x90\x80\x80") == 2);  // above U+10FFFF
  CHECK(FirstInvalidUtf8("\xC3\xA9\xE2\x82") == 2);   // truncated
}

TEST_CASE("base/Utf8: truncate the front, skip a code point", "[base][utf8]") {
  CHECK(TruncateUtf8Front("hello", 10) == "hello");
  CHECK(TruncateUtf8Front("hello", 3) == "llo");
  CHECK(TruncateUtf8Front("h\xC3\xA9llo", 4) == "llo");
  CHECK(TruncateUtf8Front("h\xC3\xA9llo", 5) == "\xC3\xA9llo");
  CHECK(TruncateUtf8Front("abc", 0).empty());
  std::string s = "a\xC3\xA9\xF0\x9D\x84\x9E\x80z";
  CHECK(SkipCodePoint(s, 0) == 1);
  CHECK(SkipCodePoint(s, 1) == 3);
  CHECK(SkipCodePoint(s, 3) == 8);  // the stray continuation byte goes with the sequence
  CHECK(SkipCodePoint(s, 8) == 9);
}

}  // namespace
}  // namespace linkgraph::base
