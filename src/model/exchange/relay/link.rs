//! A live-sync link: the relay's address and a document's relay id, never
//! the access key (each browser sets the key once, « Synchronisation en
//! direct »). Short whatever the document's size: the document itself is
//! fetched from the relay and checked like an import before it is kept.
//!
//! Format, in the URL fragment (never sent to the server hosting the app):
//! `r1.<base64url of the relay address>.<relay id>`.

use crate::model::error::{Error, Result};
use crate::model::exchange::relay::address::RelayAddress;
use crate::model::exchange::relay::document_id::RelayDocumentId;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

const LINK_PREFIX: &str = "r1.";
/// Longer than any address plus an id: anything longer is not ours.
const MAX_FRAGMENT_CHARS: usize = 2_000;

/// What a live-sync link designates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelayLink {
    /// The relay's address as `RelayAddress::url` writes it (no key).
    pub relay_url: String,
    pub relay_id: RelayDocumentId,
}

/// The fragment (without `#`) for a document on a relay.
pub fn relay_link_fragment(address: &RelayAddress, relay_id: &RelayDocumentId) -> String {
    format!("{LINK_PREFIX}{}.{}", URL_SAFE_NO_PAD.encode(address.url()), relay_id.as_str())
}

/// Whether a fragment (with or without `#`) is meant as a live-sync link.
pub fn is_relay_link(fragment: &str) -> bool {
    fragment.trim().trim_start_matches('#').starts_with(LINK_PREFIX)
}

/// Reads a live-sync link's fragment (with or without `#`).
pub fn parse_relay_link(fragment: &str) -> Result<RelayLink> {
    let damaged = || {
        Error::invalid(
            "Ce lien de synchronisation est abîmé : il a sans doute été coupé ou modifié en route. Demandez-le à nouveau.",
        )
    };
    let fragment = fragment.trim().trim_start_matches('#');
    if fragment.len() > MAX_FRAGMENT_CHARS {
        return Err(damaged());
    }
    let rest = fragment.strip_prefix(LINK_PREFIX).ok_or_else(damaged)?;
    let (address, id) = rest.split_once('.').ok_or_else(damaged)?;
    let address = URL_SAFE_NO_PAD.decode(address).ok().and_then(|b| String::from_utf8(b).ok()).ok_or_else(damaged)?;
    // The key is this browser's, not the link's: any non-empty one checks the address.
    let relay_url = RelayAddress::parse(&address, "-")?.url().to_string();
    let relay_id = RelayDocumentId::parse(id)?;
    Ok(RelayLink { relay_url, relay_id })
}
