#include "sbom/license/expression.h"

#include "sbom/license/license_list.h"

namespace craft::sbom {
namespace {

struct Token {
  enum class Kind { kLeft, kRight, kAnd, kOr, kWith, kWord, kEnd };
  Kind kind = Kind::kEnd;
  std::string_view text;
  std::size_t position = 0;
};

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '+' || c == ':';
}

bool IsIdString(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsWordChar(c) || c == '+' || c == ':') return false;
  }
  return true;
}

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

class Parser {
 public:
  Parser(std::string_view text, std::size_t max_depth, LicenseExpression& out)
      : text_(text), max_depth_(max_depth), out_(out) {}

  void Run() {
    if (!Tokenize()) return;
    if (tokens_.size() == 1) {
      Error(0, "the licence expression is empty");
      return;
    }
    auto root = ParseOr(0);
    if (!root) return;
    if (Peek().kind != Token::Kind::kEnd) {
      Error(Peek().position, "unexpected " + Describe(Peek()) + " after a complete expression");
      return;
    }
    out_.root = std::move(root);
  }

 private:
  void Error(std::size_t pos, std::string message) {
    out_.issues.push_back({LicenseIssue::Severity::kError, pos, std::move(message)});
  }
  void Warning(std::size_t pos, std::string message) {
    out_.issues.push_back({LicenseIssue::Severity::kWarning, pos, std::move(message)});
  }

  const Token& Peek() const { return tokens_[next_]; }
  void Advance() {
    if (next_ + 1 < tokens_.size()) ++next_;
  }

  static std::string Describe(const Token& t) {
    return t.kind == Token::Kind::kEnd ? "end of expression" : Quote(t.text);
  }

  // Operators are all uppercase or all lowercase (SPDX 2.3 D.2); "And" is an error.
  Token::Kind Classify(std::string_view word, std::size_t pos) {
    struct Op {
      std::string_view upper, lower;
      Token::Kind kind;
    };
    static constexpr Op kOps[] = {{"AND", "and", Token::Kind::kAnd},
                                  {"OR", "or", Token::Kind::kOr},
                                  {"WITH", "with", Token::Kind::kWith}};
    for (const auto& op : kOps) {
      if (word == op.upper || word == op.lower) return op.kind;
      if (word.size() == op.upper.size()) {
        bool same = true;
        for (std::size_t i = 0; i < word.size(); ++i) {
          same = same && (word[i] | 0x20) == op.lower[i];
        }
        if (same) {
          Error(pos, "the operator " + Quote(word) + " must be all uppercase or all lowercase");
          return op.kind;
        }
      }
    }
    return Token::Kind::kWord;
  }

  bool Tokenize() {
    std::size_t i = 0;
    while (i < text_.size()) {
      char c = text_[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++i;
      } else if (c == '(' || c == ')') {
        tokens_.push_back(
            {c == '(' ? Token::Kind::kLeft : Token::Kind::kRight, text_.substr(i, 1), i});
        ++i;
      } else if (IsWordChar(c)) {
        std::size_t start = i;
        while (i < text_.size() && IsWordChar(text_[i])) ++i;
        auto word = text_.substr(start, i - start);
        tokens_.push_back({Classify(word, start), word, start});
      } else {
        Error(i, "the character " + Quote(text_.substr(i, 1)) +
                     " is not allowed in a licence expression");
        return false;
      }
    }
    tokens_.push_back({Token::Kind::kEnd, {}, text_.size()});
    return true;
  }

  static std::unique_ptr<LicenseNode> Combine(LicenseNode::Kind kind,
                                              std::unique_ptr<LicenseNode> left,
                                              std::unique_ptr<LicenseNode> right) {
    if (left->kind != kind) {
      auto node = std::make_unique<LicenseNode>();
      node->kind = kind;
      node->children.push_back(std::move(left));
      left = std::move(node);
    }
    left->children.push_back(std::move(right));
    return left;
  }

  std::unique_ptr<LicenseNode> ParseOr(std::size_t depth) {
    auto left = ParseAnd(depth);
    while (left && Peek().kind == Token::Kind::kOr) {
      Advance();
      auto right = ParseAnd(depth);
      if (!right) return nullptr;
      left = Combine(LicenseNode::Kind::kOr, std::move(left), std::move(right));
    }
    return left;
  }

  std::unique_ptr<LicenseNode> ParseAnd(std::size_t depth) {
    auto left = ParsePrimary(depth);
    while (left && Peek().kind == Token::Kind::kAnd) {
      Advance();
      auto right = ParsePrimary(depth);
      if (!right) return nullptr;
      left = Combine(LicenseNode::Kind::kAnd, std::move(left), std::move(right));
    }
    return left;
  }

  std::unique_ptr<LicenseNode> ParsePrimary(std::size_t depth) {
    const Token& t = Peek();
    if (t.kind == Token::Kind::kLeft) {
      if (depth + 1 > max_depth_) {
        Error(t.position,
              "parentheses are nested more than " + std::to_string(max_depth_) + " deep");
        return nullptr;
      }
      std::size_t open = t.position;
      Advance();
      auto inner = ParseOr(depth + 1);
      if (!inner) return nullptr;
      if (Peek().kind != Token::Kind::kRight) {
        Error(Peek().position, "expected ')' to close the '(' at offset " + std::to_string(open) +
                                   ", found " + Describe(Peek()));
        return nullptr;
      }
      Advance();
      return inner;
    }
    if (t.kind != Token::Kind::kWord) {
      Error(t.position, "expected a licence id or '(', found " + Describe(t));
      return nullptr;
    }
    auto node = std::make_unique<LicenseNode>();
    node->term = ReadLicense(t);
    Advance();
    if (Peek().kind == Token::Kind::kWith) {
      Advance();
      if (Peek().kind != Token::Kind::kWord) {
        Error(Peek().position,
              "expected a licence exception after WITH, found " + Describe(Peek()));
        return nullptr;
      }
      ReadException(Peek(), node->term);
      Advance();
    }
    out_.terms.push_back(node->term);
    return node;
  }

  // A reference: [DocumentRef-idstring:]<prefix>idstring.
  static bool IsReference(std::string_view word, std::string_view prefix) {
    if (word.starts_with("DocumentRef-")) {
      auto colon = word.find(':');
      if (colon == std::string_view::npos || !IsIdString(word.substr(12, colon - 12))) return false;
      word = word.substr(colon + 1);
    }
    return word.starts_with(prefix) && IsIdString(word.substr(prefix.size()));
  }

  LicenseTerm ReadLicense(const Token& t) {
    LicenseTerm term;
    term.position = t.position;
    std::string_view id = t.text;
    if (id.starts_with("LicenseRef-") || id.starts_with("DocumentRef-")) {
      term.id = id;
      term.is_reference = true;
      if (!IsReference(id, "LicenseRef-")) {
        Error(t.position, Quote(id) +
                              " is not a valid reference: expected "
                              "[DocumentRef-<id>:]LicenseRef-<id> with letters, digits, "
                              "'.' and '-'");
      }
      return term;
    }
    if (id.ends_with('+')) {
      term.or_later = true;
      id.remove_suffix(1);
    }
    term.id = id;
    if (!IsIdString(id)) {
      Error(t.position, Quote(t.text) +
                            " is not a licence id: only letters, digits, '.', '-' and a "
                            "final '+' are allowed");
    } else if (const SpdxListEntry* e = FindSpdxLicense(id)) {
      term.id = e->id;
      term.on_list = true;
      term.deprecated = e->deprecated;
      if (e->deprecated) {
        Warning(t.position, Quote(e->id) + " is a deprecated SPDX licence id");
      }
    } else if (FindSpdxException(id) != nullptr) {
      Error(t.position, Quote(id) + " is a licence exception, not a licence: write it after WITH");
    } else {
      Error(t.position, Quote(id) + " is not on the SPDX licence list (" +
                            std::string(SpdxListSource()) + "); use LicenseRef-" +
                            "<id> for other licences");
    }
    return term;
  }

  void ReadException(const Token& t, LicenseTerm& term) {
    std::string_view id = t.text;
    term.exception = id;
    if (id.starts_with("AdditionRef-") || id.starts_with("DocumentRef-")) {
      if (!IsReference(id, "AdditionRef-")) {
        Error(t.position, Quote(id) +
                              " is not a valid reference: expected "
                              "[DocumentRef-<id>:]AdditionRef-<id>");
      }
    } else if (const SpdxListEntry* e = FindSpdxException(id)) {
      term.exception = e->id;
      if (e->deprecated) {
        term.deprecated = true;
        Warning(t.position, Quote(e->id) + " is a deprecated SPDX licence exception id");
      }
    } else if (FindSpdxLicense(id) != nullptr) {
      Error(t.position, Quote(id) + " is a licence, not a licence exception: combine it with AND");
    } else {
      Error(t.position, Quote(id) + " is not on the SPDX licence exception list (" +
                            std::string(SpdxListSource()) + ")");
    }
  }

  std::string_view text_;
  std::size_t max_depth_;
  LicenseExpression& out_;
  std::vector<Token> tokens_;
  std::size_t next_ = 0;
};

void Write(const LicenseNode& node, std::string& out) {
  if (node.kind == LicenseNode::Kind::kTerm) {
    out += node.term.id;
    if (node.term.or_later) out += '+';
    if (!node.term.exception.empty()) out += " WITH " + node.term.exception;
    return;
  }
  const char* op = node.kind == LicenseNode::Kind::kAnd ? " AND " : " OR ";
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    if (i > 0) out += op;
    const LicenseNode& child = *node.children[i];
    // AND binds tighter than OR: only an OR inside an AND needs parentheses. A nested node of
    // the same kind came from the source's parentheses and keeps them, to keep the grouping.
    bool parens = child.kind != LicenseNode::Kind::kTerm &&
                  (child.kind == node.kind || node.kind == LicenseNode::Kind::kAnd);
    if (parens) out += '(';
    Write(child, out);
    if (parens) out += ')';
  }
}

}  // namespace

bool LicenseExpression::Valid() const {
  if (!root) return false;
  for (const auto& issue : issues) {
    if (issue.severity == LicenseIssue::Severity::kError) return false;
  }
  return true;
}

LicenseExpression ParseLicenseExpression(std::string_view text, std::size_t max_depth) {
  LicenseExpression out;
  Parser(text, max_depth, out).Run();
  if (out.root) Write(*out.root, out.normalized);
  return out;
}

}  // namespace craft::sbom
