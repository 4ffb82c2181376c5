//! Writes a backup file holding the demo EPCI and N member communes, for the
//! roll-up and storage benchmarks (`bench/rollup.mjs`, `bench/storage.mjs`
//! restore it in Chromium through the « Sauvegarde » page, as a director
//! would). The communes are the demo's synthetic ones (2.5 KB each), or with
//! `--realistic` five years of a real town's history each
//! (`content::demo::realistic`, about 50 KB); `--roadmaps R --templates T`
//! add shared roadmaps and templates.
//!
//! Usage: cargo run --release --example synthetic_backup -- <communes> <file.json> [--realistic] [--roadmaps R] [--templates T]

use gouvernail::model::content::demo::realistic::{realistic_commune, CommuneSpec};
use gouvernail::model::content::demo::{synthetic_intercommunality, XorShift32};
use gouvernail::model::content::starter::starter_templates;
use gouvernail::model::kinds::roadmap::RoadmapAction;
use gouvernail::model::{ChangeContext, Command, DocKind, Document, Entity};
use gouvernail::storage::{Library, MemoryStore};
use std::time::{SystemTime, UNIX_EPOCH};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let communes: usize = args.first().map(String::as_str).unwrap_or("50").parse()?;
    let path = args.get(1).cloned().unwrap_or_else(|| "communes.json".into());
    let realistic = args.iter().any(|a| a == "--realistic");
    let count = |flag: &str| -> usize {
        args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).and_then(|n| n.parse().ok()).unwrap_or(0)
    };
    let now_ms = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis() as i64;
    let mut docs = synthetic_intercommunality(if realistic { 0 } else { communes }, now_ms)?;
    if realistic {
        docs.extend(realistic_communes(communes, now_ms)?);
    }
    docs.extend(roadmaps(count("--roadmaps"), now_ms)?);
    let mut templates = Vec::new();
    while templates.len() < count("--templates") {
        templates.extend(starter_templates("Directeur de la transformation numérique", now_ms)?);
    }
    templates.truncate(count("--templates"));
    docs.extend(templates);
    let (library, _) = futures_executor::block_on(Library::open(MemoryStore::new(), automerge::ActorId::random()))?;
    let mut bytes_total = 0;
    for mut doc in docs {
        let bytes = doc.save();
        bytes_total += bytes.len();
        futures_executor::block_on(library.import(&bytes))?;
    }
    let backup = futures_executor::block_on(library.export_backup(now_ms));
    std::fs::write(&path, backup.to_json())?;
    eprintln!("{} documents, {bytes_total} bytes of Automerge data, written to {path}", backup.documents.len());
    Ok(())
}

/// Realistic communes of the demo EPCI, built on every core (about a second each).
fn realistic_communes(count: usize, now_ms: i64) -> Result<Vec<Document>, Box<dyn std::error::Error>> {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let built: Vec<Vec<(usize, Vec<u8>)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    (t..count)
                        .step_by(threads)
                        .map(|i| {
                            let mut rng = XorShift32(0x9E37_79B9 ^ (i as u32 + 1));
                            let spec = CommuneSpec {
                                name: format!("Commune réaliste {:03}", i + 1),
                                code: format!("04{:03}", 100 + i % 900),
                                population: 200 + (rng.next_f64() * 12_000.0) as u64,
                                epci_code: "200099901".into(),
                                epci_name: "Communauté de communes du Val de Lure".into(),
                                seed: i as u32 + 1,
                            };
                            let mut doc = realistic_commune(&spec, now_ms).expect("a realistic commune builds");
                            (i, doc.save())
                        })
                        .collect()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("worker")).collect()
    });
    let mut all: Vec<(usize, Vec<u8>)> = built.into_iter().flatten().collect();
    all.sort_by_key(|(i, _)| *i);
    Ok(all.into_iter().map(|(_, bytes)| Document::load(&bytes)).collect::<Result<Vec<_>, _>>()?)
}

/// Shared roadmaps, each with a dozen actions.
fn roadmaps(count: usize, now_ms: i64) -> Result<Vec<Document>, Box<dyn std::error::Error>> {
    let ctx = ChangeContext::new("Directeur de la transformation numérique", now_ms, "Feuille de route");
    (0..count)
        .map(|n| {
            let title = format!("Feuille de route partagée {}", n + 1);
            let mut doc = Document::genesis(DocKind::Roadmap, gouvernail::model::new_id(), &title, &ctx)?;
            let commands: Vec<Command> = (0..12)
                .map(|a| Command::Create {
                    id: gouvernail::model::new_id(),
                    entity: Entity::RoadmapAction(RoadmapAction {
                        title: format!("Action {}", a + 1),
                        ..Default::default()
                    }),
                })
                .collect();
            doc.apply_batch(&commands, &ctx)?;
            Ok(doc)
        })
        .collect()
}
