//! The GOV-IND v1 workload: N indicators with M monthly measurements, the
//! 200 single edits, and the concurrent edits of two forked replicas, all
//! drawn from [`XorShift32`] in a fixed order so that `bench/node/workload.mjs`
//! rebuilds exactly the same numbers.
//!
//! Order of the draws (the JavaScript side follows it to the letter):
//! 1. indicator ids: 4 × u32 each, shaped like a UUID (the app's ids are UUIDs);
//! 2. values: indicator by indicator, month by month (months 0..M = 2016-01…);
//! 3. 200 single edits: indicator, month, value;
//! 4. replica A: 100 commits × 10 updates (indicator, month, value);
//! 5. replica B: 50 commits; commit j appends 12 months (M..M+12) to indicator
//!    `7j mod N` (distinct for j < 50), then overwrites the first key of A's
//!    commit 2j with a value of its own: a true concurrent conflict.

use crate::rng::{XorShift32, SEED};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub const SINGLE_EDITS: usize = 200;
pub const A_COMMITS: usize = 100;
pub const A_UPDATES: usize = 10;
pub const B_COMMITS: usize = 50;
pub const B_MONTHS: usize = 12;
/// The first month of the series: month index 0.
const FIRST_YEAR: usize = 2016;

/// Indicator id → period → value: what every engine materializes to for checks.
pub type Native = BTreeMap<String, BTreeMap<String, f64>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Size {
    pub name: &'static str,
    pub n: usize,
    pub m: usize,
}

pub const SIZE_S: Size = Size { name: "S", n: 200, m: 120 };
pub const SIZE_L: Size = Size { name: "L", n: 1000, m: 120 };

impl Size {
    pub fn parse(name: &str) -> Option<Size> {
        match name {
            "S" | "s" => Some(SIZE_S),
            "L" | "l" => Some(SIZE_L),
            _ => None,
        }
    }
}

/// One value written for (indicator, month).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edit {
    pub indicator: usize,
    pub month: usize,
    pub value: f64,
}

/// One commit of replica B: twelve new months for one indicator, and one
/// overwrite of a value replica A also edits.
#[derive(Debug, Clone, PartialEq)]
pub struct Append {
    pub indicator: usize,
    pub first_month: usize,
    pub values: Vec<f64>,
    pub overwrite: Edit,
}

#[derive(Debug, Clone)]
pub struct Workload {
    pub size: Size,
    pub ids: Vec<String>,
    /// `values[indicator][month]` for months `0..m`.
    pub values: Vec<Vec<f64>>,
    pub edits: Vec<Edit>,
    pub a_commits: Vec<Vec<Edit>>,
    pub b_commits: Vec<Append>,
}

/// The period key of a month index: `2016-01` for 0.
pub fn period(month: usize) -> String {
    format!("{:04}-{:02}", FIRST_YEAR + month / 12, month % 12 + 1)
}

fn uuid_like(rng: &mut XorShift32) -> String {
    let [a, b, c, d] = [rng.next_u32(), rng.next_u32(), rng.next_u32(), rng.next_u32()];
    format!("{a:08x}-{:04x}-{:04x}-{:04x}-{:04x}{d:08x}", b >> 16, b & 0xffff, c >> 16, c & 0xffff)
}

impl Workload {
    pub fn new(size: Size) -> Workload {
        let Size { n, m, .. } = size;
        let mut rng = XorShift32::new(SEED);
        let ids = (0..n).map(|_| uuid_like(&mut rng)).collect();
        let values = (0..n).map(|_| (0..m).map(|_| rng.value()).collect()).collect();
        let edit = |rng: &mut XorShift32| Edit { indicator: rng.below(n), month: rng.below(m), value: rng.value() };
        let edits = (0..SINGLE_EDITS).map(|_| edit(&mut rng)).collect();
        let a_commits: Vec<Vec<Edit>> =
            (0..A_COMMITS).map(|_| (0..A_UPDATES).map(|_| edit(&mut rng)).collect()).collect();
        let b_commits = (0..B_COMMITS)
            .map(|j| {
                let values = (0..B_MONTHS).map(|_| rng.value()).collect();
                let target = a_commits[2 * j][0];
                let overwrite = Edit { value: rng.value(), ..target };
                Append { indicator: (7 * j) % n, first_month: m, values, overwrite }
            })
            .collect();
        Workload { size, ids, values, edits, a_commits, b_commits }
    }

    /// Number of measurements after the build and the single edits.
    pub fn measurements(&self) -> usize {
        self.size.n * self.size.m
    }

    /// Number of measurements once both replicas are merged.
    pub fn final_measurements(&self) -> usize {
        self.measurements() + B_COMMITS * B_MONTHS
    }

    /// The raw data floor of `count` measurements: each is a packed f64
    /// (8 bytes) and its period's text (`YYYY-MM`, 7 bytes). Indicator ids
    /// and definitions are deliberately left out: this is the data alone.
    pub fn floor_bytes(count: usize) -> usize {
        count * (8 + 7)
    }

    /// The expected state after the build and the 200 single edits.
    pub fn after_edits(&self) -> Native {
        let mut state: Native = self
            .ids
            .iter()
            .zip(&self.values)
            .map(|(id, series)| (id.clone(), series.iter().enumerate().map(|(k, v)| (period(k), *v)).collect()))
            .collect();
        for e in &self.edits {
            self.set(&mut state, e);
        }
        state
    }

    fn set(&self, state: &mut Native, e: &Edit) {
        state.entry(self.ids[e.indicator].clone()).or_default().insert(period(e.month), e.value);
    }

    /// Checks a merged state: every key present, every value the expected
    /// one, except the keys both replicas wrote concurrently, where either
    /// replica's last value may win (each engine orders concurrent writes
    /// its own way, by actor or client id).
    pub fn check_merged(&self, merged: &Native) -> Result<(), String> {
        let mut expected = self.after_edits();
        for commit in &self.a_commits {
            for e in commit {
                self.set(&mut expected, e);
            }
        }
        let mut allowed: BTreeMap<(usize, usize), BTreeSet<u64>> = BTreeMap::new();
        for b in &self.b_commits {
            for (k, v) in b.values.iter().enumerate() {
                self.set(&mut expected, &Edit { indicator: b.indicator, month: b.first_month + k, value: *v });
            }
            let key = (b.overwrite.indicator, b.overwrite.month);
            allowed.entry(key).or_default().insert(b.overwrite.value.to_bits());
        }
        for ((indicator, month), values) in allowed.iter_mut() {
            values.insert(expected[&self.ids[*indicator]][&period(*month)].to_bits());
        }
        let count: usize = merged.values().map(BTreeMap::len).sum();
        if count != self.final_measurements() {
            return Err(format!("{count} measurements, expected {}", self.final_measurements()));
        }
        for (i, id) in self.ids.iter().enumerate() {
            for (p, want) in &expected[id] {
                let got = merged.get(id).and_then(|s| s.get(p)).ok_or(format!("{id} {p} missing"))?;
                let month = (p[..4].parse::<usize>().unwrap() - FIRST_YEAR) * 12 + p[5..].parse::<usize>().unwrap() - 1;
                let ok = match allowed.get(&(i, month)) {
                    Some(values) => values.contains(&got.to_bits()),
                    None => got.to_bits() == want.to_bits(),
                };
                if !ok {
                    return Err(format!("{id} {p}: {got}, expected {want}"));
                }
            }
        }
        Ok(())
    }

    /// A summary both languages compute, to prove they generate the same workload.
    pub fn digest(&self) -> WorkloadDigest {
        let sum = |edits: &mut dyn Iterator<Item = &Edit>| edits.map(|e| e.value).sum::<f64>();
        WorkloadDigest {
            size: self.size.name,
            first_id: self.ids[0].clone(),
            last_id: self.ids[self.ids.len() - 1].clone(),
            values_sum: self.values.iter().flatten().sum(),
            edits_sum: sum(&mut self.edits.iter()),
            a_sum: sum(&mut self.a_commits.iter().flatten()),
            b_sum: self.b_commits.iter().flat_map(|b| b.values.iter().chain([&b.overwrite.value])).sum(),
        }
    }
}

/// See [`Workload::digest`]; sums are taken in generation order, so they are
/// bit-identical in Rust and JavaScript.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkloadDigest {
    pub size: &'static str,
    pub first_id: String,
    pub last_id: String,
    pub values_sum: f64,
    pub edits_sum: f64,
    pub a_sum: f64,
    pub b_sum: f64,
}

/// A fingerprint of a materialized state (FNV-1a over ids, periods and value
/// bits, in key order), to compare states across processes cheaply.
pub fn state_fingerprint(state: &Native) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for (id, series) in state {
        eat(id.as_bytes());
        for (p, v) in series {
            eat(p.as_bytes());
            eat(&v.to_bits().to_le_bytes());
        }
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_ids_have_the_app_shapes() {
        assert_eq!(period(0), "2016-01");
        assert_eq!(period(119), "2025-12");
        assert_eq!(period(120), "2026-01");
        let w = Workload::new(SIZE_S);
        assert_eq!(w.ids[0].len(), 36);
        assert_eq!(w.ids.iter().collect::<BTreeSet<_>>().len(), 200);
        let targets: BTreeSet<usize> = w.b_commits.iter().map(|b| b.indicator).collect();
        assert_eq!(targets.len(), B_COMMITS, "B appends to 50 distinct indicators");
    }

    #[test]
    fn the_expected_merge_passes_its_own_check() {
        let w = Workload::new(SIZE_S);
        let mut merged = w.after_edits();
        for e in w.a_commits.iter().flatten() {
            w.set(&mut merged, e);
        }
        for b in &w.b_commits {
            for (k, v) in b.values.iter().enumerate() {
                w.set(&mut merged, &Edit { indicator: b.indicator, month: b.first_month + k, value: *v });
            }
            w.set(&mut merged, &b.overwrite);
        }
        assert_eq!(w.check_merged(&merged), Ok(()));
        // A month only B appended: any other value is a lost update.
        let key = w.ids[w.b_commits[0].indicator].clone();
        merged.get_mut(&key).unwrap().insert(period(w.size.m), -1.0);
        assert!(w.check_merged(&merged).is_err());
    }
}
