//! The benchmark's only source of "randomness": xorshift32 (Marsaglia, shifts
//! 13/17/5) from the fixed seed `0x9E3779B9`.
//!
//! The same generator is written a second time in JavaScript
//! (`bench/node/workload.mjs`); both must give the same numbers in the same
//! order, which the tests below and `workload.mjs`'s self-check pin with the
//! same hard-coded first values, and which `bench/govind.sh` checks again by
//! comparing the workload digests of the Rust, node and browser runs.

/// The seed of every GOV-IND workload.
pub const SEED: u32 = 0x9E37_79B9;

/// A xorshift32 generator: the app's own (`gouvernail::model::demo`, which
/// seeds the demo data) with the benchmark's value helpers. Tiny, and
/// trivially identical in JavaScript (`>>>` for the logical shift, `>>> 0`
/// to stay unsigned).
#[derive(Debug, Clone)]
pub struct XorShift32(gouvernail::model::content::demo::XorShift32);

impl XorShift32 {
    pub fn new(seed: u32) -> XorShift32 {
        // xorshift never leaves 0; the fixed seed is not 0 anyway.
        XorShift32(gouvernail::model::content::demo::XorShift32(if seed == 0 { 1 } else { seed }))
    }

    pub fn next_u32(&mut self) -> u32 {
        self.0.next_u32()
    }

    /// A value with two decimals in [0, 10 000): a plausible indicator value
    /// (a rate, an amount), and exact to compute in both languages (an
    /// integer below 2^53 divided by 100 rounds the same way in IEEE 754).
    pub fn value(&mut self) -> f64 {
        (self.next_u32() % 1_000_000) as f64 / 100.0
    }

    /// An index in `0..n` (`n` is small, the modulo bias is irrelevant here).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u32() % n as u32) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same numbers are asserted by `bench/node/workload.mjs`.
    #[test]
    fn first_values_are_pinned() {
        let mut rng = XorShift32::new(SEED);
        let first: Vec<u32> = (0..5).map(|_| rng.next_u32()).collect();
        assert_eq!(first, FIRST_U32);
        let mut rng = XorShift32::new(SEED);
        let values: Vec<f64> = (0..3).map(|_| rng.value()).collect();
        assert_eq!(values, FIRST_VALUES);
    }

    const FIRST_U32: [u32; 5] = [1_359_758_873, 3_761_132_862, 2_075_758_394, 25_405_621, 3_862_129_951];
    const FIRST_VALUES: [f64; 3] = [7588.73, 1328.62, 7583.94];
}
