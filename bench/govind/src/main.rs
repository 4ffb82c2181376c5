//! `govind`: the native side of the GOV-IND benchmark.
//!
//! ```text
//! govind suite [--runs 5] [--sizes S,L] [--engines a,b] [--dir DIR]   all runs, JSON on stdout
//! govind phases <engine> <S|L> <dir>                                  one run, JSON
//! govind load <engine> <file>                                         load + materialize, JSON
//! govind profile <engine> <S|L>                                       one run, loads in-process (for callgrind)
//! govind merge-variants <S|L>                                         Gouvernail's merge, three ways, JSON
//! govind digest                                                       the workload digests, JSON
//! govind workspace <S|L> <uuid> <file>                                Gouvernail's edited workspace, saved
//! ```
//! `bench/govind.sh` runs the suite with the node and browser sides.

#[cfg(not(target_arch = "wasm32"))]
mod suite;

#[cfg(not(target_arch = "wasm32"))]
use govind_bench::clock;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use govind_bench::engines;
    use govind_bench::workload::{Size, Workload, SIZE_L, SIZE_S};
    use std::path::PathBuf;

    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or_else(|| usage());
    let size = |name: &str| Size::parse(name).unwrap_or_else(|| usage());
    match arg(0) {
        "suite" => {
            let mut options = suite::SuiteOptions {
                runs: 5,
                sizes: suite::both_sizes(),
                engines: suite::all_engines(),
                dir: std::env::temp_dir().join("govind"),
            };
            for pair in args[1..].chunks(2) {
                let value = pair.get(1).map(String::as_str).unwrap_or_else(|| usage());
                match pair[0].as_str() {
                    "--runs" => options.runs = value.parse().unwrap_or_else(|_| usage()),
                    "--sizes" => options.sizes = value.split(',').map(size).collect(),
                    "--engines" => options.engines = value.split(',').map(String::from).collect(),
                    "--dir" => options.dir = PathBuf::from(value),
                    _ => usage(),
                }
            }
            println!("{}", suite::suite(&options));
        }
        "phases" => println!("{}", suite::phases(arg(1), size(arg(2)), &PathBuf::from(arg(3)))),
        "load" => {
            let bytes = std::fs::read(arg(2)).expect("read the saved file");
            let report = engines::load(arg(1), &bytes).unwrap_or_else(|| usage());
            println!("{}", serde_json::to_string(&report).expect("json"));
        }
        "profile" => {
            let w = Workload::new(size(arg(2)));
            let (report, ms) = clock::timed(|| engines::run(arg(1), &w, &engines::InProcess));
            let report = report.unwrap_or_else(|| usage());
            println!("{}", serde_json::to_string(&report).expect("json"));
            eprintln!("{ms:.0} ms");
        }
        "merge-variants" => {
            let report = engines::prototypes::merge_variants(&Workload::new(size(arg(1))));
            println!("{}", serde_json::to_string(&report).expect("json"));
        }
        "workspace" => {
            use govind_bench::engine::Replica;
            use govind_bench::engines::gouvernail::Gouvernail;
            let w = Workload::new(size(arg(1)));
            let mut replica = Gouvernail::build_with_id(&w, arg(2));
            w.edits.iter().for_each(|e| replica.edit(&w, e));
            std::fs::write(arg(3), replica.save()).expect("write the workspace");
        }
        "digest" => {
            let digests: Vec<_> = [SIZE_S, SIZE_L].into_iter().map(|s| Workload::new(s).digest()).collect();
            println!("{}", serde_json::to_string_pretty(&digests).expect("json"));
        }
        _ => usage(),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn usage() -> ! {
    eprintln!(
        "{}",
        include_str!("main.rs")
            .lines()
            .skip(3)
            .take(9)
            .map(|l| l.trim_start_matches("//! "))
            .collect::<Vec<_>>()
            .join("\n")
    );
    std::process::exit(2)
}

/// The browser side is `tests/browser.rs`; this binary is native only.
#[cfg(target_arch = "wasm32")]
fn main() {}
