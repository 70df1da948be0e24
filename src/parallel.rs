//! An order-keeping parallel map over the available cores.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The stack of every thread that parses or analyses code (and of the thread `main` runs on).
pub const WORKER_STACK: usize = 256 * 1024 * 1024;

/// Maps `f` over `items` on every available core, keeping the input order.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(items.len().max(1));
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|s| {
        for _ in 0..threads {
            let worker = || {
                let mut local = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    local.push((i, f(item)));
                }
                if let Ok(mut r) = results.lock() {
                    r.extend(local);
                }
            };
            // Parsing and analysis recurse as deep as the code nests: a large explicit stack
            // turns a 6 KB file of nested literals from an abort into an ordinary run. A
            // worker that cannot be spawned (resource limits) leaves its share to the others.
            let _ = std::thread::Builder::new()
                .stack_size(WORKER_STACK)
                .spawn_scoped(s, worker);
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|(i, _)| *i);
    if results.len() < items.len() {
        // Not one worker could be spawned: do the work here.
        return items.iter().map(&f).collect();
    }
    results.into_iter().map(|(_, r)| r).collect()
}
