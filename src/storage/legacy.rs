//! The layout of the previous versions of the app, in `localStorage` under
//! `gouvernail/v1/`: each document as base64 of `save()` under one key, an
//! index, workspace snapshots as JSON, quarantined entries, the device id
//! and the settings. Read once by `migration`, which moves it to the
//! [`Store`](super::Store) and then removes it; read again whenever an older
//! version still open in another tab writes there.

const PREFIX: &str = "gouvernail/v1/";

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LegacyKey {
    /// This device's id, hex.
    Device,
    /// The index of documents: id → kind, title, last save.
    Index,
    /// One document's bytes, base64.
    Doc(String),
    /// A cached snapshot of one workspace (JSON).
    Snapshot(String),
    /// An entry that did not decode, kept aside: document id and a counter.
    Quarantine(String, u32),
    /// Preferences of this browser (`{"author": …}`).
    Settings,
}

impl LegacyKey {
    pub fn to_key(&self) -> String {
        match self {
            LegacyKey::Device => format!("{PREFIX}device"),
            LegacyKey::Index => format!("{PREFIX}index"),
            LegacyKey::Doc(id) => format!("{PREFIX}doc/{id}"),
            LegacyKey::Snapshot(id) => format!("{PREFIX}snapshot/{id}"),
            LegacyKey::Quarantine(id, n) => format!("{PREFIX}quarantine/{id}/{n}"),
            LegacyKey::Settings => format!("{PREFIX}settings"),
        }
    }

    pub fn parse(key: &str) -> Option<LegacyKey> {
        let rest = key.strip_prefix(PREFIX)?;
        match rest {
            "device" => Some(LegacyKey::Device),
            "index" => Some(LegacyKey::Index),
            "settings" => Some(LegacyKey::Settings),
            _ => {
                if let Some(id) = rest.strip_prefix("doc/") {
                    (!id.is_empty()).then(|| LegacyKey::Doc(id.to_string()))
                } else if let Some(id) = rest.strip_prefix("snapshot/") {
                    (!id.is_empty()).then(|| LegacyKey::Snapshot(id.to_string()))
                } else if let Some(q) = rest.strip_prefix("quarantine/") {
                    let (id, n) = q.rsplit_once('/')?;
                    Some(LegacyKey::Quarantine(id.to_string(), n.parse().ok()?))
                } else {
                    None
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_foreign_keys_are_ignored() {
        for key in [
            LegacyKey::Device,
            LegacyKey::Index,
            LegacyKey::Settings,
            LegacyKey::Doc("abc".into()),
            LegacyKey::Snapshot("abc".into()),
            LegacyKey::Quarantine("abc".into(), 3),
        ] {
            assert_eq!(LegacyKey::parse(&key.to_key()), Some(key));
        }
        assert_eq!(LegacyKey::parse("other-app/doc/x"), None);
        assert_eq!(LegacyKey::parse("gouvernail/v0/doc/x"), None);
        assert_eq!(LegacyKey::parse("gouvernail/v1/doc/"), None);
    }
}
