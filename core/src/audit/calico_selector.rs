//! Calico's selector expressions (`role == 'db' && env in {'prod', 'staging'}`, `has(app)`,
//! `all()`), evaluated against a pod's labels; no regex (core is wasm).

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(String),
    Quoted(String),
    Op(&'static str),
}

fn tokens(text: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        match c {
            _ if c.is_whitespace() => i += 1,
            '\'' | '"' => {
                let end = chars.get(i + 1..)?.iter().position(|d| *d == c)? + i + 1;
                out.push(Token::Quoted(chars.get(i + 1..end)?.iter().collect()));
                i = end + 1;
            }
            '=' if next == Some('=') => {
                out.push(Token::Op("=="));
                i += 2;
            }
            '!' if next == Some('=') => {
                out.push(Token::Op("!="));
                i += 2;
            }
            '&' if next == Some('&') => {
                out.push(Token::Op("&&"));
                i += 2;
            }
            '|' if next == Some('|') => {
                out.push(Token::Op("||"));
                i += 2;
            }
            '!' => {
                out.push(Token::Op("!"));
                i += 1;
            }
            '(' | ')' | '{' | '}' | ',' => {
                out.push(Token::Op(match c {
                    '(' => "(",
                    ')' => ")",
                    '{' => "{",
                    '}' => "}",
                    _ => ",",
                }));
                i += 1;
            }
            _ => {
                let start = i;
                while chars.get(i).is_some_and(|d| {
                    d.is_ascii_alphanumeric() || matches!(d, '.' | '/' | '-' | '_')
                }) {
                    i += 1;
                }
                if i == start {
                    return None;
                }
                out.push(Token::Word(chars.get(start..i)?.iter().collect()));
            }
        }
    }
    Some(out)
}

struct Parser<'a> {
    tokens: Vec<Token>,
    at: usize,
    labels: &'a BTreeMap<String, String>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn op(&mut self, op: &str) -> bool {
        let hit = matches!(self.peek(), Some(Token::Op(o)) if *o == op);
        if hit {
            self.at += 1;
        }
        hit
    }

    /// The next token when it is a word (`quoted` false) or a quoted value (`quoted` true).
    fn text(&mut self, quoted: bool) -> Option<String> {
        let text = match (self.tokens.get(self.at)?, quoted) {
            (Token::Word(t), false) | (Token::Quoted(t), true) => t.clone(),
            _ => return None,
        };
        self.at += 1;
        Some(text)
    }

    fn word(&mut self) -> Option<String> {
        self.text(false)
    }

    fn quoted(&mut self) -> Option<String> {
        self.text(true)
    }

    fn or(&mut self) -> Option<bool> {
        let mut value = self.and()?;
        while self.op("||") {
            value |= self.and()?;
        }
        Some(value)
    }

    fn and(&mut self) -> Option<bool> {
        let mut value = self.unary()?;
        while self.op("&&") {
            value &= self.unary()?;
        }
        Some(value)
    }

    fn unary(&mut self) -> Option<bool> {
        if self.op("!") {
            return self.unary().map(|v| !v);
        }
        if self.op("(") {
            let value = self.or()?;
            return self.op(")").then_some(value);
        }
        let word = self.word()?;
        if matches!(word.as_str(), "all" | "global" | "has") && self.op("(") {
            let value = match word.as_str() {
                "has" => self.labels.contains_key(&self.word()?),
                _ => true,
            };
            return self.op(")").then_some(value);
        }
        let label = self.labels.get(&word);
        if self.op("==") {
            return Some(label == Some(&self.quoted()?));
        }
        if self.op("!=") {
            return Some(label != Some(&self.quoted()?));
        }
        let negated = matches!(self.peek(), Some(Token::Word(w)) if w == "not");
        if negated {
            self.at += 1;
        }
        match self.word()?.as_str() {
            "in" => {}
            _ => return None,
        }
        if !self.op("{") {
            return None;
        }
        let mut values = Vec::new();
        if !self.op("}") {
            loop {
                values.push(self.quoted()?);
                if self.op("}") {
                    break;
                }
                if !self.op(",") {
                    return None;
                }
            }
        }
        let inside = label.is_some_and(|l| values.contains(l));
        Some(inside != negated)
    }
}

/// Whether `selector` selects a pod with `labels`; `None` when it is not an expression
/// Portolan reads (`contains`, `starts with`, … and syntax errors).
pub fn selects(selector: &str, labels: &BTreeMap<String, String>) -> Option<bool> {
    if selector.trim().is_empty() {
        return Some(true);
    }
    let mut parser = Parser { tokens: tokens(selector)?, at: 0, labels };
    let value = parser.or()?;
    (parser.at == parser.tokens.len()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calico_selectors_over_labels() {
        let labels: BTreeMap<String, String> =
            [("role", "db"), ("env", "prod")].map(|(k, v)| (k.to_owned(), v.to_owned())).into();
        let is = |s: &str| selects(s, &labels);
        assert_eq!(is("role == 'db'"), Some(true));
        assert_eq!(is("role == \"web\""), Some(false));
        assert_eq!(is("role != 'web' && env in {'prod', 'staging'}"), Some(true));
        assert_eq!(is("env not in {'prod'}"), Some(false));
        assert_eq!(is("has(role) && !has(tier)"), Some(true));
        assert_eq!(is("all()"), Some(true));
        assert_eq!(is(""), Some(true));
        assert_eq!(is("(role == 'web' || env == 'prod') && has(env)"), Some(true));
        assert_eq!(is("projectcalico.org/name == 'x'"), Some(false));
        // Not read: said by the caller, never guessed.
        assert_eq!(is("role contains 'd'"), None);
        assert_eq!(is("role == 'db' &&"), None);
        assert_eq!(is("role == 'db"), None);
    }
}
