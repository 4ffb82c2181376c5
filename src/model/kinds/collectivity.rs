//! The collectivité a workspace belongs to: its kind, its official code
//! (INSEE for a commune, SIREN for an EPCI), its population and its EPCI.

use crate::model::error::Error;
use crate::model::kinds::fields::{text, uint};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub enum CollectivityKind {
    #[default]
    Commune,
    Epci,
    Departement,
    Region,
    Syndicat,
    Autre,
}

impl CollectivityKind {
    pub const ALL: [CollectivityKind; 6] = [
        CollectivityKind::Commune,
        CollectivityKind::Epci,
        CollectivityKind::Departement,
        CollectivityKind::Region,
        CollectivityKind::Syndicat,
        CollectivityKind::Autre,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CollectivityKind::Commune => "Commune",
            CollectivityKind::Epci => "Intercommunalité (EPCI)",
            CollectivityKind::Departement => "Département",
            CollectivityKind::Region => "Région",
            CollectivityKind::Syndicat => "Syndicat",
            CollectivityKind::Autre => "Autre",
        }
    }
}

/// The collectivité a workspace belongs to.
#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Profile {
    #[autosurgeon(with = "text")]
    pub name: String,
    #[autosurgeon(missing = "Default::default")]
    pub kind: CollectivityKind,
    /// INSEE code for a commune, SIREN for an EPCI.
    #[autosurgeon(with = "text")]
    pub code: String,
    #[autosurgeon(with = "uint")]
    pub population: u64,
    /// SIREN and name of the EPCI the commune belongs to, if any.
    #[autosurgeon(with = "text")]
    pub epci_code: String,
    #[autosurgeon(with = "text")]
    pub epci_name: String,
}

impl Profile {
    /// Builds a profile from what a form holds (population as typed, with
    /// or without thousands separators), trimmed and checked.
    pub fn from_form(
        name: &str,
        kind: CollectivityKind,
        code: &str,
        population: &str,
        epci_name: &str,
        epci_code: &str,
    ) -> Result<Profile, Error> {
        let population = match population.trim() {
            "" => 0,
            text => text.replace([' ', '\u{202F}', '\u{A0}', '.'], "").parse::<u64>().map_err(|_| {
                Error::invalid(format!("La population « {text} » doit être un nombre entier d'habitants."))
            })?,
        };
        let profile = Profile {
            name: name.trim().to_string(),
            kind,
            code: code.trim().to_uppercase(),
            population,
            epci_code: epci_code.trim().to_string(),
            epci_name: epci_name.trim().to_string(),
        };
        profile.validate()?;
        Ok(profile)
    }

    /// Checks what a user typed; the error says what to fix, in French.
    pub fn validate(&self) -> Result<(), Error> {
        if self.name.trim().is_empty() {
            return Err(Error::invalid("Indiquez le nom de la collectivité."));
        }
        let code = self.code.trim();
        if !code.is_empty() {
            let ok = match self.kind {
                CollectivityKind::Commune => is_insee_code(code),
                CollectivityKind::Epci | CollectivityKind::Syndicat => is_siren(code),
                _ => is_insee_code(code) || is_siren(code) || code.len() <= 3,
            };
            if !ok {
                return Err(Error::invalid(match self.kind {
                    CollectivityKind::Commune => {
                        format!("Le code INSEE « {code} » n'est pas valide : 5 caractères, par exemple 84065 ou 2A004.")
                    }
                    _ => format!("Le numéro SIREN « {code} » n'est pas valide : 9 chiffres, par exemple 200040442."),
                }));
            }
        }
        let epci = self.epci_code.trim();
        if !epci.is_empty() && !is_siren(epci) {
            return Err(Error::invalid(format!("Le SIREN de l'EPCI « {epci} » n'est pas valide : 9 chiffres.")));
        }
        Ok(())
    }
}

/// A commune's INSEE code: 5 characters, digits, Corsica as `2A`/`2B`.
pub fn is_insee_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 5
        && b[0].is_ascii_digit()
        && (b[1].is_ascii_digit() || (b[0] == b'2' && (b[1] == b'A' || b[1] == b'B')))
        && b[2..].iter().all(u8::is_ascii_digit)
}

/// A SIREN: 9 digits.
pub fn is_siren(code: &str) -> bool {
    code.len() == 9 && code.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_validation_explains_what_to_fix() {
        let commune = Profile { name: "Lauris".into(), code: "84065".into(), ..Default::default() };
        assert!(commune.validate().is_ok());
        assert!(Profile { code: "2A004".into(), ..commune.clone() }.validate().is_ok());
        let err = Profile { code: "8406".into(), ..commune.clone() }.validate().unwrap_err();
        assert!(err.message().contains("INSEE"));
        assert!(Profile { name: " ".into(), ..commune.clone() }.validate().is_err());
        let epci =
            Profile { name: "CC".into(), kind: CollectivityKind::Epci, code: "200040442".into(), ..Default::default() };
        assert!(epci.validate().is_ok());
        assert!(Profile { code: "84065".into(), ..epci }.validate().unwrap_err().message().contains("SIREN"));
        assert!(Profile { epci_code: "12".into(), ..commune }.validate().is_err());
        let typed =
            Profile::from_form(" Lauris ", CollectivityKind::Commune, "84065", "3 921", "CC", "200040442").unwrap();
        assert_eq!((typed.name.as_str(), typed.population), ("Lauris", 3921));
        let err = Profile::from_form("Lauris", CollectivityKind::Commune, "", "beaucoup", "", "").unwrap_err();
        assert!(err.message().contains("population"));
    }
}
