//! The route-pattern and JS-regex translator (src/pattern.rs) on arbitrary patterns
//! and paths: no panic.
#![no_main]

use clerk_lint::pattern::RoutePattern;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // `pattern \n path \n flags`
    let mut parts = text.splitn(3, '\n');
    let pattern = parts.next().unwrap_or("");
    let path = parts.next().unwrap_or("/");
    let flags = parts.next().unwrap_or("");
    for p in [
        RoutePattern::clerk(pattern),
        RoutePattern::js_regex(pattern, flags),
        RoutePattern::next_matcher(pattern),
    ]
    .into_iter()
    .flatten()
    {
        let _ = p.compiled();
        let _ = p.matches(path);
        let _ = p.matches("/");
    }
});
