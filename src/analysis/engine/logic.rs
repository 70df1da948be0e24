//! Three-valued truth and the one condition evaluator ([`eval_logic`]) both readers use: the
//! signed-out walker (is the caller stopped?) and the Next.js middleware model (is this path
//! protected?). Each hooks its leaves in through [`Evaluate`]. `Unknown` follows Kleene's
//! rules, so an unknown operand decides nothing the known one does not.

/// The kind of a false value, which decides what `===` / `==` against a literal gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Falsy {
    Null,
    Undefined,
    False,
    /// Undefined whether or not the caller is signed in: a field of an un-awaited promise.
    Never,
}

/// An identity's truth value: falsy when signed out, truthy when signed in (unless it is a
/// field of a promise, which is undefined either way).
pub fn leaf(f: Falsy, signed_in: bool) -> Tri {
    if signed_in && f != Falsy::Never {
        Tri::True
    } else {
        Tri::False(f)
    }
}

/// Three-valued truth in the signed-out environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tri {
    True,
    False(Falsy),
    Unknown,
}

impl Tri {
    /// `Some(b)` is known, `None` unknown (a plain `false` is [`Falsy::False`]).
    pub fn known(value: Option<bool>) -> Tri {
        match value {
            Some(true) => Tri::True,
            Some(false) => Tri::False(Falsy::False),
            None => Tri::Unknown,
        }
    }

    pub fn as_bool(self) -> Option<bool> {
        match self {
            Tri::True => Some(true),
            Tri::False(_) => Some(false),
            Tri::Unknown => None,
        }
    }

    /// `x && y`, with `y` evaluated only when `x` does not decide (a false `y` keeps its kind).
    pub fn and(self, right: impl FnOnce() -> Tri) -> Tri {
        match self {
            Tri::False(f) => Tri::False(f),
            Tri::True => right(),
            Tri::Unknown => match right() {
                Tri::False(f) => Tri::False(f),
                _ => Tri::Unknown,
            },
        }
    }

    /// `x || y`, with `y` evaluated only when `x` does not decide.
    pub fn or(self, right: impl FnOnce() -> Tri) -> Tri {
        match self {
            Tri::True => Tri::True,
            Tri::False(_) => right(),
            Tri::Unknown => match right() {
                Tri::True => Tri::True,
                _ => Tri::Unknown,
            },
        }
    }
}

use oxc_ast::ast::{Expression, LogicalOperator, UnaryOperator};

/// `!x`.
impl std::ops::Not for Tri {
    type Output = Tri;

    fn not(self) -> Tri {
        match self {
            Tri::True => Tri::False(Falsy::False),
            Tri::False(_) => Tri::True,
            Tri::Unknown => Tri::Unknown,
        }
    }
}

/// A truth value the one condition evaluator ([`eval_logic`]) builds: [`Tri`] for the signed-out
/// walker, the per-path condition program for the Next.js middleware model (which stays symbolic
/// until a path is known, and so reads both operands eagerly).
pub(crate) trait Logic: Sized {
    fn constant(value: bool) -> Self;
    /// The `null` literal.
    fn null() -> Self;
    /// `!x`.
    fn negated(self) -> Self;
    /// `x && y`.
    fn both(self, right: impl FnOnce() -> Self) -> Self;
    /// `x || y`.
    fn either(self, right: impl FnOnce() -> Self) -> Self;
    /// `x ?? y`.
    fn coalesce(self, right: impl FnOnce() -> Self) -> Self;
}

impl Logic for Tri {
    fn constant(value: bool) -> Tri {
        Tri::known(Some(value))
    }

    fn null() -> Tri {
        Tri::False(Falsy::Null)
    }

    fn negated(self) -> Tri {
        !self
    }

    fn both(self, right: impl FnOnce() -> Tri) -> Tri {
        self.and(right)
    }

    fn either(self, right: impl FnOnce() -> Tri) -> Tri {
        self.or(right)
    }

    /// The right side only when the left one is nullish (or never defined).
    fn coalesce(self, right: impl FnOnce() -> Tri) -> Tri {
        match self {
            Tri::False(Falsy::Null | Falsy::Undefined | Falsy::Never) => right(),
            other => other,
        }
    }
}

/// What an evaluator adds to the shared logic: how to read a sub-condition (its entry, where it
/// may count nesting) and every leaf the logic does not know (names, members, calls,
/// comparisons: the request-path tests of the middleware, the identities of the walker).
pub(crate) trait Evaluate<'a> {
    type Value: Logic;

    fn eval(&mut self, e: &'a Expression<'a>) -> Self::Value;

    fn leaf(&mut self, e: &'a Expression<'a>) -> Self::Value;
}

/// The one condition evaluator: `!`, `&&`, `||`, `??` and the `true` / `false` / `null`
/// literals, with everything else left to the evaluator's [`Evaluate::leaf`].
pub(crate) fn eval_logic<'a, E: Evaluate<'a>>(ev: &mut E, e: &'a Expression<'a>) -> E::Value {
    match e.get_inner_expression() {
        Expression::UnaryExpression(u) if u.operator == UnaryOperator::LogicalNot => {
            ev.eval(&u.argument).negated()
        }
        Expression::LogicalExpression(l) => {
            let left = ev.eval(&l.left);
            let right = || ev.eval(&l.right);
            match l.operator {
                LogicalOperator::And => left.both(right),
                LogicalOperator::Or => left.either(right),
                LogicalOperator::Coalesce => left.coalesce(right),
            }
        }
        Expression::BooleanLiteral(b) => E::Value::constant(b.value),
        Expression::NullLiteral(_) => E::Value::null(),
        _ => ev.leaf(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kleene_tables() {
        let (t, f, u) = (Tri::True, Tri::False(Falsy::Null), Tri::Unknown);
        // (x, y, x && y, x || y)
        let table = [
            (t, t, t, t),
            (t, f, f, t),
            (t, u, u, t),
            (f, t, f, t),
            (f, f, f, f),
            (f, u, f, u),
            (u, t, u, t),
            (u, f, f, u),
            (u, u, u, u),
        ];
        for (x, y, and, or) in table {
            assert_eq!(x.and(|| y), and, "{x:?} && {y:?}");
            assert_eq!(x.or(|| y), or, "{x:?} || {y:?}");
        }
        assert_eq!(!u, u);
        assert_eq!(!f, t);
        assert_eq!((!t).as_bool(), Some(false));
        for b in [Some(true), Some(false), None] {
            assert_eq!(Tri::known(b).as_bool(), b);
        }
    }
}
