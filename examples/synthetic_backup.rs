//! Writes a backup file holding the demo EPCI and N synthetic member
//! communes, for the roll-up benchmark (`bench/rollup.mjs` restores it in
//! Chromium through the « Sauvegarde » page, as a director would).
//!
//! Usage: cargo run --release --example synthetic_backup -- <communes> <file.json>

use gouvernail::model::content::demo::synthetic_intercommunality;
use gouvernail::storage::{Library, MemoryStore};
use std::time::{SystemTime, UNIX_EPOCH};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let communes: usize = args.next().unwrap_or_else(|| "50".into()).parse()?;
    let path = args.next().unwrap_or_else(|| "communes.json".into());
    let now_ms = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis() as i64;
    let (mut library, _) = Library::open(MemoryStore::new());
    let mut bytes_total = 0;
    for mut doc in synthetic_intercommunality(communes, now_ms)? {
        let bytes = doc.save();
        bytes_total += bytes.len();
        library.import(&bytes)?;
    }
    std::fs::write(&path, library.export_backup(now_ms).to_json())?;
    eprintln!("{} documents, {bytes_total} bytes of Automerge data, written to {path}", communes + 1);
    Ok(())
}
