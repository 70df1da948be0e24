//! Parsing versions and the lower bound of a `package.json` specifier.

use super::Version;

/// A version as written in a range: `6`, `6.1`, `6.1.x`, `6.1.0-beta.3`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Partial {
    major: u64,
    minor: Option<u64>,
    patch: Option<u64>,
    prerelease: bool,
}

impl Partial {
    fn floor(self) -> Version {
        Version::new(self.major, self.minor.unwrap_or(0), self.patch.unwrap_or(0))
    }

    /// The lowest version strictly greater than every version this partial stands for
    /// (`>5` is `>=6.0.0`, `>5.1` is `>=5.2.0`, `>5.1.2` is `>=5.1.3`).
    fn above(self) -> Option<Version> {
        match (self.minor, self.patch) {
            (None, _) => Some(Version::new(self.major.checked_add(1)?, 0, 0)),
            (Some(minor), None) => Some(Version::new(self.major, minor.checked_add(1)?, 0)),
            // `>5.1.2-beta.1` admits 5.1.2 itself; pre-release tags are dropped anyway.
            (Some(minor), Some(patch)) if self.prerelease => {
                Some(Version::new(self.major, minor, patch))
            }
            (Some(minor), Some(patch)) => {
                Some(Version::new(self.major, minor, patch.checked_add(1)?))
            }
        }
    }
}

fn is_wildcard(part: &str) -> bool {
    matches!(part, "x" | "X" | "*")
}

fn number(part: &str) -> Option<u64> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

/// `[v|=]MAJOR[.MINOR[.PATCH]][-pre][+build]`, minor and patch possibly wildcards. `None` for a
/// bare wildcard (`*`, `x`) and for anything else that is not a version.
fn parse_partial(text: &str) -> Option<Partial> {
    let text = text.trim();
    let text = text.strip_prefix('=').unwrap_or(text);
    let text = text.strip_prefix(['v', 'V']).unwrap_or(text).trim_start();
    // The numeric part ends at the first `-` (pre-release) or `+` (build metadata).
    let (core, prerelease) = match text.find(['-', '+']) {
        Some(i) => (&text[..i], text[i..].starts_with('-')),
        None => (text, false),
    };
    let mut parts = core.split('.');
    let major = number(parts.next()?)?;
    let mut partial = Partial {
        major,
        minor: None,
        patch: None,
        prerelease,
    };
    if let Some(minor) = parts.next()
        && !is_wildcard(minor)
    {
        partial.minor = Some(number(minor)?);
    }
    if let Some(patch) = parts.next()
        && !is_wildcard(patch)
    {
        // `5.x.3` is not meaningful: the wildcard already covers every patch.
        partial.patch = Some(number(patch)?).filter(|_| partial.minor.is_some());
    }
    if parts.next().is_some() {
        return None;
    }
    Some(partial)
}

impl Version {
    pub const fn new(major: u64, minor: u64, patch: u64) -> Version {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// Parses `6.1.0`, `v6.1.0`, `=6.1.0`, `6.1.0-beta.3`, `6.1.0+build`; a missing or
    /// wildcard minor or patch counts as 0 (`6`, `6.1`, `5.x`). `None` for anything else
    /// (`latest`, `*`, `^6`, trailing text).
    pub fn parse(text: &str) -> Option<Version> {
        parse_partial(text).map(Partial::floor)
    }

    /// The lowest version a `package.json` specifier admits: `^6.9.0` → 6.9.0, `~5.1` →
    /// 5.1.0, `>=5 <7` → 5.0.0, `5.x` → 5.0.0, `>5` → 6.0.0, `^5 || ^6` → 5.0.0,
    /// `npm:@clerk/nextjs@^6.1.0` → 6.1.0. `None` when there is no lower bound or the
    /// specifier is not a semver range (`latest`, `*`, `<7`, `workspace:*`, `catalog:`,
    /// `file:..`, git URLs, `npm:pkg` without a range).
    pub fn lower_bound(spec: &str) -> Option<Version> {
        let mut spec = spec.trim();
        if let Some(alias) = spec.strip_prefix("npm:") {
            // `npm:name@range`; the name may be scoped (`npm:@clerk/nextjs@^6`).
            let at = alias.get(1..)?.find('@')? + 1;
            spec = alias[at + 1..].trim();
        }
        // Every other protocol (`workspace:`, `catalog:`, `file:`, `link:`, `git+ssh:`,
        // `github:`, `https:`) and path / `user/repo` shorthands name no version.
        if spec.is_empty() || spec.contains([':', '/']) {
            return None;
        }
        let mut lowest: Option<Version> = None;
        for alternative in spec.split("||") {
            let bound = range_lower_bound(alternative)?;
            lowest = Some(lowest.map_or(bound, |l| l.min(bound)));
        }
        lowest
    }
}

impl Version {
    /// The exclusive upper bound of the versions a `package.json` specifier admits: `^6.9.0`
    /// → 7.0.0, `^0.5.1` → 0.6.0, `~4.28.0` → 4.29.0, `4.28` → 4.29.0, `6.39.1` → 6.39.2,
    /// `>=5 <6.2` → 6.2.0, `^5 || ^6` → 7.0.0. `Some(None)` when nothing bounds it from above
    /// (`>=5`, `*`, `latest` is not a range: `None`), `None` when it is not a semver range.
    pub fn upper_bound(spec: &str) -> Option<Option<Version>> {
        let mut spec = spec.trim();
        if let Some(alias) = spec.strip_prefix("npm:") {
            let at = alias.get(1..)?.find('@')? + 1;
            spec = alias[at + 1..].trim();
        }
        if spec.is_empty() || spec.contains([':', '/']) {
            return None;
        }
        let mut highest: Option<Version> = Some(Version::new(0, 0, 0));
        for alternative in spec.split("||") {
            let bound = range_upper_bound(alternative)?;
            highest = match (highest, bound) {
                (Some(h), Some(b)) => Some(h.max(b)),
                _ => None,
            };
        }
        Some(highest)
    }
}

/// The exclusive upper bound of one `||` alternative (`None` inside: unbounded).
fn range_upper_bound(range: &str) -> Option<Option<Version>> {
    let range = range.trim();
    if range.is_empty() || is_wildcard(range) {
        return Some(None);
    }
    if let Some((_low, high)) = range.split_once(" - ") {
        return parse_partial(high).map(|p| p.above());
    }
    let mut upper: Option<Version> = None;
    let mut pending_op: Option<&str> = None;
    for token in range.split_whitespace() {
        let is_operator = matches!(token, ">" | ">=" | "<" | "<=" | "=" | "^" | "~" | "~>");
        let bound = match (pending_op.take(), is_operator) {
            (Some(_), true) => return None,
            (None, true) => {
                pending_op = Some(token);
                continue;
            }
            (Some(op), false) => comparator_upper_bound(&format!("{op}{token}"))?,
            (None, false) => comparator_upper_bound(token)?,
        };
        if let Some(bound) = bound {
            upper = Some(upper.map_or(bound, |u| u.min(bound)));
        }
    }
    if pending_op.is_some() {
        return None;
    }
    Some(upper)
}

/// Outer `None` when the comparator does not parse; inner `None` when it sets no upper bound.
fn comparator_upper_bound(token: &str) -> Option<Option<Version>> {
    if is_wildcard(token) {
        return Some(None);
    }
    if token.starts_with('>') {
        let rest = token.trim_start_matches(['>', '=']);
        return (is_wildcard(rest.trim()) || parse_partial(rest).is_some()).then_some(None);
    }
    if let Some(rest) = token.strip_prefix("<=") {
        return wildcard_or(rest, Partial::above);
    }
    if let Some(rest) = token.strip_prefix('<') {
        return wildcard_or(rest, |p| Some(p.floor()));
    }
    if let Some(rest) = token.strip_prefix('^') {
        return wildcard_or(rest, |p| match (p.major, p.minor, p.patch) {
            (0, Some(0), Some(patch)) => Some(Version::new(0, 0, patch.checked_add(1)?)),
            (0, Some(minor), _) => Some(Version::new(0, minor.checked_add(1)?, 0)),
            (major, _, _) => Some(Version::new(major.checked_add(1)?, 0, 0)),
        });
    }
    if let Some(rest) = token.strip_prefix("~>").or_else(|| token.strip_prefix('~')) {
        return wildcard_or(rest, |p| match p.minor {
            Some(minor) => Some(Version::new(p.major, minor.checked_add(1)?, 0)),
            None => Some(Version::new(p.major.checked_add(1)?, 0, 0)),
        });
    }
    // A bare (partial) version: everything it stands for.
    wildcard_or(token, |p| {
        if p.prerelease && p.patch.is_some() {
            Some(Version::new(p.major, p.minor?, p.patch?.checked_add(1)?))
        } else {
            p.above()
        }
    })
}

/// The lower bound of one `||` alternative: a hyphen range or space-separated comparators.
fn range_lower_bound(range: &str) -> Option<Version> {
    let range = range.trim();
    if let Some((low, _high)) = range.split_once(" - ") {
        return parse_partial(low).map(Partial::floor);
    }
    let mut lower: Option<Version> = None;
    let mut pending_op: Option<&str> = None;
    for token in range.split_whitespace() {
        let is_operator = matches!(token, ">" | ">=" | "<" | "<=" | "=" | "^" | "~" | "~>");
        // `>= 5.0.0`: the operator may stand apart from its version.
        let bound = match (pending_op.take(), is_operator) {
            (Some(_), true) => return None,
            (None, true) => {
                pending_op = Some(token);
                continue;
            }
            (Some(op), false) => comparator_lower_bound(&format!("{op}{token}"))?,
            (None, false) => comparator_lower_bound(token)?,
        };
        if let Some(bound) = bound {
            lower = Some(lower.map_or(bound, |l| l.max(bound)));
        }
    }
    if pending_op.is_some() {
        return None;
    }
    lower
}

/// `Err`-like outer `None` when the comparator does not parse; inner `None` when it parses
/// but sets no lower bound (`<7`, `*`).
fn comparator_lower_bound(token: &str) -> Option<Option<Version>> {
    if token.is_empty() || is_wildcard(token) {
        return Some(None);
    }
    if token.starts_with('<') {
        let rest = token.trim_start_matches(['<', '=']);
        return parse_partial(rest).map(|_| None);
    }
    if let Some(rest) = token.strip_prefix(">=") {
        return wildcard_or(rest, |p| Some(p.floor()));
    }
    if let Some(rest) = token.strip_prefix('>') {
        return wildcard_or(rest, Partial::above);
    }
    let rest = token
        .strip_prefix("~>")
        .or_else(|| token.strip_prefix(['^', '~']))
        .unwrap_or(token);
    wildcard_or(rest, |p| Some(p.floor()))
}

fn wildcard_or(rest: &str, bound: impl Fn(Partial) -> Option<Version>) -> Option<Option<Version>> {
    let rest = rest.trim();
    if is_wildcard(rest) || rest.is_empty() {
        return Some(None);
    }
    parse_partial(rest).map(bound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_bounds() {
        let b = |major, minor, patch| Some(Some(Version::new(major, minor, patch)));
        let cases: &[(&str, Option<Option<Version>>)] = &[
            ("^6.9.0", b(7, 0, 0)),
            ("^0.5.1", b(0, 6, 0)),
            ("^0.0.3", b(0, 0, 4)),
            ("~4.28.0", b(4, 29, 0)),
            ("~4", b(5, 0, 0)),
            ("4.28", b(4, 29, 0)),
            ("4.28.x", b(4, 29, 0)),
            ("6.39.1", b(6, 39, 2)),
            ("=6.39.1", b(6, 39, 2)),
            (">=5 <6.2", b(6, 2, 0)),
            ("<=6.2", b(6, 3, 0)),
            ("^5 || ^6", b(7, 0, 0)),
            ("1.0.0 - 1.2", b(1, 3, 0)),
            ("npm:@clerk/nextjs@^6.1.0", b(7, 0, 0)),
            (">=5", Some(None)),
            ("*", Some(None)),
            ("^5 || >=7", Some(None)),
            ("latest", None),
            ("workspace:*", None),
        ];
        for (spec, expected) in cases {
            assert_eq!(Version::upper_bound(spec), *expected, "{spec}");
        }
    }

    fn v(major: u64, minor: u64, patch: u64) -> Option<Version> {
        Some(Version::new(major, minor, patch))
    }

    #[test]
    fn parses_versions() {
        let cases: &[(&str, Option<Version>)] = &[
            ("6.1.0", v(6, 1, 0)),
            ("v6.1.0", v(6, 1, 0)),
            ("=6.1.0", v(6, 1, 0)),
            ("6.1.0-beta.3", v(6, 1, 0)),
            ("6.1.0-canary.v20241119152007", v(6, 1, 0)),
            ("6.1.0+build.5", v(6, 1, 0)),
            ("6", v(6, 0, 0)),
            ("6.1", v(6, 1, 0)),
            ("5.x", v(5, 0, 0)),
            ("5.1.x", v(5, 1, 0)),
            (" 4.29.1 ", v(4, 29, 1)),
            ("0.0.0-use.local", v(0, 0, 0)),
            ("", None),
            ("latest", None),
            ("*", None),
            ("x", None),
            ("^6.1.0", None),
            ("6.1.0.1", None),
            ("6..1", None),
            ("6.1.0(react@18.2.0)", None),
            ("99999999999999999999999.0.0", None),
            ("-1.0.0", None),
        ];
        for (text, expected) in cases {
            assert_eq!(Version::parse(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn lower_bounds_of_ranges() {
        let cases: &[(&str, Option<Version>)] = &[
            ("^6.9.0", v(6, 9, 0)),
            ("~5.1", v(5, 1, 0)),
            ("~5.1.3", v(5, 1, 3)),
            ("~>5.1", v(5, 1, 0)),
            (">=5 <7", v(5, 0, 0)),
            (">= 5.2.0 < 7", v(5, 2, 0)),
            ("<7 >=5", v(5, 0, 0)),
            (">=5.0.0 >=5.3.0", v(5, 3, 0)),
            ("5.x", v(5, 0, 0)),
            ("5.X.x", v(5, 0, 0)),
            ("5.*", v(5, 0, 0)),
            ("6", v(6, 0, 0)),
            ("v6.1.0", v(6, 1, 0)),
            ("=6.0.0", v(6, 0, 0)),
            ("6.1.0-beta.3", v(6, 1, 0)),
            ("^6.0.0-snapshot.v20240912", v(6, 0, 0)),
            (">5", v(6, 0, 0)),
            (">5.1", v(5, 2, 0)),
            (">5.1.2", v(5, 1, 3)),
            ("5.1.0 - 6", v(5, 1, 0)),
            ("^5 || ^6", v(5, 0, 0)),
            ("^6.1.0 || ^5.2.0", v(5, 2, 0)),
            ("^0.4.0", v(0, 4, 0)),
            ("  ^6.9.0  ", v(6, 9, 0)),
            ("npm:@clerk/nextjs@^6.1.0", v(6, 1, 0)),
            ("npm:clerk-fork@5.2.0", v(5, 2, 0)),
            ("npm:@clerk/nextjs", None),
            ("npm:@clerk/nextjs@latest", None),
            ("npm:", None),
            ("npm:@", None),
            ("npm:a@npm:b@1.0.0", None),
            ("latest", None),
            ("next", None),
            ("*", None),
            ("", None),
            ("x", None),
            ("<7", None),
            ("<=6.0.0", None),
            (">=", None),
            ("^", None),
            ("^5 || *", None),
            ("^5 || latest", None),
            ("workspace:*", None),
            ("workspace:^6.1.0", None),
            ("catalog:", None),
            ("catalog:clerk", None),
            ("file:../clerk-nextjs", None),
            ("link:../clerk", None),
            ("git+https://github.com/clerk/javascript.git#v6.1.0", None),
            ("github:clerk/javascript", None),
            ("clerk/javascript", None),
            ("https://example.com/clerk-nextjs-6.1.0.tgz", None),
            ("^6.1.0 garbage", None),
            ("🦀", None),
        ];
        for (spec, expected) in cases {
            assert_eq!(Version::lower_bound(spec), *expected, "{spec:?}");
        }
    }
}
