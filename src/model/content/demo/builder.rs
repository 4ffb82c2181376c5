//! Builds demo documents with the same commands as user edits: entities in
//! one batch, measurements in another under the name of who entered them.

use crate::model::analysis::budget::BudgetTotals;
use crate::model::analysis::maturity;
use crate::model::analysis::maturity::BUILT_IN_QUESTIONS;
use crate::model::command::{ChangeContext, Command, Entity};
use crate::model::content::demo::random::XorShift32;
use crate::model::document::core::Document;
use crate::model::error::Result;
use crate::model::kinds::capacity::MaturityAssessment;
use crate::model::kinds::collectivity::Profile;
use crate::model::kinds::finances::{BudgetLine, Section};
use crate::model::kinds::ids::new_id;
use crate::model::kinds::indicator::{Indicator, Measurement};
use crate::model::kinds::strategy::{Action, ActionStatus, Axis, Milestone, Objective, Risk, RiskLevel};
use crate::model::values::period::{Date, Frequency, Period};
use std::collections::BTreeMap;

pub(super) struct Builder {
    pub(super) commands: Vec<Command>,
    /// Measurements, committed apart under the name of who entered them
    /// (a value's author is its change's author; see `finish`).
    pub(super) measurements: Vec<Command>,
    pub(super) order: f64,
    /// The budget lines built so far, totalled by year: money indicators
    /// are computed from them, so the lines and the indicators of a demo
    /// workspace always tell the same story.
    pub(super) budget_by_year: BTreeMap<i32, BudgetTotals>,
}

impl Builder {
    pub(super) fn new() -> Self {
        Builder { commands: Vec::new(), measurements: Vec::new(), order: 0.0, budget_by_year: BTreeMap::new() }
    }

    pub(super) fn next_order(&mut self) -> f64 {
        self.order += 1.0;
        self.order
    }

    pub(super) fn create(&mut self, entity: Entity) -> String {
        let id = new_id();
        self.commands.push(Command::Create { id: id.clone(), entity });
        id
    }

    pub(super) fn axis(&mut self, title: &str, description: &str) -> String {
        let order = self.next_order();
        self.create(Entity::Axis(Axis { title: title.into(), description: description.into(), order, origin: None }))
    }

    pub(super) fn objective(&mut self, axis_id: &str, title: &str) -> String {
        let order = self.next_order();
        self.create(Entity::Objective(Objective {
            axis_id: axis_id.into(),
            title: title.into(),
            order,
            ..Default::default()
        }))
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn action(
        &mut self,
        objective_id: &str,
        title: &str,
        owner: &str,
        provider: &str,
        status: ActionStatus,
        start: &str,
        end: &str,
    ) -> String {
        let order = self.next_order();
        self.create(Entity::Action(Action {
            objective_id: objective_id.into(),
            title: title.into(),
            owner_service: owner.into(),
            provider: provider.into(),
            status,
            start: start.into(),
            end: end.into(),
            order,
            ..Default::default()
        }))
    }

    pub(super) fn milestone(&mut self, action_id: &str, title: &str, due: &str, done: bool) {
        self.create(Entity::Milestone(Milestone {
            action_id: action_id.into(),
            title: title.into(),
            due: due.into(),
            done,
        }));
    }

    pub(super) fn risk(&mut self, action_id: &str, title: &str, level: RiskLevel, mitigation: &str) {
        self.create(Entity::Risk(Risk {
            action_id: action_id.into(),
            title: title.into(),
            level,
            mitigation: mitigation.into(),
        }));
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn budget(
        &mut self,
        label: &str,
        section: Section,
        nature: &str,
        year: i32,
        planned: f64,
        committed: f64,
        paid: f64,
        action_id: &str,
    ) {
        let line = BudgetLine {
            label: label.into(),
            section,
            nature: nature.into(),
            function: "020".into(),
            year: year as i64,
            planned,
            committed,
            paid,
            external_funding: 0.0,
            action_id: action_id.into(),
        };
        self.budget_by_year.entry(year).or_default().add(&line);
        self.create(Entity::BudgetLine(line));
    }

    /// Adds a yearly indicator whose values are computed from the budget
    /// lines of each year in `years` (`value` gives `None` to skip a year),
    /// rounded to `decimals`.
    pub(super) fn budget_indicator(
        &mut self,
        indicator: Indicator,
        years: std::ops::RangeInclusive<i32>,
        decimals: i32,
        value: impl Fn(&BudgetTotals) -> Option<f64>,
    ) -> String {
        let order = self.next_order();
        let id = self.create(Entity::Indicator(Indicator { order, frequency: Frequency::Year, ..indicator }));
        let scale = 10f64.powi(decimals);
        for year in years {
            let Some(v) = self.budget_by_year.get(&year).and_then(&value) else { continue };
            self.measurements.push(Command::RecordMeasurement {
                indicator_id: id.clone(),
                period: Period::Year { year },
                measurement: Measurement { value: (v * scale).round() / scale, comment: String::new() },
            });
        }
        id
    }
}

/// An amount of euros rounded to ten, as budgets are voted.
pub(super) fn round_ten(euros: f64) -> f64 {
    (euros / 10.0).round() * 10.0
}

/// How an indicator's demo series evolves.
pub(super) struct Series {
    pub(super) start: f64,
    pub(super) end: f64,
    pub(super) noise: f64,
    pub(super) decimals: i32,
}

/// Adds an indicator and its measurements from `first_year` up to the period
/// before `today`.
pub(super) fn indicator_with_series(
    b: &mut Builder,
    rng: &mut XorShift32,
    today: Date,
    first_year: i32,
    indicator: Indicator,
    series: Series,
) -> String {
    let frequency = indicator.frequency;
    let order = b.next_order();
    let id = b.create(Entity::Indicator(Indicator { order, ..indicator }));
    let last = Period::containing(today, frequency).previous();
    let mut periods = Vec::new();
    let mut p = last;
    while p.year() >= first_year {
        periods.push(p);
        p = p.previous();
    }
    periods.reverse();
    let n = periods.len().max(2) as f64 - 1.0;
    let scale = 10f64.powi(series.decimals);
    for (i, period) in periods.into_iter().enumerate() {
        let trend = series.start + (series.end - series.start) * (i as f64 / n);
        let value = trend + (rng.next_f64() - 0.5) * 2.0 * series.noise;
        let value = (value * scale).round() / scale;
        b.measurements.push(Command::RecordMeasurement {
            indicator_id: id.clone(),
            period,
            measurement: Measurement { value, comment: String::new() },
        });
    }
    id
}

pub(super) fn indicator(name: &str, definition: &str, category: &str, unit: &str, frequency: Frequency) -> Indicator {
    Indicator {
        name: name.into(),
        definition: definition.into(),
        category: category.into(),
        unit: unit.into(),
        frequency,
        ..Default::default()
    }
}

pub(super) fn assessment(date: &str, levels: [u64; 5], author: &str) -> MaturityAssessment {
    let answers: BTreeMap<String, u64> =
        BUILT_IN_QUESTIONS.iter().zip(levels).map(|((id, _), level)| (id.to_string(), level)).collect();
    let score = maturity::score(&maturity::built_in(), &answers);
    MaturityAssessment { date: date.into(), answers, score, comment: String::new(), author: author.into() }
}

pub(super) fn ctx(time_ms: i64, message: &str) -> ChangeContext {
    ChangeContext::new("Démonstration", time_ms, message)
}

/// Applies the builder's commands, then its measurements as entered by `recorded_by`.
pub(super) fn finish(
    mut doc: Document,
    b: Builder,
    profile: Profile,
    recorded_by: &str,
    time_ms: i64,
) -> Result<Document> {
    doc.mark_as_demo(&ctx(time_ms, "Données de démonstration"))?;
    let mut commands = vec![Command::SetProfile(profile)];
    commands.extend(b.commands);
    doc.apply_batch(&commands, &ctx(time_ms, "Données de démonstration"))?;
    doc.apply_batch(&b.measurements, &ChangeContext::new(recorded_by, time_ms, "Mesures de démonstration"))?;
    Ok(doc)
}
