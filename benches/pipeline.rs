//! The whole pipeline on generated data, timed by phase, beside its floor.
//!
//!   cargo bench --bench pipeline                              # region scale, 7 runs
//!   UPPF_BENCH_SCALE=nationell cargo bench --bench pipeline   # ~1,100 units, 3 runs
//!   UPPF_BENCH_SCALE=båda cargo bench --bench pipeline        # both, and cost per unit and row
//!
//! `UPPF_BENCH_REPORT=delar1|delar2|ar` (default `ar`) and `UPPF_BENCH_RUNS=N` change the report
//! and the number of runs; `UPPF_BENCH_DATA=<folder>` measures a folder of inputs instead of
//! generated data (the 2026 plan, files found by name as `run` finds them), and
//! `UPPF_BENCH_KEEP=<folder>` keeps the last run's reports there. Each run is `run --report …` in-process: read the inputs, compute,
//! write every centre workbook and then the main workbook into an empty folder.
//!
//! The floor is what no implementation of the same job can avoid, measured in the same process:
//! polars reading the same input files (calamine for the xlsx ones, which polars cannot read) and
//! deflating, at the level the writer uses, every XML part of the workbooks the run wrote (on all
//! cores). Use a quiet machine; the figures are medians with min–max.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use generera::Scale;
use polars::prelude::*;
use rayon::prelude::*;
use uppfoljning::analysis::Analysis;
use uppfoljning::compute::{Period, ReportKind};
use uppfoljning::disclosure::{self, Summary};
use uppfoljning::input::InputFiles;
use uppfoljning::job::{Output, Sources};
use uppfoljning::plan;
use uppfoljning::report;

/// The phases of one run, and its peak resident memory.
#[derive(Default)]
struct Run {
    read: Duration,
    compute: Duration,
    /// Summed over threads: part of `compute`, and larger than its share of the wall time when
    /// both cores decide indicators at once.
    suppress: Duration,
    centres: Duration,
    main: Duration,
    total: Duration,
    peak: Option<u64>,
    /// Resident memory after reading and after computing.
    resident: [Option<u64>; 2],
}

struct Measured {
    scale: String,
    input_rows: u64,
    input_bytes: u64,
    input_files: usize,
    units: usize,
    data_rows: usize,
    runs: Vec<Run>,
    floor_read: Vec<Duration>,
    floor_deflate: Vec<Duration>,
    xml_bytes: u64,
    audit: Summary,
}

fn main() {
    let scales: Vec<Scale> = match std::env::var("UPPF_BENCH_SCALE").as_deref() {
        Ok("nationell") => vec![Scale::National],
        Ok("båda") | Ok("bada") => vec![Scale::Region, Scale::National],
        _ => vec![Scale::Region],
    };
    let kind = match std::env::var("UPPF_BENCH_REPORT").as_deref() {
        Ok("delar1") => ReportKind::Delar1,
        Ok("delar2") => ReportKind::Delar2,
        _ => ReportKind::Ar,
    };
    let data = std::env::var_os("UPPF_BENCH_DATA").map(PathBuf::from);
    let measured: Vec<Measured> = match &data {
        Some(dir) => vec![measure(Data::Folder(dir), kind)],
        None => scales.iter().map(|&s| measure(Data::Generated(s), kind)).collect(),
    };
    for m in &measured {
        print(m);
    }
    if let [region, national] = measured.as_slice() {
        per_unit(region, national);
    }
}

enum Data<'a> {
    Generated(Scale),
    Folder(&'a Path),
}

fn measure(data: Data, kind: ReportKind) -> Measured {
    let runs: usize = std::env::var("UPPF_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(if matches!(data, Data::Generated(Scale::National)) { 3 } else { 7 });
    let plan_file = Path::new(env!("CARGO_MANIFEST_DIR")).join("indicators/2026.toml");
    let generated = tempfile::tempdir().expect("temp dir");
    let (dir, scale) = match data {
        Data::Generated(scale) => {
            let t = Instant::now();
            generera::generate(generated.path(), &plan_file, scale, 20260101).expect("generate");
            eprintln!("genererade data ({scale:?}) på {:.2?}", t.elapsed());
            let name = if scale == Scale::National { "nationell" } else { "region" };
            (generated.path(), name.to_string())
        }
        Data::Folder(dir) => (dir, dir.display().to_string()),
    };
    let files = InputFiles::from_folder(dir).expect("files");
    let plan = plan::load(&plan_file).expect("plan");
    let period = Period { year: 2026, kind };
    let inputs = input_paths(&files);

    let mut m = Measured {
        scale,
        input_rows: 0,
        input_bytes: inputs.iter().map(|p| std::fs::metadata(p).map_or(0, |m| m.len())).sum(),
        input_files: inputs.len(),
        units: 0,
        data_rows: 0,
        runs: Vec::new(),
        floor_read: Vec::new(),
        floor_deflate: Vec::new(),
        xml_bytes: 0,
        audit: Summary::default(),
    };
    let mut last_out = None;
    for i in 0..runs {
        eprintln!("körning {} av {runs} …", i + 1);
        let out = tempfile::tempdir().expect("out");
        let peak_reset = reset_peak();
        let suppress0 = disclosure::spent();
        let t0 = Instant::now();
        let sources = Sources { plan: plan.clone(), files: files.clone() };
        let read = sources.read().expect("inputs");
        let t1 = Instant::now();
        let after_read = resident("VmRSS:");
        let analysis = Analysis::new(sources, read, period).expect("compute");
        let t2 = Instant::now();
        let after_compute = resident("VmRSS:");
        let output = Output { dir: out.path().to_path_buf(), main_file: "rapport.xlsx".into(), exports: Default::default() };
        let mut centres_done = t2;
        let written = report::write_all(&output, &analysis, &mut |done, all| {
            if done == all {
                centres_done = Instant::now();
            }
        })
        .expect("write");
        let t3 = Instant::now();
        let (rows, _, _) = analysis.inputs.quality.totals();
        m.input_rows = rows;
        m.units = written.centres.len();
        m.data_rows = analysis.rows.len();
        m.audit = audit_of(&analysis);
        m.runs.push(Run {
            read: t1 - t0,
            compute: t2 - t1,
            suppress: disclosure::spent() - suppress0,
            centres: centres_done - t2,
            main: t3 - centres_done,
            total: t3 - t0,
            peak: peak_reset.then(|| resident("VmHWM:")).flatten(),
            resident: [after_read, after_compute],
        });
        drop(analysis);
        last_out = Some(out);
    }

    // The floor, as often as the run was measured.
    let out = last_out.expect("at least one run");
    let parts = xml_parts(out.path());
    m.xml_bytes = parts.iter().map(|p| p.len() as u64).sum();
    for _ in 0..runs {
        let t = Instant::now();
        read_with_polars(&inputs);
        m.floor_read.push(t.elapsed());
        let t = Instant::now();
        let deflated: u64 = parts.par_iter().map(|p| deflate(p)).sum();
        m.floor_deflate.push(t.elapsed());
        assert!(deflated > 0);
    }
    if let Some(keep) = std::env::var_os("UPPF_BENCH_KEEP") {
        copy_dir(out.path(), Path::new(&keep));
    }
    m
}

/// `UPPF_BENCH_KEEP`: the last run's reports, kept to compare one build's with another's.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("UPPF_BENCH_KEEP");
    for entry in std::fs::read_dir(from).expect("output") {
        let entry = entry.expect("output");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("output").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("UPPF_BENCH_KEEP");
        }
    }
}

/// The audit's counts over every indicator of the report's own tables.
fn audit_of(analysis: &Analysis) -> Summary {
    let mut sum = Summary::default();
    for it in &analysis.report.current.indicators {
        let a = &it.audit;
        sum.checked += a.checked;
        sum.public += a.public;
        sum.disclosed += a.disclosed;
        sum.extra += a.extra;
        sum.extra_period += a.extra_period;
        sum.bounded += a.bounded;
        sum.guard += a.guard;
        sum.secondary += a.secondary;
    }
    sum
}

fn input_paths(files: &InputFiles) -> Vec<PathBuf> {
    let mut all = vec![files.units.clone()];
    for list in [&files.npe, &files.pvk, &files.access, &files.actions, &files.urval, &files.riket] {
        all.extend(list.iter().cloned());
    }
    all
}

/// Every input file read into a data frame (or, for xlsx, every sheet into a range).
fn read_with_polars(paths: &[PathBuf]) {
    for path in paths {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        match ext.as_str() {
            "parquet" => {
                let file = std::fs::File::open(path).expect("parquet");
                let df = ParquetReader::new(file).finish().expect("parquet read");
                assert!(df.height() > 0);
            }
            "csv" => {
                let bytes = std::fs::read(path).expect("csv");
                let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
                // polars reads UTF-8 only: a Windows-1252 export is transcoded first, as a
                // polars-based reader must.
                let text: Vec<u8> = match std::str::from_utf8(bytes) {
                    Ok(_) => bytes.to_vec(),
                    Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned().into_bytes(),
                };
                let first = text.split(|&b| b == b'\n').next().unwrap_or(&[]);
                let count = |c: u8| first.iter().filter(|&&b| b == c).count();
                let sep = [b';', b',', b'\t'].into_iter().max_by_key(|&c| count(c)).unwrap_or(b';');
                // Exports carry bad values (the run rejects and lists them): null here.
                let df = CsvReadOptions::default()
                    .with_has_header(true)
                    .with_ignore_errors(true)
                    .map_parse_options(|o| o.with_separator(sep).with_decimal_comma(sep != b','))
                    .into_reader_with_file_handle(std::io::Cursor::new(text))
                    .finish()
                    .expect("csv read");
                assert!(df.height() > 0);
            }
            _ => {
                use calamine::Reader;
                let mut wb = calamine::open_workbook_auto(path).expect("xlsx");
                for name in wb.sheet_names() {
                    let range = wb.worksheet_range(&name).expect("sheet");
                    assert!(range.height() > 0);
                }
            }
        }
    }
}

/// The uncompressed XML parts of every workbook under `dir`.
fn xml_parts(dir: &Path) -> Vec<Vec<u8>> {
    let mut files = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("out dir").flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "xlsx") {
                files.push(p);
            }
        }
    }
    let mut parts = Vec::new();
    for f in files {
        let mut zip = ::zip::ZipArchive::new(std::fs::File::open(&f).expect("xlsx")).expect("zip");
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).expect("part");
            if part.compression() == ::zip::CompressionMethod::Deflated {
                let mut bytes = Vec::new();
                part.read_to_end(&mut bytes).expect("inflate");
                parts.push(bytes);
            }
        }
    }
    parts
}

/// Deflates one part at the writer's level (zip's default, 6); the compressed size.
fn deflate(part: &[u8]) -> u64 {
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::new(6));
    e.write_all(part).expect("deflate");
    e.finish().expect("deflate").len() as u64
}

/// Resets the process's peak resident size (Linux `clear_refs`), so each run's peak is its own,
/// after handing the memory the last run freed back to the system (glibc keeps it otherwise, and
/// it would count as this run's).
fn reset_peak() -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: glibc's malloc_trim only releases free heap pages; it takes no pointers.
        unsafe {
            malloc_trim(0);
        }
    }
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// A resident size of the process in bytes: `VmRSS:` now, `VmHWM:` the peak since the last reset.
fn resident(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn spread(v: Vec<Duration>) -> String {
    let min = v.iter().min().copied().unwrap_or_default();
    let max = v.iter().max().copied().unwrap_or_default();
    format!("{:>9.3} s  ({:.3}–{:.3})", median(v).as_secs_f64(), min.as_secs_f64(), max.as_secs_f64())
}

fn print(m: &Measured) {
    let phase = |f: fn(&Run) -> Duration| spread(m.runs.iter().map(f).collect());
    println!();
    println!(
        "skala {}: {} indatarader ({:.1} MB i {} filer), {} hälsocentraler, {} rader i Data; {} körningar",
        m.scale,
        m.input_rows,
        m.input_bytes as f64 / 1e6,
        m.input_files,
        m.units,
        m.data_rows,
        m.runs.len()
    );
    println!("  fas                                          median     (min–max)");
    println!("  läsa och kontrollera indata              {}", phase(|r| r.read));
    println!("  beräkna, undertrycka och granska         {}", phase(|r| r.compute));
    println!("    därav undertrycka och granska*         {}", phase(|r| r.suppress));
    println!("  skriva hälsocentralernas arbetsböcker    {}", phase(|r| r.centres));
    println!("  skriva huvudarbetsboken                  {}", phase(|r| r.main));
    println!("  hela körningen                           {}", phase(|r| r.total));
    let peaks: Vec<u64> = m.runs.iter().filter_map(|r| r.peak).collect();
    let mib = |b: u64| b as f64 / (1 << 20) as f64;
    if let Some(&peak) = peaks.iter().max() {
        let last = m.runs.last().map_or([None, None], |r| r.resident);
        let after = |i: usize| last[i].map_or("–".to_string(), |b| format!("{:.0}", mib(b)));
        println!(
            "  högsta minnesanvändning                  {:>9.0} MiB   (efter läsning {} MiB, efter beräkning {} MiB)",
            mib(peak),
            after(0),
            after(1)
        );
    }
    let floor_read = median(m.floor_read.clone());
    let floor_deflate = median(m.floor_deflate.clone());
    let floor = floor_read + floor_deflate;
    println!("  golv: polars läser samma indata          {}", spread(m.floor_read.clone()));
    println!(
        "  golv: deflate av arbetsböckernas XML     {}   ({:.0} MB XML, nivå 6, alla kärnor)",
        spread(m.floor_deflate.clone()),
        m.xml_bytes as f64 / 1e6
    );
    let total = median(m.runs.iter().map(|r| r.total).collect());
    println!(
        "  golv totalt {:.3} s; körningen är {:.1} × golvet",
        floor.as_secs_f64(),
        total.as_secs_f64() / floor.as_secs_f64()
    );
    println!("  * summerad tid över trådarna: indikatorerna avgörs parallellt");
    let a = &m.audit;
    println!(
        "  granskningen: {} dolda värden prövade, {} kan räknas fram; {} dolda utöver reglerna \
         ({} i perioden, {} i månaderna; {} för gränsernas skull) mot {} sekundära efter reglerna \
         ({:.1} %); tidsskyddet dolde {}",
        a.checked,
        a.disclosed,
        a.extra,
        a.extra_period,
        a.extra - a.extra_period,
        a.bounded,
        a.secondary,
        100.0 * a.extra as f64 / a.secondary.max(1) as f64,
        a.guard
    );
}

/// Cost per unit and per input row at both scales: national should cost no more per item.
fn per_unit(region: &Measured, national: &Measured) {
    let total = |m: &Measured| median(m.runs.iter().map(|r| r.total).collect()).as_secs_f64();
    println!();
    println!("  kostnad                     region     nationell");
    println!(
        "  per hälsocentral          {:>7.2} ms  {:>7.2} ms",
        1e3 * total(region) / region.units as f64,
        1e3 * total(national) / national.units as f64
    );
    println!(
        "  per indatarad             {:>7.2} µs  {:>7.2} µs",
        1e6 * total(region) / region.input_rows as f64,
        1e6 * total(national) / national.input_rows as f64
    );
}
