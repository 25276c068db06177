//! The boolean structure of a filter: `not` binds tightest, then `and` (also implied
//! between adjacent terms), then `xor`, then `or`, as in Taskwarrior; parentheses group.
//!
//! Pure: no I/O.

use std::iter::Peekable;
use std::vec::IntoIter;

use super::ast::{Node, Term};
use super::context::ParseContext;
use super::error::FilterError;
use super::lex::{Token, TokenKind};
use super::term::classify;

/// A token with its meaning; `usize` is the 1-based column.
#[derive(Debug)]
enum Item {
    Open(usize),
    Close(usize),
    And(usize),
    Or(usize),
    Xor(usize),
    Not(usize),
    Term(Term),
}

fn item(tok: &Token, ctx: &ParseContext<'_>) -> Result<Item, FilterError> {
    let c = tok.column;
    Ok(match tok.kind {
        TokenKind::Open => Item::Open(c),
        TokenKind::Close => Item::Close(c),
        TokenKind::Bang => Item::Not(c),
        TokenKind::Word if tok.quoted => Item::Term(classify(tok, ctx)?),
        TokenKind::Word => match tok.text.as_str() {
            "and" => Item::And(c),
            "or" => Item::Or(c),
            "xor" => Item::Xor(c),
            "not" => Item::Not(c),
            _ => Item::Term(classify(tok, ctx)?),
        },
    })
}

/// Parse tokens into an expression; `None` for an empty filter.
pub(super) fn parse(tokens: &[Token], ctx: &ParseContext<'_>) -> Result<Option<Node>, FilterError> {
    let items = tokens
        .iter()
        .map(|t| item(t, ctx))
        .collect::<Result<Vec<_>, _>>()?;
    if items.is_empty() {
        return Ok(None);
    }
    let mut parser = Parser {
        items: items.into_iter().peekable(),
        after_op: None,
        depth: 0,
    };
    let root = parser.or()?;
    match parser.items.next() {
        None => Ok(Some(root)),
        Some(Item::Close(column)) => Err(FilterError::UnmatchedParen { column }),
        // `or()` stops only at the end or at a ')'.
        Some(_) => Err(FilterError::UnmatchedParen { column: 0 }),
    }
}

/// How deep parentheses and `not`s may nest. Parsing, matching and dropping a filter each
/// recurse once per level, so a bound keeps a pathological filter from exhausting the
/// stack; no filter a person writes comes near it.
pub(super) const MAX_NESTING: usize = 100;

struct Parser {
    items: Peekable<IntoIter<Item>>,
    /// The operator just taken, for "needs a term after it".
    after_op: Option<(&'static str, usize)>,
    /// Parentheses and `not`s open around the current position.
    depth: usize,
}

impl Parser {
    /// Go one level deeper for the `(` or `not` at `column`, and parse what it holds.
    fn nested(
        &mut self,
        column: usize,
        inner: impl FnOnce(&mut Self) -> Result<Node, FilterError>,
    ) -> Result<Node, FilterError> {
        if self.depth >= MAX_NESTING {
            return Err(FilterError::TooDeep {
                column,
                limit: MAX_NESTING,
            });
        }
        self.depth += 1;
        let node = inner(self);
        self.depth -= 1;
        node
    }

    fn take_op(&mut self, name: &'static str, column: usize) {
        self.items.next();
        self.after_op = Some((name, column));
    }

    fn or(&mut self) -> Result<Node, FilterError> {
        let mut parts = vec![self.xor()?];
        while let Some(&Item::Or(c)) = self.items.peek() {
            self.take_op("or", c);
            parts.push(self.xor()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::Or(parts)
        })
    }

    fn xor(&mut self) -> Result<Node, FilterError> {
        let mut parts = vec![self.and()?];
        while let Some(&Item::Xor(c)) = self.items.peek() {
            self.take_op("xor", c);
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::Xor(parts)
        })
    }

    /// Terms joined by `and` or nothing. Bare IDs and UUIDs in one chain form a single
    /// set (`1 3 5` means any of them), as Taskwarrior gathers them.
    fn and(&mut self) -> Result<Node, FilterError> {
        let mut parts = vec![self.unary()?];
        loop {
            match self.items.peek() {
                Some(&Item::And(c)) => self.take_op("and", c),
                Some(Item::Term(_) | Item::Open(_) | Item::Not(_)) => {}
                _ => break,
            }
            let next = self.unary()?;
            let earlier = parts.iter_mut().find_map(|p| match p {
                Node::Term(Term::Ids(set)) => Some(set),
                _ => None,
            });
            match (next, earlier) {
                (Node::Term(Term::Ids(more)), Some(set)) => {
                    set.ranges.extend(more.ranges);
                    set.uuids.extend(more.uuids);
                }
                (next, _) => parts.push(next),
            }
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::And(parts)
        })
    }

    fn unary(&mut self) -> Result<Node, FilterError> {
        let after_op = self.after_op.take();
        let missing = |column| match after_op {
            Some((op, column)) => FilterError::NothingAfter { column, op },
            None => FilterError::UnmatchedParen { column },
        };
        match self.items.next() {
            Some(Item::Term(term)) => Ok(Node::Term(term)),
            Some(Item::Not(column)) => {
                self.after_op = Some(("not", column));
                self.nested(column, |p| Ok(Node::Not(Box::new(p.unary()?))))
            }
            Some(Item::Open(column)) => {
                match self.items.peek() {
                    Some(Item::Close(_)) => return Err(FilterError::EmptyParens { column }),
                    None => return Err(FilterError::UnclosedParen { column }),
                    _ => {}
                }
                let inner = self.nested(column, Self::or)?;
                match self.items.next() {
                    Some(Item::Close(_)) => Ok(inner),
                    _ => Err(FilterError::UnclosedParen { column }),
                }
            }
            Some(Item::Close(column)) => Err(missing(column)),
            Some(Item::And(column)) => Err(after_op.map_or(
                FilterError::NothingBefore { column, op: "and" },
                |(op, column)| FilterError::NothingAfter { column, op },
            )),
            Some(Item::Or(column)) => Err(after_op.map_or(
                FilterError::NothingBefore { column, op: "or" },
                |(op, column)| FilterError::NothingAfter { column, op },
            )),
            Some(Item::Xor(column)) => Err(after_op.map_or(
                FilterError::NothingBefore { column, op: "xor" },
                |(op, column)| FilterError::NothingAfter { column, op },
            )),
            None => Err(missing(0)),
        }
    }
}
