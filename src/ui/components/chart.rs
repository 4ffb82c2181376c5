//! An SVG trend chart: the measurements, the target, and the expected
//! progress from baseline to target. Decorative details are hidden from
//! assistive technologies; the chart has a text summary, and the page shows
//! the same data as a table (RGAA 1.8, 4.x).

use crate::model::values::format::with_unit;
use crate::model::values::period::Period;
use leptos::prelude::*;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

#[derive(Clone, PartialEq)]
pub struct ChartData {
    pub points: Vec<(Period, f64)>,
    pub target: Option<(Period, f64)>,
    /// Straight line from baseline to target.
    pub trajectory: Option<((Period, f64), (Period, f64))>,
    pub unit: String,
}

#[component]
pub fn TrendChart(data: ChartData, summary: String) -> impl IntoView {
    if data.points.is_empty() {
        return view! { <p class="chart-empty">"Aucune mesure à afficher pour l'instant."</p> }.into_any();
    }
    let mut xs: Vec<i64> = data.points.iter().map(|(p, _)| p.end_month_index()).collect();
    let mut ys: Vec<f64> = data.points.iter().map(|(_, v)| *v).collect();
    if let Some((p, v)) = data.target {
        xs.push(p.end_month_index());
        ys.push(v);
    }
    if let Some(((p0, v0), (p1, v1))) = data.trajectory {
        xs.extend([p0.end_month_index(), p1.end_month_index()]);
        ys.extend([v0, v1]);
    }
    let (x_min, x_max) = (*xs.iter().min().unwrap_or(&0), *xs.iter().max().unwrap_or(&1));
    let x_span = ((x_max - x_min) as f64).max(1.0);
    let y_min_raw = ys.iter().cloned().fold(f64::INFINITY, f64::min).min(0.0);
    let y_max_raw = ys.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let y_max = if y_max_raw <= y_min_raw { y_min_raw + 1.0 } else { y_max_raw * 1.05 };
    let y_min = y_min_raw;
    let x = move |m: i64| LEFT + (m - x_min) as f64 / x_span * (WIDTH - LEFT - RIGHT);
    let y = move |v: f64| TOP + (1.0 - (v - y_min) / (y_max - y_min)) * (HEIGHT - TOP - BOTTOM);

    let line: String = data
        .points
        .iter()
        .map(|(p, v)| format!("{:.1},{:.1}", x(p.end_month_index()), y(*v)))
        .collect::<Vec<_>>()
        .join(" ");
    let ticks: Vec<f64> = (0..=4).map(|i| y_min + (y_max - y_min) * i as f64 / 4.0).collect();
    let first_label = data.points.first().map(|(p, _)| p.label()).unwrap_or_default();
    let last_label = data.points.last().map(|(p, _)| p.label()).unwrap_or_default();
    let unit = data.unit.clone();

    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=summary.clone() focusable="false">
                <g aria-hidden="true">
                    {ticks
                        .iter()
                        .map(|t| {
                            let ty = y(*t);
                            view! {
                                <line class="grid" x1=LEFT y1=ty x2=WIDTH - RIGHT y2=ty></line>
                                <text class="axis" x=LEFT - 6.0 y=ty + 4.0 text-anchor="end">{with_unit(t.round(), "")}</text>
                            }
                        })
                        .collect_view()}
                    <text class="axis" x=LEFT y=HEIGHT - 10.0>{first_label}</text>
                    <text class="axis" x=WIDTH - RIGHT y=HEIGHT - 10.0 text-anchor="end">{last_label}</text>
                    {data.trajectory.map(|((p0, v0), (p1, v1))| view! {
                        <line class="trajectory" x1=x(p0.end_month_index()) y1=y(v0) x2=x(p1.end_month_index()) y2=y(v1)></line>
                    })}
                    {data.target.map(|(_, v)| view! {
                        <line class="target" x1=LEFT y1=y(v) x2=WIDTH - RIGHT y2=y(v)></line>
                        <text class="target-label" x=WIDTH - RIGHT y=y(v) - 6.0 text-anchor="end">
                            {format!("Cible {}", with_unit(v, &unit))}
                        </text>
                    })}
                    <polyline class="series" points=line></polyline>
                    {data.points
                        .iter()
                        .map(|(p, v)| view! { <circle class="point" cx=x(p.end_month_index()) cy=y(*v) r="3"></circle> })
                        .collect_view()}
                </g>
            </svg>
            <figcaption>
                <span class="legend legend-series">"Mesures"</span>
                {data.target.is_some().then(|| view! { <span class="legend legend-target">"Cible"</span> })}
                {data.trajectory.is_some().then(|| view! { <span class="legend legend-trajectory">"Progression attendue"</span> })}
            </figcaption>
        </figure>
    }
    .into_any()
}
