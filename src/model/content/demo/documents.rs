//! The demonstration data: a fictional intercommunality (« Communauté de
//! communes du Val de Lure ») and three member communes, with two to three
//! years of measurements, projects, budget, training, data and maturity.
//!
//! Built with the same commands as user edits, at the time the caller gives,
//! so the demo always ends at the current period. Each call creates new
//! documents with fresh ids and `meta.demo = true`: two browsers loading the
//! demo never share a genesis, and the UI can remove it in one click.

use crate::model::content::demo::commune::commune;
use crate::model::content::demo::epci::epci;
use crate::model::content::demo::random::XorShift32;
use crate::model::document::core::Document;
use crate::model::error::Result;
use crate::model::values::period::Date;

/// Builds the demo documents (the EPCI first, then its communes).
pub fn demo_documents(today_ms: i64) -> Result<Vec<Document>> {
    let today = Date::from_unix_millis(today_ms);
    let mut docs = vec![epci(today, today_ms)?];
    let communes = [
        ("Saint-Aubin-sur-Lure", "04991", 4_180, 0.9, 1u32),
        ("Montclar-de-Lure", "04992", 1_150, 0.7, 2),
        ("Les Granges", "04993", 620, 0.45, 3),
    ];
    for (name, code, population, drive, seed) in communes {
        docs.push(commune(today, today_ms, name, code, population, drive, seed)?);
    }
    Ok(docs)
}

/// A larger, synthetic intercommunality for benchmarks: the demo EPCI and
/// `communes` member communes built like the demo ones (names, codes,
/// populations and drive drawn from the fixed generator).
pub fn synthetic_intercommunality(communes: usize, today_ms: i64) -> Result<Vec<Document>> {
    let today = Date::from_unix_millis(today_ms);
    let mut docs = vec![epci(today, today_ms)?];
    let mut rng = XorShift32(0x9E37_79B9);
    for i in 0..communes {
        let name = format!("Commune de test {:02}", i + 1);
        let code = format!("04{:03}", 100 + i);
        let population = 200 + (rng.next_f64() * 12_000.0) as u64;
        let drive = 0.3 + rng.next_f64() * 0.7;
        docs.push(commune(today, today_ms, &name, &code, population, drive, i as u32 + 10)?);
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kinds::collectivity::CollectivityKind;

    #[test]
    fn the_demo_is_an_epci_and_three_communes_with_years_of_data() {
        let today_ms = 1_795_897_288_000; // 28/11/2026
        let docs = demo_documents(today_ms).unwrap();
        assert_eq!(docs.len(), 4);
        let epci = docs[0].workspace().unwrap();
        assert!(epci.meta.demo);
        assert_eq!(epci.profile.kind, CollectivityKind::Epci);
        assert!(epci.indicators.len() >= 10);
        assert!(epci.actions.len() >= 6);
        let volume = epci.indicators.iter().find(|(_, i)| i.name == "Démarches en ligne par mois").unwrap().0;
        let months = &epci.measurements[volume];
        assert!(months.len() >= 30, "about three years of monthly values");
        assert_eq!(months.keys().last().unwrap(), "2026-10", "ends at the last complete period");
        for commune in &docs[1..] {
            let ws = commune.workspace().unwrap();
            assert_eq!(ws.profile.epci_code, epci.profile.code);
            assert!(ws.meta.demo);
        }
        // Every demo load is a new set of documents (one genesis each).
        let again = demo_documents(today_ms).unwrap();
        assert_ne!(again[0].id(), docs[0].id());
    }
}
