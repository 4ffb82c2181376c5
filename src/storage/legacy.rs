//! Typed storage keys. Everything Gouvernail stores lives under a versioned
//! prefix, so a later layout can coexist with (and migrate from) this one,
//! and other apps on the same origin are never touched.

const PREFIX: &str = "gouvernail/v1/";

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StorageKey {
    /// This device's id (the stable part of every actor id it uses).
    Device,
    /// The index of documents: id → kind, title, last save.
    Index,
    /// One document's bytes, base64.
    Doc(String),
    /// A cached snapshot of one workspace document (see `snapshot`).
    Snapshot(String),
    /// An entry that did not decode, kept aside: original key and a counter.
    Quarantine(String, u32),
    /// User preferences of this browser (author name…).
    Settings,
}

impl StorageKey {
    pub fn to_key(&self) -> String {
        match self {
            StorageKey::Device => format!("{PREFIX}device"),
            StorageKey::Index => format!("{PREFIX}index"),
            StorageKey::Doc(id) => format!("{PREFIX}doc/{id}"),
            StorageKey::Snapshot(id) => format!("{PREFIX}snapshot/{id}"),
            StorageKey::Quarantine(id, n) => format!("{PREFIX}quarantine/{id}/{n}"),
            StorageKey::Settings => format!("{PREFIX}settings"),
        }
    }

    pub fn parse(key: &str) -> Option<StorageKey> {
        let rest = key.strip_prefix(PREFIX)?;
        match rest {
            "device" => Some(StorageKey::Device),
            "index" => Some(StorageKey::Index),
            "settings" => Some(StorageKey::Settings),
            _ => {
                if let Some(id) = rest.strip_prefix("doc/") {
                    (!id.is_empty()).then(|| StorageKey::Doc(id.to_string()))
                } else if let Some(id) = rest.strip_prefix("snapshot/") {
                    (!id.is_empty()).then(|| StorageKey::Snapshot(id.to_string()))
                } else if let Some(q) = rest.strip_prefix("quarantine/") {
                    let (id, n) = q.rsplit_once('/')?;
                    Some(StorageKey::Quarantine(id.to_string(), n.parse().ok()?))
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
            StorageKey::Device,
            StorageKey::Index,
            StorageKey::Settings,
            StorageKey::Doc("abc".into()),
            StorageKey::Snapshot("abc".into()),
            StorageKey::Quarantine("abc".into(), 3),
        ] {
            assert_eq!(StorageKey::parse(&key.to_key()), Some(key));
        }
        assert_eq!(StorageKey::parse("other-app/doc/x"), None);
        assert_eq!(StorageKey::parse("gouvernail/v0/doc/x"), None);
        assert_eq!(StorageKey::parse("gouvernail/v1/doc/"), None);
    }
}
