//! One reader per file format, each turning bytes into a [`RawTable`](super::raw::RawTable).
//! They know nothing of data sets: which sheet holds the data is decided by the columns asked for.

pub mod csv;
pub mod parquet;
pub mod xlsx;

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

/// Readers inside [`guarded`] just now, on any thread (polars may panic on one of its own).
static GUARDED: AtomicUsize = AtomicUsize::new(0);
static QUIET_HOOK: Once = Once::new();

/// Runs a third-party reader (calamine, polars) so that a panic in it becomes `Err(())`, which the
/// caller reports as a damaged file. The panic's English message is kept off the analyst's screen:
/// while a guarded reader runs, the panic hook in place before is not called. (Under the fuzzer
/// that hook aborts; the fuzz targets so count only the panics nothing catches.) Polars' own
/// parquet metadata decoder is one that panics on damaged files, found by the `parquet` target.
pub fn guarded<T>(read: impl FnOnce() -> T) -> Result<T, ()> {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.load(Ordering::SeqCst) == 0 {
                previous(info)
            }
        }));
    });
    GUARDED.fetch_add(1, Ordering::SeqCst);
    let result = std::panic::catch_unwind(AssertUnwindSafe(read));
    GUARDED.fetch_sub(1, Ordering::SeqCst);
    result.map_err(|_| ())
}
