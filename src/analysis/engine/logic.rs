//! Three-valued truth, the one logic both evaluators use: the signed-out walker (is the
//! caller stopped?) and the Next.js middleware model (is this path protected?). `Unknown`
//! follows Kleene's rules, so an unknown operand decides nothing the known one does not.

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
