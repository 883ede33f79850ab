//! The follow-up dialogue as a cycle, through the binary: actions given with `--atgarder` show
//! on the centre's form and in its dialogue; the form filled in and given back shows the new
//! action, its status and its indicator's change in the next report.
//!
//! Expected values are worked out by hand from the small world of `fixture.rs` (Alfa's FLOW:
//! 2025 80/100; January–April 2026 170/190; January–August 2026 220/240).

use std::path::{Path, PathBuf};

use calamine::Data;

use crate::fixture::{read_sheet, small_run, World, ACCESS};

const ALFA: &str = "SE1000000001-A1";

/// X and Y for Alfa, decided after the årsrapport 2025, two bad rows, and one of Beta's.
const ACTIONS: &str = "\
hsa_id;indikator;åtgärd;ansvarig;beslutad;klart_senast;status;kommentar
SE1000000001-A1;FLOW;Triage hos sjuksköterska;Vårdenhetschef;2026-02-10;2026-03-31;Pågår;
SE1000000001-A1;STAT;Genomgång med Strama;Medicinskt ansvarig läkare;2026-03-01;2026-12-31;Planerad;
SE1000000001-Z9;FLOW;Okänd enhet;Verksamhetschef;2026-02-10;2026-03-31;Pågår;
SE1000000001-A1;NOPE;Fel indikator;Verksamhetschef;2026-02-10;2026-03-31;Pågår;
SE1000000001-B1;STAT;Betas egen rutin;Verksamhetschef;2026-01-15;2026-12-31;Pågår;
";

fn run(w: &World, report: &str, actions: &[PathBuf], out: &str) -> PathBuf {
    let out = w.path(out);
    let mut cmd = small_run(w, report, &out);
    cmd.arg("--access").arg(w.write("access.csv", ACCESS));
    for a in actions {
        cmd.arg("--atgarder").arg(a);
    }
    cmd.assert().success();
    out
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        Data::DateTime(dt) => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        other => other.to_string(),
    }
}

fn rows(file: &Path, sheet: &str) -> Vec<Vec<String>> {
    read_sheet(file, sheet).iter().map(|r| r.iter().map(text).collect()).collect()
}

fn centre(out: &Path, hsa_id: &str) -> PathBuf {
    std::fs::read_dir(out.join("halsocentraler"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(hsa_id))
        .expect("the centre's workbook")
}

/// The lines of one section of a centre's `Dialogunderlag`.
fn section(file: &Path, heading: &str) -> Vec<String> {
    let lines: Vec<String> = rows(file, "Dialogunderlag").into_iter().map(|r| r[0].clone()).collect();
    let start = lines.iter().position(|l| l == heading).expect("heading") + 1;
    lines[start..].iter().take_while(|l| !l.is_empty()).cloned().collect()
}

/// Fills in a form as the unit would in the dialogue and saves it as a new workbook: `edit`
/// changes the rows read (the header first), new rows are appended after the filled ones.
fn fill_in(form: &Path, edit: impl Fn(&mut Vec<Vec<String>>), to: &Path) {
    let mut table: Vec<Vec<String>> = rows(form, "Åtgärder")
        .into_iter()
        .map(|r| r.into_iter().take(8).collect::<Vec<_>>())
        .take_while(|r| r.iter().any(|c| !c.is_empty()))
        .collect();
    edit(&mut table);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Åtgärder").unwrap();
    for (r, row) in table.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            let date = (r > 0 && (c == 4 || c == 5)).then(|| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()).flatten();
            match date {
                Some(d) => {
                    use chrono::Datelike;
                    let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).unwrap();
                    ws.write_datetime_with_format(r, c, dt, &rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd")).unwrap();
                }
                None if !v.is_empty() => {
                    ws.write_string(r, c, v).unwrap();
                }
                None => {}
            }
        }
    }
    wb.save(to).unwrap();
}

#[test]
fn an_action_agreed_on_the_form_is_followed_up_in_the_next_report() {
    let w = World::new();
    let csv = w.write("atgarder.csv", ACTIONS);

    // Delårsrapport 1: X was decided in February, so it is measured from the årsrapport 2025
    // (Alfa 80/100 = 80,0 %) to now (170/190 = 89,5 %): +9,5, and the pooled test gives
    // z = 0,0947 / √(250/290 · 40/290 · (1/190 + 1/100)) = 2,22 > 1,96 — an improvement.
    // Its klart_senast 2026-03-31 is before 2026-04-30 while it is Pågår: late.
    let first = run(&w, "delar1", std::slice::from_ref(&csv), "delar1");
    let alfa = centre(&first, ALFA);
    let followed = section(&alfa, "Uppföljning av överenskomna åtgärder");
    assert!(followed[0].starts_with("Hälsocentralens aktuella åtgärder"), "the rule first: {followed:#?}");
    assert!(followed[0].contains("före 2026-04-30, rapportperiodens sista dag"), "{followed:#?}");
    assert_eq!(
        followed[1..3],
        [
            "• Bedömning inom 3 dagar: Triage hos sjuksköterska. Ansvarig: Vårdenhetschef. Beslutad 2026-02-10, \
             klart senast 2026-03-31. Status: Pågår – försenad (klart senast har passerat).",
            "      – Indikatorn när åtgärden beslutades (Årsrapport 2025, 2025 jan–dec): 80,0 %. \
             Nu (Delårsrapport 1 2026, 2026 jan–apr): 89,5 %. Skillnad +9,5 procentenheter, förbättring.",
        ],
        "{followed:#?}"
    );
    assert!(followed[3].starts_with("• Antibiotika vid luftvägsinfektion: Genomgång med Strama."), "{followed:#?}");
    // Alfa's row that could not be read is told with what it said, under the actions and not
    // again under Datakvalitet.
    assert_eq!(
        followed[5..7],
        [
            "• Åtgärden \"Fel indikator\" kunde inte läsas in och följs inte upp: indikatorn finns inte i \
             uppföljningsplanen 2026 (indikator = \"NOPE\").",
            "      – Rätta den eller skriv in den på nytt på bladet Åtgärder (den lämnades in i atgarder.csv, rad 5).",
        ],
        "{followed:#?}"
    );
    assert!(section(&alfa, "Datakvalitet").iter().all(|l| !l.contains("atgarder.csv")));
    // FLOW at 89,5 % is only delvis uppfyllt, a priority: the action agreed on it stands under it.
    let priorities = section(&alfa, "Prioriterade förbättringsområden");
    let at = priorities.iter().position(|l| l.contains("Bedömning inom 3 dagar")).expect("FLOW is a priority");
    assert_eq!(
        priorities[at + 1],
        "      – Överenskommen åtgärd: Triage hos sjuksköterska. Status: Pågår – försenad (klart senast har passerat)."
    );
    // Beta's action is on Beta's sheets only; Gamma has none.
    let beta = centre(&first, "SE1000000001-B1");
    assert!(section(&beta, "Uppföljning av överenskomna åtgärder").iter().any(|l| l.contains("Betas egen rutin")));
    let gamma = centre(&first, "SE1000000001-C1");
    assert_eq!(section(&gamma, "Uppföljning av överenskomna åtgärder"), ["• Inga överenskomna åtgärder."]);
    for sheet in crate::fixture::sheet_names(&alfa) {
        for row in rows(&alfa, &sheet) {
            assert!(row.iter().all(|c| !c.contains("SE1000000001-B1") && !c.contains("Beta")), "Alfa's {sheet}: {row:?}");
        }
    }
    // The form: the header is the first row, exactly the data set's columns, then X and Y.
    let form = rows(&alfa, "Åtgärder");
    assert_eq!(form[0][..8], ["hsa_id", "indikator", "åtgärd", "ansvarig", "beslutad", "klart_senast", "status", "kommentar"]);
    assert_eq!(form[1][..7], [ALFA, "FLOW", "Triage hos sjuksköterska", "Vårdenhetschef", "2026-02-10", "2026-03-31", "Pågår"]);
    assert_eq!(form[2][..3], [ALFA, "STAT", "Genomgång med Strama"]);
    assert!(form[3][..8].iter().all(String::is_empty), "then empty rows: {:?}", form[3]);
    assert!(rows(&gamma, "Åtgärder")[1][..8].iter().all(String::is_empty), "Gamma's form has only empty rows");

    // The dialogue: X is done, Y stays as it was, Z is new (decided in May: measured from
    // delårsrapport 1, 89,5 %, to delårsrapport 2, 220/240 = 91,7 %: +2,2, z = 0,78).
    let filled = w.path("ifylld.xlsx");
    fill_in(
        &alfa,
        |t| {
            t[1][6] = "Klar".into();
            t[1][7] = "Klar i april".into();
            t.push(
                [ALFA, "FLOW", "Återuppringning via webben", "Vårdenhetschef", "2026-05-20", "2026-09-30", "Planerad", ""]
                    .map(String::from)
                    .to_vec(),
            );
        },
        &filled,
    );
    // The csv first, the workbook as written (unchanged) next, the filled-in copy last.
    let second = run(&w, "delar2", &[csv, alfa.clone(), filled], "delar2");
    let main = second.join("delarsrapport-2-2026.xlsx");
    let list = rows(&main, "Åtgärder");
    let header = &list[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name} in {header:?}"));
    let of_alfa: Vec<&Vec<String>> = list.iter().filter(|r| r[0] == ALFA).collect();
    let got: Vec<(&str, &str, &str, &str, &str, &str)> = of_alfa
        .iter()
        .map(|r| {
            (
                r[col("åtgärd")].as_str(),
                r[col("status")].as_str(),
                r[col("Jämförs med")].as_str(),
                r[col("Värde då")].as_str(),
                r[col("Värde nu")].as_str(),
                r[col("Bedömning")].as_str(),
            )
        })
        .collect();
    // X: 80,0 → 91,7 (+11,7; z = 3,04: an improvement). Y: STAT has no rows in 2025, nor in
    // August 2026, the month a status indicator reads for delårsrapport 2.
    assert_eq!(
        got,
        [
            ("Triage hos sjuksköterska", "Klar", "Årsrapport 2025", "80", "91.7", "Förbättring"),
            ("Genomgång med Strama", "Planerad", "Årsrapport 2025", "–", "–", ""),
            ("Återuppringning via webben", "Planerad", "Delårsrapport 1 2026", "89.5", "91.7", "Ingen säker förändring"),
        ],
        "one row per action, the status given last"
    );
    assert_eq!(of_alfa[2][col("Förändring")], "2.2");
    assert_eq!(of_alfa[0][col("Hälsocentral")], "Alfa hälsocentral");
    assert_eq!(of_alfa[0][col("Klart senast")], "Passerad", "passed, but done: not late");
    assert_eq!(of_alfa[0][col("Indikatornamn")], "Bedömning inom 3 dagar");

    let z = section(&centre(&second, ALFA), "Uppföljning av överenskomna åtgärder");
    let at = z.iter().position(|l| l.contains("Återuppringning via webben")).expect("the new action");
    assert_eq!(
        z[at..at + 2],
        [
            "• Bedömning inom 3 dagar: Återuppringning via webben. Ansvarig: Vårdenhetschef. Beslutad 2026-05-20, \
             klart senast 2026-09-30. Status: Planerad, klart senast har inte passerat.",
            "      – Indikatorn när åtgärden beslutades (Delårsrapport 1 2026, 2026 jan–apr): 89,5 %. \
             Nu (Delårsrapport 2 2026, 2026 jan–aug): 91,7 %. Skillnad +2,2 procentenheter, ingen säker förändring.",
        ]
    );
    assert!(z.iter().any(|l| l.contains("Triage hos sjuksköterska") && l.contains("Status: Klar, klart senast har passerat.")));

    // Datakvalitet: the bad rows with reasons; per file, rows merged and replaced.
    let quality = rows(&main, "Datakvalitet");
    let counts: Vec<Vec<String>> =
        quality.iter().filter(|r| r[0] == "Överenskomna åtgärder").map(|r| r[1..8].to_vec()).collect();
    let alfa_name = alfa.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(
        counts,
        [
            ["atgarder.csv", "5", "3", "2", "0", "1", "1"].map(String::from).to_vec(),
            [alfa_name.as_str(), "2", "2", "0", "0", "1", "1"].map(String::from).to_vec(),
            ["ifylld.xlsx", "3", "3", "0", "0", "0", "0"].map(String::from).to_vec(),
        ]
    );
    for (row, reason) in [("4", "HSA-id finns inte i enhetsregistret"), ("5", "indikatorn finns inte i uppföljningsplanen 2026")] {
        assert!(
            quality.iter().any(|r| r[1] == "atgarder.csv" && r[2] == row && r[5] == reason),
            "row {row}: {reason}"
        );
    }
}

#[test]
fn without_actions_the_main_sheet_says_so_and_forms_are_empty() {
    let w = World::new();
    let out = run(&w, "delar1", &[], "ut");
    let list = rows(&out.join("delarsrapport-1-2026.xlsx"), "Åtgärder");
    assert!(list[1].iter().all(String::is_empty), "an empty table: {:?}", list[1]);
    assert!(list.iter().any(|r| r.iter().any(|c| c == "Inga överenskomna åtgärder finns i indata.")));
    let alfa = centre(&out, ALFA);
    assert_eq!(section(&alfa, "Uppföljning av överenskomna åtgärder"), ["• Inga överenskomna åtgärder."]);
}
