//! The timeline of actions and projects (« Stratégie et projets » and the
//! steering report): each action as a bar from its start to its due date,
//! its milestones, today, and what is late — placed on a scale of whole
//! years, so every renderer only multiplies a fraction by its width.

use crate::model::analysis::dashboard::project_health;
use crate::model::kinds::ids::Id;
use crate::model::kinds::strategy::ActionStatus;
use crate::model::kinds::workspace::Workspace;
use crate::model::values::period::Date;

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineMilestone {
    pub title: String,
    pub due: Date,
    pub done: bool,
    /// Past due and not done.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    pub id: Id,
    pub title: String,
    pub status: ActionStatus,
    pub provider: String,
    pub start: Option<Date>,
    pub end: Option<Date>,
    /// Open, and its due date has passed.
    pub late: bool,
    /// More committed than voted on its budget lines.
    pub over_budget: bool,
    pub milestones: Vec<TimelineMilestone>,
}

impl TimelineRow {
    /// Late, or with a milestone past due: what the timeline marks.
    pub fn needs_attention(&self) -> bool {
        self.late || self.milestones.iter().any(|m| m.overdue)
    }
}

/// Rows on a scale of whole calendar years, `first_year` to `last_year`.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub first_year: i32,
    pub last_year: i32,
    pub today: Date,
    pub rows: Vec<TimelineRow>,
}

impl Timeline {
    /// Where a date falls on the scale, from 0 (1 January of the first
    /// year) to 1 (31 December of the last), clamped.
    pub fn position(&self, date: Date) -> f64 {
        let from = self.first_year as f64 * 12.0;
        let to = (self.last_year + 1) as f64 * 12.0;
        ((date.month_index() - from) / (to - from)).clamp(0.0, 1.0)
    }

    /// The bar of a row (from, to, open-ended), when it has a start: a row
    /// with no due date runs to the end of the scale.
    pub fn bar(&self, row: &TimelineRow) -> Option<(f64, f64, bool)> {
        let start = self.position(row.start?);
        match row.end {
            Some(end) => Some((start, self.position(end).max(start), false)),
            None => Some((start, 1.0, true)),
        }
    }

    /// Today, when it falls on the scale.
    pub fn today_position(&self) -> Option<f64> {
        (self.first_year..=self.last_year).contains(&self.today.year).then(|| self.position(self.today))
    }

    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.first_year..=self.last_year
    }
}

/// How many years before and after a window the scale may reach.
const BEYOND_WINDOW: i32 = 3;

/// The timeline of a workspace's actions on `today`. With a `window` of
/// years, only actions overlapping it are shown; the scale spans their
/// dates and the window (or today), whole years.
pub fn timeline(ws: &Workspace, today: Date, window: Option<(i32, i32)>) -> Timeline {
    let date = |text: &str| Date::parse_iso(text).ok();
    let today_iso = today.iso();
    let mut rows: Vec<TimelineRow> = ws
        .actions
        .iter()
        .map(|(id, action)| {
            let health = project_health(ws, id, action, today);
            let mut milestones: Vec<TimelineMilestone> = ws
                .milestones
                .values()
                .filter(|m| &m.action_id == id)
                .filter_map(|m| {
                    Some(TimelineMilestone {
                        title: m.title.clone(),
                        due: date(&m.due)?,
                        done: m.done,
                        overdue: !m.done && m.due.as_str() < today_iso.as_str(),
                    })
                })
                .collect();
            milestones.sort_by(|a, b| a.due.cmp(&b.due).then(a.title.cmp(&b.title)));
            TimelineRow {
                id: id.clone(),
                title: action.title.clone(),
                status: action.status,
                provider: action.provider.clone(),
                start: date(&action.start),
                end: date(&action.end),
                late: health.late,
                over_budget: health.over_budget,
                milestones,
            }
        })
        .filter(|row| {
            window.is_none_or(|(first, last)| {
                row.start.is_none_or(|d| d.year <= last) && row.end.is_none_or(|d| d.year >= first)
            })
        })
        .collect();
    // Undated actions last; then by start, due date and title.
    rows.sort_by(|a, b| {
        (a.start.is_none(), a.start, a.end, &a.title).cmp(&(b.start.is_none(), b.start, b.end, &b.title))
    });
    // The scale spans the rows' dates (and today, or the window), so a bar
    // is never cut at the edge of a one-year report; at most a few years
    // beyond the window.
    let dates = rows.iter().flat_map(|r| r.start.iter().chain(r.end.iter()).chain(r.milestones.iter().map(|m| &m.due)));
    let years = dates.map(|d| d.year).chain(match window {
        Some((first, last)) => vec![first, last],
        None => vec![today.year],
    });
    let (mut first_year, mut last_year) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
    if let Some((first, last)) = window {
        first_year = first_year.max(first - BEYOND_WINDOW);
        last_year = last_year.min(last + BEYOND_WINDOW);
    }
    Timeline { first_year, last_year, today, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kinds::strategy::{Action, Milestone};

    fn action(title: &str, status: ActionStatus, start: &str, end: &str) -> Action {
        Action { title: title.into(), status, start: start.into(), end: end.into(), ..Default::default() }
    }

    fn workspace() -> Workspace {
        let mut ws = Workspace::default();
        ws.actions.insert("late".into(), action("Portail", ActionStatus::InProgress, "2025-03-01", "2026-06-30"));
        ws.actions.insert("done".into(), action("Audit", ActionStatus::Done, "2024-01-10", "2024-12-20"));
        ws.actions.insert("open".into(), action("Comité", ActionStatus::InProgress, "2024-02-01", ""));
        ws.actions.insert("none".into(), action("Idée", ActionStatus::Planned, "", ""));
        ws.milestones.insert(
            "m1".into(),
            Milestone {
                action_id: "late".into(),
                title: "FranceConnect".into(),
                due: "2026-03-31".into(),
                done: false,
            },
        );
        ws.milestones.insert(
            "m2".into(),
            Milestone { action_id: "late".into(), title: "Choix".into(), due: "2025-05-15".into(), done: true },
        );
        ws
    }

    #[test]
    fn actions_are_placed_on_whole_years_with_today_and_what_is_late() {
        let today = Date { year: 2026, month: 11, day: 28 };
        let t = timeline(&workspace(), today, None);
        assert_eq!((t.first_year, t.last_year), (2024, 2026));
        let titles: Vec<&str> = t.rows.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["Audit", "Comité", "Portail", "Idée"], "by start date, undated last");
        let portal = &t.rows[2];
        assert!(portal.late && portal.needs_attention());
        assert_eq!(
            portal.milestones.iter().map(|m| (m.title.as_str(), m.overdue)).collect::<Vec<_>>(),
            [("Choix", false), ("FranceConnect", true)]
        );
        assert!(!t.rows[0].late, "a finished action is never late");
        let (from, to, open) = t.bar(portal).unwrap();
        assert!((from - (14.0 / 36.0)).abs() < 1e-9 && !open);
        assert!(to > from && to < 1.0);
        assert_eq!(t.bar(&t.rows[1]).map(|b| (b.1, b.2)), Some((1.0, true)), "no due date: runs to the end");
        assert_eq!(t.bar(&t.rows[3]), None);
        let now = t.today_position().unwrap();
        assert!(now > 0.9 && now < 1.0);
        assert_eq!(t.position(Date { year: 2020, month: 1, day: 1 }), 0.0, "clamped");
    }

    #[test]
    fn a_window_keeps_the_actions_overlapping_it_on_its_scale() {
        let today = Date { year: 2026, month: 11, day: 28 };
        let t = timeline(&workspace(), today, Some((2025, 2025)));
        let titles: Vec<&str> = t.rows.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["Comité", "Portail", "Idée"]);
        assert_eq!((t.first_year, t.last_year), (2024, 2026), "the bars are whole, not cut at the window");
        let t = timeline(&workspace(), today, Some((2030, 2030)));
        assert_eq!((t.first_year, t.last_year), (2027, 2030), "three years before the window at most");
        assert_eq!(t.today_position(), None, "today is before the scale");
    }
}
