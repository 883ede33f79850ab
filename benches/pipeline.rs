//! End-to-end benchmark of the pipeline's stages on generated data, median of several runs.
//!
//!   cargo bench --bench pipeline                 # region scale (data-samples-like), 7 runs
//!   UPPF_BENCH_SCALE=nationell cargo bench --bench pipeline   # ~1,100 units, 3 runs
//!
//! Use a release build (cargo bench is one) and a quiet machine; report medians.

use std::path::Path;
use std::time::{Duration, Instant};

use generera::Scale;
use uppfoljning::analysis::Analysis;
use uppfoljning::compute::{Period, ReportKind};
use uppfoljning::input::InputFiles;
use uppfoljning::job::{Output, Sources};
use uppfoljning::plan;
use uppfoljning::report;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let scale = match std::env::var("UPPF_BENCH_SCALE").as_deref() {
        Ok("nationell") => Scale::National,
        _ => Scale::Region,
    };
    let runs = if scale == Scale::National { 3 } else { 7 };
    let dir = tempfile::tempdir().expect("temp dir");
    let t = Instant::now();
    let plan_file = Path::new(env!("CARGO_MANIFEST_DIR")).join("indicators/2026.toml");
    generera::generate(dir.path(), &plan_file, scale, 20260101).expect("generate");
    eprintln!("genererade data på {:.2?}", t.elapsed());
    let files = InputFiles::from_folder(dir.path()).expect("files");
    let plan = plan::load(&plan_file).expect("plan");
    let period = Period { year: 2026, kind: ReportKind::Ar };

    let (mut read, mut calc, mut main_wb, mut centres, mut total) = (vec![], vec![], vec![], vec![], vec![]);
    let mut sizes = (0, 0, 0);
    for _ in 0..runs {
        let out = tempfile::tempdir().expect("out");
        let t0 = Instant::now();
        let sources = Sources { plan: plan.clone(), files: files.clone() };
        let inputs = sources.read().expect("inputs");
        let t1 = Instant::now();
        let analysis = Analysis::new(sources, inputs, period).expect("compute");
        let t2 = Instant::now();
        let bytes = report::main_workbook(&report::View::new(&analysis), &[]).expect("main workbook");
        let t3 = Instant::now();
        let output = Output { dir: out.path().to_path_buf(), main_file: "arsrapport-2026.xlsx".into() };
        let written = report::write_all(&output, &analysis, &mut |_, _| {}).expect("write");
        let t4 = Instant::now();
        assert_eq!(bytes.len() as u64, std::fs::metadata(&written.main).expect("main").len());
        let units = written.centres;
        read.push(t1 - t0);
        calc.push(t2 - t1);
        main_wb.push(t3 - t2);
        centres.push(t4 - t3);
        total.push((t4 - t0) - (t3 - t2));
        let (r, _, _) = analysis.inputs.quality.totals();
        sizes = (r, units.len(), analysis.rows.len());
    }
    println!(
        "skala {:?}: {} indatarader, {} enheter, {} rader i Data; median av {runs} körningar",
        scale, sizes.0, sizes.1, sizes.2
    );
    println!("  läsa och kontrollera indata   {:>10.3?}", median(read));
    println!("  beräkna (inkl. föregående)    {:>10.3?}", median(calc));
    println!("  huvudrapporten (i minnet)     {:>10.3?}", median(main_wb));
    println!("  alla filer skrivna            {:>10.3?}", median(centres));
    println!("  totalt (läsa + beräkna + skriva alla filer) {:>10.3?}", median(total));
}
