//! CSV in and out, the French way: exports use `;` and a UTF-8 BOM so they
//! open correctly in French spreadsheet software; imports accept `;` or `,`,
//! decimal comma or point, and report every bad line in words before
//! anything is imported.

use crate::model::analysis::rollup::{CommuneRow, Rollup, STALE_AFTER_DAYS};
use crate::model::command::Command;
use crate::model::error::{Error, Result};
use crate::model::kinds::finances::Section;
use crate::model::kinds::indicator::Measurement;
use crate::model::kinds::workspace::Workspace;
use crate::model::values::format::parse_number;
use crate::model::values::period::{Date, Period};

const BOM: &str = "\u{FEFF}";
/// Largest CSV accepted for import (a year of monthly values for hundreds of
/// indicators is far below this).
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// A parsed CSV file: header row and data rows, all as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub delimiter: char,
}

/// Reads CSV text: strips a BOM, guesses `;` or `,` from the header line.
pub fn read_table(text: &str) -> Result<Table> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(Error::invalid("Fichier CSV trop volumineux (5 Mo au plus)."));
    }
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first_line.is_empty() {
        return Err(Error::invalid("Le fichier CSV est vide."));
    }
    // The separator is the most frequent candidate on the header line.
    let delimiter =
        [';', ',', '\t'].into_iter().max_by_key(|d| (first_line.matches(*d).count(), *d == ';')).unwrap_or(';');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter as u8)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Error::invalid(format!("En-tête CSV illisible : {e}")))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| Error::invalid(format!("Ligne {} illisible : {e}", i + 2)))?;
        if record.iter().all(|f| f.is_empty()) {
            continue;
        }
        rows.push(record.iter().map(str::to_string).collect());
    }
    Ok(Table { headers, rows, delimiter })
}

/// Which column holds what, for importing measurements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeasurementColumns {
    pub indicator: usize,
    pub period: usize,
    pub value: usize,
    pub comment: Option<usize>,
}

fn normalize(header: &str) -> String {
    header.trim().to_lowercase().replace(['é', 'è', 'ê'], "e").replace('à', "a")
}

/// Guesses the mapping from header names (indicateur, période, valeur, commentaire).
pub fn guess_columns(headers: &[String]) -> Option<MeasurementColumns> {
    let find = |names: &[&str]| headers.iter().position(|h| names.iter().any(|n| normalize(h).contains(n)));
    Some(MeasurementColumns {
        indicator: find(&["indicateur", "indicator", "nom"])?,
        period: find(&["periode", "period", "mois", "date"])?,
        value: find(&["valeur", "value", "mesure"])?,
        comment: find(&["commentaire", "comment", "note"]),
    })
}

/// One data line of an import: the measurement it will record, or why not.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedLine {
    /// Line number in the file (the header is line 1).
    pub line: usize,
    pub outcome: std::result::Result<PlannedMeasurement, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedMeasurement {
    pub indicator_id: String,
    pub indicator_name: String,
    pub period: Period,
    pub value: f64,
    pub comment: String,
    /// The value this replaces, if the period already had one.
    pub replaces: Option<f64>,
}

/// Checks every line against the workspace; imports nothing.
pub fn plan_measurements(table: &Table, columns: MeasurementColumns, workspace: &Workspace) -> Vec<PlannedLine> {
    let by_name = |name: &str| {
        let wanted = name.trim().to_lowercase();
        workspace
            .indicators
            .iter()
            .find(|(id, ind)| ind.name.trim().to_lowercase() == wanted || id.as_str() == name.trim())
    };
    table
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let line = i + 2;
            let cell = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
            let outcome = (|| {
                let name = cell(columns.indicator);
                if name.is_empty() {
                    return Err("indicateur manquant".to_string());
                }
                let (id, indicator) =
                    by_name(name).ok_or_else(|| format!("indicateur « {name} » inconnu dans cet espace"))?;
                let period = Period::parse(cell(columns.period)).map_err(|e| e.message().to_string())?;
                let raw = cell(columns.value);
                let value = parse_number(raw)
                    .ok_or_else(|| format!("valeur « {raw} » illisible (nombre attendu, ex. 62,5)"))?;
                let replaces = workspace.measurements.get(id).and_then(|m| m.get(&period.to_string())).map(|m| m.value);
                Ok(PlannedMeasurement {
                    indicator_id: id.clone(),
                    indicator_name: indicator.name.clone(),
                    period,
                    value,
                    comment: columns.comment.map(|c| cell(c).to_string()).unwrap_or_default(),
                    replaces,
                })
            })();
            PlannedLine { line, outcome }
        })
        .collect()
}

/// The commands recording the valid lines of a plan (to apply in one batch,
/// whose change records who imported them and when).
pub fn commands_for(plan: &[PlannedLine]) -> Vec<Command> {
    plan.iter()
        .filter_map(|l| l.outcome.as_ref().ok())
        .map(|m| Command::RecordMeasurement {
            indicator_id: m.indicator_id.clone(),
            period: m.period,
            measurement: Measurement { value: m.value, comment: m.comment.clone() },
        })
        .collect()
}

/// A number for CSV: decimal comma, no thousands separator.
fn csv_number(value: f64) -> String {
    let text = format!("{value}");
    text.replace('.', ",")
}

fn write_csv(headers: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    let _ = writer.write_record(headers);
    for row in rows {
        let _ = writer.write_record(&row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

/// One line per measurement, with the indicator's definition repeated.
pub fn indicators_csv(workspace: &Workspace) -> String {
    let mut rows = Vec::new();
    let mut indicators: Vec<_> = workspace.indicators.iter().collect();
    indicators.sort_by(|a, b| a.1.order.total_cmp(&b.1.order).then(a.1.name.cmp(&b.1.name)));
    for (id, ind) in indicators {
        let opt = |v: Option<f64>| v.map(csv_number).unwrap_or_default();
        let base =
            vec![ind.name.clone(), ind.category.clone(), ind.unit.clone(), opt(ind.target), ind.target_period.clone()];
        let measurements = workspace.measurements.get(id);
        let mut points: Vec<_> = measurements.into_iter().flatten().collect();
        points.sort_by_key(|(p, _)| Period::parse(p).ok());
        if points.is_empty() {
            rows.push([base.clone(), vec![String::new(), String::new(), String::new()]].concat());
        }
        for (period, m) in points {
            rows.push([base.clone(), vec![period.clone(), csv_number(m.value), m.comment.clone()]].concat());
        }
    }
    write_csv(&["Indicateur", "Catégorie", "Unité", "Cible", "Échéance", "Période", "Valeur", "Commentaire"], rows)
}

/// One line per budget line, with the execution rate.
pub fn budget_csv(workspace: &Workspace) -> String {
    let mut lines: Vec<_> = workspace.budget_lines.values().collect();
    lines.sort_by(|a, b| (a.year, &a.label).cmp(&(b.year, &b.label)));
    let rows = lines
        .into_iter()
        .map(|l| {
            let action = workspace.actions.get(&l.action_id).map(|a| a.title.clone()).unwrap_or_default();
            let rate =
                if l.planned > 0.0 { csv_number((l.paid / l.planned * 1000.0).round() / 10.0) } else { String::new() };
            vec![
                l.year.to_string(),
                match l.section {
                    Section::Investment => "Investissement".to_string(),
                    Section::Operating => "Fonctionnement".to_string(),
                },
                l.label.clone(),
                l.nature.clone(),
                l.function.clone(),
                csv_number(l.planned),
                csv_number(l.committed),
                csv_number(l.paid),
                rate,
                csv_number(l.external_funding),
                action,
            ]
        })
        .collect();
    write_csv(
        &[
            "Année",
            "Section",
            "Libellé",
            "Nature (M57)",
            "Fonction",
            "Crédits votés",
            "Engagés",
            "Mandatés",
            "Taux d'exécution (%)",
            "Financements externes",
            "Projet",
        ],
        rows,
    )
}

/// The roll-up table as shown (rows in the order given): each key
/// indicator's latest value and status, budget per inhabitant, maturity,
/// last change.
pub fn rollup_csv(rollup: &Rollup, rows: &[CommuneRow]) -> String {
    let mut headers: Vec<String> = vec!["Commune".into(), "Code INSEE".into(), "Population".into()];
    for name in &rollup.key_indicators {
        let unit = rows.iter().find_map(|r| r.cells.get(name)).map(|c| c.unit.trim().to_string()).unwrap_or_default();
        headers.push(if unit.is_empty() { name.clone() } else { format!("{name} ({unit})") });
        headers.push(format!("{name} : statut"));
    }
    headers.extend(
        [
            "Budget numérique voté par habitant (€)",
            "Maturité (sur 100)",
            "Dernière modification",
            &format!("Sans partage depuis plus de {STALE_AFTER_DAYS} jours"),
        ]
        .map(String::from),
    );
    let opt = |v: Option<f64>| v.map(|v| csv_number((v * 100.0).round() / 100.0)).unwrap_or_default();
    let lines = rows
        .iter()
        .map(|row| {
            let mut line = vec![row.name.clone(), row.code.clone(), row.population.to_string()];
            for name in &rollup.key_indicators {
                let cell = row.cells.get(name);
                line.push(opt(cell.and_then(|c| c.value)));
                line.push(cell.map(|c| c.status.label().to_string()).unwrap_or_default());
            }
            line.push(opt(row.budget_per_inhabitant));
            line.push(opt(row.maturity));
            line.push(if row.last_change_ms > 0 {
                Date::from_unix_millis(row.last_change_ms).french()
            } else {
                String::new()
            });
            line.push(if row.stale { "oui" } else { "non" }.to_string());
            line
        })
        .collect();
    write_csv(&headers.iter().map(String::as_str).collect::<Vec<_>>(), lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kinds::indicator::Indicator;

    fn workspace() -> Workspace {
        let mut ws = Workspace::default();
        ws.indicators.insert(
            "i1".into(),
            Indicator { name: "Démarches en ligne".into(), unit: "%".into(), ..Default::default() },
        );
        ws.indicators.insert("i2".into(), Indicator { name: "Satisfaction".into(), ..Default::default() });
        ws.measurements
            .insert("i1".into(), [("2026-01".to_string(), Measurement { value: 50.0, ..Default::default() })].into());
        ws
    }

    #[test]
    fn reads_semicolons_decimal_commas_and_a_bom() {
        let text = "\u{FEFF}Indicateur;Période;Valeur;Commentaire\nDémarches en ligne;2026-01;62,5;corrigé\nsatisfaction;2026-T1;7.4;\n";
        let table = read_table(text).unwrap();
        assert_eq!(table.delimiter, ';');
        let columns = guess_columns(&table.headers).unwrap();
        let plan = plan_measurements(&table, columns, &workspace());
        let ok: Vec<_> = plan.iter().map(|l| l.outcome.clone().unwrap()).collect();
        assert_eq!(ok[0].value, 62.5);
        assert_eq!(ok[0].replaces, Some(50.0));
        assert_eq!(ok[0].comment, "corrigé");
        assert_eq!(ok[1].indicator_id, "i2");
        assert_eq!(ok[1].value, 7.4);
        assert_eq!(commands_for(&plan).len(), 2);
    }

    #[test]
    fn reads_commas_with_quoted_decimal_commas() {
        let text = "indicator,period,value\n\"Satisfaction\",2026,\"7,5\"\n";
        let table = read_table(text).unwrap();
        assert_eq!(table.delimiter, ',');
        let plan = plan_measurements(&table, guess_columns(&table.headers).unwrap(), &workspace());
        assert_eq!(plan[0].outcome.as_ref().unwrap().value, 7.5);
    }

    #[test]
    fn every_bad_line_is_reported_in_words_with_its_number() {
        let text = "Indicateur;Période;Valeur\nInconnu;2026;1\nSatisfaction;2026-13;1\nSatisfaction;2026;beaucoup\n;2026;1\nSatisfaction;2026;8\n";
        let table = read_table(text).unwrap();
        let plan = plan_measurements(&table, guess_columns(&table.headers).unwrap(), &workspace());
        let errors: Vec<(usize, String)> =
            plan.iter().filter_map(|l| l.outcome.as_ref().err().map(|e| (l.line, e.clone()))).collect();
        assert_eq!(errors.len(), 4);
        assert_eq!(errors[0].0, 2);
        assert!(errors[0].1.contains("« Inconnu » inconnu"));
        assert!(errors[1].1.contains("2026-13"));
        assert!(errors[2].1.contains("« beaucoup » illisible"));
        assert!(errors[3].1.contains("manquant"));
        assert_eq!(commands_for(&plan).len(), 1);
    }

    #[test]
    fn malformed_files_are_refused_with_a_message() {
        assert!(read_table("").is_err());
        assert!(read_table("\n\n").is_err());
        let unterminated = "Indicateur;Période;Valeur\n\"Satisfaction;2026;1\n";
        // An unterminated quote swallows the rest: the line cannot be planned.
        let planned = read_table(unterminated).map(|t| t.rows.len());
        assert!(planned.is_err() || planned == Ok(1));
        let huge = "a".repeat(MAX_IMPORT_BYTES + 1);
        assert!(read_table(&huge).unwrap_err().message().contains("trop volumineux"));
        assert!(guess_columns(&["x".into(), "y".into()]).is_none());
    }

    #[test]
    fn exports_use_semicolons_a_bom_and_decimal_commas() {
        let mut ws = workspace();
        ws.measurements
            .get_mut("i1")
            .unwrap()
            .insert("2026-02".into(), Measurement { value: 62.5, comment: "a;b".into() });
        let csv = indicators_csv(&ws);
        assert!(csv.starts_with('\u{FEFF}'));
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').lines().collect();
        assert_eq!(lines[0], "Indicateur;Catégorie;Unité;Cible;Échéance;Période;Valeur;Commentaire");
        assert!(lines.contains(&"Démarches en ligne;;%;;;2026-02;62,5;\"a;b\""));
        // The export reads back with our own importer.
        let table = read_table(&csv).unwrap();
        let plan = plan_measurements(&table, guess_columns(&table.headers).unwrap(), &ws);
        assert!(
            plan.iter().filter(|l| !l.outcome.as_ref().map(|m| m.indicator_name.is_empty()).unwrap_or(true)).count()
                >= 2
        );
    }

    #[test]
    fn the_rollup_exports_as_shown_with_french_conventions() {
        use crate::model::analysis::rollup::{rollup, sort_rows, RollupColumn};
        use crate::model::kinds::collectivity::{CollectivityKind, Profile};
        use crate::model::kinds::finances::BudgetLine;
        let commune = |name: &str, population: u64, value: f64| {
            let mut ws = workspace();
            ws.profile = Profile {
                name: name.into(),
                code: "84065".into(),
                kind: CollectivityKind::Commune,
                population,
                ..Default::default()
            };
            ws.measurements
                .get_mut("i1")
                .unwrap()
                .insert("2026-02".into(), Measurement { value, comment: String::new() });
            ws.budget_lines.insert("b".into(), BudgetLine { year: 2026, planned: 1_000.0, ..Default::default() });
            ws
        };
        let now = 1_795_897_288_000; // 28/11/2026
        let members = vec![
            ("a".to_string(), commune("Lauris; le bourg", 300, 62.5), now),
            ("b".to_string(), commune("Cucuron", 1_900, 40.0), 1),
        ];
        let r = rollup(&members, None, now, 2026);
        let mut rows = r.rows.clone();
        sort_rows(&mut rows, &RollupColumn::Population, false);
        let csv = rollup_csv(&r, &rows);
        let lines: Vec<&str> = csv.strip_prefix('\u{FEFF}').unwrap().lines().collect();
        assert_eq!(
            lines[0],
            "Commune;Code INSEE;Population;Démarches en ligne (%);Démarches en ligne : statut;Satisfaction;\
             Satisfaction : statut;Budget numérique voté par habitant (€);Maturité (sur 100);Dernière modification;\
             Sans partage depuis plus de 90 jours"
        );
        assert_eq!(lines[1], "Cucuron;84065;1900;40;Sans cible;;Pas de données;0,53;;01/01/1970;oui");
        assert_eq!(lines[2], "\"Lauris; le bourg\";84065;300;62,5;Sans cible;;Pas de données;3,33;;28/11/2026;non");
        assert_eq!(read_table(&csv).unwrap().rows.len(), 2, "reads back");
    }
}
