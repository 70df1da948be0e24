//! How deep a script nests, measured without parsing: the parser and every AST walker recurse
//! once per level, so a file nested deeper than [`MAX_NESTING`] is not parsed at all (reported
//! as a `parse-error`) instead of overflowing the stack.

/// The deepest nesting parsed. Real code stays under a few dozen levels; 2,000 nested
/// parentheses or 1,500 nested object literals are parsed, on the large worker stack.
pub const MAX_NESTING: usize = 4_000;

/// The deepest nesting of `(`, `[`, `{`, `${` and JSX elements in `text`, skipping string
/// literals and comments (an over-estimate where that is ambiguous, never an under-estimate
/// for real nesting). Linear, no recursion.
pub fn depth(text: &str) -> usize {
    let b = text.as_bytes();
    let mut depth: usize = 0;
    let mut max: usize = 0;
    // Open template literals, each with the brace depth at which its `${` opened.
    let mut templates: Vec<usize> = Vec::new();
    let mut i = 0;
    let mut prev_sig: u8 = b'(';
    while i < b.len() {
        let c = b[i];
        match c {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
                continue;
            }
            b'"' | b'\'' => {
                i += 1;
                while i < b.len() && b[i] != c && b[i] != b'\n' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'`' => {
                // The body of a template literal up to its end or a `${`.
                i += 1;
                loop {
                    if i >= b.len() {
                        break;
                    }
                    match b[i] {
                        b'\\' => i += 2,
                        b'`' => break,
                        b'$' if b.get(i + 1) == Some(&b'{') => {
                            depth += 1;
                            max = max.max(depth);
                            templates.push(depth);
                            i += 1;
                            break;
                        }
                        _ => i += 1,
                    }
                }
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b')' | b']' => depth = depth.saturating_sub(1),
            b'}' => {
                if templates.last() == Some(&depth) {
                    // The end of a `${...}`: back inside the template literal.
                    templates.pop();
                    depth = depth.saturating_sub(1);
                    i += 1;
                    loop {
                        if i >= b.len() {
                            break;
                        }
                        match b[i] {
                            b'\\' => i += 2,
                            b'`' => break,
                            b'$' if b.get(i + 1) == Some(&b'{') => {
                                depth += 1;
                                max = max.max(depth);
                                templates.push(depth);
                                i += 1;
                                break;
                            }
                            _ => i += 1,
                        }
                    }
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
            // A JSX element opens where an expression starts (`(<div>`, `><div>`, `= <a`);
            // `a < b` has an operand before it and is not counted.
            b'<' if b
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'>')
                && matches!(
                    prev_sig,
                    b'(' | b'>' | b'{' | b',' | b'=' | b'?' | b':' | b'[' | b'&' | b'|'
                ) =>
            {
                depth += 1;
                max = max.max(depth);
            }
            b'<' if b.get(i + 1) == Some(&b'/') => depth = depth.saturating_sub(1),
            b'/' if b.get(i + 1) == Some(&b'>') => depth = depth.saturating_sub(1),
            _ => {}
        }
        if !c.is_ascii_whitespace() {
            prev_sig = c;
        }
        i += 1;
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_cases() {
        let cases: Vec<(String, usize)> = vec![
            ("f(a, [b, {c: 1}])".into(), 3),
            ("const s = '(((('; // ((((\n/* [[[ */ x()".into(), 1),
            ("`a ${b(`c ${d}`)} e`".into(), 3),
            ("for (let i = 0; i<n; i++) {}".into(), 1),
            ("return (<div><span>x</span></div>);".into(), 3),
            (format!("{}1{}", "(".repeat(2000), ")".repeat(2000)), 2000),
            (format!("{}1{}", "{a:".repeat(1500), "}".repeat(1500)), 1500),
            (
                format!("x = {}{}", "<div>".repeat(900), "</div>".repeat(900)),
                900,
            ),
            (format!("{}1{}", "`${".repeat(700), "}`".repeat(700)), 700),
            ("'unterminated".into(), 0),
            ("`unterminated ${".into(), 1),
        ];
        for (text, expected) in cases {
            let shown: String = text.chars().take(40).collect();
            assert_eq!(depth(&text), expected, "{shown}");
        }
    }
}
