//! Why a WebSocket to the relay could not open. A browser reports only
//! "error, closed (1006)", never the HTTP status of a refused upgrade, so
//! after a failure we ask the same address over HTTP(S): the relay answers
//! a GET with 200 (right key), 401 (none) or 403 (wrong), CORS open.

use crate::model::exchange::relay::address::RelayAddress;
use crate::model::exchange::relay::session::Disconnection;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What a failed connection means: a refused key, or a relay out of reach.
pub async fn diagnose(address: &RelayAddress) -> Disconnection {
    let Some(window) = web_sys::window() else { return Disconnection::Unreachable };
    if !window.navigator().on_line() {
        return Disconnection::Offline;
    }
    let Ok(response) = JsFuture::from(window.fetch_with_str(&address.key_check_url())).await else {
        return Disconnection::Unreachable;
    };
    match response.dyn_into::<web_sys::Response>().map(|r| r.status()) {
        Ok(401 | 403) => Disconnection::KeyRefused,
        _ => Disconnection::Unreachable,
    }
}
