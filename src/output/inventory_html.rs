//! `clerk-lint routes --format html`: the attack surface as one self-contained page (inline
//! CSS and script, no network, no external asset; a Content-Security-Policy forbids any).
//!
//! Every endpoint of every app, grouped by URL (endpoints called by id, such as server
//! actions, by file), coloured by protection: unprotected, unchecked, protected (and how),
//! public by config. Each row links to its file and line and shows the endpoint rule's finding.
//! The rows are in the HTML itself, so the page reads without its script; the script filters
//! them by text and by protection, and reads a preset filter from the URL:
//! `routes.html#show=unprotected,unchecked&q=/api` (or the same as a query string).

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::inventory::Row;
use crate::output::xml_escape as esc;

/// The four protection classes the page colours and filters by, in display order.
pub const CLASSES: &[(&str, &str)] = &[
    ("unprotected", "Unprotected"),
    ("unchecked", "Unchecked"),
    ("protected", "Protected"),
    ("public", "Public by config"),
];

/// The class of a row's `protection` (`none`, `unchecked`, `public`, or how it is protected).
pub fn class_of(protection: &str) -> &'static str {
    match protection {
        "none" => "unprotected",
        "unchecked" => "unchecked",
        "public" => "public",
        _ => "protected",
    }
}

/// `text` escaped, with its `backticked` parts as `<code>`.
fn code_spans(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{}</code>", esc(part))
            } else {
                esc(part)
            }
        })
        .collect()
}

/// The group a row is listed under: its app and URL, or, for endpoints called by id, its file.
fn group_key(r: &Row) -> (String, String) {
    let by_id = !r.route.starts_with('/');
    let title = if by_id {
        format!("{} · {}", r.kind, r.path)
    } else {
        r.route.clone()
    };
    (r.app.clone(), title)
}

const STYLE: &str = r#"
:root { --red:#cf222e; --red-bg:#ffebe9; --amber:#9a6700; --amber-bg:#fff8c5; --green:#1a7f37;
  --green-bg:#dafbe1; --blue:#0969da; --blue-bg:#ddf4ff; --fg:#1f2328; --muted:#59636e;
  --line:#d1d9e0; --head:#f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans",
  Helvetica, Arial, sans-serif; color: var(--fg); background: #fff; }
header { padding: 24px 32px 12px; border-bottom: 1px solid var(--line); background: var(--head); }
h1 { margin: 0 0 2px; font-size: 22px; }
.sub { margin: 0 0 14px; color: var(--muted); }
.stats { display: flex; gap: 10px; flex-wrap: wrap; margin-bottom: 14px; }
.stat { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; background: #fff;
  min-width: 130px; border-left-width: 5px; }
.stat b { display: block; font-size: 22px; line-height: 1.1; }
.stat span { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.controls { display: flex; gap: 14px; align-items: center; flex-wrap: wrap; }
#q { width: 340px; max-width: 100%; padding: 6px 10px; border: 1px solid var(--line);
  border-radius: 6px; font: inherit; }
.controls label { display: inline-flex; gap: 5px; align-items: center; cursor: pointer; }
#shown { margin: 10px 0 0; color: var(--muted); font-size: 13px; }
main { padding: 16px 32px 40px; }
table { width: 100%; border-collapse: collapse; }
thead th { text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); padding: 6px 10px; border-bottom: 2px solid var(--line); }
tr.group-head th { text-align: left; padding: 14px 10px 5px; font-size: 15px;
  border-bottom: 1px solid var(--line); }
tr.group-head code { font-size: 15px; }
tr.group-head .app { margin-left: 8px; color: var(--muted); font-weight: normal; font-size: 12px; }
tr.endpoint td code { background: #eff2f5; border-radius: 4px; padding: 0 4px; }
tr.endpoint td { padding: 7px 10px; border-bottom: 1px solid #eef1f4; vertical-align: top; }
tr.endpoint td:first-child { border-left: 4px solid var(--c); }
code, .method { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.method { font-weight: 600; }
td.m { white-space: nowrap; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px;
  font-weight: 600; color: var(--c); background: var(--bg); white-space: nowrap; }
.how { color: var(--muted); margin-left: 6px; }
.finding a { color: var(--c); font-weight: 600; text-decoration: none; }
.finding .none { color: var(--muted); }
.loc a { color: var(--blue); text-decoration: none; }
.loc a:hover, .finding a:hover { text-decoration: underline; }
.unprotected { --c: var(--red); --bg: var(--red-bg); }
.unchecked { --c: var(--amber); --bg: var(--amber-bg); }
.protected { --c: var(--green); --bg: var(--green-bg); }
.public { --c: var(--blue); --bg: var(--blue-bg); }
.stat.unprotected, .stat.unchecked, .stat.protected, .stat.public { border-left-color: var(--c); }
.stat.unprotected b, .stat.unchecked b, .stat.protected b, .stat.public b { color: var(--c); }
.empty { color: var(--muted); padding: 24px 10px; }
[hidden] { display: none !important; }
"#;

const SCRIPT: &str = r##"
(function () {
  var q = document.getElementById("q");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[name=show]"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.endpoint"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("tbody.group"));
  var shown = document.getElementById("shown");
  function params() {
    var p = new URLSearchParams(location.search);
    new URLSearchParams(location.hash.replace(/^#/, "")).forEach(function (v, k) { p.set(k, v); });
    return p;
  }
  function apply() {
    var text = q.value.trim().toLowerCase();
    var on = {};
    boxes.forEach(function (b) { if (b.checked) on[b.value] = true; });
    var n = 0;
    rows.forEach(function (r) {
      var ok = on[r.getAttribute("data-protection")] === true &&
        (text === "" || r.getAttribute("data-search").indexOf(text) >= 0);
      r.hidden = !ok;
      if (ok) n++;
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector("tr.endpoint:not([hidden])"); });
    shown.textContent = n + " of " + rows.length + " endpoints shown";
    document.body.setAttribute("data-shown", String(n));
  }
  function load() {
    var p = params();
    if (p.has("q")) q.value = p.get("q");
    if (p.has("show")) {
      var want = p.get("show").split(",");
      boxes.forEach(function (b) { b.checked = want.indexOf(b.value) >= 0; });
    }
    apply();
  }
  function save() {
    var p = new URLSearchParams();
    if (q.value) p.set("q", q.value);
    if (boxes.some(function (b) { return !b.checked; })) {
      p.set("show", boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }).join(","));
    }
    try { history.replaceState(null, "", "#" + p.toString()); } catch (e) { /* file: URLs in some browsers */ }
  }
  q.addEventListener("input", function () { apply(); save(); });
  boxes.forEach(function (b) { b.addEventListener("change", function () { apply(); save(); }); });
  window.addEventListener("hashchange", load);
  load();
})();
"##;

/// Writes the page. `href` gives the link of a row's file and line.
pub fn render(rows: &[Row], href: &dyn Fn(&Row) -> String, w: &mut dyn Write) -> io::Result<()> {
    let mut groups: BTreeMap<(String, String), Vec<&Row>> = BTreeMap::new();
    for r in rows {
        groups.entry(group_key(r)).or_default().push(r);
    }
    let apps: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.app.as_str()).collect();
    let count = |class: &str| {
        rows.iter()
            .filter(|r| class_of(r.protection) == class)
            .count()
    };
    let n = rows.len();

    writeln!(w, "<!DOCTYPE html>")?;
    writeln!(w, r#"<html lang="en"><head><meta charset="utf-8">"#)?;
    writeln!(
        w,
        r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">"#
    )?;
    writeln!(
        w,
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
    )?;
    writeln!(
        w,
        "<title>clerk-lint routes: {n} endpoint{}</title>",
        if n == 1 { "" } else { "s" }
    )?;
    writeln!(w, "<style>{STYLE}</style></head>")?;
    writeln!(w, r#"<body data-shown="{n}"><header>"#)?;
    writeln!(w, "<h1>Attack surface</h1>")?;
    writeln!(
        w,
        r#"<p class="sub">{n} endpoint{} in {} app{}, grouped by URL · <code>clerk-lint routes</code></p>"#,
        if n == 1 { "" } else { "s" },
        apps.len(),
        if apps.len() == 1 { "" } else { "s" }
    )?;
    writeln!(w, r#"<div class="stats">"#)?;
    for (class, label) in CLASSES {
        writeln!(
            w,
            r#"<div class="stat {class}" id="stat-{class}"><b>{}</b><span>{label}</span></div>"#,
            count(class)
        )?;
    }
    writeln!(w, "</div>")?;
    writeln!(w, r#"<div class="controls">"#)?;
    writeln!(
        w,
        r#"<input id="q" type="search" placeholder="Filter by URL, method, file or protection" aria-label="Filter">"#
    )?;
    for (class, label) in CLASSES {
        writeln!(
            w,
            r#"<label class="{class}"><input type="checkbox" name="show" value="{class}" checked><span class="badge">{label}</span></label>"#
        )?;
    }
    writeln!(w, "</div>")?;
    writeln!(w, r#"<p id="shown">{n} of {n} endpoints shown</p>"#)?;
    writeln!(w, "</header><main>")?;
    writeln!(w, r#"<table id="endpoints">"#)?;
    writeln!(
        w,
        "<thead><tr><th>Method</th><th>Kind</th><th>Protection</th><th>Finding</th><th>Location</th></tr></thead>"
    )?;
    if rows.is_empty() {
        writeln!(
            w,
            r#"<tbody><tr><td class="empty" colspan="5">No server endpoints found.</td></tr></tbody>"#
        )?;
    }
    for ((app, title), members) in &groups {
        writeln!(w, r#"<tbody class="group" data-group="{}">"#, esc(title))?;
        let app_label = if apps.len() > 1 {
            format!(
                r#"<span class="app">{}</span>"#,
                esc(if app.is_empty() { "." } else { app })
            )
        } else {
            String::new()
        };
        writeln!(
            w,
            r#"<tr class="group-head"><th colspan="5"><code>{}</code>{app_label}</th></tr>"#,
            esc(title)
        )?;
        for r in members {
            let class = class_of(r.protection);
            let label = CLASSES
                .iter()
                .find(|(c, _)| *c == class)
                .map_or(class, |(_, l)| l);
            let how = match (class, r.detail.is_empty()) {
                ("protected", true) => format!(r#"<span class="how">{}</span>"#, esc(r.protection)),
                ("protected", false) => format!(
                    r#"<span class="how">{}: {}</span>"#,
                    esc(r.protection),
                    code_spans(&r.detail)
                ),
                (_, false) => format!(r#"<span class="how">{}</span>"#, code_spans(&r.detail)),
                (_, true) => String::new(),
            };
            let finding = match &r.finding {
                Some(f) => format!(
                    r#"<a href="{}" title="{}">{}</a> {}"#,
                    esc(&f.docs_url),
                    esc(f.severity),
                    esc(f.rule),
                    code_spans(&f.message)
                ),
                None => r#"<span class="none">—</span>"#.to_string(),
            };
            let kind = if r.route.starts_with('/') {
                esc(r.kind)
            } else {
                format!("{} <code>{}</code>", esc(r.kind), esc(&r.route))
            };
            let search = format!(
                "{} {} {} {} {}:{} {} {} {}",
                r.method, r.route, r.kind, r.app, r.path, r.line, r.protection, class, r.detail
            )
            .to_lowercase();
            writeln!(
                w,
                r#"<tr class="endpoint {class}" data-protection="{class}" data-route="{}" data-search="{}"><td class="m"><span class="method">{}</span></td><td class="kind">{}</td><td><span class="badge">{label}</span>{how}</td><td class="finding">{finding}</td><td class="loc"><a href="{}">{}:{}</a></td></tr>"#,
                esc(&r.route),
                esc(&search),
                esc(&r.method),
                kind,
                esc(&href(r)),
                esc(&r.path),
                r.line
            )?;
        }
        writeln!(w, "</tbody>")?;
    }
    writeln!(w, "</table></main>")?;
    writeln!(w, "<script>{SCRIPT}</script>")?;
    writeln!(w, "</body></html>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::Finding;

    fn row(route: &str, method: &str, protection: &'static str, path: &str) -> Row {
        Row {
            framework: "nextjs",
            kind: if route.starts_with('/') {
                "route handler"
            } else {
                "server action"
            },
            method: method.into(),
            route: route.into(),
            path: path.into(),
            line: 3,
            protection,
            detail: if protection == "helper" {
                "`requireUser` (lib/a.ts)".into()
            } else {
                String::new()
            },
            app: String::new(),
            finding: None,
        }
    }

    #[test]
    fn grouped_coloured_linked_and_self_contained() {
        let mut open = row("/api/p/:id", "DELETE", "none", "app/api/p/[id]/route.ts");
        open.finding = Some(Finding {
            rule: "missing-auth",
            severity: "error",
            message: "route handler `DELETE /api/p/:id` <never> verifies".into(),
            docs_url: "https://example.test/rules#missing-auth".into(),
        });
        let rows = vec![
            row("/api/p/:id", "GET", "helper", "app/api/p/[id]/route.ts"),
            open,
            row("/api/health", "GET", "public", "app/api/health/route.ts"),
            row("subscribe", "ACTION", "unchecked", "app/actions.ts"),
        ];
        let mut out = Vec::new();
        render(&rows, &|r| format!("../{}#L{}", r.path, r.line), &mut out).unwrap();
        let html = String::from_utf8(out).unwrap();
        // Self-contained: nothing is fetched.
        for needle in ["http://", "<link", " src=", "@import", "url("] {
            let outside_links = html.replace("https://example.test/rules#missing-auth", "");
            assert!(!outside_links.contains(needle), "{needle}");
        }
        // One group per URL (two endpoints share /api/p/:id); actions by file.
        assert_eq!(html.matches(r#"<tbody class="group""#).count(), 3);
        assert!(html.contains(r#"data-group="server action · app/actions.ts""#));
        assert_eq!(html.matches(r#"<tr class="endpoint "#).count(), 4);
        for class in ["unprotected", "unchecked", "protected", "public"] {
            assert!(
                html.contains(&format!(r#"data-protection="{class}""#)),
                "{class}"
            );
        }
        assert!(
            html.contains(
                r#"<span class="how">helper: <code>requireUser</code> (lib/a.ts)</span>"#
            )
        );
        assert!(
            html.contains(
                r#"<a href="../app/api/p/[id]/route.ts#L3">app/api/p/[id]/route.ts:3</a>"#
            )
        );
        assert!(html.contains(
            r#"<a href="https://example.test/rules#missing-auth" title="error">missing-auth</a> route handler <code>DELETE /api/p/:id</code> &lt;never&gt; verifies"#
        ));
        assert!(html.contains(r#"<b>1</b><span>Unprotected</span>"#));
        assert!(html.contains(r#"<td class="kind">server action <code>subscribe</code></td>"#));
    }
}
