//! The one tokio runtime of the process, created on first use so that loading the library costs nothing.

use once_cell::sync::Lazy;
use tokio::runtime::Runtime;

static RUNTIME: Lazy<Runtime> = Lazy::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        // Network-bound work: two workers keep up with many callers, each caller blocks its own thread.
        .worker_threads(2)
        .thread_name("cgip-native")
        .enable_all()
        .build()
        .expect("the tokio runtime can be created")
});

pub fn runtime() -> &'static Runtime {
    &RUNTIME
}
