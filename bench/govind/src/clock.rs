//! Time and memory, natively and in the browser.
//!
//! Natively: `Instant`, and the peak resident set size (`VmHWM` of
//! `/proc/self/status`, the kernel's high-water mark, which includes
//! everything the allocator ever held). In wasm: `performance.now()` (read
//! through `js_sys::Reflect`, so no web-sys feature is needed) and the size
//! of the linear memory, which only ever grows and is therefore a peak too.

/// Measures the time since it was started.
pub struct Stopwatch {
    #[cfg(not(target_arch = "wasm32"))]
    start: std::time::Instant,
    #[cfg(target_arch = "wasm32")]
    start: f64,
}

impl Stopwatch {
    pub fn start() -> Stopwatch {
        #[cfg(not(target_arch = "wasm32"))]
        return Stopwatch { start: std::time::Instant::now() };
        #[cfg(target_arch = "wasm32")]
        return Stopwatch { start: performance_now() };
    }

    /// Milliseconds elapsed since [`Stopwatch::start`].
    pub fn ms(&self) -> f64 {
        #[cfg(not(target_arch = "wasm32"))]
        return self.start.elapsed().as_secs_f64() * 1000.0;
        #[cfg(target_arch = "wasm32")]
        return performance_now() - self.start;
    }
}

/// Runs `f` and returns its result with the milliseconds it took.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let watch = Stopwatch::start();
    let out = f();
    (out, watch.ms())
}

#[cfg(target_arch = "wasm32")]
fn performance_now() -> f64 {
    use js_sys::{Function, Reflect};
    let performance = Reflect::get(&js_sys::global(), &"performance".into()).expect("performance");
    let now: Function = Reflect::get(&performance, &"now".into()).expect("performance.now").into();
    now.call0(&performance).ok().and_then(|v| v.as_f64()).unwrap_or(f64::NAN)
}

/// Peak memory of this process so far, in KiB.
pub fn peak_memory_kib() -> u64 {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }
    #[cfg(target_arch = "wasm32")]
    {
        (core::arch::wasm32::memory_size(0) as u64) * 64
    }
}
