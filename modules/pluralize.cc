#include "modules/pluralize.h"

#include <array>
#include <cstddef>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/utf8.h"
#include "modules/names.h"

namespace linkgraph::modules {
namespace {

// ---------------------------------------------------------------------------------------------
// Words are processed as JavaScript sees them: as UTF-16 code units (held in char32_t), so that
// a rule such as /([^aeiouy]|qu)y$/ matches half of a surrogate pair exactly as it does in
// JavaScript. A byte that is not part of valid UTF-8 becomes kRawByteBase + byte and is written
// back unchanged. A surrogate that is not part of a pair is written in its 3-byte (WTF-8) form
// and read back as a surrogate; names.cc treats those bytes as caseless, which is how
// String.prototype.toLowerCase/toUpperCase treat lone surrogates.

using Units = std::u32string;
using UnitsView = std::u32string_view;

constexpr char32_t kRawByteBase = 0x110000;

bool IsHighSurrogate(char32_t u) { return u >= 0xD800 && u <= 0xDBFF; }
bool IsLowSurrogate(char32_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

Units ToUnits(std::string_view s) {
  Units out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      out.push_back(b0);
      ++i;
      continue;
    }
    size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      len = 4, cp = b0 & 0x07, min = 0x10000;
    }
    bool ok = len != 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) {
        ok = false;
      } else {
        cp = (cp << 6) | (b & 0x3F);
      }
    }
    if (ok && (cp < min || cp > 0x10FFFF)) ok = false;
    if (!ok) {
      out.push_back(kRawByteBase + b0);
      ++i;
      continue;
    }
    if (cp >= 0x10000) {
      out.push_back(0xD800 + ((cp - 0x10000) >> 10));
      out.push_back(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      out.push_back(cp);  // Includes a WTF-8 lone surrogate.
    }
    i += len;
  }
  return out;
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp >= kRawByteBase) {
    out.push_back(static_cast<char>(cp - kRawByteBase));
  } else {
    base::AppendUtf8(cp, &out);
  }
}

std::string FromUnits(UnitsView units) {
  std::string out;
  out.reserve(units.size());
  for (size_t i = 0; i < units.size(); ++i) {
    if (IsHighSurrogate(units[i]) && i + 1 < units.size() && IsLowSurrogate(units[i + 1])) {
      AppendUtf8(0x10000 + ((units[i] - 0xD800) << 10) + (units[i + 1] - 0xDC00), out);
      ++i;
    } else {
      AppendUtf8(units[i], out);
    }
  }
  return out;
}

// String.prototype.toLowerCase / toUpperCase on code units.
Units LowerUnits(UnitsView units) { return ToUnits(JsToLowerCase(FromUnits(units))); }
Units UpperUnits(UnitsView units) { return ToUnits(JsToUpperCase(FromUnits(units))); }

bool IsAsciiWord(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// ECMAScript Canonicalize(ch) for a case-insensitive, non-unicode RegExp: the upper-case form
// when that is a single code unit, except that a non-ASCII unit never canonicalizes to an ASCII
// one. Surrogates (and raw bytes) never change.
char32_t Canonicalize(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
  if ((c >= 0xD800 && c <= 0xDFFF) || c >= 0x10000) return c;
  const Units upper = UpperUnits(UnitsView(&c, 1));
  return upper.size() == 1 && upper[0] >= 0x80 ? upper[0] : c;
}

// ---------------------------------------------------------------------------------------------
// A backtracking matcher for the subset of JavaScript regular expressions used by pluralize's
// rule tables, always with the `i` flag: literals, \uXXXX, \w, \b, ^, $, classes ([...], [^...],
// ranges), capturing and (?:...) groups, alternation and the greedy `?` quantifier. Matching
// follows ECMAScript backtracking order, so leftmost match, alternative priority and captures are
// those JavaScript reports.

class Regex {
 public:
  struct Span {
    size_t begin = 0;
    size_t end = 0;
  };
  struct Match {
    Span whole;
    std::vector<std::optional<Span>> groups;  // groups[k] is capture k + 1.
  };

  // Aborts on syntax outside the supported subset: patterns are compile-time constants.
  explicit Regex(std::u32string_view pattern) : pattern_(pattern) {
    root_ = ParseDisjunction();
    if (pos_ != pattern_.size() || group_count_ > kMaxGroups) std::abort();
  }

  // RegExp.prototype.exec without the `g` flag: the leftmost match, or nullopt.
  std::optional<Match> Search(std::u32string_view text) const {
    for (size_t start = 0; start <= text.size(); ++start) {
      State state{text, {}, 0};
      const auto accept = [&state](size_t end) {
        state.end = end;
        return true;
      };
      if (MatchAlternatives(root_, -1, start, state, accept)) {
        return Match{Span{start, state.end},
                     std::vector<std::optional<Span>>(state.captures.begin(),
                                                      state.captures.begin() + group_count_)};
      }
    }
    return std::nullopt;
  }

 private:
  static constexpr size_t kMaxGroups = 4;
  using Captures = std::array<std::optional<Span>, kMaxGroups>;

  struct ClassItem {
    char32_t lo;
    char32_t hi;
    bool word;  // \w
  };
  struct Node;
  using Sequence = std::vector<Node>;
  struct Node {
    enum class Kind { kChar, kClass, kGroup, kBegin, kEnd, kWordBoundary };
    Kind kind = Kind::kChar;
    char32_t ch = 0;
    std::vector<ClassItem> items;
    bool negated = false;
    std::vector<Sequence> alternatives;
    int capture = -1;  // Index into captures for capturing groups.
    bool optional = false;
  };
  struct State {
    std::u32string_view text;
    Captures captures;
    size_t end;
  };

  // A non-owning reference to a callable bool(size_t), cheaper than std::function. Only ever
  // bound to a lambda that outlives the call it is passed to.
  class Continuation {
   public:
    template <typename F>
    Continuation(const F& f)  // NOLINT(google-explicit-constructor)
        : callable_(&f), invoke_([](const void* c, size_t p) {
            return (*static_cast<const F*>(c))(p);
          }) {}
    bool operator()(size_t pos) const { return invoke_(callable_, pos); }

   private:
    const void* callable_;
    bool (*invoke_)(const void*, size_t);
  };

  // --- Parsing ---

  bool AtEnd() const { return pos_ >= pattern_.size(); }
  char32_t Peek() const { return pattern_[pos_]; }

  std::vector<Sequence> ParseDisjunction() {
    std::vector<Sequence> alternatives;
    alternatives.push_back(ParseSequence());
    while (!AtEnd() && Peek() == '|') {
      ++pos_;
      alternatives.push_back(ParseSequence());
    }
    return alternatives;
  }

  Sequence ParseSequence() {
    Sequence seq;
    while (!AtEnd() && Peek() != '|' && Peek() != ')') {
      Node node = ParseTerm();
      if (!AtEnd() && Peek() == '?') {
        if (node.kind != Node::Kind::kChar && node.kind != Node::Kind::kClass &&
            node.kind != Node::Kind::kGroup) {
          std::abort();
        }
        node.optional = true;
        ++pos_;
      }
      if (!AtEnd() && (Peek() == '*' || Peek() == '+' || Peek() == '{' || Peek() == '?')) {
        std::abort();
      }
      seq.push_back(std::move(node));
    }
    return seq;
  }

  char32_t ParseHex4() {
    if (pos_ + 4 > pattern_.size()) std::abort();
    char32_t value = 0;
    for (int k = 0; k < 4; ++k) {
      const char32_t c = pattern_[pos_++];
      value <<= 4;
      if (c >= '0' && c <= '9') {
        value |= c - '0';
      } else if (c >= 'a' && c <= 'f') {
        value |= c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        value |= c - 'A' + 10;
      } else {
        std::abort();
      }
    }
    return value;
  }

  Node ParseTerm() {
    Node node;
    const char32_t c = pattern_[pos_++];
    switch (c) {
      case '^':
        node.kind = Node::Kind::kBegin;
        return node;
      case '$':
        node.kind = Node::Kind::kEnd;
        return node;
      case '(': {
        node.kind = Node::Kind::kGroup;
        if (pattern_.substr(pos_, 2) == U"?:") {
          pos_ += 2;
        } else if (!AtEnd() && Peek() == '?') {
          std::abort();  // Lookarounds are not used by the rule tables.
        } else {
          node.capture = static_cast<int>(group_count_++);
        }
        node.alternatives = ParseDisjunction();
        if (AtEnd() || Peek() != ')') std::abort();
        ++pos_;
        return node;
      }
      case '[':
        node.kind = Node::Kind::kClass;
        ParseClass(node);
        return node;
      case '\\': {
        if (AtEnd()) std::abort();
        const char32_t e = pattern_[pos_++];
        if (e == 'b') {
          node.kind = Node::Kind::kWordBoundary;
        } else if (e == 'w') {
          node.kind = Node::Kind::kClass;
          node.items.push_back({0, 0, true});
        } else if (e == 'u') {
          node.ch = ParseHex4();
        } else if (IsAsciiWord(e)) {
          std::abort();  // Other letter escapes (\d, \s, \B, ...) are not used.
        } else {
          node.ch = e;
        }
        return node;
      }
      case '.':
      case '*':
      case '+':
      case '?':
      case '{':
      case ')':
      case '|':
        std::abort();
      default:
        node.ch = c;
        return node;
    }
  }

  char32_t ParseClassAtom(bool* word) {
    *word = false;
    const char32_t c = pattern_[pos_++];
    if (c != '\\') return c;
    if (AtEnd()) std::abort();
    const char32_t e = pattern_[pos_++];
    if (e == 'w') {
      *word = true;
      return 0;
    }
    if (e == 'u') return ParseHex4();
    if (IsAsciiWord(e)) std::abort();
    return e;
  }

  void ParseClass(Node& node) {
    if (!AtEnd() && Peek() == '^') {
      node.negated = true;
      ++pos_;
    }
    while (!AtEnd() && Peek() != ']') {
      bool word = false;
      const char32_t lo = ParseClassAtom(&word);
      if (word) {
        node.items.push_back({0, 0, true});
        continue;
      }
      char32_t hi = lo;
      if (pos_ + 1 < pattern_.size() && Peek() == '-' && pattern_[pos_ + 1] != ']') {
        ++pos_;
        bool hi_word = false;
        hi = ParseClassAtom(&hi_word);
        if (hi_word || hi < lo) std::abort();
      }
      node.items.push_back({lo, hi, false});
    }
    if (AtEnd()) std::abort();
    ++pos_;  // ']'
  }

  // --- Matching ---

  static bool ItemMatches(const ClassItem& item, char32_t c) {
    if (item.word) return IsAsciiWord(c);  // Without the `u` flag \w is ASCII-only.
    // Under `i`, c is in the class iff some member has the same canonical form. The members that
    // can share c's canonical form are c itself, its canonical form and their lower-case forms.
    const char32_t canon = Canonicalize(c);
    for (char32_t candidate : {c, canon, LowerOne(c), LowerOne(canon)}) {
      if (candidate >= item.lo && candidate <= item.hi && Canonicalize(candidate) == canon) {
        return true;
      }
    }
    return false;
  }

  static char32_t LowerOne(char32_t c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    if ((c >= 0xD800 && c <= 0xDFFF) || c >= 0x10000) return c;
    const Units lower = LowerUnits(UnitsView(&c, 1));
    return lower.size() == 1 ? lower[0] : c;
  }

  static bool IsWordAt(std::u32string_view text, size_t i) {
    return i < text.size() && IsAsciiWord(text[i]);
  }

  bool MatchNode(const Node& node, size_t pos, State& state, const Continuation& next) const {
    const std::u32string_view text = state.text;
    switch (node.kind) {
      case Node::Kind::kChar:
        return pos < text.size() && Canonicalize(text[pos]) == Canonicalize(node.ch) &&
               next(pos + 1);
      case Node::Kind::kClass: {
        if (pos >= text.size()) return false;
        bool in_class = false;
        for (const ClassItem& item : node.items) {
          if (ItemMatches(item, text[pos])) {
            in_class = true;
            break;
          }
        }
        return in_class != node.negated && next(pos + 1);
      }
      case Node::Kind::kBegin:
        return pos == 0 && next(pos);
      case Node::Kind::kEnd:
        return pos == text.size() && next(pos);
      case Node::Kind::kWordBoundary: {
        const bool before = pos > 0 && IsWordAt(text, pos - 1);
        return before != IsWordAt(text, pos) && next(pos);
      }
      case Node::Kind::kGroup:
        return MatchAlternatives(node.alternatives, node.capture, pos, state, next);
    }
    return false;
  }

  bool MatchAlternatives(const std::vector<Sequence>& alternatives, int capture, size_t pos,
                         State& state, const Continuation& next) const {
    const Captures saved = state.captures;
    for (const Sequence& seq : alternatives) {
      const auto close = [&](size_t end) {
        std::optional<Span> before;
        if (capture >= 0) {
          before = state.captures[capture];
          state.captures[capture] = Span{pos, end};
        }
        if (next(end)) return true;
        if (capture >= 0) state.captures[capture] = before;
        return false;
      };
      const bool matched = MatchSequence(seq, 0, pos, state, close);
      if (matched) return true;
      state.captures = saved;
    }
    return false;
  }

  bool MatchSequence(const Sequence& seq, size_t index, size_t pos, State& state,
                     const Continuation& next) const {
    if (index == seq.size()) return next(pos);
    const auto rest = [&](size_t p) { return MatchSequence(seq, index + 1, p, state, next); };
    const Node& node = seq[index];
    if (MatchNode(node, pos, state, rest)) return true;
    // `?` is greedy: skipping the atom is the second choice. A skipped group leaves its
    // captures undefined (they were restored on the failed attempt).
    return node.optional && rest(pos);
  }

  std::u32string_view pattern_;
  size_t pos_ = 0;
  size_t group_count_ = 0;
  std::vector<Sequence> root_;
};

// ---------------------------------------------------------------------------------------------
// pluralize 8.0.0's tables, in its order. Patterns are the JavaScript regex sources (string rules
// are wrapped in ^...$ as sanitizeRule does); all are case-insensitive.

struct RuleSpec {
  std::u32string_view pattern;
  std::string_view replacement;
};

constexpr std::pair<std::string_view, std::string_view> kIrregularRules[] = {
    // Pronouns.
    {"I", "we"},
    {"me", "us"},
    {"he", "they"},
    {"she", "they"},
    {"them", "them"},
    {"myself", "ourselves"},
    {"yourself", "yourselves"},
    {"itself", "themselves"},
    {"herself", "themselves"},
    {"himself", "themselves"},
    {"themself", "themselves"},
    {"is", "are"},
    {"was", "were"},
    {"has", "have"},
    {"this", "these"},
    {"that", "those"},
    // Words ending with a consonant and `o`.
    {"echo", "echoes"},
    {"dingo", "dingoes"},
    {"volcano", "volcanoes"},
    {"tornado", "tornadoes"},
    {"torpedo", "torpedoes"},
    // Ends with `us`.
    {"genus", "genera"},
    {"viscus", "viscera"},
    // Ends with `ma`.
    {"stigma", "stigmata"},
    {"stoma", "stomata"},
    {"dogma", "dogmata"},
    {"lemma", "lemmata"},
    {"schema", "schemata"},
    {"anathema", "anathemata"},
    // Other irregular rules.
    {"ox", "oxen"},
    {"axe", "axes"},
    {"die", "dice"},
    {"yes", "yeses"},
    {"foot", "feet"},
    {"eave", "eaves"},
    {"goose", "geese"},
    {"tooth", "teeth"},
    {"quiz", "quizzes"},
    {"human", "humans"},
    {"proof", "proofs"},
    {"carve", "carves"},
    {"valve", "valves"},
    {"looey", "looies"},
    {"thief", "thieves"},
    {"groove", "grooves"},
    {"pickaxe", "pickaxes"},
    {"passerby", "passersby"},
};

constexpr RuleSpec kPluralRules[] = {
    {UR"(s?$)", "s"},
    {UR"([^\u0000-\u007F]$)", "$0"},
    {UR"(([^aeiou]ese)$)", "$1"},
    {UR"((ax|test)is$)", "$1es"},
    {UR"((alias|[^aou]us|t[lm]as|gas|ris)$)", "$1es"},
    {UR"((e[mn]u)s?$)", "$1s"},
    {UR"(([^l]ias|[aeiou]las|[ejzr]as|[iu]am)$)", "$1"},
    {UR"((alumn|syllab|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)(?:us|i)$)",
     "$1i"},
    {UR"((alumn|alg|vertebr)(?:a|ae)$)", "$1ae"},
    {UR"((seraph|cherub)(?:im)?$)", "$1im"},
    {UR"((her|at|gr)o$)", "$1oes"},
    {UR"((agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|)"
     UR"(curricul|automat|quor)(?:a|um)$)",
     "$1a"},
    {UR"((apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|)"
     UR"(automat)(?:a|on)$)",
     "$1a"},
    {UR"(sis$)", "ses"},
    {UR"((?:(kni|wi|li)fe|(ar|l|ea|eo|oa|hoo)f)$)", "$1$2ves"},
    {UR"(([^aeiouy]|qu)y$)", "$1ies"},
    {UR"(([^ch][ieo][ln])ey$)", "$1ies"},
    {UR"((x|ch|ss|sh|zz)$)", "$1es"},
    {UR"((matr|cod|mur|sil|vert|ind|append)(?:ix|ex)$)", "$1ices"},
    {UR"(\b((?:tit)?m|l)(?:ice|ouse)$)", "$1ice"},
    {UR"((pe)(?:rson|ople)$)", "$1ople"},
    {UR"((child)(?:ren)?$)", "$1ren"},
    {UR"(eaux$)", "$0"},
    {UR"(m[ae]n$)", "men"},
    {UR"(^thou$)", "you"},
};

constexpr RuleSpec kSingularRules[] = {
    {UR"(s$)", ""},
    {UR"((ss)$)", "$1"},
    {UR"((wi|kni|(?:after|half|high|low|mid|non|night|[^\w]|^)li)ves$)", "$1fe"},
    {UR"((ar|(?:wo|[ae])l|[eo][ao])ves$)", "$1f"},
    {UR"(ies$)", "y"},
    {UR"(\b([pl]|zomb|(?:neck|cross)?t|coll|faer|food|gen|goon|group|lass|talk|goal|cut)ies$)",
     "$1ie"},
    {UR"(\b(mon|smil)ies$)", "$1ey"},
    {UR"(\b((?:tit)?m|l)ice$)", "$1ouse"},
    {UR"((seraph|cherub)im$)", "$1"},
    {UR"((x|ch|ss|sh|zz|tto|go|cho|alias|[^aou]us|t[lm]as|gas|(?:her|at|gr)o|[aeiou]ris)(?:es)?$)",
     "$1"},
    {UR"((analy|diagno|parenthe|progno|synop|the|empha|cri|ne)(?:sis|ses)$)", "$1sis"},
    {UR"((movie|twelve|abuse|e[mn]u)s$)", "$1"},
    {UR"((test)(?:is|es)$)", "$1is"},
    {UR"((alumn|syllab|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)(?:us|i)$)",
     "$1us"},
    {UR"((agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|)"
     UR"(curricul|quor)a$)",
     "$1um"},
    {UR"((apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|)"
     UR"(automat)a$)",
     "$1on"},
    {UR"((alumn|alg|vertebr)ae$)", "$1a"},
    {UR"((cod|mur|sil|vert|ind)ices$)", "$1ex"},
    {UR"((matr|append)ices$)", "$1ix"},
    {UR"((pe)(rson|ople)$)", "$1rson"},
    {UR"((child)ren$)", "$1"},
    {UR"((eau)x?$)", "$1"},
    {UR"(men$)", "man"},
};

constexpr std::string_view kUncountableWords[] = {
    "adulthood", "advice",         "agenda",    "aid",        "aircraft",     "alcohol",
    "ammo",      "analytics",      "anime",     "athletics",  "audio",        "bison",
    "blood",     "bream",          "buffalo",   "butter",     "carp",         "cash",
    "chassis",   "chess",          "clothing",  "cod",        "commerce",     "cooperation",
    "corps",     "debris",         "diabetes",  "digestion",  "elk",          "energy",
    "equipment", "excretion",      "expertise", "firmware",   "flounder",     "fun",
    "gallows",   "garbage",        "graffiti",  "hardware",   "headquarters", "health",
    "herpes",    "highjinks",      "homework",  "housework",  "information",  "jeans",
    "justice",   "kudos",          "labour",    "literature", "machinery",    "mackerel",
    "mail",      "media",          "mews",      "moose",      "music",        "mud",
    "manga",     "news",           "only",      "personnel",  "pike",         "plankton",
    "pliers",    "police",         "pollution", "premises",   "rain",         "research",
    "rice",      "salmon",         "scissors",  "series",     "sewage",       "shambles",
    "shrimp",    "software",       "species",   "staff",      "swine",        "tennis",
    "traffic",   "transportation", "trout",     "tuna",       "wealth",       "welfare",
    "whiting",   "wildebeest",     "wildlife",  "you",
};

// Uncountable regex rules; addUncountableRule appends each to both rule lists with "$0".
constexpr std::u32string_view kUncountablePatterns[] = {
    UR"(pok[e\u00e9]mon$)",
    UR"([^aeiou]ese$)",  // "chinese", "japanese"
    UR"(deer$)",         // "deer", "reindeer"
    UR"(fish$)",         // "fish", "blowfish", "angelfish"
    UR"(measles$)",
    UR"(o[iu]s$)",  // "carnivorous"
    UR"(pox$)",     // "chickpox", "smallpox"
    UR"(sheep$)",
};

struct Rule {
  Regex regex;
  std::string replacement;
};

struct Tables {
  std::vector<Rule> plural_rules;    // Applied last to first.
  std::vector<Rule> singular_rules;  // Applied last to first.
  std::unordered_set<std::string> uncountables;
  std::unordered_map<std::string, std::string> irregular_singles;  // single -> plural
  std::unordered_map<std::string, std::string> irregular_plurals;  // plural -> single
};

const Tables& GetTables() {
  static const Tables* const tables = [] {
    auto* t = new Tables;
    for (const auto& [single, plural] : kIrregularRules) {
      const std::string s = JsToLowerCase(single);
      const std::string p = JsToLowerCase(plural);
      t->irregular_singles.insert_or_assign(s, p);
      t->irregular_plurals.insert_or_assign(p, s);
    }
    for (const RuleSpec& spec : kPluralRules) {
      t->plural_rules.push_back({Regex(spec.pattern), std::string(spec.replacement)});
    }
    for (const RuleSpec& spec : kSingularRules) {
      t->singular_rules.push_back({Regex(spec.pattern), std::string(spec.replacement)});
    }
    for (std::string_view word : kUncountableWords) t->uncountables.insert(JsToLowerCase(word));
    for (std::u32string_view pattern : kUncountablePatterns) {
      t->plural_rules.push_back({Regex(pattern), "$0"});
      t->singular_rules.push_back({Regex(pattern), "$0"});
    }
    return t;
  }();
  return *tables;
}

// pluralize's restoreCase(word, token), on code units.
Units RestoreCase(UnitsView word, UnitsView token) {
  if (word == token) return Units(token);
  if (word == LowerUnits(word)) return LowerUnits(token);
  if (word == UpperUnits(word)) return UpperUnits(token);
  // Title case: word[0] === word[0].toUpperCase().
  const UnitsView first = word.substr(0, 1);
  if (first == UpperUnits(first)) {
    // token.charAt(0).toUpperCase() + token.substr(1).toLowerCase()
    if (token.empty()) return Units();
    return UpperUnits(token.substr(0, 1)) + LowerUnits(token.substr(1));
  }
  return LowerUnits(token);
}

// pluralize's interpolate(str, args) with args = [match, p1, ..., pn, offset, string]:
// "$" followed by one or two digits is replaced by args[digits], or "" when that is undefined,
// empty or 0. Two digits with a leading zero ("$01") name no argument and give "".
Units Interpolate(std::string_view replacement, UnitsView word, const Regex::Match& match) {
  auto arg = [&](std::string_view digits) -> Units {
    if (digits.size() == 2 && digits[0] == '0') return Units();
    size_t index = 0;
    for (char d : digits) index = index * 10 + static_cast<size_t>(d - '0');
    const size_t groups = match.groups.size();
    if (index == 0) {
      return Units(word.substr(match.whole.begin, match.whole.end - match.whole.begin));
    }
    if (index <= groups) {
      const std::optional<Regex::Span>& span = match.groups[index - 1];
      return span ? Units(word.substr(span->begin, span->end - span->begin)) : Units();
    }
    if (index == groups + 1) {  // The offset of the match, in code units.
      return match.whole.begin == 0 ? Units() : ToUnits(std::to_string(match.whole.begin));
    }
    if (index == groups + 2) return Units(word);
    return Units();
  };
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  Units out;
  size_t i = 0;
  while (i < replacement.size()) {
    if (replacement[i] == '$' && i + 1 < replacement.size() && is_digit(replacement[i + 1])) {
      const size_t len = i + 2 < replacement.size() && is_digit(replacement[i + 2]) ? 2 : 1;
      out += arg(replacement.substr(i + 1, len));
      i += 1 + len;
    } else {
      out.push_back(static_cast<unsigned char>(replacement[i++]));  // Replacements are ASCII.
    }
  }
  return out;
}

// pluralize's replace(word, rule): replaces the first match, restoring the case of the matched
// text (or, for an empty match, of the unit before it).
Units ReplaceWithRule(UnitsView word, const Regex::Match& match, std::string_view replacement) {
  const Units result = Interpolate(replacement, word, match);
  const Regex::Span& m = match.whole;
  // For an empty match JavaScript uses word[index - 1]; index is never 0 here because the
  // only rule that can match empty, /s?$/, is not reached for empty words.
  UnitsView case_source = word.substr(m.begin, m.end - m.begin);
  if (m.begin == m.end) case_source = m.begin > 0 ? word.substr(m.begin - 1, 1) : UnitsView();
  Units out(word.substr(0, m.begin));
  out += RestoreCase(case_source, result);
  out += word.substr(m.end);
  return out;
}

// pluralize's sanitizeWord(token, word, rules).
std::string SanitizeWord(const Tables& tables, const std::string& token, std::string_view word,
                         const std::vector<Rule>& rules) {
  if (token.empty() || tables.uncountables.count(token) > 0) return std::string(word);
  const Units units = ToUnits(word);
  for (auto it = rules.rbegin(); it != rules.rend(); ++it) {
    if (std::optional<Regex::Match> match = it->regex.Search(units)) {
      return FromUnits(ReplaceWithRule(units, *match, it->replacement));
    }
  }
  return std::string(word);
}

using WordMap = std::unordered_map<std::string, std::string>;

// pluralize's replaceWord(replaceMap, keepMap, rules)(word).
std::string ReplaceWord(std::string_view word, const WordMap& replace_map, const WordMap& keep_map,
                        const std::vector<Rule>& rules) {
  const Tables& tables = GetTables();
  const std::string token = JsToLowerCase(word);
  if (keep_map.count(token) > 0) return FromUnits(RestoreCase(ToUnits(word), ToUnits(token)));
  if (auto it = replace_map.find(token); it != replace_map.end()) {
    return FromUnits(RestoreCase(ToUnits(word), ToUnits(it->second)));
  }
  return SanitizeWord(tables, token, word, rules);
}

// pluralize's checkWord(replaceMap, keepMap, rules)(word).
bool CheckWord(std::string_view word, const WordMap& replace_map, const WordMap& keep_map,
               const std::vector<Rule>& rules) {
  const Tables& tables = GetTables();
  const std::string token = JsToLowerCase(word);
  if (keep_map.count(token) > 0) return true;
  if (replace_map.count(token) > 0) return false;
  return SanitizeWord(tables, token, token, rules) == token;
}

}  // namespace

std::string Pluralize(std::string_view word) {
  const Tables& t = GetTables();
  return ReplaceWord(word, t.irregular_singles, t.irregular_plurals, t.plural_rules);
}

std::string Singularize(std::string_view word) {
  const Tables& t = GetTables();
  return ReplaceWord(word, t.irregular_plurals, t.irregular_singles, t.singular_rules);
}

bool IsPlural(std::string_view word) {
  const Tables& t = GetTables();
  return CheckWord(word, t.irregular_singles, t.irregular_plurals, t.plural_rules);
}

bool IsSingular(std::string_view word) {
  const Tables& t = GetTables();
  return CheckWord(word, t.irregular_plurals, t.irregular_singles, t.singular_rules);
}

}  // namespace linkgraph::modules
