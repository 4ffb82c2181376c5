//! What the user is told about live sync, in words anyone understands:
//! for the relay (the header) and for each document.

use crate::model::error::Error;

/// The connection to the relay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectionStatus {
    /// Opening the connection, or waiting to try again after it closed.
    Connecting,
    /// Joined: documents are synchronised live.
    Connected,
    /// The device has no network.
    Offline,
    /// The relay did not answer (down, wrong address).
    Unreachable,
    /// The relay refused the access key.
    KeyRefused,
    /// The relay speaks another protocol version (its words).
    Incompatible(String),
}

impl ConnectionStatus {
    pub fn label(&self) -> &'static str {
        match self {
            ConnectionStatus::Connecting => "connexion au relais…",
            ConnectionStatus::Connected => "connecté au relais",
            ConnectionStatus::Offline => "hors ligne",
            ConnectionStatus::Unreachable => "relais injoignable",
            ConnectionStatus::KeyRefused => "clé refusée",
            ConnectionStatus::Incompatible(_) => "relais incompatible",
        }
    }
}

/// One document followed live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentStatus {
    /// The relay has exactly what this device has.
    Synced,
    /// Changes are being exchanged.
    Syncing,
    /// Changes made here have not reached the relay yet (they will, on reconnection).
    ChangesPending,
    /// Not connected; `pending`: changes made here wait to go out.
    Disconnected { connection: ConnectionStatus, pending: bool },
    /// Asked of the relay, not received yet.
    Fetching,
    /// The relay does not have this document (asked again at each connection).
    NotOnRelay,
    /// What the relay sent was refused (not a Gouvernail document, newer
    /// schema…): live sync stopped for this document, nothing changed here.
    Refused(Error),
}

impl DocumentStatus {
    pub fn label(&self) -> String {
        match self {
            DocumentStatus::Synced => "synchronisé".to_string(),
            DocumentStatus::Syncing => "synchronisation en cours".to_string(),
            DocumentStatus::ChangesPending => "modifications en attente".to_string(),
            DocumentStatus::Disconnected { connection, pending: true } => {
                format!("{} — modifications en attente", connection.label())
            }
            DocumentStatus::Disconnected { connection, pending: false } => connection.label().to_string(),
            DocumentStatus::Fetching => "réception depuis le relais…".to_string(),
            DocumentStatus::NotOnRelay => "absent du relais".to_string(),
            DocumentStatus::Refused(_) => "refusé".to_string(),
        }
    }

    /// The sentence explaining a problem, when there is one.
    pub fn explanation(&self) -> Option<&str> {
        match self {
            DocumentStatus::Refused(error) => Some(error.message()),
            _ => None,
        }
    }
}
