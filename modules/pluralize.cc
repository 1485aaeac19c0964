#include "modules/pluralize.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace linkgraph::modules {
namespace {

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
char ToLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }
char ToUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - ('a' - 'A')) : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLower(c);
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToUpper(c);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Every rule of pluralize 8.0.0 ends in `$` and is an alternation of fixed-length sequences, so
// it is written here as its alternatives, each a kept stem (the capture its replacement starts
// with, "$1") followed by a dropped ending. A stem or ending is a fixed-length pattern matched
// case-insensitively, one byte per element:
//   a-z      that letter in either case (other bytes match only themselves)
//   [abc]    one of the letters in either case; [^abc] any other byte, non-ASCII ones included
//   \W       a byte outside [A-Za-z0-9_]          \x  a byte >= 0x80
//   ^        the start of the word (zero-width)   \b  a word boundary (zero-width; \w is ASCII)

size_t PatternLength(std::string_view p) {
  size_t len = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '^') continue;
    if (p[i] == '\\') {
      if (p[++i] == 'b') continue;
    } else if (p[i] == '[') {
      i = p.find(']', i);
    }
    ++len;
  }
  return len;
}

// True iff `p` matches `word` from byte `pos` (and has room to: the caller places it).
bool MatchesAt(std::string_view word, size_t pos, std::string_view p) {
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '^') {
      if (pos != 0) return false;
      continue;
    }
    if (p[i] == '\\' && p[i + 1] == 'b') {
      const bool before = pos > 0 && IsWordByte(word[pos - 1]);
      const bool after = pos < word.size() && IsWordByte(word[pos]);
      if (before == after) return false;
      ++i;
      continue;
    }
    const char c = word[pos++];
    if (p[i] == '\\') {
      const char e = p[++i];
      if (e == 'W' ? IsWordByte(c) : static_cast<unsigned char>(c) < 0x80) return false;
    } else if (p[i] == '[') {
      const size_t close = p.find(']', i);
      const bool negated = p[i + 1] == '^';
      const std::string_view set = p.substr(i + 1 + negated, close - i - 1 - negated);
      if ((set.find(ToLower(c)) != std::string_view::npos) == negated) return false;
      i = close;
    } else if (ToLower(c) != p[i]) {
      return false;
    }
  }
  return true;
}

struct Alternative {
  std::string_view stem;
  std::string_view ending;
  size_t stem_length;
  size_t length;
};

// A rule: `replacement` follows the kept stem. A JavaScript replacement without "$1" has empty
// stems; "$0" (keep the match) has the whole pattern as stem and empty endings and replacement.
struct Rule {
  std::vector<Alternative> alternatives;  // In the order JavaScript's backtracking tries them.
  std::string_view replacement;
};

using Words = std::vector<std::string_view>;

// (stem1|stem2|...)(?:ending1|ending2|...)$: each stem with each ending, stem-major.
std::vector<Alternative> Cross(const Words& stems, const Words& endings) {
  std::vector<Alternative> out;
  for (std::string_view stem : stems) {
    for (std::string_view ending : endings) {
      const size_t stem_length = PatternLength(stem);
      out.push_back({stem, ending, stem_length, stem_length + PatternLength(ending)});
    }
  }
  return out;
}

std::vector<Alternative> Concat(std::vector<Alternative> a, const std::vector<Alternative>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// pluralize 8.0.0's tables, in its order; each rule is preceded by its JavaScript source.

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

// Shared by a plural and a singular rule.
Words LatinUsStems() {
  return {"alumn",  "syllab", "vir",    "radi", "nucle", "fung", "cact",
          "stimul", "termin", "bacill", "foc",  "uter",  "loc",  "strat"};
}

std::vector<Rule> PluralRules() {
  return {
      // /s?$/i -> 's'
      {Cross({""}, {"s", ""}), "s"},
      // /[^\u0000-\u007F]$/i -> '$0'
      {Cross({R"(\x)"}, {""}), ""},
      // /([^aeiou]ese)$/i -> '$1'
      {Cross({"[^aeiou]ese"}, {""}), ""},
      // /(ax|test)is$/i -> '$1es'
      {Cross({"ax", "test"}, {"is"}), "es"},
      // /(alias|[^aou]us|t[lm]as|gas|ris)$/i -> '$1es'
      {Cross({"alias", "[^aou]us", "t[lm]as", "gas", "ris"}, {""}), "es"},
      // /(e[mn]u)s?$/i -> '$1s'
      {Cross({"e[mn]u"}, {"s", ""}), "s"},
      // /([^l]ias|[aeiou]las|[ejzr]as|[iu]am)$/i -> '$1'
      {Cross({"[^l]ias", "[aeiou]las", "[ejzr]as", "[iu]am"}, {""}), ""},
      // /(alumn|syllab|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)(?:us|i)$/i
      // -> '$1i'
      {Cross(LatinUsStems(), {"us", "i"}), "i"},
      // /(alumn|alg|vertebr)(?:a|ae)$/i -> '$1ae'
      {Cross({"alumn", "alg", "vertebr"}, {"a", "ae"}), "ae"},
      // /(seraph|cherub)(?:im)?$/i -> '$1im'
      {Cross({"seraph", "cherub"}, {"im", ""}), "im"},
      // /(her|at|gr)o$/i -> '$1oes'
      {Cross({"her", "at", "gr"}, {"o"}), "oes"},
      // /(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|
      //   curricul|automat|quor)(?:a|um)$/i -> '$1a'
      {Cross({"agend", "addend", "millenni", "dat", "extrem", "bacteri", "desiderat", "strat",
              "candelabr", "errat", "ov", "symposi", "curricul", "automat", "quor"},
             {"a", "um"}),
       "a"},
      // /(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|
      //   automat)(?:a|on)$/i -> '$1a'
      {Cross({"apheli", "hyperbat", "periheli", "asyndet", "noumen", "phenomen", "criteri", "organ",
              "prolegomen", "hedr", "automat"},
             {"a", "on"}),
       "a"},
      // /sis$/i -> 'ses'
      {Cross({""}, {"sis"}), "ses"},
      // /(?:(kni|wi|li)fe|(ar|l|ea|eo|oa|hoo)f)$/i -> '$1$2ves' (one of the two groups is set)
      {Concat(Cross({"kni", "wi", "li"}, {"fe"}),
              Cross({"ar", "l", "ea", "eo", "oa", "hoo"}, {"f"})),
       "ves"},
      // /([^aeiouy]|qu)y$/i -> '$1ies'
      {Cross({"[^aeiouy]", "qu"}, {"y"}), "ies"},
      // /([^ch][ieo][ln])ey$/i -> '$1ies'
      {Cross({"[^ch][ieo][ln]"}, {"ey"}), "ies"},
      // /(x|ch|ss|sh|zz)$/i -> '$1es'
      {Cross({"x", "ch", "ss", "sh", "zz"}, {""}), "es"},
      // /(matr|cod|mur|sil|vert|ind|append)(?:ix|ex)$/i -> '$1ices'
      {Cross({"matr", "cod", "mur", "sil", "vert", "ind", "append"}, {"ix", "ex"}), "ices"},
      // /\b((?:tit)?m|l)(?:ice|ouse)$/i -> '$1ice'
      {Cross({R"(\btitm)", R"(\bm)", R"(\bl)"}, {"ice", "ouse"}), "ice"},
      // /(pe)(?:rson|ople)$/i -> '$1ople'
      {Cross({"pe"}, {"rson", "ople"}), "ople"},
      // /(child)(?:ren)?$/i -> '$1ren'
      {Cross({"child"}, {"ren", ""}), "ren"},
      // /eaux$/i -> '$0'
      {Cross({"eaux"}, {""}), ""},
      // /m[ae]n$/i -> 'men'
      {Cross({""}, {"m[ae]n"}), "men"},
      // 'thou' -> 'you' (string rules become /^thou$/i)
      {Cross({""}, {"^thou"}), "you"},
  };
}

std::vector<Rule> SingularRules() {
  return {
      // /s$/i -> ''
      {Cross({""}, {"s"}), ""},
      // /(ss)$/i -> '$1'
      {Cross({"ss"}, {""}), ""},
      // /(wi|kni|(?:after|half|high|low|mid|non|night|[^\w]|^)li)ves$/i -> '$1fe'
      {Cross({"wi", "kni", "afterli", "halfli", "highli", "lowli", "midli", "nonli", "nightli",
              R"(\Wli)", "^li"},
             {"ves"}),
       "fe"},
      // /(ar|(?:wo|[ae])l|[eo][ao])ves$/i -> '$1f'
      {Cross({"ar", "wol", "[ae]l", "[eo][ao]"}, {"ves"}), "f"},
      // /ies$/i -> 'y'
      {Cross({""}, {"ies"}), "y"},
      // /\b([pl]|zomb|(?:neck|cross)?t|coll|faer|food|gen|goon|group|lass|talk|goal|cut)ies$/i
      // -> '$1ie'
      {Cross({R"(\b[pl])", R"(\bzomb)", R"(\bneckt)", R"(\bcrosst)", R"(\bt)", R"(\bcoll)",
              R"(\bfaer)", R"(\bfood)", R"(\bgen)", R"(\bgoon)", R"(\bgroup)", R"(\blass)",
              R"(\btalk)", R"(\bgoal)", R"(\bcut)"},
             {"ies"}),
       "ie"},
      // /\b(mon|smil)ies$/i -> '$1ey'
      {Cross({R"(\bmon)", R"(\bsmil)"}, {"ies"}), "ey"},
      // /\b((?:tit)?m|l)ice$/i -> '$1ouse'
      {Cross({R"(\btitm)", R"(\bm)", R"(\bl)"}, {"ice"}), "ouse"},
      // /(seraph|cherub)im$/i -> '$1'
      {Cross({"seraph", "cherub"}, {"im"}), ""},
      // /(x|ch|ss|sh|zz|tto|go|cho|alias|[^aou]us|t[lm]as|gas|(?:her|at|gr)o|[aeiou]ris)(?:es)?$/i
      // -> '$1'
      {Cross({"x", "ch", "ss", "sh", "zz", "tto", "go", "cho", "alias", "[^aou]us", "t[lm]as",
              "gas", "hero", "ato", "gro", "[aeiou]ris"},
             {"es", ""}),
       ""},
      // /(analy|diagno|parenthe|progno|synop|the|empha|cri|ne)(?:sis|ses)$/i -> '$1sis'
      {Cross({"analy", "diagno", "parenthe", "progno", "synop", "the", "empha", "cri", "ne"},
             {"sis", "ses"}),
       "sis"},
      // /(movie|twelve|abuse|e[mn]u)s$/i -> '$1'
      {Cross({"movie", "twelve", "abuse", "e[mn]u"}, {"s"}), ""},
      // /(test)(?:is|es)$/i -> '$1is'
      {Cross({"test"}, {"is", "es"}), "is"},
      // /(alumn|syllab|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)(?:us|i)$/i
      // -> '$1us'
      {Cross(LatinUsStems(), {"us", "i"}), "us"},
      // /(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|
      //   curricul|quor)a$/i -> '$1um'
      {Cross({"agend", "addend", "millenni", "dat", "extrem", "bacteri", "desiderat", "strat",
              "candelabr", "errat", "ov", "symposi", "curricul", "quor"},
             {"a"}),
       "um"},
      // /(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|
      //   automat)a$/i -> '$1on'
      {Cross({"apheli", "hyperbat", "periheli", "asyndet", "noumen", "phenomen", "criteri", "organ",
              "prolegomen", "hedr", "automat"},
             {"a"}),
       "on"},
      // /(alumn|alg|vertebr)ae$/i -> '$1a'
      {Cross({"alumn", "alg", "vertebr"}, {"ae"}), "a"},
      // /(cod|mur|sil|vert|ind)ices$/i -> '$1ex'
      {Cross({"cod", "mur", "sil", "vert", "ind"}, {"ices"}), "ex"},
      // /(matr|append)ices$/i -> '$1ix'
      {Cross({"matr", "append"}, {"ices"}), "ix"},
      // /(pe)(rson|ople)$/i -> '$1rson'
      {Cross({"pe"}, {"rson", "ople"}), "rson"},
      // /(child)ren$/i -> '$1'
      {Cross({"child"}, {"ren"}), ""},
      // /(eau)x?$/i -> '$1'
      {Cross({"eau"}, {"x", ""}), ""},
      // /men$/i -> 'man'
      {Cross({""}, {"men"}), "man"},
  };
}

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

// Uncountable regex rules; addUncountableRule appends each to both rule lists with '$0'.
std::vector<Rule> UncountableRules() {
  return {
      // /pok[e\u00e9]mon$/i ('é' only as lower-case UTF-8 here)
      {Cross({"pokemon", "pok\u00e9mon"}, {""}), ""},
      {Cross({"[^aeiou]ese"}, {""}), ""},  // /[^aeiou]ese$/i: "chinese", "japanese"
      {Cross({"deer"}, {""}), ""},         // /deer$/i: "deer", "reindeer"
      {Cross({"fish"}, {""}), ""},         // /fish$/i: "fish", "blowfish", "angelfish"
      {Cross({"measles"}, {""}), ""},      // /measles$/i
      {Cross({"o[iu]s"}, {""}), ""},       // /o[iu]s$/i: "carnivorous"
      {Cross({"pox"}, {""}), ""},          // /pox$/i: "chickpox", "smallpox"
      {Cross({"sheep"}, {""}), ""},        // /sheep$/i
  };
}

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
      t->irregular_singles.insert_or_assign(Lower(single), Lower(plural));
      t->irregular_plurals.insert_or_assign(Lower(plural), Lower(single));
    }
    t->plural_rules = PluralRules();
    t->singular_rules = SingularRules();
    for (std::string_view word : kUncountableWords) t->uncountables.insert(Lower(word));
    for (const Rule& rule : UncountableRules()) {
      t->plural_rules.push_back(rule);
      t->singular_rules.push_back(rule);
    }
    return t;
  }();
  return *tables;
}

struct Match {
  size_t begin;
  size_t stem_length;
};

// RegExp.prototype.exec for an alternation anchored at the end: the leftmost match is the
// longest alternative that matches; among equally long ones, the first tried.
std::optional<Match> Search(const Rule& rule, std::string_view word) {
  std::optional<Match> best;
  for (const Alternative& alt : rule.alternatives) {
    if (alt.length > word.size()) continue;
    const size_t begin = word.size() - alt.length;
    if (best && begin >= best->begin) continue;
    if (MatchesAt(word, begin, alt.stem) && MatchesAt(word, begin + alt.stem_length, alt.ending)) {
      best = Match{begin, alt.stem_length};
    }
  }
  return best;
}

// pluralize's restoreCase(word, token).
std::string RestoreCase(std::string_view word, std::string_view token) {
  if (word == token) return std::string(token);
  if (word == Lower(word)) return Lower(token);
  if (word == Upper(word)) return Upper(token);
  // Title case: word[0] === word[0].toUpperCase().
  if (word[0] == ToUpper(word[0])) {
    // token.charAt(0).toUpperCase() + token.substr(1).toLowerCase()
    if (token.empty()) return std::string();
    return ToUpper(token[0]) + Lower(token.substr(1));
  }
  return Lower(token);
}

// pluralize's sanitizeWord(token, word, rules), with replace(word, rule) inlined: the first
// match is replaced, restoring the case of the matched text (or, for an empty match, of the
// byte before it).
std::string SanitizeWord(const Tables& tables, const std::string& token, std::string_view word,
                         const std::vector<Rule>& rules) {
  if (token.empty() || tables.uncountables.count(token) > 0) return std::string(word);
  for (auto it = rules.rbegin(); it != rules.rend(); ++it) {
    const std::optional<Match> match = Search(*it, word);
    if (!match) continue;
    std::string result(word.substr(match->begin, match->stem_length));
    result += it->replacement;
    // An empty match happens only for /s?$/, and only at the end of a non-empty word.
    const std::string_view matched =
        match->begin == word.size() ? word.substr(word.size() - 1) : word.substr(match->begin);
    return std::string(word.substr(0, match->begin)) + RestoreCase(matched, result);
  }
  return std::string(word);
}

using WordMap = std::unordered_map<std::string, std::string>;

// pluralize's replaceWord(replaceMap, keepMap, rules)(word).
std::string ReplaceWord(std::string_view word, const WordMap& replace_map, const WordMap& keep_map,
                        const std::vector<Rule>& rules) {
  const Tables& tables = GetTables();
  const std::string token = Lower(word);
  if (keep_map.count(token) > 0) return RestoreCase(word, token);
  if (auto it = replace_map.find(token); it != replace_map.end()) {
    return RestoreCase(word, it->second);
  }
  return SanitizeWord(tables, token, word, rules);
}

// pluralize's checkWord(replaceMap, keepMap, rules)(word).
bool CheckWord(std::string_view word, const WordMap& replace_map, const WordMap& keep_map,
               const std::vector<Rule>& rules) {
  const Tables& tables = GetTables();
  const std::string token = Lower(word);
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
