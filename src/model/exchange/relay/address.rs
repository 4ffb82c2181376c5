//! The relay's address and access key, as a person types them once per
//! browser, checked before any connection is tried.
//!
//! A browser cannot set headers on a WebSocket, so the key travels as the
//! `key` query parameter of the address (the relay checks it before the
//! upgrade). That is why the address must be `wss://` (encrypted), except
//! on this very machine, where `ws://` is allowed for tests and trials.

use crate::model::error::{Error, ErrorKind, Result};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Characters kept as is in the key parameter (RFC 3986 unreserved).
const KEY_ENCODE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
const MAX_ADDRESS_LEN: usize = 2_000;
const MAX_KEY_LEN: usize = 512;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelayAddress {
    /// `wss://host[:port][/path]`, without query nor fragment.
    url: String,
    key: String,
}

fn invalid(why: &str) -> Error {
    Error::new(ErrorKind::RelayAddress(why.to_string()))
}

impl RelayAddress {
    /// Checks an address and a key as typed. `https://` is read as `wss://`
    /// (people copy the relay's web address), `http://` as `ws://`.
    pub fn parse(address: &str, key: &str) -> Result<RelayAddress> {
        let address = address.trim();
        let key = key.trim();
        if address.is_empty() {
            return Err(invalid("indiquez l'adresse donnée par l'administrateur du relais (wss://…)"));
        }
        if address.len() > MAX_ADDRESS_LEN || address.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid("elle contient des espaces ou est trop longue"));
        }
        let (scheme, rest) = address.split_once("://").ok_or_else(|| invalid("elle doit commencer par wss://"))?;
        let scheme = match scheme.to_ascii_lowercase().as_str() {
            "wss" | "https" => "wss",
            "ws" | "http" => "ws",
            _ => return Err(invalid("elle doit commencer par wss://")),
        };
        if rest.contains(['?', '#']) {
            return Err(invalid("elle ne doit contenir ni « ? » ni « # » ; la clé se saisit à part"));
        }
        let authority = rest.split('/').next().unwrap_or("");
        let host = host_of(authority).ok_or_else(|| invalid("le nom du serveur manque"))?;
        if scheme == "ws" && !is_loopback(host) {
            return Err(invalid("utilisez wss:// : sans chiffrement, la clé et les documents circuleraient en clair"));
        }
        if key.is_empty() {
            return Err(invalid("la clé d'accès manque"));
        }
        if key.len() > MAX_KEY_LEN || key.chars().any(char::is_control) {
            return Err(invalid("la clé d'accès n'est pas lisible"));
        }
        let url = format!("{scheme}://{}", rest.trim_end_matches('/'));
        Ok(RelayAddress { url, key: key.to_string() })
    }

    /// The address without the key, to show.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    /// The WebSocket address to open, key included.
    pub fn connection_url(&self) -> String {
        format!("{}/?key={}", self.url, utf8_percent_encode(&self.key, KEY_ENCODE))
    }

    /// The same address over HTTP(S): a GET there answers 200, 401 or 403,
    /// which tells a browser (which never sees why a WebSocket failed) whether
    /// the key or the relay is the problem.
    pub fn key_check_url(&self) -> String {
        let url = self.connection_url();
        match url.strip_prefix("wss://") {
            Some(rest) => format!("https://{rest}"),
            None => format!("http://{}", url.strip_prefix("ws://").unwrap_or(&url)),
        }
    }
}

/// The host of `user@host:port` (brackets kept for IPv6), if there is one.
fn host_of(authority: &str) -> Option<&str> {
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let host = if authority.starts_with('[') {
        authority.split_inclusive(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    (!host.is_empty() && host != "[]").then_some(host)
}

fn is_loopback(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    host == "localhost" || host == "[::1]" || host.starts_with("127.")
}
