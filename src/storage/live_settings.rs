//! The live-sync settings of this browser: the relay's address and access
//! key (set once per browser, never put in a link or a document), and the
//! documents whose live sync is turned on. Kept with the other settings
//! (`localStorage` in the browser). The address is checked
//! (`RelayAddress::parse`) before it is stored: what is stored is always usable.

use super::settings::{Setting, SettingsStore};
use super::StoreError;
use crate::model::exchange::relay::address::RelayAddress;
use crate::model::Result;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The relay, as the person typed it (address and key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelaySettings {
    pub address: String,
    pub key: String,
}

impl RelaySettings {
    /// The address ready to connect to, or the French reason it is not.
    pub fn parse(&self) -> Result<RelayAddress> {
        RelayAddress::parse(&self.address, &self.key)
    }
}

/// The relay of this browser (`None`: live sync not set up).
pub const RELAY: Setting<Option<RelaySettings>> = Setting::new("gouvernail/settings/relay");
/// Documents whose live sync is on (Gouvernail document ids).
pub const LIVE_DOCUMENTS: Setting<BTreeSet<String>> = Setting::new("gouvernail/settings/live-documents");

/// The relay set up in this browser, if it still reads as a valid address.
pub fn relay_settings(settings: &impl SettingsStore) -> Option<(RelaySettings, RelayAddress)> {
    let relay = settings.get(&RELAY).flatten()?;
    let address = relay.parse().ok()?;
    Some((relay, address))
}

/// Checks and stores the relay's address and key. A wrong address is
/// refused with its French message and nothing is stored.
pub fn save_relay(
    settings: &mut impl SettingsStore,
    address: &str,
    key: &str,
) -> std::result::Result<RelayAddress, String> {
    let relay = RelaySettings { address: address.trim().to_string(), key: key.trim().to_string() };
    let parsed = relay.parse().map_err(|e| e.message().to_string())?;
    settings.set(&RELAY, &Some(relay)).map_err(|e| e.to_string())?;
    Ok(parsed)
}

/// Forgets the relay (live sync stops; which documents were on is kept).
pub fn forget_relay(settings: &mut impl SettingsStore) -> std::result::Result<(), StoreError> {
    settings.set(&RELAY, &None)
}

pub fn live_documents(settings: &impl SettingsStore) -> BTreeSet<String> {
    settings.get(&LIVE_DOCUMENTS).unwrap_or_default()
}

/// Turns live sync on or off for a document; returns the new set.
pub fn set_live(
    settings: &mut impl SettingsStore,
    document_id: &str,
    on: bool,
) -> std::result::Result<BTreeSet<String>, StoreError> {
    let mut live = live_documents(settings);
    if on {
        live.insert(document_id.to_string());
    } else {
        live.remove(document_id);
    }
    settings.set(&LIVE_DOCUMENTS, &live)?;
    Ok(live)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemorySettings;

    #[test]
    fn a_valid_relay_is_stored_and_a_wrong_one_changes_nothing() {
        let mut settings = MemorySettings::default();
        assert!(relay_settings(&settings).is_none());
        let address = save_relay(&mut settings, " wss://relais.example.fr ", "clé").unwrap();
        assert!(address.url().starts_with("wss://relais.example.fr"), "{}", address.url());
        let error = save_relay(&mut settings, "ftp://ailleurs", "autre").unwrap_err();
        assert!(!error.is_empty() && error.chars().next().unwrap().is_uppercase(), "{error}");
        let (kept, _) = relay_settings(&settings).unwrap();
        assert_eq!(kept, RelaySettings { address: "wss://relais.example.fr".into(), key: "clé".into() });
        forget_relay(&mut settings).unwrap();
        assert!(relay_settings(&settings).is_none());
    }

    #[test]
    fn live_sync_is_turned_on_and_off_per_document() {
        let mut settings = MemorySettings::default();
        set_live(&mut settings, "a", true).unwrap();
        set_live(&mut settings, "b", true).unwrap();
        assert_eq!(set_live(&mut settings, "a", false).unwrap(), BTreeSet::from(["b".to_string()]));
        assert_eq!(live_documents(&settings), BTreeSet::from(["b".to_string()]));
    }
}
