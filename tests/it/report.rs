//! The written workbooks read back with calamine: sheets in order, the symbols of hidden cells,
//! the data quality listing, and centre workbooks that hold nothing about other units.

use std::path::{Path, PathBuf};

use calamine::Data;

use crate::fixture::{bin, read_sheet, sheet_names, small_run, small_run_register, World, ACCESS, NPE, PLAN, PVK, UNITS};

/// Runs delar1 2026 on the small world; returns the out folder.
fn run_small(w: &World) -> PathBuf {
    run_small_with(w, ACCESS)
}

/// As [`run_small`], with other accessibility rows.
fn run_small_with(w: &World, access: &str) -> PathBuf {
    let out = w.path("ut");
    small_run(w, "delar1", &out).arg("--access").arg(w.write("access.csv", access)).assert().success();
    out
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The row whose first cell is `first` (after `from`), as text.
fn row_starting(rows: &[Vec<Data>], first: &str) -> Vec<String> {
    rows.iter().find(|r| r.first().map(text).as_deref() == Some(first)).map(|r| r.iter().map(text).collect()).unwrap_or_default()
}

fn centre_files(out: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(out.join("halsocentraler")).unwrap().flatten().map(|e| e.path()).collect();
    v.sort();
    v
}

#[test]
fn main_workbook_has_the_sheets_in_order() {
    let w = World::new();
    let out = run_small(&w);
    let main = out.join("delarsrapport-1-2026.xlsx");
    assert_eq!(
        sheet_names(&main),
        [
            "Om rapporten",
            "Innehåll",
            "Indikatorer",
            "Översikt",
            "Tillgänglighet",
            "Kontinuitet",
            "Patientupplevd kvalitet",
            "Jämställdhet",
            "Åtgärder",
            "Datakvalitet",
            "Riket",
            "Data",
            "Månadsdata"
        ]
    );
    // Tables with unique headers are named Excel tables (accessibility), each on its sheet.
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&main).unwrap();
    wb.load_tables().unwrap();
    for (table, sheet) in
        [("Indikatorer", "Indikatorer"), ("Filer", "Datakvalitet"), ("Atgarder", "Åtgärder"), ("Riket", "Riket"), ("Data", "Data"), ("Manadsdata", "Månadsdata")]
    {
        assert_eq!(wb.table_by_name(table).map(|t| t.sheet_name().to_string()).ok().as_deref(), Some(sheet), "{table}");
    }
    let about = read_sheet(&main, "Om rapporten");
    assert_eq!(text(&about[0][0]), "Delårsrapport 1 2026 – Uppföljning Hälsoval primärvård");
    // Every input file with its SHA-256 (64 hex digits, printed as two lines of 32) and counts.
    let access = row_starting(&about, "Tillgänglighet");
    assert_eq!(access[1], "access.csv");
    let (head, tail) = access[2].split_once('\n').expect("two lines");
    assert_eq!((head.len(), tail.len()), (32, 32));
    assert!(access[2].chars().all(|c| c == '\n' || c.is_ascii_hexdigit()));
    assert_eq!(&access[3..6], ["18", "17", "1"]);
}

#[test]
fn hidden_cells_show_the_swedish_statistics_symbols() {
    let w = World::new();
    let out = run_small(&w);
    let main = out.join("delarsrapport-1-2026.xlsx");
    // Patientupplevd kvalitet: Alfa's Män is secondarily suppressed → "..";
    // Beta has no survey respondents → "–". Each sex has value, n, KI låg, KI hög.
    let sheet = read_sheet(&main, "Patientupplevd kvalitet");
    let alfa = row_starting(&sheet, "Alfa hälsocentral");
    assert_eq!((alfa[2].as_str(), alfa[6].as_str(), alfa[10].as_str()), ("78", "..", "71.9047619047619"));
    // Kvinnor n 5 and interval 50,0–100 beside the value (worked out in compute.rs); none for Män.
    assert_eq!((alfa[3].as_str(), alfa[5].as_str(), alfa[7].as_str()), ("5", "100", ""));
    let beta = row_starting(&sheet, "Beta hälsocentral");
    assert_eq!((beta[2].as_str(), beta[6].as_str(), beta[10].as_str()), ("–", "–", "–"));
    // The legend explains every symbol, the reason for an unknown-sex group included.
    assert!(text(&sheet[2][0]).contains("”..¹” dolt för att skydda en grupp med okänt kön"), "{:?}", sheet[2][0]);
    // Tillgänglighet: TEL is not split by sex → "." in Kvinnor and Män.
    let sheet = read_sheet(&main, "Tillgänglighet");
    let tel_alfa: Vec<&Vec<Data>> =
        sheet.iter().filter(|r| r.first().map(text).as_deref() == Some("Alfa hälsocentral")).collect();
    assert_eq!(tel_alfa.len(), 2, "one row per indicator block");
    assert_eq!((text(&tel_alfa[1][2]), text(&tel_alfa[1][6])), (".".to_string(), ".".to_string()));
    // Values are numbers, not text.
    assert!(matches!(tel_alfa[1][10], Data::Float(_)));
}

#[test]
fn overview_lists_units_by_area_then_swedish_name_then_aggregates() {
    let w = World::new();
    let out = run_small(&w);
    let sheet = read_sheet(&out.join("delarsrapport-1-2026.xlsx"), "Översikt");
    let names: Vec<String> = sheet.iter().skip(4).map(|r| text(&r[0])).collect();
    assert_eq!(
        names,
        [
            "Alfa hälsocentral",
            "Beta hälsocentral",
            "Delta hälsocentral",
            "Gamma hälsocentral",
            "Länet totalt",
            "Riket",
            "Område Norr",
            "Område Syd",
            "Privat primärvård",
            "Regiondriven primärvård"
        ]
    );
    // Delta closes mid-period: its note says so.
    let delta = row_starting(&sheet, "Delta hälsocentral");
    assert!(delta.iter().any(|c| c == "stängd 2026-02-15"), "{delta:?}");
}

/// The heading line under the report title of a centre's `Indikatorblad`.
fn centre_heading(out: &Path, file: &str) -> String {
    text(&read_sheet(&out.join("halsocentraler").join(file), "Indikatorblad")[2][0])
}

#[test]
fn a_register_of_the_four_required_columns_runs_and_each_optional_column_shows() {
    // The small world's register has sjukstuga (Gamma: ja) and giltig_till (Delta closes 2026-02-15).
    let w = World::new();
    let full = run_small(&w);
    assert!(centre_heading(&full, "SE1000000001-C1 Gamma hälsocentral.xlsx").ends_with(" · sjukstuga"));
    assert!(centre_heading(&full, "SE1000000001-D1 Delta hälsocentral.xlsx").contains("stängd"));

    // Only hsa_id, namn, regi and område: no sjukstuga, every unit open all year, no kommun.
    let w = World::new();
    let out = w.path("ut");
    let minimal = "hsa_id;namn;regi;område\n\
        SE1000000001-A1;Alfa hälsocentral;Region;Norr\n\
        SE1000000001-B1;Beta hälsocentral;Region;Norr\n\
        SE1000000001-C1;Gamma hälsocentral;Privat;Syd\n\
        SE1000000001-D1;Delta hälsocentral;Region;Syd\n";
    small_run_register(&w, "delar1", &out, minimal).arg("--access").arg(w.write("access.csv", ACCESS)).assert().success();
    let gamma = centre_heading(&out, "SE1000000001-C1 Gamma hälsocentral.xlsx");
    assert_eq!(gamma, "HSA-id SE1000000001-C1 · Syd · regi Privat");
    assert_eq!(centre_heading(&out, "SE1000000001-D1 Delta hälsocentral.xlsx"), "HSA-id SE1000000001-D1 · Syd · regi Region");
    let sheet = read_sheet(&out.join("delarsrapport-1-2026.xlsx"), "Översikt");
    let delta = row_starting(&sheet, "Delta hälsocentral");
    assert!(!delta.is_empty() && !delta.iter().any(|c| c.contains("stängd")), "{delta:?}");
    // Delta's March row (after 2026-02-15 in the full register) is used now: nothing is rejected.
    let quality = read_sheet(&out.join("delarsrapport-1-2026.xlsx"), "Datakvalitet");
    assert!(!quality.iter().any(|r| r.iter().map(text).any(|c| c.contains("utanför enhetens giltighet"))));

    // A kommun column: beside the name in the tables, in the centre's heading; an empty cell shows nothing.
    let w = World::new();
    let out = w.path("ut");
    let with_kommun = "hsa_id;namn;regi;område;kommun\n\
        SE1000000001-A1;Alfa hälsocentral;Region;Norr;Umeå\n\
        SE1000000001-B1;Beta hälsocentral;Region;Norr;\n\
        SE1000000001-C1;Gamma hälsocentral;Privat;Syd;Vännäs kommun\n\
        SE1000000001-D1;Delta hälsocentral;Region;Syd;Robertsfors\n";
    small_run_register(&w, "delar1", &out, with_kommun).arg("--access").arg(w.write("access.csv", ACCESS)).assert().success();
    let sheet = read_sheet(&out.join("delarsrapport-1-2026.xlsx"), "Översikt");
    let names: Vec<String> = sheet.iter().skip(4).take(4).map(|r| text(&r[0])).collect();
    assert_eq!(
        names,
        ["Alfa hälsocentral, Umeå", "Beta hälsocentral", "Delta hälsocentral, Robertsfors", "Gamma hälsocentral, Vännäs kommun"]
    );
    let area = read_sheet(&out.join("delarsrapport-1-2026.xlsx"), "Tillgänglighet");
    assert!(area.iter().any(|r| r.first().map(text).as_deref() == Some("Alfa hälsocentral, Umeå")));
    assert_eq!(centre_heading(&out, "SE1000000001-A1 Alfa hälsocentral.xlsx"), "HSA-id SE1000000001-A1 · Norr · regi Region · Umeå kommun");
    assert_eq!(centre_heading(&out, "SE1000000001-B1 Beta hälsocentral.xlsx"), "HSA-id SE1000000001-B1 · Norr · regi Region");
    assert_eq!(
        centre_heading(&out, "SE1000000001-C1 Gamma hälsocentral.xlsx"),
        "HSA-id SE1000000001-C1 · Syd · regi Privat · Vännäs kommun"
    );
}

#[test]
fn data_quality_lists_every_rejected_row() {
    let w = World::new();
    let out = run_small(&w);
    let sheet = read_sheet(&out.join("delarsrapport-1-2026.xlsx"), "Datakvalitet");
    // access.csv line 17: Delta's March row, after it closed.
    let row = sheet
        .iter()
        .map(|r| r.iter().map(text).collect::<Vec<_>>())
        .find(|r| r.get(1).map(String::as_str) == Some("access.csv") && r.get(2).map(String::as_str) == Some("17"))
        .expect("the rejected row is listed");
    assert_eq!(row[3], "period");
    assert_eq!(row[4], "2026-03");
    assert!(row[5].contains("utanför enhetens giltighet"));
    // The invalid NPE answer (line 7, F13 = 7) is listed as a consequence, not a rejection.
    assert!(sheet.iter().any(|r| r.iter().map(text).collect::<Vec<_>>()[..3] == ["svaret räknas som obesvarat", "npe.csv", "7"]));
}

#[test]
fn one_centre_workbook_per_unit_holding_nothing_about_other_units() {
    let w = World::new();
    let out = run_small(&w);
    let files = centre_files(&out);
    let names: Vec<String> = files.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(
        names,
        [
            "SE1000000001-A1 Alfa hälsocentral.xlsx",
            "SE1000000001-B1 Beta hälsocentral.xlsx",
            "SE1000000001-C1 Gamma hälsocentral.xlsx",
            "SE1000000001-D1 Delta hälsocentral.xlsx"
        ]
    );
    let units = [
        ("SE1000000001-A1", "Alfa"),
        ("SE1000000001-B1", "Beta"),
        ("SE1000000001-C1", "Gamma"),
        ("SE1000000001-D1", "Delta"),
    ];
    for (file, (id, name)) in files.iter().zip(units) {
        assert_eq!(sheet_names(file), ["Indikatorblad", "Utveckling", "Dialogunderlag", "Åtgärder", "Indikatorer", "Data"]);
        let data = read_sheet(file, "Data");
        let ids: std::collections::BTreeSet<String> = data.iter().skip(1).map(|r| text(&r[2])).collect();
        assert_eq!(ids, [id.to_string(), "LÄNET".to_string()].into_iter().collect());
        for sheet in ["Indikatorblad", "Utveckling", "Dialogunderlag", "Åtgärder", "Indikatorer", "Data"] {
            for row in read_sheet(file, sheet) {
                for cell in row.iter().map(text) {
                    for (other_id, other_name) in units.iter().filter(|(i, _)| *i != id) {
                        assert!(
                            !cell.contains(other_id) && !cell.contains(other_name),
                            "{name}'s {sheet} mentions {other_name}: {cell}"
                        );
                    }
                }
            }
        }
    }
}

/// The lines of a centre's `Dialogunderlag`, and the lines of each agenda section by heading.
fn dialogue(file: &Path) -> (Vec<String>, Vec<(String, Vec<String>)>) {
    let lines: Vec<String> = read_sheet(file, "Dialogunderlag").iter().map(|r| text(&r[0])).collect();
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    for l in &lines[3..] {
        if AGENDA.contains(&l.as_str()) {
            sections.push((l.clone(), Vec::new()));
        } else if let Some(s) = sections.last_mut().filter(|_| !l.is_empty()) {
            s.1.push(l.clone());
        }
    }
    (lines, sections)
}

const AGENDA: [&str; 7] = [
    "Sammanfattning",
    "Det som går bra",
    "Prioriterade förbättringsområden",
    "Utveckling över tid",
    "Skillnader mellan kvinnor och män",
    "Uppföljning av överenskomna åtgärder",
    "Datakvalitet",
];

#[test]
fn dialogue_follows_the_fixed_agenda_built_from_the_data() {
    let w = World::new();
    let out = run_small(&w);
    let files = centre_files(&out);
    for f in &files {
        let (_, sections) = dialogue(f);
        let headings: Vec<&str> = sections.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(headings, AGENDA, "{}", f.display());
        assert!(sections.iter().all(|s| !s.1.is_empty()), "every section says something: {sections:#?}");
    }
    let (_, beta) = dialogue(&files[1]);
    let section = |s: &[(String, Vec<String>)], h: &str| s.iter().find(|x| x.0 == h).unwrap().1.clone();
    // FLOW, STAT and SURV have targets; Beta's SURV has no respondents.
    assert_eq!(
        section(&beta, "Sammanfattning"),
        ["• Av 3 indikatorer med mål är målet uppfyllt för 0, delvis uppfyllt för 1 och inte uppfyllt för 1; \
          1 kan inte bedömas (för få observationer eller ingen data)."]
    );
    assert_eq!(section(&beta, "Det som går bra"), ["• Inget att ta upp."]);
    // STAT Totalt 24/60 = 40,0 % against ≤ 30: ej uppfyllt. Wilson 95 %: centre
    // (0,4 + 1,96²/120)/(1 + 1,96²/60) = 0,40601, half 1,96·√(0,004 + 1,96²/14400)/1,06403 =
    // 0,12032 → 28,6–52,6: the lower bound is Uppfyllt, so osäkert. FLOW 3399/4000 = 85,0 %
    // (delvis), interval 83,8–86,1 all Delvis → säkert. No certain Ej uppfyllt, so both are in
    // the second group, by distance: 10,0 before 5,0.
    let priorities = section(&beta, "Prioriterade förbättringsområden");
    assert!(priorities[0].starts_with("Högst fem indikatorer"), "the rule is stated: {priorities:?}");
    assert_eq!(
        priorities[1..],
        [
            "1. Antibiotika vid luftvägsinfektion: 40,0 % (mål ≤ 30 %, delvis ≤ 35 %) – ej uppfyllt, osäkert; 10,0 procentenheter från målet.",
            "2. Bedömning inom 3 dagar: 85,0 % (mål ≥ 90 %, delvis ≥ 80 %) – delvis uppfyllt, säkert; 5,0 procentenheter från målet."
        ]
    );
    // Beta's women 1799/2000 = 90,0 %, men 1600/2000 = 80,0 %: z = 8.8; higher is better.
    assert_eq!(
        section(&beta, "Skillnader mellan kvinnor och män"),
        ["• Bedömning inom 3 dagar: kvinnor 90,0 %, män 80,0 % – statistiskt säker skillnad, bättre för kvinnor."]
    );
    assert_eq!(section(&beta, "Uppföljning av överenskomna åtgärder"), ["• Inga överenskomna åtgärder."]);
    // Alfa: STAT 32/120 = 26,7 % ≤ 30 → uppfyllt; Wilson 19,6–35,2, and 35,2 is Ej uppfyllt →
    // osäkert. FLOW 170/190 = 89,5 % is only delvis, but against 2025's 80/100 the test finds
    // an improvement (z = 2,22).
    let (_, alfa) = dialogue(&files[0]);
    let well = section(&alfa, "Det som går bra");
    for want in [
        "• Bedömning inom 3 dagar: Jämfört med 2025 jan–apr: 80,0 % → 89,5 % (+9,5 procentenheter), Förbättring.",
        "• Antibiotika vid luftvägsinfektion: 26,7 % (mål ≤ 30 %, delvis ≤ 35 %) – uppfyllt, osäkert.",
    ] {
        assert!(well.contains(&want.to_string()), "{want}: {well:#?}");
    }
    // The course over time in figures, with the change and the position against the county.
    let course = section(&alfa, "Utveckling över tid");
    assert!(
        course[0].starts_with("• Bedömning inom 3 dagar: Första visade månad jan 83,3 %, sista apr 93,0 %;"),
        "{course:#?}"
    );
}

#[test]
fn every_written_file_is_byte_identical_on_a_second_run() {
    let a = World::new();
    let b = World::new();
    let (oa, ob) = (run_small(&a), run_small(&b));
    let main = "delarsrapport-1-2026.xlsx";
    assert!(std::fs::read(oa.join(main)).unwrap() == std::fs::read(ob.join(main)).unwrap());
    for (x, y) in centre_files(&oa).iter().zip(centre_files(&ob)) {
        assert!(std::fs::read(x).unwrap() == std::fs::read(&y).unwrap(), "{} differs", x.display());
    }
}

#[test]
fn contents_lists_every_sheet_of_the_workbook_in_order() {
    let w = World::new();
    let main = run_small(&w).join("delarsrapport-1-2026.xlsx");
    let names = sheet_names(&main);
    // Each of the plan's three areas has indicators, so each gets a sheet after Översikt.
    let expected = [
        "Om rapporten",
        "Innehåll",
        "Indikatorer",
        "Översikt",
        "Tillgänglighet",
        "Kontinuitet",
        "Patientupplevd kvalitet",
        "Jämställdhet",
        "Åtgärder",
        "Datakvalitet",
        "Riket",
        "Data",
        "Månadsdata",
    ];
    assert_eq!(names, expected);
    // Innehåll: title, subtitle, a blank row, then one linked line per sheet.
    let listed: Vec<String> = read_sheet(&main, "Innehåll").iter().skip(3).map(|r| text(&r[0])).collect();
    assert_eq!(listed, expected);
}

#[test]
fn dialogue_lists_the_centres_own_data_problems_by_file_and_kind() {
    let w = World::new();
    // Two more rows for Beta with inom > totalt (file rows 20 and 22) and one of a measure the
    // plan does not use (row 21), which is not the centre's problem.
    let access = format!(
        "{ACCESS}SE1000000001-B1;bedömning_3d;2026-03;K;30;20\n\
         SE1000000001-B1;väntetid_op;2026-03;K;1;2\n\
         SE1000000001-B1;bedömning_3d;2026-04;K;9;8\n"
    );
    let out = run_small_with(&w, &access);
    let files = centre_files(&out);
    let quality = |i: usize| dialogue(&files[i]).1.into_iter().find(|s| s.0 == "Datakvalitet").unwrap().1;
    // The notes (months without data) follow these lines.
    assert_eq!(
        quality(1)[..2],
        [
            "• access.csv: 2 rader avvisades och ingår inte i värdena – inom är större än totalt (rader 20, 22).",
            "• Varje avvisad rad står med kolumn, värde och skäl i huvudrapportens blad Datakvalitet."
        ]
    );
    // Notes reach the centre they are about. Alfa has TEL rows for January only (of Jan–Apr);
    // Gamma has no rows at all; Delta closed on 15 February.
    assert!(quality(0).contains(&"• Alfa hälsocentral (SE1000000001-A1): TEL saknar data för 2026-02, 2026-03, 2026-04.".to_string()));
    assert!(quality(2).contains(&"• Gamma hälsocentral (SE1000000001-C1) har inga data för perioden.".to_string()));
    assert!(quality(3).contains(&"• Delta hälsocentral (SE1000000001-D1) stängde 2026-02-15.".to_string()));
    assert!(!quality(0).iter().any(|l| l.contains("avvisades")), "Alfa has no rejected rows");
}

#[test]
fn utveckling_shows_the_months_and_tells_the_course_in_figures() {
    let w = World::new();
    let out = run_small(&w);
    let alfa = &centre_files(&out)[0];
    assert_eq!(sheet_names(alfa), ["Indikatorblad", "Utveckling", "Dialogunderlag", "Åtgärder", "Indikatorer", "Data"]);
    let rows = read_sheet(alfa, "Utveckling");
    let at = rows.iter().position(|r| text(&r[0]) == "Bedömning inom 3 dagar, %").expect("FLOW block");
    let labels: Vec<String> = rows[at..at + 4].iter().map(|r| text(&r[1])).collect();
    assert_eq!(labels, ["Hälsocentralen 2026", "Hälsocentralen 2025", "Länet 2026", "Länet 2025"]);
    // Alfa, Totalt, by month: Jan K 10/12 + M 25/30 = 35/42; Feb K 20/22 + unknown 18/20 = 38/42;
    // Mar K 30/33 + M 27/30 = 57/63; Apr K 40/43.
    let expected = [100.0 * 35.0 / 42.0, 100.0 * 38.0 / 42.0, 100.0 * 57.0 / 63.0, 100.0 * 40.0 / 43.0];
    for (c, want) in expected.iter().enumerate() {
        match &rows[at][2 + c] {
            Data::Float(v) => assert!((v - want).abs() < 1e-9, "{v} {want}"),
            other => panic!("month {c}: {other:?}"),
        }
    }
    // 2025: January only (K 80/100), the other months ingen data.
    assert_eq!(text(&rows[at + 1][3]), "–");
    // The course in figures, and the change tested: 2025 jan–apr 80/100 = 80,0 % against
    // 170/190 = 89,5 %; pooled p = 250/290, se = √(p(1−p)(1/190 + 1/100)) = 0.04260,
    // z = (0.89474 − 0.8)/0.04260 = 2.22 > 1.96, higher is better → Förbättring.
    let course = text(&rows[at + 4][1]);
    assert_eq!(
        course,
        "Första visade månad jan 83,3 %, sista apr 93,0 %; lägst 83,3 % (jan), högst 93,0 % (apr). \
         Jämfört med 2025 jan–apr: 80,0 % → 89,5 % (+9,5 procentenheter), Förbättring."
    );
    // The Indikatorblad shows the same change beside last year, with its test in words.
    let sheet = read_sheet(alfa, "Indikatorblad");
    let flow = row_starting(&sheet, "Bedömning inom 3 dagar");
    assert_eq!((flow[13].as_str(), flow[14].as_str(), flow[15].as_str()), ("80", "9.5", "Förbättring"));
    // No trend words anywhere on the sheet.
    for r in &rows {
        for c in r.iter().map(text) {
            for word in ["sjunk", "stig", "ökande", "minskande", "trend"] {
                assert!(!c.to_lowercase().contains(word), "{c}");
            }
        }
    }
}

#[test]
fn target_outcomes_say_whether_they_are_certain() {
    let w = World::new();
    let out = run_small(&w);
    let files = centre_files(&out);
    let outcome = |file: &Path, indicator: &str| {
        let rows = read_sheet(file, "Indikatorblad");
        let header = rows.iter().position(|r| text(&r[0]) == "Indikator").expect("header row");
        let col = rows[header].iter().position(|c| text(c) == "Måluppfyllelse").expect("outcome column");
        let row = rows.iter().find(|r| text(&r[0]) == indicator).expect("indicator row");
        text(&row[col])
    };
    // Alfa STAT 32/120 = 26,7 % ≤ 30: uppfyllt, but the Wilson interval 19,6–35,2 reaches Ej
    // uppfyllt (> 35): osäkert. Beta FLOW 3399/4000 = 85,0 %, interval 83,8–86,1, all in
    // Delvis (80–90): säkert.
    assert_eq!(outcome(&files[0], "Antibiotika vid luftvägsinfektion"), "✔ Uppfyllt, osäkert");
    assert_eq!(outcome(&files[1], "Bedömning inom 3 dagar"), "◐ Delvis uppfyllt, säkert");
    // The legend explains the parentheses that mark osäkert on the value cells.
    let overview = read_sheet(&out.join("delarsrapport-1-2026.xlsx"), "Översikt");
    assert!(text(&overview[1][0]).contains("symbolen inom parentes"), "{:?}", overview[1]);
}

#[test]
fn equality_sheet_says_who_does_better_and_what_chance_gives() {
    let w = World::new();
    let out = run_small(&w);
    let main = out.join("delarsrapport-1-2026.xlsx");
    // Tests made and differences found, counted from `Data`'s könsskillnad column.
    let data = read_sheet(&main, "Data");
    let col = data[0].iter().position(|c| text(c) == "könsskillnad").expect("könsskillnad column");
    let tested = data[1..].iter().filter(|r| !text(&r[col]).is_empty()).count();
    let found = data[1..].iter().filter(|r| matches!(text(&r[col]).as_str(), "Kvinnor högre" | "Män högre")).count();
    assert!(tested > 0 && found > 0, "tested {tested}, found {found}");
    let sheet = read_sheet(&main, "Jämställdhet");
    let summary = text(&sheet[1][0]);
    let expected = format!("Skillnaden prövades för {tested} värden där både kvinnornas och männens värde visas; {found} av dem");
    assert!(summary.contains(&expected), "{summary}");
    // Chance alone: 5 % of the tests, rounded to a whole number.
    let chance = (tested as f64 * 0.05).round() as usize;
    assert!(summary.contains(&format!("ungefär {chance} av prövningarna (5 %)")), "{summary}");
    // Beta FLOW: women higher (worked out in compute.rs), higher is better → better for women.
    let beta = sheet.iter().find(|r| text(&r[1]) == "Beta hälsocentral" && text(&r[0]) == "Bedömning inom 3 dagar").expect("Beta FLOW row");
    assert_eq!(text(&beta[5]), "Bättre för kvinnor");
    assert_eq!(sheet.len() - 4, found, "one row per difference found");
}

#[test]
fn a_unit_closed_in_june_shows_its_last_open_months() {
    // Delta closes 2026-06-30 instead; delårsrapport 2 (January–August).
    let w = World::new();
    let units = UNITS.replace("Syd;nej;;2026-02-15", "Syd;nej;;2026-06-30");
    // Delta's antibiotics readings: May 10/60, June K 9/30 + M 6/30 = 15/60; nothing after.
    let pvk = format!("{PVK}SE1000000001-D1;X1;2026-05;K;6;30\nSE1000000001-D1;X1;2026-05;M;4;30\nSE1000000001-D1;X1;2026-06;K;9;30\nSE1000000001-D1;X1;2026-06;M;6;30\n");
    let out = w.path("ut");
    bin()
        .args(["run", "--year", "2026", "--report", "delar2", "--quiet", "--plan"])
        .arg(w.write("plan.toml", PLAN))
        .arg("--units")
        .arg(w.write("units.csv", &units))
        .arg("--npe")
        .arg(w.write("npe.csv", NPE))
        .arg("--pvk")
        .arg(w.write("pvk.csv", &pvk))
        .arg("--access")
        .arg(w.write("access.csv", &ACCESS.replace("SE1000000001-D1;bedömning_3d;2026-03;K;5;5\n", "")))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let delta = out.join("halsocentraler").join("SE1000000001-D1 Delta hälsocentral.xlsx");
    let sheet = read_sheet(&delta, "Indikatorblad");
    let row = |name: &str| row_starting(&sheet, name);
    // Status: June's reading 15/60 = 25,0 % ≤ 30: uppfyllt; Wilson 15,8–37,2 reaches above 35:
    // osäkert. No comparison with last year.
    let stat = row("Antibiotika vid luftvägsinfektion");
    assert_eq!(stat[1], "2026-06 (rullande 12 mån), stängd 30 juni");
    assert_eq!(stat[6], "25");
    assert_eq!((stat[7].as_str(), &stat[11][..]), ("60", "✔ Uppfyllt, osäkert"));
    assert_eq!(&stat[8][..4], "15.7");
    // The second printed page starts with the indicator again, then last year and the change.
    assert_eq!(stat[12], "Antibiotika vid luftvägsinfektion");
    assert_eq!((stat[13].as_str(), stat[14].as_str()), ("", ""));
    // Flow (Delta's small March row left out): its months January–February,
    // (20 + 10 + 18)/(25 + 15 + 22) = 48/62 = 77,4 %: ej uppfyllt (< 80).
    let flow = row("Bedömning inom 3 dagar");
    assert_eq!(flow[1], "jan–jun 2026, stängd 30 juni");
    assert_eq!((&flow[6][..5], flow[7].as_str()), ("77.41", "62"));
    assert!(flow[11].starts_with("✘ Ej uppfyllt"), "{}", flow[11]);
    // `Data` keeps its contract: the period's reading in August, which Delta does not have.
    let data = read_sheet(&delta, "Data");
    let header: Vec<String> = data[0].iter().map(text).collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let stat_total = data
        .iter()
        .find(|r| text(&r[col("indikator")]) == "STAT" && text(&r[col("enhet_id")]) == "SE1000000001-D1" && text(&r[col("kön")]) == "Totalt")
        .expect("Delta STAT Totalt");
    assert_eq!(text(&stat_total[col("status")]), "ingen data");
    assert_eq!(text(&stat_total[col("period")]), "2026-08 (rullande 12 mån)");
    // The area sheet: Delta's note says which months, and Delta is left out of the chart's values
    // (a hidden column), where Alfa has its own.
    let main = read_sheet(&out.join("delarsrapport-2-2026.xlsx"), "Tillgänglighet");
    let delta_row = main.iter().find(|r| text(&r[0]) == "Delta hälsocentral").expect("Delta row");
    let alfa_row = main.iter().find(|r| text(&r[0]) == "Alfa hälsocentral").expect("Alfa row");
    let header = main.iter().find(|r| text(&r[0]) == "Enhet").expect("header row");
    let note = header.iter().position(|c| text(c) == "Anmärkning").expect("Anmärkning column");
    assert_eq!(text(&delta_row[note]), "Värdet avser jan–jun 2026, stängd 30 juni");
    // The chart's values, in a hidden column three after the note.
    assert_eq!(text(&delta_row[note + 3]), "");
    assert!(matches!(alfa_row[note + 3], Data::Float(_)));
}
