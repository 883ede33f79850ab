//! Inputs in the shapes exports break into (issue "Hostile and broken inputs"): each shape gives a
//! correct reading or a Swedish error naming the file. Expected counts are read off the fixture
//! rows by hand: the fixture PVK has seven good rows, täljare 5, 12, 20, 10, 24, 10, 20.

use rust_xlsxwriter::{Formula, Workbook, Worksheet};
use uppfoljning::input::{self, InputError, InputFiles};
use uppfoljning::plan;

use crate::fixture::{bin, World, ACCESS, NPE, PLAN, PVK, UNITS};

const PVK_T: [u64; 7] = [5, 12, 20, 10, 24, 10, 20];
const PVK_HEADER: [&str; 6] = ["hsa_id", "indikator", "period", "kön", "täljare", "nämnare"];

fn plan() -> plan::Plan {
    plan::parse(PLAN, "test.toml").unwrap()
}

/// The fixture register with `pvk` as the PVK files.
fn load_pvk(w: &World, pvk: Vec<std::path::PathBuf>) -> Result<input::Inputs, InputError> {
    let files = InputFiles { units: w.write("units.csv", UNITS), pvk, ..Default::default() };
    input::load(&files, &plan())
}

fn error_text(r: Result<input::Inputs, InputError>) -> String {
    match r {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

/// The fixture PVK as a workbook: header on the sheet's row `top` + 1, the rows below it.
fn pvk_workbook(top: u32, extra: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, line) in PVK.lines().enumerate() {
        for (c, v) in line.split(';').enumerate() {
            match v.parse::<f64>() {
                Ok(n) if c >= 4 => ws.write_number(top + r as u32, c as u16, n).unwrap(),
                _ => ws.write_string(top + r as u32, c as u16, v).unwrap(),
            };
        }
    }
    extra(ws);
    wb.save_to_buffer().unwrap()
}

#[test]
fn an_empty_file_or_sheet_has_no_header_and_a_header_alone_is_a_file_without_rows() {
    let w = World::new();
    let mut wb = Workbook::new();
    wb.add_worksheet();
    let empty_sheet = w.write_bytes("pvk_tom.xlsx", &wb.save_to_buffer().unwrap());
    for path in [w.write("pvk_tom.csv", ""), w.write("pvk_blank.csv", "\n\n;;\n"), empty_sheet] {
        let e = error_text(load_pvk(&w, vec![path.clone()]));
        assert!(e.contains("saknar rubrikrad") && e.contains(&*path.file_name().unwrap().to_string_lossy()), "{e}");
    }
    let inputs = load_pvk(&w, vec![w.write("pvk.csv", "hsa_id;indikator;period;kön;täljare;nämnare\n")]).unwrap();
    assert_eq!(inputs.measures.len(), 0);
    let f = &inputs.quality.files[1];
    assert_eq!((f.read, f.used, f.rejected), (0, 0, 0));
}

#[test]
fn a_title_above_the_header_is_not_data_and_rows_keep_their_numbers() {
    let w = World::new();
    // Line 1 a title with a comma, 2 blank, 3 the header, 4–10 the rows, 11 a bad row.
    let text = format!("Export från PVK, maj 2026\n\n{PVK}bad;X1;2026-04;K;1;2\n");
    let inputs = load_pvk(&w, vec![w.write("pvk.csv", &text)]).unwrap();
    assert_eq!(inputs.measures.t, PVK_T);
    assert_eq!(inputs.quality.problems.iter().map(|p| p.row).collect::<Vec<_>>(), [11]);
    // The same in a workbook: a title in A1, the header on row 3.
    let bytes = pvk_workbook(2, |ws| {
        ws.write_string(0, 0, "Uttag från Primärvårdskvalitet 2026-05-02").unwrap();
        for (c, v) in ["bad", "X1", "2026-04", "K", "1", "2"].iter().enumerate() {
            ws.write_string(10, c as u16, *v).unwrap();
        }
    });
    let inputs = load_pvk(&w, vec![w.write_bytes("pvk.xlsx", &bytes)]).unwrap();
    assert_eq!(inputs.measures.t, PVK_T);
    assert_eq!(inputs.quality.problems.iter().map(|p| p.row).collect::<Vec<_>>(), [11]);
}

#[test]
fn a_value_merged_down_over_rows_is_read_into_each_of_them() {
    let w = World::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in PVK_HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    // The unit merged over rows 2–3, which are A1's women and men in April; a region merged
    // across columns within one row (row 9, empty) changes nothing.
    ws.merge_range(1, 0, 2, 0, "SE1000000001-A1", &rust_xlsxwriter::Format::new()).unwrap();
    ws.merge_range(8, 0, 8, 5, "", &rust_xlsxwriter::Format::new()).unwrap();
    for (r, (sex, t)) in [(1u32, ("K", 12.0)), (2, ("M", 20.0))] {
        ws.write_string(r, 1, "X1").unwrap();
        ws.write_string(r, 2, "2026-04").unwrap();
        ws.write_string(r, 3, sex).unwrap();
        ws.write_number(r, 4, t).unwrap();
        ws.write_number(r, 5, 60.0).unwrap();
    }
    let inputs = load_pvk(&w, vec![w.write_bytes("pvk.xlsx", &wb.save_to_buffer().unwrap())]).unwrap();
    assert_eq!(inputs.measures.t, [12, 20]);
    assert_eq!(inputs.measures.unit, [0, 0]);
    assert!(inputs.quality.problems.is_empty());
}

#[test]
fn formulas_are_read_by_the_values_saved_with_them() {
    let w = World::new();
    let bytes = pvk_workbook(0, |ws| {
        // Row 2's täljare as a formula whose saved result is 5, as Excel saves it.
        ws.write_formula(1, 4, Formula::new("=10/2").set_result("5")).unwrap();
    });
    let inputs = load_pvk(&w, vec![w.write_bytes("pvk.xlsx", &bytes)]).unwrap();
    assert_eq!(inputs.measures.t, PVK_T);
}

#[test]
fn a_sheet_filled_to_its_last_row_was_probably_cut_and_stray_far_cells_cost_nothing() {
    let w = World::new();
    let full = pvk_workbook(0, |ws| {
        ws.write_string(1_048_575, 0, "SE1000000001-A1").unwrap();
    });
    let e = error_text(load_pvk(&w, vec![w.write_bytes("pvk_full.xlsx", &full)]));
    assert!(e.contains("pvk_full.xlsx") && e.contains("sista raden (1 048 576)") && e.contains("csv eller parquet"), "{e}");
    // One stray cell in the last column, far below: read without holding the cells between
    // (calamine's dense range would ask for 16,384 × 1,000 cells here, and 17 billion at the
    // sheet's corner); its row is a row without a unit, rejected and listed.
    let stray = pvk_workbook(0, |ws| {
        ws.write_string(999, 16_383, "kvar").unwrap();
    });
    let inputs = load_pvk(&w, vec![w.write_bytes("pvk_stray.xlsx", &stray)]).unwrap();
    assert_eq!(inputs.measures.t, PVK_T);
    let rows: Vec<(u64, &str)> = inputs.quality.problems.iter().map(|p| (p.row, p.reason.as_str())).collect();
    assert_eq!(rows, [(1000, "felaktigt HSA-id")]);
    // Hundreds of them: more than the reader will hold, said plainly.
    let many = pvk_workbook(0, |ws| {
        for r in 0..300 {
            ws.write_string(20 + r, 16_383, "x").unwrap();
        }
    });
    let e = error_text(load_pvk(&w, vec![w.write_bytes("pvk_many.xlsx", &many)]));
    assert!(e.contains("celler långt utanför tabellen") && e.contains("XFD"), "{e}");
}

#[test]
fn byte_order_marks_anywhere_and_mixed_line_ends() {
    let w = World::new();
    // Two exports pieced together, each with its mark; the second's header row is a row of text
    // where numbers belong, rejected and listed. Line ends: CRLF, LF and a lone CR mixed.
    let lines: Vec<&str> = PVK.lines().collect();
    let mut text = String::from("\u{feff}");
    text.push_str(&lines[..4].join("\r\n"));
    text.push('\n');
    text.push_str(&lines[4..].join("\r"));
    text.push_str("\r\n\u{feff}");
    text.push_str(lines[0]);
    text.push('\n');
    let inputs = load_pvk(&w, vec![w.write("pvk.csv", &text)]).unwrap();
    assert_eq!(inputs.measures.t, PVK_T);
    let p: Vec<(u64, &str, &str)> =
        inputs.quality.problems.iter().map(|p| (p.row, p.column.as_str(), p.value.as_str())).collect();
    assert_eq!(p, [(9, "hsa_id", "hsa_id")]);
}

#[test]
fn a_workbook_named_csv_and_a_text_file_named_xlsx_are_read_by_their_content() {
    let w = World::new();
    let inputs = load_pvk(&w, vec![w.write_bytes("pvk.csv", &pvk_workbook(0, |_| {}))]).unwrap();
    assert_eq!(inputs.measures.t, PVK_T);
    let inputs = load_pvk(&w, vec![w.write("pvk.xlsx", PVK)]).unwrap();
    assert_eq!(inputs.measures.t, PVK_T);
}

#[test]
fn an_encrypted_workbook_a_folder_and_a_missing_file_each_say_what_they_are() {
    let w = World::new();
    let mut encrypted = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    encrypted.extend(std::iter::repeat_n(0u8, 600));
    let e = error_text(load_pvk(&w, vec![w.write_bytes("pvk.xlsx", &encrypted)]));
    assert!(e.contains("pvk.xlsx") && e.contains("lösenordsskyddad"), "{e}");
    let folder = w.path("pvk");
    std::fs::create_dir_all(&folder).unwrap();
    let e = error_text(load_pvk(&w, vec![folder]));
    assert!(e.contains("är en mapp, inte en fil"), "{e}");
    let e = error_text(load_pvk(&w, vec![w.path("pvk_saknas.csv")]));
    assert!(e.contains("pvk_saknas.csv") && e.contains("finns inte"), "{e}");
}

#[test]
fn the_same_file_given_twice_or_a_copy_of_it_stops_the_run() {
    let w = World::new();
    let pvk = w.write("pvk.csv", PVK);
    let e = error_text(load_pvk(&w, vec![pvk.clone(), pvk.clone()]));
    assert!(e.contains("pvk.csv och pvk.csv har samma innehåll") && e.contains("PVK"), "{e}");
    let copy = w.write("pvk - kopia.csv", PVK);
    let e = error_text(load_pvk(&w, vec![pvk, copy]));
    assert!(e.contains("pvk.csv och pvk - kopia.csv har samma innehåll"), "{e}");
    // For NPE too, which reads its files one at a time.
    let npe = w.write("npe.csv", NPE);
    let files = InputFiles { units: w.write("units.csv", UNITS), npe: vec![npe.clone(), npe], ..Default::default() };
    let e = error_text(input::load(&files, &plan()));
    assert!(e.contains("npe.csv och npe.csv har samma innehåll") && e.contains("NPE"), "{e}");
    // Two empty exports (a header each, no rows) are equal bytes, and harmless.
    let header = "hsa_id;indikator;period;kön;täljare;nämnare\n";
    let inputs = load_pvk(&w, vec![w.write("pvk_2025.csv", header), w.write("pvk_2026.csv", header)]).unwrap();
    assert_eq!(inputs.measures.len(), 0);
}

#[test]
fn a_file_of_another_data_set_says_which_it_looks_like() {
    let w = World::new();
    let e = error_text(load_pvk(&w, vec![w.write("tillganglighet.csv", ACCESS)]));
    assert!(e.contains("saknar kolumnen \"indikator\"") && e.contains("ser ut att vara en fil med tillgänglighet"), "{e}");
    let e = error_text(load_pvk(&w, vec![w.write("enheter.csv", UNITS)]));
    assert!(e.contains("ser ut att vara ett enhetsregister"), "{e}");
    // A file of no known data set gets no guess.
    let e = error_text(load_pvk(&w, vec![w.write("annat.csv", "a;b;c\n1;2;3\n")]));
    assert!(!e.contains("ser ut att vara"), "{e}");
}

#[test]
fn a_column_pasted_twice_is_named_with_both_letters() {
    let w = World::new();
    let text = PVK.replacen("nämnare\n", "nämnare;täljare\n", 1);
    let e = error_text(load_pvk(&w, vec![w.write("pvk.csv", &text)]));
    assert!(e.contains("pvk.csv") && e.contains("kolumnen \"täljare\" två gånger (kolumn E och G)"), "{e}");
}

/// `run` with one odd file beside valid inputs: a full report (exit 0, the main workbook opens)
/// or a clean failure (exit 1, a Swedish message naming the file, nothing written).
#[test]
fn each_odd_shape_beside_valid_inputs_gives_a_full_report_or_a_clean_failure() {
    let w = World::new();
    let mut encrypted = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    encrypted.extend(std::iter::repeat_n(7u8, 600));
    let long = format!("{PVK}SE1000000001-A1;X1;2026-04;{};1;2\n", "K".repeat(1 << 20));
    let cases: Vec<(&str, Vec<u8>, bool)> = vec![
        ("pvk_tom.csv", vec![], false),
        ("pvk_rubrik.csv", b"hsa_id;indikator;period;kon;taljare;namnare\n".to_vec(), true),
        ("pvk_titel.csv", format!("Export, maj\n{PVK}").into_bytes(), true),
        ("pvk_bom.csv", format!("{PVK}\u{feff}{PVK}").into_bytes(), true),
        ("pvk_cr.csv", PVK.replace('\n', "\r").into_bytes(), true),
        ("pvk_xlsx.csv", pvk_workbook(0, |_| {}), true),
        ("pvk_text.xlsx", PVK.as_bytes().to_vec(), true),
        ("pvk_krypterad.xlsx", encrypted, false),
        ("pvk_lang.csv", long.into_bytes(), true),
        ("pvk_avhuggen.xlsx", pvk_workbook(0, |_| {})[..900].to_vec(), false),
        ("pvk_access.csv", ACCESS.as_bytes().to_vec(), false),
        ("pvk_tva.csv", PVK.replacen("nämnare\n", "nämnare;kön\n", 1).into_bytes(), false),
    ];
    for (name, bytes, runs) in cases {
        let out = w.path(&format!("ut-{name}"));
        let path = w.write_bytes(name, &bytes);
        let p = |n: &str, t: &str| w.write(n, t);
        let result = bin()
            .args(["run", "--year", "2026", "--report", "ar", "--quiet", "--plan"])
            .arg(p("plan.toml", PLAN))
            .arg("--units")
            .arg(p("units.csv", UNITS))
            .arg("--npe")
            .arg(p("npe.csv", NPE))
            .arg("--access")
            .arg(p("access.csv", ACCESS))
            .arg("--pvk")
            .arg(&path)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&result.stderr);
        assert!(!err.contains("panicked"), "{name}: {err}");
        if runs {
            assert_eq!(result.status.code(), Some(0), "{name}: {err}");
            let names = crate::fixture::sheet_names(&out.join("arsrapport-2026.xlsx"));
            assert!(names.iter().any(|n| n == "Datakvalitet"), "{name}");
        } else {
            assert_eq!(result.status.code(), Some(1), "{name}: {err}");
            assert!(err.starts_with("fel: ") && err.contains(name), "{name}: {err}");
            let written: Vec<_> = std::fs::read_dir(&out).map(|d| d.flatten().collect()).unwrap_or_default();
            assert!(written.is_empty(), "{name}: {written:?}");
        }
    }
}

/// Found by the `parquet` fuzz target: a file whose metadata makes polars' decoder panic
/// ("thrift bool field"), and one whose page header says it holds -3 values, which polars would
/// take as a size near 2^64 and abort the program on. Each run says in Swedish that the file
/// cannot be read, with no panic message.
#[test]
fn parquet_files_that_break_the_decoder_are_reported_as_damaged() {
    let w = World::new();
    let cases = [
        ("parquet-metadata-panic.parquet", "kunde inte läsas: filen är skadad"),
        ("parquet-negative-page-count.parquet", "kunde inte läsas: en sida uppger -3 värden i en radgrupp med 2 rader"),
    ];
    for (name, expect) in cases {
        let bytes = std::fs::read(crate::fixture::repo().join("tests/data/fuzz").join(name)).unwrap();
        let path = w.write_bytes(name, &bytes);
        let e = error_text(load_pvk(&w, vec![path.clone()]));
        assert!(e.contains(name) && e.contains(expect), "{e}");
        let result = bin()
            .args(["validate", "--year", "2026", "--plan"])
            .arg(w.write("plan.toml", PLAN))
            .arg("--units")
            .arg(w.write("units.csv", UNITS))
            .arg("--pvk")
            .arg(&path)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "{err}");
        assert!(err.starts_with("fel: ") && !err.contains("panicked") && !err.contains("thrift bool"), "{err}");
    }
}
