// The statement grammar of statement.h over the tokens of tokens.h.
#include <algorithm>
#include <charconv>

#include "base/identifier.h"
#include "linkgraph/status.h"
#include "shell/source.h"
#include "shell/statement.h"
#include "shell/tokens.h"

namespace linkgraph::shell {

namespace {

using Kind = Statement::Kind;

std::string Shown(const Token& t) {
  return t.kind == Token::Kind::kGroup ? std::string(1, t.open()) : t.text;
}

class Parser {
 public:
  Parser(std::string_view source, std::string_view blanked, const Chunk& chunk,
         std::vector<Token> tokens)
      : source_(source), blanked_(blanked), chunk_(chunk), tokens_(std::move(tokens)) {}

  absl::StatusOr<Statement> Parse() {
    Statement st;
    st.offset = tokens_[0].begin;
    const Token& first = tokens_[pos_];
    if (first.kind != Token::Kind::kWord) return ErrorAt(first, "expected a statement");
    ++pos_;
    if (first.Is("graph")) return Graph(st);
    if (first.Is("create")) return EntityJson(st, Kind::kCreate);
    if (first.Is("update")) return Update(st);
    if (first.Is("delete")) return EntityWhere(st, Kind::kDelete);
    if (first.Is("restore")) return EntityWhere(st, Kind::kRestore);
    if (first.Is("soft")) {
      if (!AtWord("delete")) return Expected("'delete' after 'soft'");
      ++pos_;
      return EntityWhere(st, Kind::kSoftDelete);
    }
    if (first.Is("link")) return LinkJson(st, Kind::kLink);
    if (first.Is("dismiss")) return LinkJson(st, Kind::kDismiss);
    if (first.Is("unlink")) return LinkJson(st, Kind::kUnlink);
    if (first.Is("load")) return Load(st);
    if (first.Is("begin")) return Alone(st, Kind::kBegin);
    if (first.Is("commit")) return Alone(st, Kind::kCommit);
    if (first.Is("rollback")) return Alone(st, Kind::kRollback);
    return ErrorAt(first, "unknown statement '" + first.text +
                              "'; statements: graph, create, update, delete, soft delete, "
                              "restore, link, dismiss, unlink, load, begin, commit, rollback");
  }

 private:
  bool AtEnd() const { return pos_ >= tokens_.size(); }
  bool AtWord(std::string_view keyword) const { return !AtEnd() && tokens_[pos_].Is(keyword); }
  bool AtPunct(char c) const {
    return !AtEnd() && tokens_[pos_].kind == Token::Kind::kPunct && tokens_[pos_].text[0] == c;
  }

  absl::Status ErrorAt(size_t offset, std::string_view message) const {
    return InvalidAt(source_, offset, message);
  }
  absl::Status ErrorAt(const Token& t, std::string_view message) const {
    return ErrorAt(t.begin, message);
  }
  // "expected X" at the current token ("…, found 'y'") or at the end of the statement.
  absl::Status Expected(std::string_view what) const {
    if (AtEnd()) return ErrorAt(chunk_.end, "expected " + std::string(what));
    return ErrorAt(tokens_[pos_],
                   "expected " + std::string(what) + ", found '" + Shown(tokens_[pos_]) + "'");
  }
  absl::Status ExpectEnd() const {
    if (AtEnd()) return absl::OkStatus();
    return ErrorAt(tokens_[pos_],
                   "unexpected '" + Shown(tokens_[pos_]) + "': expected the end of the statement");
  }

  // One identifier: a bare word that is not reserved (or is, when `allow_reserved`), or a
  // quoted name.
  absl::StatusOr<std::string> Name(bool allow_reserved) {
    if (AtEnd()) return Expected("a name");
    const Token& t = tokens_[pos_];
    if (t.kind == Token::Kind::kName) {
      ++pos_;
      return t.text;
    }
    if (t.kind != Token::Kind::kWord) return Expected("a name");
    if (!allow_reserved && IsReserved(t.text)) {
      return ErrorAt(t, "'" + t.text + "' is a reserved word; write it \"" + t.text +
                            "\" to use it as a name");
    }
    ++pos_;
    return t.text;
  }

  // ENTITY: a name, or `module.entity` (a reserved word may name the module: `link.x`).
  absl::Status Entity(Statement* st) {
    if (AtEnd()) return Expected("an entity");
    st->entity_offset = tokens_[pos_].begin;
    bool qualified = pos_ + 1 < tokens_.size() && tokens_[pos_ + 1].kind == Token::Kind::kPunct &&
                     tokens_[pos_ + 1].text == ".";
    absl::StatusOr<std::string> name = Name(qualified);
    if (!name.ok()) return name.status();
    st->entity = *name;
    while (AtPunct('.')) {
      ++pos_;
      absl::StatusOr<std::string> part = Name(false);
      if (!part.ok()) return part.status();
      st->entity += "." + *part;
    }
    return absl::OkStatus();
  }

  // A JSON object or array as the rest of the statement.
  absl::Status Json(Statement* st, std::string_view what) {
    if (AtEnd() || tokens_[pos_].kind != Token::Kind::kGroup || tokens_[pos_].open() == '(') {
      return Expected(what);
    }
    const Token& t = tokens_[pos_++];
    st->json.text = t.text;
    st->json.offset = t.begin;
    return absl::OkStatus();
  }

  // The source text of tokens [from, to) (inner blanks kept).
  Piece Slice(size_t from, size_t to) const {
    Piece p;
    p.offset = tokens_[from].begin;
    p.text = std::string(blanked_.substr(p.offset, tokens_[to - 1].end - p.offset));
    return p;
  }

  // A field: its tokens' text, quoted names at the top level unquoted (the field grammar has
  // no quoted names).
  Piece Field(size_t from, size_t to) const {
    Piece p;
    p.offset = tokens_[from].begin;
    bool rewritten = false;
    size_t at = p.offset;
    for (size_t i = from; i < to; ++i) {
      const Token& t = tokens_[i];
      for (; at < t.begin; ++at) {
        p.text.push_back(blanked_[at]);
        p.offsets.push_back(at);
      }
      if (t.kind == Token::Kind::kName && base::IsIdentifier(t.text)) {
        rewritten = true;
        for (size_t k = 0; k < t.text.size(); ++k) {
          p.text.push_back(t.text[k]);
          p.offsets.push_back(t.begin + 1 + k);
        }
        at = t.end;
        continue;
      }
      for (; at < t.end; ++at) {
        p.text.push_back(blanked_[at]);
        p.offsets.push_back(at);
      }
    }
    p.offsets.push_back(at);
    if (!rewritten) p.offsets.clear();
    return p;
  }

  bool AtClause() const {
    return AtWord("where") || AtWord("order") || AtWord("skip") || AtWord("take") || AtWord("with");
  }

  // Tokens up to the next clause keyword (or the end when `to_end`); an error when none.
  absl::StatusOr<Piece> Until(const Token& keyword, bool to_end, std::string_view what) {
    size_t from = pos_;
    while (!AtEnd() && (to_end || !AtClause())) ++pos_;
    if (pos_ == from) return Expected(std::string(what) + " after '" + keyword.text + "'");
    return Slice(from, pos_);
  }

  absl::StatusOr<Piece> Filter(const Token& where, bool to_end) {
    size_t from = pos_;
    LG_ASSIGN_OR_RETURN(Piece p, Until(where, to_end, "a filter"));
    if (tokens_[from].kind == Token::Kind::kGroup && tokens_[from].open() == '{' &&
        pos_ != from + 1) {
      return ErrorAt(tokens_[from + 1],
                     "unexpected '" + Shown(tokens_[from + 1]) + "' after the filter object");
    }
    return p;
  }

  absl::StatusOr<int64_t> Count(const Token& keyword) {
    if (AtEnd() || tokens_[pos_].kind != Token::Kind::kNumber) {
      return Expected("a number after '" + keyword.text + "'");
    }
    const Token& t = tokens_[pos_++];
    int64_t n = 0;
    auto [end, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), n);
    if (ec != std::errc() || end != t.text.data() + t.text.size()) {
      return ErrorAt(t, "expected a whole number after '" + keyword.text + "'");
    }
    if (n < 0) return ErrorAt(t, "'" + keyword.text + "' must not be negative");
    return n;
  }

  absl::StatusOr<Statement> Graph(Statement& st) {
    if (!AtEnd() && tokens_[pos_].kind == Token::Kind::kGroup && tokens_[pos_].open() == '{') {
      st.kind = Kind::kGraphJson;
      LG_RETURN_IF_ERROR(Json(&st, "a JSON request"));
      LG_RETURN_IF_ERROR(ExpectEnd());
      return st;
    }
    st.kind = Kind::kGraph;
    LG_RETURN_IF_ERROR(Entity(&st));
    if (!AtWord("fields")) return Expected("'fields'");
    const Token& fields = tokens_[pos_++];
    size_t from = pos_;
    while (true) {
      while (!AtEnd() && !AtClause() && !AtPunct(',')) ++pos_;
      if (pos_ == from) {
        return Expected(st.fields.empty() ? "a field after '" + fields.text + "'"
                                          : std::string("a field after ','"));
      }
      const Token& head = tokens_[from];
      if (head.kind == Token::Kind::kWord && IsReserved(head.text)) {
        return ErrorAt(head, "'" + head.text + "' is a reserved word; write it \"" + head.text +
                                 "\" to use it as a name");
      }
      st.fields.push_back(Field(from, pos_));
      if (!AtPunct(',')) break;
      from = ++pos_;
    }
    bool seen_order = false;
    while (!AtEnd()) {
      const Token& t = tokens_[pos_];
      if (!AtClause()) return ExpectEnd();
      ++pos_;
      auto twice = [&]() { return ErrorAt(t, "'" + t.text + "' given twice"); };
      if (t.Is("where")) {
        if (st.filter) return twice();
        LG_ASSIGN_OR_RETURN(st.filter, Filter(t, false));
      } else if (t.Is("order")) {
        if (seen_order) return twice();
        seen_order = true;
        if (!AtWord("by")) return Expected("'by' after '" + t.text + "'");
        const Token& by = tokens_[pos_++];
        LG_ASSIGN_OR_RETURN(st.order, Until(by, false, "an order key"));
      } else if (t.Is("skip")) {
        if (st.skip) return twice();
        LG_ASSIGN_OR_RETURN(st.skip, Count(t));
      } else if (t.Is("take")) {
        if (st.take) return twice();
        LG_ASSIGN_OR_RETURN(st.take, Count(t));
      } else {  // with
        if (!AtWord("deleted")) return Expected("'deleted' after '" + t.text + "'");
        ++pos_;
        if (st.with_deleted) return twice();
        st.with_deleted = true;
      }
    }
    return st;
  }

  absl::StatusOr<Statement> EntityJson(Statement& st, Kind kind) {
    st.kind = kind;
    LG_RETURN_IF_ERROR(Entity(&st));
    LG_RETURN_IF_ERROR(Json(&st, "a JSON object or array of rows"));
    LG_RETURN_IF_ERROR(ExpectEnd());
    return st;
  }

  absl::StatusOr<Statement> Update(Statement& st) {
    st.kind = Kind::kUpdate;
    LG_RETURN_IF_ERROR(Entity(&st));
    if (!AtWord("set")) {
      LG_RETURN_IF_ERROR(Json(&st, "'set' or a JSON object or array of rows"));
      LG_RETURN_IF_ERROR(ExpectEnd());
      return st;
    }
    st.kind = Kind::kUpdateSet;
    ++pos_;
    if (AtEnd() || tokens_[pos_].kind != Token::Kind::kGroup || tokens_[pos_].open() != '{') {
      return Expected("a JSON object after 'set'");
    }
    LG_RETURN_IF_ERROR(Json(&st, "a JSON object after 'set'"));
    if (!AtWord("where")) return Expected("'where'");
    const Token& where = tokens_[pos_++];
    LG_ASSIGN_OR_RETURN(st.filter, Filter(where, true));
    return st;
  }

  absl::StatusOr<Statement> EntityWhere(Statement& st, Kind kind) {
    st.kind = kind;
    LG_RETURN_IF_ERROR(Entity(&st));
    if (!AtWord("where")) return Expected("'where'");
    const Token& where = tokens_[pos_++];
    LG_ASSIGN_OR_RETURN(st.filter, Filter(where, true));
    return st;
  }

  absl::StatusOr<Statement> LinkJson(Statement& st, Kind kind) {
    st.kind = kind;
    LG_RETURN_IF_ERROR(Json(&st, "a JSON link object or array"));
    LG_RETURN_IF_ERROR(ExpectEnd());
    return st;
  }

  absl::StatusOr<Statement> Load(Statement& st) {
    st.kind = Kind::kLoad;
    if (AtEnd()) return Expected("'FILE' or ENTITY from 'FILE'");
    if (tokens_[pos_].kind != Token::Kind::kString) {
      LG_RETURN_IF_ERROR(Entity(&st));
      if (!AtWord("from")) return Expected("'from'");
      ++pos_;
    }
    if (AtEnd() || tokens_[pos_].kind != Token::Kind::kString) {
      return Expected("a file name in single quotes");
    }
    st.file = tokens_[pos_].text;
    st.file_offset = tokens_[pos_].begin;
    ++pos_;
    LG_RETURN_IF_ERROR(ExpectEnd());
    return st;
  }

  absl::StatusOr<Statement> Alone(Statement& st, Kind kind) {
    st.kind = kind;
    LG_RETURN_IF_ERROR(ExpectEnd());
    return st;
  }

  std::string_view source_;
  std::string_view blanked_;
  const Chunk& chunk_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

}  // namespace

size_t Piece::SourceOffset(size_t i) const {
  if (offsets.empty()) return offset + i;
  return offsets[std::min(i, offsets.size() - 1)];
}

absl::StatusOr<Statement> ParseStatement(std::string_view source, std::string_view blanked,
                                         const Chunk& chunk) {
  absl::StatusOr<std::vector<Token>> tokens = Tokenize(blanked, chunk.begin, chunk.end);
  if (!tokens.ok()) {
    // Tokenize locates in `blanked`; positions are the same in the source.
    return tokens.status();
  }
  if (tokens->empty()) return InvalidAt(source, chunk.begin, "expected a statement");
  return Parser(source, blanked, chunk, std::move(*tokens)).Parse();
}

}  // namespace linkgraph::shell
