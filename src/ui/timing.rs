//! User Timing marks around the app's costly steps (opening the library,
//! hydrating a snapshot), so DevTools' performance panel and
//! `bench/dashboard.mjs` can tell where start-up time goes in the release
//! build, whose function names are stripped.

/// Runs `f` and records its duration as a `performance.measure` named `name`.
pub fn measure<R>(name: &str, f: impl FnOnce() -> R) -> R {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else { return f() };
    let (start, end) = (format!("{name}:start"), format!("{name}:end"));
    let _ = performance.mark(&start);
    let result = f();
    let _ = performance.mark(&end);
    let _ = performance.measure_with_start_mark_and_end_mark(name, &start, &end);
    result
}

/// Awaits `future` and records its duration as a `performance.measure`
/// named `name` (from its start to its end, other tasks included).
pub async fn measure_async<R>(name: &str, future: impl std::future::Future<Output = R>) -> R {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else { return future.await };
    let (start, end) = (format!("{name}:start"), format!("{name}:end"));
    let _ = performance.mark(&start);
    let result = future.await;
    let _ = performance.mark(&end);
    let _ = performance.measure_with_start_mark_and_end_mark(name, &start, &end);
    result
}
