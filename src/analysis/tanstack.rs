//! placeholder
use crate::analysis::filerouted::{AppCx, Found};
pub fn detect(_cx: &AppCx) -> bool {
    false
}
pub fn discover(_cx: &AppCx) -> Found {
    Found::default()
}
