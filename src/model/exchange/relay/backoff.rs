//! When to try reconnecting to the relay: exponential backoff with jitter,
//! so thirty communes whose relay restarts do not all come back in the same
//! millisecond. The caller draws the jitter (the domain reads no clock and
//! keeps no random state), which keeps this testable.

/// The first retry waits about this long.
pub const FIRST_DELAY_MS: u32 = 1_000;
/// No retry waits longer than this.
pub const MAX_DELAY_MS: u32 = 30_000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Backoff {
    failures: u32,
}

impl Backoff {
    pub fn new() -> Backoff {
        Backoff::default()
    }

    /// How long to wait before the next attempt, after one more failure.
    /// `jitter` in `[0, 1)` spreads the delay over its upper half.
    pub fn next_delay_ms(&mut self, jitter: f64) -> u32 {
        let exponent = self.failures.min(16);
        self.failures = self.failures.saturating_add(1);
        let ceiling = FIRST_DELAY_MS.saturating_mul(1 << exponent).min(MAX_DELAY_MS);
        let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.0 };
        (f64::from(ceiling) * (0.5 + jitter / 2.0)).round() as u32
    }

    /// A connection succeeded (the relay answered `peer`): start over.
    pub fn reset(&mut self) {
        self.failures = 0;
    }

    pub fn failures(&self) -> u32 {
        self.failures
    }
}
