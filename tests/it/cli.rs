//! The binary as a user runs it: exit codes, Swedish messages, atomic and deterministic output,
//! and broken files that must give a clear error, never a panic.

use crate::fixture::{bin, conformance_args, World, ACCESS, NPE, PLAN, PVK, UNITS};

fn stderr_of(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

/// Run arguments for the small fixture world and its plan.
fn small_args(w: &World) -> Vec<String> {
    let p = |n: &str, t: &str| w.write(n, t).display().to_string();
    vec![
        "--plan".into(),
        p("plan.toml", PLAN),
        "--units".into(),
        p("units.csv", UNITS),
        "--npe".into(),
        p("npe.csv", NPE),
        "--pvk".into(),
        p("pvk.csv", PVK),
        "--access".into(),
        p("access.csv", ACCESS),
    ]
}

#[test]
fn wrong_usage_exits_2_in_swedish() {
    let out = bin().arg("rapport").assert().code(2);
    assert!(stderr_of(&out).contains("felaktig användning"));
    bin().args(["run", "--year", "2026"]).assert().code(2);
    bin().args(["run", "--year", "2026", "--report", "kvartal"]).assert().code(2);
    bin().args(["run", "--year", "2026", "--report", "ar", "--export", "csv,xml"]).assert().code(2);
    // Any input option without --units: real and sample data are never mixed.
    let out = bin().args(["validate", "--pvk", "x.csv"]).assert().code(2);
    assert!(stderr_of(&out).contains("--units måste anges"));
    let out = bin().arg("--help").assert().success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("Användning"));
}

#[test]
fn two_runs_give_byte_identical_workbooks() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for d in [&a, &b] {
        bin()
            .args(["run", "--year", "2026", "--report", "delar2", "--quiet", "--out"])
            .arg(d.path())
            .args(conformance_args())
            .assert()
            .success();
    }
    let f = "delarsrapport-2-2026.xlsx";
    let x = std::fs::read(a.path().join(f)).unwrap();
    let y = std::fs::read(b.path().join(f)).unwrap();
    assert!(x == y, "the two workbooks differ");
}

#[test]
fn a_failed_run_leaves_no_workbook_and_exits_1() {
    let w = World::new();
    let out_dir = w.path("ut");
    let mut args = small_args(&w);
    args.extend(["--pvk".into(), w.path("saknas.csv").display().to_string()]);
    let out = bin()
        .args(["run", "--year", "2026", "--report", "ar", "--out"])
        .arg(&out_dir)
        .args(&args)
        .assert()
        .code(1);
    let err = stderr_of(&out);
    assert!(err.contains("fel: filen") && err.contains("saknas.csv") && err.contains("finns inte"), "{err}");
    let written: Vec<_> = std::fs::read_dir(&out_dir).map(|d| d.flatten().collect()).unwrap_or_default();
    assert!(written.is_empty(), "{written:?}");
}

#[test]
fn an_earlier_report_is_replaced_only_by_a_complete_one_and_leftovers_are_removed() {
    let w = World::new();
    let out_dir = w.path("ut");
    std::fs::create_dir_all(&out_dir).unwrap();
    // Temporary files left by a killed run, in both folders.
    std::fs::write(out_dir.join(".arsrapport-2026.xlsx.tmp"), b"half").unwrap();
    std::fs::create_dir_all(out_dir.join("halsocentraler")).unwrap();
    std::fs::write(out_dir.join("halsocentraler/.SE1000000001-A1 Alfa hälsocentral.xlsx.tmp"), b"half").unwrap();
    bin().args(["run", "--year", "2026", "--report", "ar", "-q", "--out"]).arg(&out_dir).args(small_args(&w)).assert().success();
    let names = |d: &std::path::Path| -> Vec<String> {
        let mut v: Vec<String> =
            std::fs::read_dir(d).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    };
    assert_eq!(names(&out_dir), ["arsrapport-2026.xlsx", "halsocentraler"]);
    let centres = names(&out_dir.join("halsocentraler"));
    assert_eq!(centres.len(), 4);
    assert!(centres.iter().all(|n| !n.starts_with('.') && n.ends_with(".xlsx")), "{centres:?}");
}

#[test]
fn broken_files_give_a_clear_error_never_a_panic() {
    let w = World::new();
    let zip_header = b"PK\x03\x04\x14\x00\x00\x00\x08\x00";
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("tom.csv", vec![], "saknar rubrikrad"),
        ("skrap.xlsx", (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect(), "kunde inte läsas"),
        ("avhuggen.xlsx", zip_header.to_vec(), "kunde inte läsas"),
        ("skrap.parquet", b"PAR1 this is not parquet".to_vec(), "kunde inte läsas"),
        ("binar.csv", (0..2000u32).map(|i| (i * 31 % 256) as u8).collect(), "saknar kolumnen"),
        ("fel_typ.pdf", b"%PDF-1.4".to_vec(), "format som inte stöds"),
    ];
    for (name, bytes, expect) in cases {
        let mut args = small_args(&w);
        args.extend(["--pvk".into(), w.write_bytes(name, &bytes).display().to_string()]);
        let out = bin().args(["validate", "--year", "2026"]).args(&args).assert().code(1);
        let err = stderr_of(&out);
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(err.contains(name) && err.contains(expect), "{name}: {err}");
    }
    // A truncated real workbook.
    let good = std::fs::read(crate::fixture::conformance_dir().join("data/units.xlsx")).unwrap();
    let cut = w.write_bytes("units_avhuggen.xlsx", &good[..good.len() / 2]);
    let out = bin().args(["validate", "--units"]).arg(&cut).assert().code(1);
    let err = stderr_of(&out);
    assert!(!err.contains("panicked") && err.contains("units_avhuggen.xlsx"), "{err}");
}

#[test]
fn run_on_the_shipped_samples_writes_the_report_under_reports() {
    let out = tempfile::tempdir().unwrap();
    bin().args(["run", "--year", "2026", "--report", "delar1", "--quiet", "--out"]).arg(out.path()).assert().success();
    let names = crate::fixture::sheet_names(&out.path().join("delarsrapport-1-2026.xlsx"));
    assert_eq!(names.first().map(String::as_str), Some("Om rapporten"));
    assert_eq!(names.last().map(String::as_str), Some("Månadsdata"));
}

#[test]
fn validate_prints_counts_and_the_total_line() {
    let w = World::new();
    let out = bin().args(["validate", "--year", "2026"]).args(small_args(&w)).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    // npe 13 rows (all used), pvk 7 (all used), access 18 rows, 1 rejected (Delta in March).
    assert!(text.contains("npe.csv (Nationell patientenkät): lästa 13, använda 13, avvisade 0"), "{text}");
    assert!(text.contains("access.csv (Tillgänglighet): lästa 18, använda 17, avvisade 1"), "{text}");
    assert_eq!(text.lines().last().unwrap(), "Totalt: lästa 38, använda 37, avvisade 1");
}

#[test]
fn a_data_set_given_no_file_is_empty_with_a_note() {
    let w = World::new();
    let out = w.path("ut");
    bin()
        .args(["run", "--year", "2026", "--report", "delar1", "-q", "--plan"])
        .arg(w.write("plan.toml", PLAN))
        .arg("--units")
        .arg(w.write("units.csv", UNITS))
        .arg("--pvk")
        .arg(w.write("pvk.csv", PVK))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let main = out.join("delarsrapport-1-2026.xlsx");
    let data = crate::fixture::read_sheet(&main, "Data");
    // Survey rows: no respondents at all → "NPE –" and ingen data on every row.
    let survey: Vec<_> = data.iter().filter(|r| r[0] == "SURV").collect();
    assert_eq!(survey.len(), 9 * 3);
    assert!(survey.iter().all(|r| r[4] == "NPE –" && r[15] == "ingen data"));
    let quality = crate::fixture::read_sheet(&main, "Datakvalitet");
    let notes: Vec<String> = quality.iter().map(|r| r[0].to_string()).collect();
    assert!(notes.iter().any(|n| n.starts_with("Ingen fil med Nationell patientenkät angavs")), "{notes:#?}");
    assert!(notes.iter().any(|n| n.starts_with("Ingen fil med tillgänglighet angavs")), "{notes:#?}");
}

#[test]
fn the_shipped_samples_are_exactly_what_the_generator_writes() {
    // README: `uppfoljning generera --out data-samples` remakes the samples byte for byte.
    let out = tempfile::tempdir().unwrap();
    bin().args(["generera", "--out"]).arg(out.path()).assert().success();
    let shipped = crate::fixture::repo().join("data-samples");
    let mut names: Vec<String> = std::fs::read_dir(&shipped)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && n != "README.md")
        .collect();
    names.sort();
    assert_eq!(names.len(), 11, "{names:?}");
    for name in names {
        let a = std::fs::read(shipped.join(&name)).unwrap();
        let b = std::fs::read(out.path().join(&name)).unwrap_or_default();
        assert!(a == b, "{name} differs from what the generator writes");
    }
}

#[test]
fn validate_counts_the_actions_files() {
    let w = World::new();
    let actions = w.write(
        "atgarder.csv",
        "hsa_id;indikator;åtgärd;ansvarig;beslutad;klart_senast;status;kommentar\n\
         SE1000000001-A1;TEL;Ny telefonrutin;Anna;2026-09-15;2026-12-31;Pågår;\n\
         SE1000000001-A1;TEL;Ny telefonrutin;Anna;2026-09-15;2026-12-31;Klar;\n\
         SE1000000001-A1;TEL;Utan datum;Anna;;2026-12-31;Pågår;\n",
    );
    let out = bin().args(["validate", "--year", "2026"]).args(small_args(&w)).arg("--atgarder").arg(&actions).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("atgarder.csv (Överenskomna åtgärder): lästa 3, använda 2, avvisade 1"), "{text}");
    assert!(text.contains("    rad 4, kolumn beslutad: \"\" – beslutad saknas"), "{text}");
    assert!(text.contains("0 sammanslagna dubbletter och 1 ersatta rader"), "{text}");
    // The small world's 38 read, 37 used, 1 rejected, and these 3, 2, 1.
    assert_eq!(text.lines().last().unwrap(), "Totalt: lästa 41, använda 39, avvisade 2");
}

#[test]
fn a_rejected_text_longer_than_a_cell_is_shortened_and_the_report_is_written() {
    let w = World::new();
    let long = "x".repeat(40_000);
    let mut args = small_args(&w);
    // A PVK row whose täljare is 40,000 characters (not a number: rejected), and an action whose
    // comment is as long as that (more than a cell holds: rejected with its reason).
    w.write("pvk.csv", &format!("{PVK}SE1000000001-A1;X1;2026-02;K;{long};60\n"));
    let actions = format!(
        "hsa_id;indikator;åtgärd;ansvarig;beslutad;klart_senast;status;kommentar\n\
         SE1000000001-A1;FLOW;Ring upp;Chef;2026-02-01;2026-06-30;Pågår;{long}\n"
    );
    args.extend(["--atgarder".into(), w.write("atgarder.csv", &actions).display().to_string()]);
    let out = w.path("ut");
    bin().args(["run", "--year", "2026", "--report", "delar1", "--quiet"]).args(&args).arg("--out").arg(&out).assert().success();
    let sheet = crate::fixture::read_sheet(&out.join("delarsrapport-1-2026.xlsx"), "Datakvalitet");
    let marked = "x… [förkortad, 40000 tecken]";
    let shortened: Vec<String> = sheet
        .iter()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .filter(|c| c.ends_with(marked))
        .collect();
    let rows: Vec<Vec<String>> = sheet.iter().map(|r| r.iter().map(|c| c.to_string().chars().take(60).collect::<String>()).collect()).collect();
    assert_eq!(shortened.len(), 2, "the PVK value and the action's comment: {rows:?}");
    assert!(shortened.iter().all(|c| c.chars().count() == 200 + marked.chars().count() - 1));
    let action_row = sheet
        .iter()
        .find(|r| r.iter().any(|c| c.to_string() == "atgarder.csv") && r.iter().any(|c| c.to_string() == "kommentar"))
        .expect("the action's rejected row");
    assert!(
        action_row.iter().any(|c| c.to_string() == "texten är längre än en cell i Excel rymmer (32 767 tecken)"),
        "{action_row:?}"
    );
}
