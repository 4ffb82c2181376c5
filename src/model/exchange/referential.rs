//! The official list of communes and EPCI (from the npm package
//! `@etalab/decoupage-administratif`, compacted by
//! `scripts/build-collectivites.mjs`), and the search that fills in a
//! collectivité's profile: name, INSEE or SIREN code, population, EPCI.

use crate::model::error::{Error, Result};
use crate::model::kinds::collectivity::{CollectivityKind, Profile};
use crate::model::values::text::fold;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Referential {
    pub source: String,
    /// [SIREN, name, population]
    pub epci: Vec<(String, String, u64)>,
    /// [INSEE code, name, population, index in `epci` or -1]
    pub communes: Vec<(String, String, u64, i64)>,
}

impl Referential {
    pub fn parse(json: &str) -> Result<Referential> {
        serde_json::from_str(json)
            .map_err(|_| Error::invalid("La liste officielle des collectivités n'a pas pu être lue."))
    }

    /// Up to `limit` collectivités whose name or code matches, best first:
    /// exact code, then names starting with the query, then containing it;
    /// larger populations first among equals.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Profile> {
        let q = fold(query.trim());
        if q.chars().count() < 2 {
            return Vec::new();
        }
        let mut scored: Vec<(u8, u64, Profile)> = Vec::new();
        let rank = |name: &str, code: &str| -> Option<u8> {
            let n = fold(name);
            if code.eq_ignore_ascii_case(query.trim()) {
                Some(0)
            } else if code.starts_with(query.trim()) || n == q {
                Some(1)
            } else if n.starts_with(&q) {
                Some(2)
            } else if n.contains(&q) {
                Some(3)
            } else {
                None
            }
        };
        for (code, name, population, epci) in &self.communes {
            if let Some(r) = rank(name, code) {
                let (epci_code, epci_name) = usize::try_from(*epci)
                    .ok()
                    .and_then(|i| self.epci.get(i))
                    .map(|(c, n, _)| (c.clone(), n.clone()))
                    .unwrap_or_default();
                let profile = Profile {
                    name: name.clone(),
                    kind: CollectivityKind::Commune,
                    code: code.clone(),
                    population: *population,
                    epci_code,
                    epci_name,
                };
                scored.push((r, *population, profile));
            }
        }
        for (code, name, population) in &self.epci {
            if let Some(r) = rank(name, code) {
                let profile = Profile {
                    name: name.clone(),
                    kind: CollectivityKind::Epci,
                    code: code.clone(),
                    population: *population,
                    ..Default::default()
                };
                scored.push((r, *population, profile));
            }
        }
        scored.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        scored.into_iter().take(limit).map(|(_, _, p)| p).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Referential {
        Referential::parse(
            r#"{"source":"test","epci":[["200040442","CC Luberon Monts de Vaucluse",55000]],
               "communes":[["84065","Lauris",3921,0],["84042","Cucuron",1900,0],["84007","Avignon",91000,-1],["04070","Forcalquier",5000,-1],["13001","Aix-en-Provence",145000,-1]]}"#,
        )
        .unwrap()
    }

    #[test]
    fn finds_by_name_without_accents_or_by_insee_code_and_fills_the_epci() {
        let r = sample();
        let found = r.search("lauris", 5);
        assert_eq!(found[0].code, "84065");
        assert_eq!(found[0].population, 3921);
        assert_eq!(found[0].epci_code, "200040442");
        assert_eq!(found[0].epci_name, "CC Luberon Monts de Vaucluse");
        assert_eq!(r.search("84042", 5)[0].name, "Cucuron");
        assert_eq!(r.search("aix en", 5)[0].name, "Aix-en-Provence");
        let epci = &r.search("luberon", 5)[0];
        assert_eq!(epci.kind, CollectivityKind::Epci);
        assert_eq!(epci.code, "200040442");
        assert!(r.search("a", 5).is_empty());
        assert_eq!(fold("École Œuvre"), "ecole oeuvre");
    }

    #[test]
    fn a_damaged_list_is_an_error_not_a_panic() {
        assert!(Referential::parse("{ pas du json").is_err());
    }
}
