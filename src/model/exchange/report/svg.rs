//! The report's charts as SVG: a trend with target and trajectory, a
//! sparkline, a budget-execution bar, maturity scores over time, and a
//! comparison of communes. Colours and sizes are presentation attributes,
//! never `style` (the app's Content-Security-Policy forbids inline style,
//! and a downloaded file keeps its look without any stylesheet); every chart
//! is an image with a text alternative giving its figures (RGAA 1.1, 1.8).

use crate::model::analysis::budget::BudgetTotals;
use crate::model::analysis::report::indicators::Trajectory;
use crate::model::analysis::status::Status;
use crate::model::values::format::{number, percent, with_unit};
use crate::model::values::period::{Date, Period};
use maud::{html, Markup};

pub const PRIMARY: &str = "#1d4f73";
pub const PRIMARY_SOFT: &str = "#e4eef6";
pub const OK: &str = "#1e6b34";
pub const WARN: &str = "#7a4300";
pub const DANGER: &str = "#a3161a";
pub const MUTED: &str = "#4a5560";
pub const GRID: &str = "#d5dbe1";
pub const TRACK: &str = "#eef1f4";
pub const COMMITTED: &str = "#8fb3cf";

/// The colour of a status (always shown with its words elsewhere).
pub fn status_colour(status: Status) -> &'static str {
    match status {
        Status::OnTrack => OK,
        Status::AtRisk => WARN,
        Status::OffTrack => DANGER,
        Status::NoData | Status::NoTarget => MUTED,
    }
}

/// A coordinate with one decimal, as SVG wants it.
fn c(value: f64) -> String {
    format!("{value:.1}")
}

/// A linear map from data to pixels.
#[derive(Clone, Copy)]
struct Scale {
    from: (f64, f64),
    to: (f64, f64),
}

impl Scale {
    fn at(self, value: f64) -> f64 {
        let span = self.from.1 - self.from.0;
        let t = if span == 0.0 { 0.5 } else { (value - self.from.0) / span };
        self.to.0 + t * (self.to.1 - self.to.0)
    }
}

/// Round steps (1, 2, 2,5, 5 × 10ⁿ) from `low` to at least `high`, about
/// four of them; the axis starts at zero unless values go below.
pub fn nice_ticks(low: f64, high: f64) -> Vec<f64> {
    let low = low.min(0.0);
    let high = if high <= low { low + 1.0 } else { high };
    let rough = (high - low) / 4.0;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= rough).unwrap_or(rough);
    let first = (low / step).floor() * step;
    let mut ticks = Vec::new();
    let mut t = first;
    while t < high + step * 0.999 {
        ticks.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        if t >= high {
            break;
        }
        t += step;
    }
    ticks
}

/// The middle of a period on a month axis (a year's value sits mid-year).
fn middle(period: Period) -> f64 {
    (period.start_month_index() as f64 + period.end_month_index() as f64 + 1.0) / 2.0
}

const W: f64 = 640.0;
const H: f64 = 240.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 18.0;
const BOTTOM: f64 = 30.0;

/// An indicator's measurements over time, with its target, the expected
/// progress towards it, and the report's period shaded.
pub fn trend_chart(
    points: &[(Period, f64)],
    target: Option<(Period, f64)>,
    trajectory: Option<Trajectory>,
    unit: &str,
    period: Option<(i32, i32)>,
    label: &str,
) -> Markup {
    let periods =
        points.iter().map(|p| p.0).chain(target.map(|t| t.0)).chain(trajectory.iter().flat_map(|t| [t.0 .0, t.1 .0]));
    let (mut x0, mut x1) = periods.fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.start_month_index() as f64), hi.max(p.end_month_index() as f64 + 1.0))
    });
    if x0 > x1 {
        let (first, last) = period.unwrap_or((2000, 2000));
        (x0, x1) = (first as f64 * 12.0, (last + 1) as f64 * 12.0);
    }
    let values =
        points.iter().map(|p| p.1).chain(target.map(|t| t.1)).chain(trajectory.iter().flat_map(|t| [t.0 .1, t.1 .1]));
    let (low, high) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let ticks = if low > high { nice_ticks(0.0, 1.0) } else { nice_ticks(low, high) };
    let x = Scale { from: (x0, x1), to: (LEFT, W - RIGHT) };
    let y = Scale { from: (ticks[0], *ticks.last().unwrap_or(&1.0)), to: (H - BOTTOM, TOP) };
    let first_year = (x0 / 12.0).floor() as i32;
    let last_year = ((x1 - 1.0) / 12.0).floor() as i32;
    let every = if last_year - first_year >= 8 { 2 } else { 1 };
    let shade =
        period.map(|(first, last)| (x.at((first as f64 * 12.0).max(x0)), x.at(((last + 1) as f64 * 12.0).min(x1))));
    let line: Vec<String> = points.iter().map(|(p, v)| format!("{},{}", c(x.at(middle(*p))), c(y.at(*v)))).collect();
    html! {
        svg.report-chart-svg viewBox=(format!("0 0 {W} {H}")) role="img" aria-label=(label) focusable="false" {
            @if let Some((from, to)) = shade.filter(|(from, to)| to > from) {
                rect x=(c(from)) y=(c(TOP)) width=(c(to - from)) height=(c(H - TOP - BOTTOM)) fill=(PRIMARY_SOFT) {}
            }
            @for t in &ticks {
                line x1=(c(LEFT)) x2=(c(W - RIGHT)) y1=(c(y.at(*t))) y2=(c(y.at(*t))) stroke=(GRID) stroke-width="1" {}
                text x=(c(LEFT - 8.0)) y=(c(y.at(*t) + 4.0)) text-anchor="end" font-size="12" fill=(MUTED) { (number(*t)) }
            }
            @for year in (first_year..=last_year).filter(|y| (y - first_year) % every == 0) {
                @let start = x.at((year as f64 * 12.0).max(x0));
                @let end = x.at(((year + 1) as f64 * 12.0).min(x1));
                line x1=(c(start)) x2=(c(start)) y1=(c(TOP)) y2=(c(H - BOTTOM + 4.0)) stroke=(GRID) stroke-width="1" {}
                text x=(c((start + end) / 2.0)) y=(c(H - 10.0)) text-anchor="middle" font-size="12" fill=(MUTED) { (year) }
            }
            @if let Some(((p0, v0), (p1, v1))) = trajectory {
                line x1=(c(x.at(middle(p0)))) y1=(c(y.at(v0))) x2=(c(x.at(middle(p1)))) y2=(c(y.at(v1)))
                    stroke=(WARN) stroke-width="2" stroke-dasharray="2 4" {}
            }
            @if let Some((_, v)) = target {
                line x1=(c(LEFT)) x2=(c(W - RIGHT)) y1=(c(y.at(v))) y2=(c(y.at(v))) stroke=(OK) stroke-width="2" stroke-dasharray="6 4" {}
                text x=(c(W - RIGHT)) y=(c(y.at(v) - 6.0)) text-anchor="end" font-size="12" font-weight="600" fill=(OK) {
                    "Cible " (with_unit(v, unit))
                }
            }
            polyline points=(line.join(" ")) fill="none" stroke=(PRIMARY) stroke-width="2.5" stroke-linejoin="round" {}
            @for (p, v) in points {
                circle cx=(c(x.at(middle(*p)))) cy=(c(y.at(*v))) r=(if points.len() > 24 { "2" } else { "3.5" }) fill=(PRIMARY) {}
            }
        }
    }
}

/// A trend chart in its figure, with its legend (the report's period
/// shaded when there is one), or a sentence when there is nothing to draw.
/// The indicator's sheet and the report show this same figure.
pub fn trend_figure(
    name: &str,
    points: &[(Period, f64)],
    target: Option<(Period, f64)>,
    trajectory: Option<Trajectory>,
    unit: &str,
    period: Option<(i32, i32)>,
) -> Markup {
    html! {
        figure.report-chart {
            @if points.is_empty() {
                p.report-note { "Aucune mesure à représenter" @if period.is_some() { " sur la période" } "." }
            } @else {
                (trend_chart(points, target, trajectory, unit, period, &trend_summary(name, points, unit, target)))
            }
            figcaption.report-legend {
                span.legend-series { "Mesures" }
                @if target.is_some() { span.legend-target { "Cible" } }
                @if trajectory.is_some() { span.legend-trajectory { "Progression attendue" } }
                @if period.is_some() { span.legend-period { "Période couverte" } }
            }
        }
    }
}

/// The words of a trend chart: how many values, from when to when, the
/// first, last, lowest and highest, and the target.
pub fn trend_summary(name: &str, points: &[(Period, f64)], unit: &str, target: Option<(Period, f64)>) -> String {
    let u = |v: f64| with_unit(v, unit);
    let target = target.map(|(p, v)| format!(" Cible : {} en {}.", u(v), p.label())).unwrap_or_default();
    match (points.first(), points.last()) {
        (Some(first), Some(last)) => {
            let (min, max) = points.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.1), hi.max(p.1)));
            format!(
                "Évolution de « {name} » : {} mesure(s) de {} à {}. Première valeur {}, dernière {} ; minimum {}, maximum {}.{target}",
                points.len(),
                first.0.label(),
                last.0.label(),
                u(first.1),
                u(last.1),
                u(min),
                u(max)
            )
        }
        _ => format!("« {name} » : aucune mesure sur la période.{target}"),
    }
}

/// A word-sized trend line of `values`, its last point marked.
pub fn sparkline(values: &[f64], label: &str) -> Markup {
    let (w, h, pad) = (120.0, 28.0, 3.0);
    let (low, high) = values.iter().fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let x = Scale { from: (0.0, values.len().saturating_sub(1).max(1) as f64), to: (pad, w - pad) };
    let y = Scale { from: (low, if high > low { high } else { low + 1.0 }), to: (h - pad, pad) };
    let line: Vec<String> =
        values.iter().enumerate().map(|(i, v)| format!("{},{}", c(x.at(i as f64)), c(y.at(*v)))).collect();
    html! {
        svg.sparkline viewBox=(format!("0 0 {w} {h}")) width=(w) height=(h) role="img" aria-label=(label) focusable="false" {
            polyline points=(line.join(" ")) fill="none" stroke=(PRIMARY) stroke-width="2" stroke-linejoin="round" {}
            @if let Some(last) = values.last() {
                circle cx=(c(x.at((values.len() - 1) as f64))) cy=(c(y.at(*last))) r="3" fill=(PRIMARY) {}
            }
        }
    }
}

/// Credits voted as a track, committed and paid as bars along it (capped
/// at the track when more was committed than voted), and the same in words
/// beside it with the bars' colours: the words carry the figures, the bar
/// is hidden from assistive technologies.
pub fn execution(totals: &BudgetTotals) -> Markup {
    let (w, h) = (400.0, 28.0);
    let width = |part: f64| if totals.planned > 0.0 { (part / totals.planned).clamp(0.0, 1.0) * w } else { 0.0 };
    let over = totals.over_budget();
    let committed_colour = if over { DANGER } else { COMMITTED };
    html! {
        div.report-execution data-testid="execution" {
            svg.execution-bar viewBox=(format!("0 0 {w} {h}")) aria-hidden="true" focusable="false" {
                rect x="0" y="0" width=(w) height=(h) rx="4" fill=(TRACK) stroke=(GRID) {}
                rect x="0" y="4" width=(c(width(totals.committed))) height=(h - 8.0) rx="3" fill=(committed_colour) {}
                rect x="0" y="9" width=(c(width(totals.paid))) height=(h - 18.0) rx="2" fill=(PRIMARY) {}
            }
            @match (totals.execution_rate(), totals.commitment_rate()) {
                (Some(paid), Some(committed)) => p {
                    span.swatch.swatch-paid {} "Mandaté : " strong { (percent(paid)) } " des crédits votés ; "
                    span.swatch.swatch-committed.swatch-over[over] {} "engagé : " strong { (percent(committed)) }
                    @if over { " (dépassement)" }
                    "."
                },
                _ => p { "Aucun crédit voté." },
            }
        }
    }
}

/// Maturity scores (out of 100) by date, each point labelled.
pub fn score_chart(scores: &[(Date, f64)], label: &str) -> Markup {
    let (w, h) = (W, 200.0);
    let (x0, x1) =
        scores.iter().fold((f64::MAX, f64::MIN), |(lo, hi), s| (lo.min(s.0.month_index()), hi.max(s.0.month_index())));
    let x = Scale { from: (x0 - 1.0, x1 + 1.0), to: (LEFT, w - RIGHT - 20.0) };
    let y = Scale { from: (0.0, 100.0), to: (h - BOTTOM, TOP) };
    let line: Vec<String> =
        scores.iter().map(|(d, s)| format!("{},{}", c(x.at(d.month_index())), c(y.at(*s)))).collect();
    html! {
        svg.report-chart-svg viewBox=(format!("0 0 {w} {h}")) role="img" aria-label=(label) focusable="false" {
            @for t in [0.0, 25.0, 50.0, 75.0, 100.0] {
                line x1=(c(LEFT)) x2=(c(w - RIGHT)) y1=(c(y.at(t))) y2=(c(y.at(t))) stroke=(GRID) stroke-width="1" {}
                text x=(c(LEFT - 8.0)) y=(c(y.at(t) + 4.0)) text-anchor="end" font-size="12" fill=(MUTED) { (number(t)) }
            }
            polyline points=(line.join(" ")) fill="none" stroke=(PRIMARY) stroke-width="2.5" {}
            @for (d, s) in scores {
                circle cx=(c(x.at(d.month_index()))) cy=(c(y.at(*s))) r="4" fill=(PRIMARY) {}
                text x=(c(x.at(d.month_index()))) y=(c(y.at(*s) - 10.0)) text-anchor="middle" font-size="13" font-weight="600" fill=(PRIMARY) { (number(*s)) }
                text x=(c(x.at(d.month_index()))) y=(c(h - 10.0)) text-anchor="middle" font-size="12" fill=(MUTED) { (d.french()) }
            }
        }
    }
}

/// One bar per commune for a shared indicator, coloured by status (the
/// status is in words in the table beside it).
pub fn comparison_chart(rows: &[(String, Option<f64>, Status)], unit: &str, label: &str) -> Markup {
    let row_height = 26.0;
    let h = rows.len() as f64 * row_height + 8.0;
    let (label_width, value_width) = (200.0, 90.0);
    let high = rows.iter().filter_map(|r| r.1).fold(0.0_f64, f64::max);
    let x = Scale { from: (0.0, if high > 0.0 { high } else { 1.0 }), to: (label_width, W - value_width) };
    html! {
        svg.report-chart-svg viewBox=(format!("0 0 {W} {h}")) role="img" aria-label=(label) focusable="false" {
            @for (i, (name, value, status)) in rows.iter().enumerate() {
                @let top = 4.0 + i as f64 * row_height;
                text x=(c(label_width - 8.0)) y=(c(top + 17.0)) text-anchor="end" font-size="13" fill="#1b1f24" { (name) }
                @if let Some(v) = value {
                    rect x=(c(label_width)) y=(c(top + 4.0)) width=(c((x.at(v.max(0.0)) - label_width).max(1.0))) height="16" rx="2" fill=(status_colour(*status)) {}
                    text x=(c(x.at(v.max(0.0)) + 6.0)) y=(c(top + 17.0)) font-size="13" fill="#1b1f24" { (with_unit(*v, unit)) }
                } @else {
                    text x=(c(label_width + 4.0)) y=(c(top + 17.0)) font-size="13" fill=(MUTED) { "pas de valeur" }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_values() {
        assert_eq!(nice_ticks(18.0, 52.0), [0.0, 20.0, 40.0, 60.0]);
        assert_eq!(nice_ticks(99.2, 99.9), [0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(nice_ticks(0.0, 0.0), [0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(nice_ticks(-5.0, 5.0), [-5.0, -2.5, 0.0, 2.5, 5.0]);
    }

    #[test]
    fn a_trend_chart_is_an_image_with_its_figures_in_words() {
        let points: Vec<(Period, f64)> = [("2024", 18.0), ("2025", 35.0), ("2026", 52.0)]
            .iter()
            .map(|(p, v)| (Period::parse(p).unwrap(), *v))
            .collect();
        let target = Some((Period::parse("2028").unwrap(), 80.0));
        let summary = trend_summary("Démarches", &points, "%", target).replace(['\u{202F}', '\u{A0}'], " ");
        assert_eq!(
            summary,
            "Évolution de « Démarches » : 3 mesure(s) de 2024 à 2026. Première valeur 18 %, dernière 52 % ; minimum 18 %, maximum 52 %. Cible : 80 % en 2028."
        );
        let svg = trend_chart(&points, target, None, "%", Some((2026, 2026)), &summary).into_string();
        assert!(svg.starts_with("<svg class=\"report-chart-svg\""));
        assert!(svg.contains("role=\"img\"") && svg.contains("aria-label=\"Évolution de « Démarches »"));
        assert_eq!(svg.matches("<circle").count(), 3);
        assert!(!svg.contains("style="), "presentation attributes only (CSP)");
        assert!(svg.contains(">2028</text>"), "the axis reaches the target's year");
    }

    #[test]
    fn small_charts_say_what_they_show() {
        let over = BudgetTotals { planned: 100.0, committed: 120.0, paid: 50.0, external_funding: 0.0 };
        let html = execution(&over).into_string().replace('\u{A0}', " ");
        assert!(html.contains(DANGER) && html.contains("(dépassement)"), "over budget in red and in words");
        let t = BudgetTotals { planned: 100.0, committed: 80.0, paid: 50.0, external_funding: 0.0 };
        let html = execution(&t).into_string().replace('\u{A0}', " ");
        assert!(html.contains("Mandaté : <strong>50 %</strong> des crédits votés ; "));
        assert!(html.contains("engagé : <strong>80 %</strong>."));
        assert!(execution(&BudgetTotals::default()).into_string().contains("Aucun crédit voté."));
        assert_eq!(sparkline(&[1.0, 2.0, 3.0], "t").into_string().matches("<circle").count(), 1);
        let bars = comparison_chart(
            &[("<b>".into(), Some(2.0), Status::OnTrack), ("B".into(), None, Status::NoData)],
            "%",
            "c",
        );
        let bars = bars.into_string();
        assert!(bars.contains("&lt;b&gt;") && bars.contains("pas de valeur"));
    }
}
