//! The worker threads that parse and check contracts in parallel.

use std::sync::OnceLock;

/// Stack size of every worker. Deserialising YAML and comparing schemas recurse once per nesting
/// level; a debug build spends tens of kilobytes per level, so the default 2 MiB stack would
/// overflow well before the depth budget refuses the document. The memory is only reserved,
/// not committed, until used.
const STACK_SIZE: usize = 64 << 20;

/// The shared pool. Everything that parses user input runs inside `pool().install(…)`.
pub fn pool() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(STACK_SIZE)
            .thread_name(|index| format!("contract-worker-{index}"))
            .build()
            .expect("the operating system refused to start worker threads")
    })
}

/// Frees a large value on a thread of its own. A parsed catalogue is millions of small
/// allocations: freeing them took a twentieth of a run's time on the critical path, for memory
/// the process is about to give back anyway.
pub fn drop_in_background<T: Send + 'static>(value: T) {
    // `std::thread::spawn` panics when no thread can be started; the builder returns the error
    // instead, and the closure, with the value, is then freed right here.
    let _ = std::thread::Builder::new()
        .name("contract-free".into())
        .spawn(move || drop(value));
}
