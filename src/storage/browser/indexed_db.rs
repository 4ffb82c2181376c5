//! [`IndexedDb`]: the [`Store`] of the page, over IndexedDB with the `idb`
//! crate (database `gouvernail`, one object store per [`Area`], array keys,
//! `Uint8Array` values).
//!
//! What `idb` does not do for us, and why:
//! * **a write's outcome comes from the transaction**, not its requests: a
//!   full disk aborts the transaction after every `put` succeeded, and the
//!   reason (`QuotaExceededError`) is only in `IDBTransaction.error`. Its
//!   `complete` and `abort` events are wired to a promise when the writes
//!   are issued, so the outcome is kept even if nobody awaits it yet (idb
//!   0.6.5's own transaction future misreports a failed request and leaves
//!   its handlers pointing at dropped closures; we do not use it);
//! * every request of a transaction is issued before anything is awaited:
//!   IndexedDB commits a transaction as soon as a task ends with nothing
//!   pending on it;
//! * **versions**: a newer version of the app opening the database with a
//!   higher version number fires `versionchange` here; this page then closes
//!   its connection at once (or the newer one would wait, blocked), after
//!   letting the app issue its last writes, and from then on every write
//!   fails with [`StoreError::Outdated`], which the page shows as « rechargez ».

use crate::storage::store::{same_keys, Area, Key, Store, Write};
use crate::storage::StoreError;
use idb::{DatabaseEvent, Factory, KeyRange, ObjectStoreParams, Query, TransactionMode};
use js_sys::{Array, Uint8Array};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The database of the app.
pub const DATABASE: &str = "gouvernail";
/// Its schema version: raise it (with an upgrade step) to change the stores.
pub const VERSION: u32 = 1;

type Callback = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;

#[derive(Clone)]
pub struct IndexedDb {
    db: Rc<idb::Database>,
    /// Set once the connection is closed for a newer version.
    outdated: Rc<Cell<bool>>,
    on_outdated: Callback,
}

impl IndexedDb {
    /// Opens (creating or upgrading) the app's database in this origin. The
    /// page's boot script starts opening an existing one while the app
    /// loads (`window.gouvernailStorage`): that connection is adopted when it
    /// is at this version with every store.
    pub async fn open() -> Result<IndexedDb, StoreError> {
        if let Some(db) = early_connection().await {
            // At this version, with every store, and not closed meanwhile
            // (the boot script closes it for a newer version).
            let current = db.version().ok() == Some(VERSION)
                && Area::ALL.iter().all(|area| db.store_names().iter().any(|n| n == area.name()))
                && db.transaction(&[Area::Chunks.name()], TransactionMode::ReadOnly).is_ok();
            if current {
                return Ok(Self::adopt(db));
            }
            db.close();
        }
        let factory = Factory::new().map_err(|_| StoreError::Unavailable("IndexedDB absent".into()))?;
        Self::open_with(factory, DATABASE).await
    }

    /// Opens database `name` from `factory` (tests use a storage bucket's,
    /// whose quota they choose).
    pub async fn open_with(factory: Factory, name: &str) -> Result<IndexedDb, StoreError> {
        let mut request = factory.open(name, Some(VERSION)).map_err(|e| unavailable(&e))?;
        request.on_upgrade_needed(|event| {
            let Ok(db) = event.database() else { return };
            // Version 1: one object store per area, keys given with each value.
            for area in Area::ALL {
                if !db.store_names().iter().any(|n| n == area.name()) {
                    let _ = db.create_object_store(area.name(), ObjectStoreParams::new());
                }
            }
        });
        request.on_blocked(|_| {
            web_sys::console::warn_1(
                &"Gouvernail : une autre page garde l'ancienne version du stockage ouverte.".into(),
            );
        });
        let db = request.await.map_err(|e| unavailable(&e))?;
        Ok(Self::adopt(db))
    }

    /// Takes an open connection, ready to step aside for a newer version.
    fn adopt(mut db: idb::Database) -> IndexedDb {
        let outdated = Rc::new(Cell::new(false));
        let on_outdated: Callback = Rc::new(RefCell::new(None));
        let (flag, callback) = (outdated.clone(), on_outdated.clone());
        db.on_version_change(move |event| {
            // Let the app issue its last writes, then step aside.
            if let Some(callback) = callback.borrow_mut().take() {
                callback();
            }
            flag.set(true);
            if let Some(db) = event.target().and_then(|t| t.dyn_into::<web_sys::IdbDatabase>().ok()) {
                db.close();
            }
        });
        IndexedDb { db: Rc::new(db), outdated, on_outdated }
    }

    /// Runs `callback` when a newer version of the app needs the database:
    /// it must issue any last write synchronously; the connection closes
    /// right after.
    pub fn when_outdated(&self, callback: impl FnOnce() + 'static) {
        *self.on_outdated.borrow_mut() = Some(Box::new(callback));
    }

    pub fn is_outdated(&self) -> bool {
        self.outdated.get()
    }

    fn error(&self, name: &str) -> StoreError {
        if self.outdated.get() {
            return StoreError::Outdated;
        }
        match name {
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StoreError::QuotaExceeded,
            other => StoreError::Unavailable(other.to_string()),
        }
    }

    fn idb_error(&self, error: &idb::Error) -> StoreError {
        match dom_name(error) {
            Some(name) => self.error(&name),
            None if self.outdated.get() => StoreError::Outdated,
            None => StoreError::Unavailable(error.to_string()),
        }
    }

    /// Reads keys and values in one read-only transaction.
    async fn read(&self, area: Area, prefix: &[String], values: bool) -> Result<Vec<(Key, Vec<u8>)>, StoreError> {
        let tx = self.db.transaction(&[area.name()], TransactionMode::ReadOnly).map_err(|e| self.idb_error(&e))?;
        let store = tx.object_store(area.name()).map_err(|e| self.idb_error(&e))?;
        let query = || prefix_query(prefix);
        let keys = store.get_all_keys(query(), None).map_err(|e| self.idb_error(&e))?;
        let found = if values { Some(store.get_all(query(), None).map_err(|e| self.idb_error(&e))?) } else { None };
        let keys = keys.await.map_err(|e| self.idb_error(&e))?;
        let found = match found {
            Some(request) => request.await.map_err(|e| self.idb_error(&e))?,
            None => Vec::new(),
        };
        let mut found = found.into_iter().map(|v| v.dyn_into::<Uint8Array>().map(|a| a.to_vec()).unwrap_or_default());
        Ok(keys.iter().map(|key| (key_from_js(key), found.next().unwrap_or_default())).collect())
    }

    /// Opens a read-write transaction over the areas of `writes` (and
    /// `also`), its outcome wired to a promise before any request.
    fn begin(
        &self,
        writes: &[Write],
        also: Option<Area>,
    ) -> Result<(idb::Transaction, web_sys::IdbTransaction, js_sys::Promise), StoreError> {
        let mut names: Vec<&str> = writes.iter().map(|w| area_of(w).name()).chain(also.map(Area::name)).collect();
        names.sort();
        names.dedup();
        let tx = self.db.transaction(&names, TransactionMode::ReadWrite).map_err(|e| self.idb_error(&e))?;
        let first = tx.object_store(names[0]).map_err(|e| self.idb_error(&e))?;
        let raw: web_sys::IdbTransaction = first.transaction().into();
        // Wired before any request, so the outcome is caught whenever it comes.
        let outcome = js_sys::Promise::new(&mut |resolve, reject| {
            raw.set_oncomplete(Some(&resolve));
            raw.set_onabort(Some(&reject));
        });
        Ok((tx, raw, outcome))
    }

    /// Issues every write in `tx`; on a refused request, aborts it (nothing
    /// of it must land: an idb transaction dropped unfinished commits). The
    /// caller still awaits the outcome, which the abort settles.
    fn issue(&self, tx: &idb::Transaction, raw: &web_sys::IdbTransaction, writes: &[Write]) -> Result<(), StoreError> {
        let issued: Result<(), idb::Error> = writes.iter().try_for_each(|write| {
            let store = tx.object_store(area_of(write).name())?;
            match write {
                Write::Put { key, value, .. } => {
                    store.put(&Uint8Array::from(value.as_slice()).into(), Some(&key_to_js(key))).map(drop)
                }
                Write::Delete { key, .. } => store.delete(Query::Key(key_to_js(key))).map(drop),
                Write::DeletePrefix { prefix, .. } => match prefix_query(prefix) {
                    Some(range) => store.delete(range).map(drop),
                    None => store.clear().map(drop),
                },
            }
        });
        issued.map_err(|error| {
            let _ = raw.abort();
            self.idb_error(&error)
        })
    }

    /// Waits for the transaction's outcome; the reason of an abort is in
    /// `IDBTransaction.error` (a full disk: `QuotaExceededError`).
    async fn outcome(&self, raw: web_sys::IdbTransaction, outcome: js_sys::Promise) -> Result<(), StoreError> {
        let result = JsFuture::from(outcome).await;
        raw.set_oncomplete(None);
        raw.set_onabort(None);
        match result {
            Ok(_) => Ok(()),
            Err(_) => Err(match raw.error() {
                Some(dom) => self.error(&dom.name()),
                None => self.error("AbortError"),
            }),
        }
    }
}

impl Store for IndexedDb {
    async fn get(&self, area: Area, key: &[String]) -> Result<Option<Vec<u8>>, StoreError> {
        let tx = self.db.transaction(&[area.name()], TransactionMode::ReadOnly).map_err(|e| self.idb_error(&e))?;
        let store = tx.object_store(area.name()).map_err(|e| self.idb_error(&e))?;
        let request = store.get(Query::Key(key_to_js(key))).map_err(|e| self.idb_error(&e))?;
        let value = request.await.map_err(|e| self.idb_error(&e))?;
        Ok(value.and_then(|v| v.dyn_into::<Uint8Array>().ok()).map(|a| a.to_vec()))
    }

    async fn keys(&self, area: Area, prefix: &[String]) -> Result<Vec<Key>, StoreError> {
        Ok(self.read(area, prefix, false).await?.into_iter().map(|(k, _)| k).collect())
    }

    async fn entries(&self, area: Area, prefix: &[String]) -> Result<Vec<(Key, Vec<u8>)>, StoreError> {
        self.read(area, prefix, true).await
    }

    fn write(&self, writes: Vec<Write>) -> impl Future<Output = Result<(), StoreError>> {
        // Issued now, awaited later (see `Store::write`).
        let issued = (!writes.is_empty()).then(|| {
            self.begin(&writes, None).map(|(tx, raw, outcome)| (self.issue(&tx, &raw, &writes), raw, outcome))
        });
        let this = self.clone();
        async move {
            let Some(issued) = issued else { return Ok(()) };
            let (issued, raw, outcome) = issued?;
            let stored = this.outcome(raw, outcome).await;
            issued.and(stored)
        }
    }

    async fn write_if_keys(
        &self,
        area: Area,
        prefix: &[String],
        expected: &[Key],
        writes: Vec<Write>,
    ) -> Result<bool, StoreError> {
        let (tx, raw, outcome) = self.begin(&writes, Some(area))?;
        // Awaiting this transaction's own request keeps it active; nothing
        // else may be awaited before the writes are issued.
        let found = match tx.object_store(area.name()).and_then(|store| store.get_all_keys(prefix_query(prefix), None))
        {
            Ok(request) => request.await.map_err(|e| self.idb_error(&e)),
            Err(error) => Err(self.idb_error(&error)),
        };
        let write = match found {
            Ok(keys) if same_keys(&keys.iter().map(key_from_js).collect::<Vec<_>>(), expected) => {
                self.issue(&tx, &raw, &writes).map(|()| true)
            }
            Ok(_) => Ok(false),
            Err(error) => Err(error),
        };
        if !matches!(write, Ok(true)) {
            let _ = raw.abort();
        }
        let stored = self.outcome(raw, outcome).await;
        match write {
            Ok(true) => stored.map(|()| true),
            other => other,
        }
    }
}

/// The connection the boot script opened, if it did.
async fn early_connection() -> Option<idb::Database> {
    let window = web_sys::window()?;
    let promise = js_sys::Reflect::get(&window, &JsValue::from_str("gouvernailStorage")).ok()?;
    let promise = promise.dyn_into::<js_sys::Promise>().ok()?;
    // Taken once: a later open must not adopt a connection closed since.
    let _ = js_sys::Reflect::delete_property(&window, &JsValue::from_str("gouvernailStorage"));
    let db = JsFuture::from(promise).await.ok()?.dyn_into::<web_sys::IdbDatabase>().ok()?;
    Some(idb::Database::from(db))
}

fn area_of(write: &Write) -> Area {
    match write {
        Write::Put { area, .. } | Write::Delete { area, .. } | Write::DeletePrefix { area, .. } => *area,
    }
}

fn key_to_js(key: &[String]) -> JsValue {
    key.iter().map(|s| JsValue::from_str(s)).collect::<Array>().into()
}

fn key_from_js(key: &JsValue) -> Key {
    match key.dyn_ref::<Array>() {
        Some(array) => array.iter().filter_map(|v| v.as_string()).collect(),
        None => key.as_string().into_iter().collect(),
    }
}

/// Every array key starting with `prefix`: `[prefix…] <= key <= [prefix…, []]`
/// (an array sorts after every string). `None` for the whole store.
fn prefix_query(prefix: &[String]) -> Option<Query> {
    if prefix.is_empty() {
        return None;
    }
    let lower: Array = prefix.iter().map(|s| JsValue::from_str(s)).collect();
    let upper = lower.slice(0, lower.length());
    upper.push(&Array::new());
    KeyRange::bound(&lower.into(), &upper.into(), None, None).ok().map(Query::KeyRange)
}

/// The DOMException name behind an idb error, if any.
fn dom_name(error: &idb::Error) -> Option<String> {
    use idb::Error as E;
    match error {
        E::DomException(dom) => Some(dom.name()),
        E::IndexedDbNotFound(v)
        | E::IndexedDbOpenFailed(v)
        | E::AddFailed(v)
        | E::DeleteFailed(v)
        | E::GetFailed(v)
        | E::GetAllFailed(v)
        | E::GetAllKeysFailed(v)
        | E::UpdateFailed(v)
        | E::ClearFailed(v)
        | E::TransactionOpenFailed(v)
        | E::ObjectStoreNotFound(v)
        | E::KeyRangeCreateFailed(v) => v.dyn_ref::<web_sys::DomException>().map(|d| d.name()),
        _ => None,
    }
}

fn unavailable(error: &idb::Error) -> StoreError {
    StoreError::Unavailable(dom_name(error).unwrap_or_else(|| error.to_string()))
}
