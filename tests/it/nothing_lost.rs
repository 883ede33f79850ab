//! Nothing lost (`docs/reports.md` § Files written): a run that is killed, or that cannot write,
//! leaves every file complete or absent and the earlier report intact, and the main workbook,
//! written last, lists every other file of its set with the file's SHA-256.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use sha2::{Digest, Sha256};

use crate::fixture::{bin, read_sheet};

const MAIN: &str = "arsrapport-2026.xlsx";

fn sha256(path: &Path) -> String {
    Sha256::digest(std::fs::read(path).unwrap()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The report files under `out` (temporary files of a killed run left out), by path under `out`
/// with '/', each with its SHA-256.
fn files_under(out: &Path) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for dir in ["", "halsocentraler"] {
        for e in std::fs::read_dir(out.join(dir)).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.path().is_file() && !name.starts_with('.') {
                let key = if dir.is_empty() { name } else { format!("{dir}/{name}") };
                found.insert(key, sha256(&e.path()));
            }
        }
    }
    found
}

/// `Om rapporten`'s list of the set's files: path → SHA-256 (the two printed lines joined).
fn listed(main: &Path) -> BTreeMap<String, String> {
    let rows = read_sheet(main, "Om rapporten");
    let start = rows.iter().position(|r| r[0].to_string() == "Rapportens filer").expect("the list of files");
    let header = start + rows[start..].iter().position(|r| r[0].to_string() == "Fil").expect("its header");
    rows[header + 1..]
        .iter()
        .take_while(|r| !r[0].to_string().is_empty())
        .map(|r| (r[0].to_string(), r[2].to_string().replace('\n', "")))
        .collect()
}

/// Every workbook under `out` opens and has its sheets (a half-written zip would not).
fn all_open(out: &Path) {
    for path in files_under(out).keys().filter(|p| p.ends_with(".xlsx")) {
        let names = crate::fixture::sheet_names(&out.join(path));
        assert!(!names.is_empty(), "{path}");
    }
}

fn run_samples(out: &Path, extra: &[&str]) -> assert_cmd::Command {
    let mut c = bin();
    c.args(["run", "--year", "2026", "--report", "ar", "--quiet", "--out"]).arg(out).args(extra);
    c
}

#[test]
fn the_main_workbook_lists_every_other_file_of_the_set_with_its_checksum() {
    let out = tempfile::tempdir().unwrap();
    run_samples(out.path(), &["--export", "csv"]).assert().success();
    let mut on_disk = files_under(out.path());
    assert!(on_disk.remove(MAIN).is_some());
    // One workbook for each of the 38 units of the sample register, and the export tables, each
    // with the checksum of its bytes.
    assert_eq!(on_disk.keys().filter(|p| p.starts_with("halsocentraler/")).count(), 38);
    assert!(on_disk.contains_key("arsrapport-2026.data.csv"), "{:?}", on_disk.keys());
    assert_eq!(listed(&out.path().join(MAIN)), on_disk);
}

#[test]
fn a_run_killed_midway_leaves_each_file_complete_or_absent_and_the_set_recognisable() {
    let out = tempfile::tempdir().unwrap();
    let out = out.path();
    let started = Instant::now();
    run_samples(out, &[]).assert().success();
    let full = started.elapsed();
    let earlier = std::fs::read(out.join(MAIN)).unwrap();
    let binary = assert_cmd::cargo::cargo_bin("uppfoljning");
    // A second run that writes one file more (an export): killed at eight moments spread
    // over a run's length, then let run to its end.
    let mut killed = 0;
    for k in 1..=8 {
        let mut child = std::process::Command::new(&binary)
            .current_dir(crate::fixture::repo())
            .args(["run", "--year", "2026", "--report", "ar", "--quiet", "--export", "csv", "--out"])
            .arg(out)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full.mul_f64(k as f64 / 9.0));
        let _ = child.kill();
        let status = child.wait().unwrap();
        killed += usize::from(!status.success());
        all_open(out);
        let main = std::fs::read(out.join(MAIN)).unwrap();
        let mut on_disk = files_under(out);
        on_disk.remove(MAIN);
        if main == earlier {
            // The earlier report stands whole; the new export, where written, is not on its list.
            assert!(!listed(&out.join(MAIN)).contains_key("arsrapport-2026.data.csv"));
        } else {
            // A new main workbook is only ever there with every file it lists, unchanged.
            assert_eq!(listed(&out.join(MAIN)), on_disk, "killed after {k}/9 of a run ({status})");
        }
    }
    assert!(killed > 0, "no run was stopped before its end");
    run_samples(out, &["--export", "csv"]).assert().success();
    let mut on_disk = files_under(out);
    on_disk.remove(MAIN);
    assert_eq!(listed(&out.join(MAIN)), on_disk);
    let hidden: Vec<_> = std::fs::read_dir(out.join("halsocentraler"))
        .unwrap()
        .chain(std::fs::read_dir(out).unwrap())
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.file_name())
        .collect();
    assert!(hidden.is_empty(), "temporary files left: {hidden:?}");
}

#[test]
fn a_full_disk_fails_in_swedish_and_keeps_the_earlier_report() {
    let out = tempfile::tempdir().unwrap();
    let out = out.path();
    run_samples(out, &[]).assert().success();
    let before = files_under(out);
    // A file size limit of 16 KiB, smaller than any workbook, stands in for a full disk: the
    // first write fails with EFBIG (the signal the limit would send is ignored, as a shell's
    // trap passes on through exec).
    let binary = assert_cmd::cargo::cargo_bin("uppfoljning");
    let script = format!(
        "trap '' XFSZ; ulimit -f 32; exec '{}' run --year 2026 --report ar --quiet --export csv --out '{}'",
        binary.display(),
        out.display()
    );
    let run = std::process::Command::new("sh").arg("-c").arg(&script).current_dir(crate::fixture::repo()).output().unwrap();
    assert_eq!(run.status.code(), Some(1), "{}", String::from_utf8_lossy(&run.stderr));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("kunde inte skriva") && err.contains("filen blev större än systemet tillåter"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // Nothing changed, nothing half-written left behind.
    assert_eq!(files_under(out), before);
    let hidden = std::fs::read_dir(out.join("halsocentraler")).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().starts_with('.')).count();
    assert_eq!(hidden, 0);
}

#[test]
fn an_output_folder_that_cannot_be_made_fails_in_swedish() {
    let w = tempfile::tempdir().unwrap();
    let file = w.path().join("en-fil");
    std::fs::write(&file, b"inte en mapp").unwrap();
    let out = run_samples(&file.join("rapporter"), &[]).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("en del av sökvägen är en fil, inte en mapp"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), b"inte en mapp");
}

#[test]
fn a_folder_for_temporary_files_that_cannot_be_written_fails_in_swedish_without_a_main_workbook() {
    // `Data` and `Månadsdata` go row by row through a temporary file (the writer's low-memory
    // mode): with TMPDIR gone the main workbook cannot be made, and the run says why.
    let out = tempfile::tempdir().unwrap();
    let gone = out.path().join("finns-inte");
    let run = run_samples(&out.path().join("rapport"), &[]).env("TMPDIR", &gone).assert().code(1);
    let err = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(err.contains("kunde inte skriva en tillfällig fil i") && err.contains("TMPDIR"), "{err}");
    assert!(!out.path().join("rapport").join(MAIN).exists());
    // Whatever was written before is whole.
    all_open(&out.path().join("rapport"));
}
