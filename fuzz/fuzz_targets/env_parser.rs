//! The `.env` parser, the deploy-file readers and the secret finder on arbitrary text: no
//! panic, and every range they return lies on char boundaries inside the text.
#![no_main]

use clerk_lint::source::FileKind;
use clerk_lint::source::deploy;
use clerk_lint::source::env::EnvFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = clerk_lint::fsio::decode(data.to_vec());
    let parsed = EnvFile::parse(&text);
    for def in parsed.defs() {
        assert!(text.get(def.name_range.clone()).is_some());
        if let Some(r) = def.value_range {
            assert!(text.get(r).is_some());
        }
    }
    for kind in [
        FileKind::Workflow,
        FileKind::Compose,
        FileKind::Dockerfile,
        FileKind::Vercel,
        FileKind::Netlify,
        FileKind::Turbo,
    ] {
        for def in deploy::defs_for(kind, &text) {
            assert!(text.get(def.name_range.clone()).is_some());
        }
    }
    for m in clerk_lint::secrets::find_tokens(&text) {
        assert!(text.get(m.range.clone()).is_some());
    }
    let _ = clerk_lint::secrets::redact_text(&text);
    let _ = clerk_lint::source::nesting::depth(&text);
});
