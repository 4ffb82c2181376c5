//! Settings of this browser: small, typed values kept apart from documents
//! (in `localStorage` through gloo-storage in the browser, see
//! `browser::local`): the device id, the author name, and whatever a later
//! feature needs (the relay's address…): declare a [`Setting`] and read or
//! write it through any [`SettingsStore`].

use super::StoreError;
use automerge::ActorId;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::rc::Rc;

/// A typed setting: its key, and the type of its value (stored as JSON).
#[derive(Debug)]
pub struct Setting<T> {
    pub key: &'static str,
    value: PhantomData<fn() -> T>,
}

impl<T> Setting<T> {
    pub const fn new(key: &'static str) -> Setting<T> {
        Setting { key, value: PhantomData }
    }
}

/// This device's id (hex of 16 bytes): the stable part of every actor id it uses.
pub const DEVICE_ID: Setting<String> = Setting::new("gouvernail/settings/device");
/// The name recorded as author of this browser's changes.
pub const AUTHOR: Setting<String> = Setting::new("gouvernail/settings/author");

/// Where settings live.
pub trait SettingsStore {
    /// The value, or `None` when absent or unreadable.
    fn get<T: DeserializeOwned>(&self, setting: &Setting<T>) -> Option<T>;
    fn set<T: Serialize>(&mut self, setting: &Setting<T>, value: &T) -> Result<(), StoreError>;
}

/// Settings in memory (tests, and browsers refusing storage), shared by clones.
#[derive(Debug, Clone, Default)]
pub struct MemorySettings(Rc<RefCell<BTreeMap<String, String>>>);

impl SettingsStore for MemorySettings {
    fn get<T: DeserializeOwned>(&self, setting: &Setting<T>) -> Option<T> {
        serde_json::from_str(self.0.borrow().get(setting.key)?).ok()
    }

    fn set<T: Serialize>(&mut self, setting: &Setting<T>, value: &T) -> Result<(), StoreError> {
        let json = serde_json::to_string(value).map_err(|e| StoreError::Unavailable(e.to_string()))?;
        self.0.borrow_mut().insert(setting.key.to_string(), json);
        Ok(())
    }
}

/// This device's id, created and stored the first time.
pub fn device_id(settings: &mut impl SettingsStore) -> String {
    match settings.get(&DEVICE_ID) {
        Some(hex) if decode_hex(&hex).is_some_and(|b| b.len() == 16) => hex,
        _ => {
            let hex = encode_hex(uuid::Uuid::new_v4().as_bytes());
            // If this fails (storage full) the next session will try again.
            let _ = settings.set(&DEVICE_ID, &hex);
            hex
        }
    }
}

/// The actor id for this session: this device's id followed by a
/// per-session suffix. The suffix keeps two tabs of the same device from ever
/// writing two different changes under the same (actor, sequence number),
/// which Automerge could not merge (ARCHITECTURE.md, invariant 3).
pub fn session_actor(settings: &mut impl SettingsStore) -> ActorId {
    let mut bytes = decode_hex(&device_id(settings)).unwrap_or_default();
    bytes.extend_from_slice(&uuid::Uuid::new_v4().as_bytes()[..4]);
    ActorId::from(bytes)
}

/// The device part of an actor id made by [`session_actor`] (hex).
pub fn device_of(actor: &ActorId) -> String {
    let bytes = actor.to_bytes();
    encode_hex(&bytes[..16.min(bytes.len())])
}

pub fn author(settings: &impl SettingsStore) -> String {
    settings.get(&AUTHOR).unwrap_or_default()
}

pub fn set_author(settings: &mut impl SettingsStore, name: &str) -> Result<(), StoreError> {
    settings.set(&AUTHOR, &name.trim().to_string())
}

pub(super) fn encode_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(super) fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_device_id_is_made_once_and_each_session_has_its_own_actor() {
        let mut settings = MemorySettings::default();
        let device = device_id(&mut settings);
        assert_eq!(device.len(), 32);
        assert_eq!(device_id(&mut settings), device);
        let (a, b) = (session_actor(&mut settings), session_actor(&mut settings));
        assert_ne!(a, b);
        assert_eq!(device_of(&a), device);
    }

    #[test]
    fn a_garbled_device_id_is_replaced_and_the_author_is_trimmed() {
        let mut settings = MemorySettings::default();
        settings.set(&DEVICE_ID, &"pas de l'hexadécimal".to_string()).unwrap();
        assert_eq!(device_id(&mut settings).len(), 32);
        set_author(&mut settings, "  Marie Dupont ").unwrap();
        assert_eq!(author(&settings), "Marie Dupont");
    }
}
