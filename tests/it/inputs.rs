//! The input layer through real files: every bad-row rule, encodings, separators, xlsx dates and
//! numbers stored as text, several files per data set, parquet, and the identity-number guard.
//! Every expected count is written out by hand from the fixture rows.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use uppfoljning::input::{self, InputError, InputFiles, ProblemKind};
use uppfoljning::input::codes::SexCode;
use uppfoljning::plan;

use crate::fixture::{World, PLAN, UNITS};

fn plan() -> plan::Plan {
    plan::parse(PLAN, "test.toml").unwrap()
}

/// Loads `pvk` text as the only PVK file beside the fixture register.
fn load_pvk(name: &str, bytes: &[u8]) -> (input::Inputs, World) {
    let w = World::new();
    let files = InputFiles {
        units: w.write("units.csv", UNITS),
        pvk: vec![w.write_bytes(name, bytes)],
        ..Default::default()
    };
    (input::load(&files, &plan()).expect("loads"), w)
}

fn reasons(inputs: &input::Inputs) -> Vec<(u64, String, String)> {
    inputs
        .quality
        .sorted_problems()
        .iter()
        .map(|p| (p.row, p.column.clone(), p.reason.clone()))
        .collect()
}

#[test]
fn every_bad_row_rule_of_pvk() {
    let text = "\
hsa_id;indikator;period;kön;täljare;nämnare
SE1000000001-A1;X1;2026-04;K;12;60
SE1000000001-A1 ;X1;2026-04;M;20;60
SE100000001-A1;X1;2026-04;K;1;2
SE1000000001-Z9;X1;2026-04;K;1;2
se1000000001-A1;X1;2026-04;K;1;2
SE1000000001-A1;X1;2026-13;K;1;2
SE1000000001-A1;X1;2026/05;K;1;2
SE1000000001-D1;X1;2026-03;K;1;2
SE1000000001-A1;X1;2026-05;F;1;2
SE1000000001-A1;X1;2026-05;K;;2
SE1000000001-A1;X1;2026-06;K;-1;2
SE1000000001-A1;X1;2026-07;K;1,5;2
SE1000000001-A1;X1;2026-08;K;1;abc
SE1000000001-A1;X1;2026-09;K;3;2
SE1000000001-A1;X2;2026-09;K;3;2
SE1000000001-A1;Ka_KOL;2026-09;K;1;2
SE1000000001-A1;Ka_KOL;2026-10;K;1;2
SE1000000001-B1;X1;2026-04;K;1;5
SE1000000001-B1;X1;202604;Kvinnor;1;5
SE1000000001-B1;X1;2026-04;x;1;5
SE1000000001-B1;X1;2026-04-30;Okänt;2;5
SE1000000001-B1;X1;2026-10;K;1 234;2\u{a0}000
SE1000000001-B1;X1;2026-11;K;\"12,0\";12.0
";
    let (inputs, _w) = load_pvk("pvk.csv", text.as_bytes());
    let got = reasons(&inputs);
    let expect = |row: u64, col: &str, reason: &str| {
        assert!(
            got.iter().any(|(r, c, why)| *r == row && c == col && why.contains(reason)),
            "line {row} {col}: expected «{reason}», got {got:#?}"
        );
    };
    expect(4, "hsa_id", "felaktigt HSA-id");
    expect(5, "hsa_id", "finns inte i enhetsregistret");
    expect(6, "hsa_id", "felaktigt HSA-id"); // compared exactly: lower-case prefix is malformed
    expect(7, "period", "felaktig månad");
    expect(8, "period", "felaktig månad");
    expect(9, "period", "utanför enhetens giltighet"); // Delta closed 2026-02-15
    expect(10, "kön", "okänd könskod");
    expect(11, "täljare", "täljare saknas");
    expect(12, "täljare", "negativt");
    expect(13, "täljare", "inte ett heltal");
    expect(14, "nämnare", "inte ett tal");
    expect(15, "täljare", "större än nämnare"); // X1 is procent
    expect(17, "indikator", "används inte");
    expect(18, "indikator", "används inte");
    // Duplicate keys after normalisation: lines 19 and 20 (K / Kvinnor, 2026-04 / 202604), and
    // 21 and 22 (x / Okänt, 2026-04 / 2026-04-30): all four rejected.
    for line in [19, 20, 21, 22] {
        expect(line, "(hela raden)", "dubblett");
    }
    // Used: lines 2, 3 (trimmed id), 16 (per 1000 may have t > n), 23 ("1 234" / "2 000"),
    // 24 ("12,0" / "12.0") = 5 of 23 rows; rejected 18.
    let f = &inputs.quality.files[1];
    assert_eq!((f.read, f.used, f.rejected), (23, 5, 18));
    assert_eq!(f.read, f.used + f.rejected);
    assert_eq!(inputs.measures.len(), 5);
    assert_eq!(inputs.measures.t.iter().sum::<u64>(), 12 + 20 + 3 + 1234 + 12);
    assert_eq!(inputs.measures.n.iter().sum::<u64>(), 60 + 60 + 2 + 2000 + 12);
    // The unused code is one note with two rows.
    let unused = inputs.quality.unused_codes();
    assert_eq!(unused.values().copied().collect::<Vec<_>>(), vec![2]);
}

#[test]
fn windows_1252_and_utf8_bom_and_separators() {
    // Windows-1252: "kön", "täljare", "nämnare" with single-byte ö/ä; CRLF line ends.
    let cp1252 = b"hsa_id;indikator;period;k\xF6n;t\xE4ljare;n\xE4mnare\r\nSE1000000001-A1;X1;2026-04;K;12;60\r\n";
    let (inputs, _w) = load_pvk("pvk.csv", cp1252);
    assert_eq!(inputs.measures.len(), 1);
    // UTF-8 with BOM, comma separator, quoted field containing a comma in an extra column.
    let bom = "\u{feff}hsa_id,indikator,period,kön,täljare,nämnare,kommentar\n\
               SE1000000001-A1,X1,2026-04,K,12,60,\"a, b\"\n";
    let (inputs, _w) = load_pvk("pvk.csv", bom.as_bytes());
    assert_eq!((inputs.measures.len(), inputs.quality.files[1].rejected), (1, 0));
    // Tab separated, headers in capitals and without å/ä/ö.
    let tab = "HSA_ID\tIndikator\tPeriod\tKON\tTALJARE\tNAMNARE\nSE1000000001-A1\tX1\t2026-04\tM\t7\t9\n";
    let (inputs, _w) = load_pvk("pvk.tsv", tab.as_bytes());
    assert_eq!(inputs.measures.t, vec![7]);
}

#[test]
fn csv_line_numbers_skip_blank_lines_and_follow_quoted_newlines() {
    let text = "hsa_id;indikator;period;kön;täljare;nämnare\n\
                \n\
                SE1000000001-A1;X1;2026-04;K;12;60\n\
                ;;;;;\n\
                SE1000000001-A1;\"X1\";2026-04;\"M\nX\";1;2\n\
                SE1000000001-A1;X1;2026-04;F;1;2\n";
    let (inputs, _w) = load_pvk("pvk.csv", text.as_bytes());
    // Line 5 starts a record spanning two lines (sex "M\nX" is bad); the next record is line 7.
    let rows: Vec<u64> = inputs.quality.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, vec![5, 7]);
    // Blank lines are not rows: 3 read.
    assert_eq!(inputs.quality.files[1].read, 3);
}

#[test]
fn xlsx_with_a_cover_sheet_header_on_row_3_dates_and_numbers_as_text() {
    let w = World::new();
    let path = w.path("pvk.xlsx");
    let mut wb = Workbook::new();
    let cover = wb.add_worksheet().set_name("Om filen").unwrap();
    cover.write_string(0, 0, "Uttag från Primärvårdskvalitet").unwrap();
    let ws = wb.add_worksheet().set_name("Data").unwrap();
    for (c, h) in ["hsa_id", "indikator", "period", "kön", "täljare", "nämnare"].iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap(); // rows 1 and 2 are empty
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    // Row 4: period as an Excel date, counts as numbers.
    ws.write_string(3, 0, "SE1000000001-A1").unwrap();
    ws.write_string(3, 1, "X1").unwrap();
    ws.write_date_with_format(3, 2, ExcelDateTime::from_ymd(2026, 4, 1).unwrap(), &date).unwrap();
    ws.write_string(3, 3, "K").unwrap();
    ws.write_number(3, 4, 12.0).unwrap();
    ws.write_number(3, 5, 60.0).unwrap();
    // Row 5: numbers stored as text, period as text YYYY-MM-DD.
    for (c, v) in ["SE1000000001-A1", "X1", "2026-04-15", "M", "20", "60"].iter().enumerate() {
        ws.write_string(4, c as u16, *v).unwrap();
    }
    // Row 6: a decimal number → not whole.
    for (c, v) in ["SE1000000001-B1", "X1", "2026-04", "M"].iter().enumerate() {
        ws.write_string(5, c as u16, *v).unwrap();
    }
    ws.write_number(5, 4, 1.5).unwrap();
    ws.write_number(5, 5, 3.0).unwrap();
    wb.save(&path).unwrap();
    let files = InputFiles { units: w.write("units.csv", UNITS), pvk: vec![path], ..Default::default() };
    let inputs = input::load(&files, &plan()).unwrap();
    assert_eq!(inputs.measures.month, vec![202604, 202604]);
    assert_eq!(inputs.measures.t, vec![12, 20]);
    let p = &inputs.quality.problems[0];
    assert_eq!((p.row, p.column.as_str()), (6, "täljare"));
}

#[test]
fn several_files_are_one_table_and_duplicates_across_files_are_all_rejected() {
    let w = World::new();
    let a = w.write("pvk_a.csv", "hsa_id;indikator;period;kön;täljare;nämnare\nSE1000000001-A1;X1;2026-04;K;12;60\nSE1000000001-A1;X1;2026-04;M;2;6\n");
    let b = w.write("pvk_b.csv", "hsa_id,indikator,period,kön,täljare,nämnare\nSE1000000001-A1,X1,202604,Kvinna,13,60\n");
    let files = InputFiles { units: w.write("units.csv", UNITS), pvk: vec![a, b], ..Default::default() };
    let inputs = input::load(&files, &plan()).unwrap();
    let counts: Vec<(u64, u64, u64)> = inputs.quality.files[1..].iter().map(|f| (f.read, f.used, f.rejected)).collect();
    assert_eq!(counts, vec![(2, 1, 1), (1, 0, 1)]);
    assert_eq!(inputs.measures.t, vec![2]);
}

#[test]
fn parquet_files_are_read_with_record_numbers_from_2() {
    use polars::prelude::*;
    let w = World::new();
    let path = w.path("pvk.parquet");
    let mut df = df!(
        "hsa_id" => ["SE1000000001-A1", "SE1000000001-A1", "bad"],
        "indikator" => ["X1", "X1", "X1"],
        "period" => ["2026-04", "2026-04", "2026-04"],
        "kön" => ["K", "M", "K"],
        "täljare" => [12i64, 20, 1],
        "nämnare" => [60i64, 60, 2],
    )
    .unwrap();
    ParquetWriter::new(std::fs::File::create(&path).unwrap()).finish(&mut df).unwrap();
    let files = InputFiles { units: w.write("units.csv", UNITS), pvk: vec![path], ..Default::default() };
    let inputs = input::load(&files, &plan()).unwrap();
    assert_eq!(inputs.measures.t, vec![12, 20]);
    assert_eq!(inputs.quality.problems[0].row, 4);
}

#[test]
fn parquet_with_small_integer_and_categorical_columns() {
    // As pandas writes a survey extract: answer codes as int8, the year as uint16, sex as a
    // categorical.
    use polars::prelude::*;
    let w = World::new();
    let path = w.path("npe.parquet");
    let mut df = df!(
        "enkätår" => [2025u16, 2025],
        "hsa_id" => ["SE1000000001-A1", "SE1000000001-A1"],
        "kön" => ["K", "M"],
        "F13" => [1i8, 2],
        "F14" => [Some(1i8), None],
        "F15" => [9i8, 1],
    )
    .unwrap();
    df = df
        .lazy()
        .with_column(col("kön").cast(DataType::from_categories(Categories::global())))
        .collect()
        .unwrap();
    ParquetWriter::new(std::fs::File::create(&path).unwrap()).finish(&mut df).unwrap();
    let files = InputFiles { units: w.write("units.csv", UNITS), npe: vec![path], ..Default::default() };
    let inputs = input::load(&files, &plan()).unwrap();
    let f = &inputs.quality.files[1];
    // Both rows used; F15 = 9 is an invalid answer (row 2, the first record).
    assert_eq!((f.read, f.used, f.rejected, f.invalid_answers), (2, 2, 0, 1));
    assert_eq!(inputs.respondents.sex, vec![SexCode::Women, SexCode::Men]);
    let slot = |q: &str| inputs.respondents.questions.iter().position(|x| x == q).unwrap();
    assert_eq!(inputs.respondents.answers_of(0)[slot("F13")], 1);
    assert_eq!(inputs.respondents.answers_of(1)[slot("F14")], 0);
}

#[test]
fn npe_rows_and_answers() {
    let w = World::new();
    let npe = "enkätår;hsa_id;kön;F13;F14;F15;F01\n\
               2025;SE1000000001-A1;K;1;9;1;x\n\
               2O25;SE1000000001-A1;K;1;1;1;1\n\
               2023;SE1000000001-D1;K;1;1;1;1\n\
               2027;SE1000000001-D1;K;1;1;1;1\n\
               2025;SE1000000001-A1;Kvinnlig;1;1;1;1\n";
    let files = InputFiles { units: w.write("units.csv", UNITS), npe: vec![w.write("npe.csv", npe)], ..Default::default() };
    let inputs = input::load(&files, &plan()).unwrap();
    let f = &inputs.quality.files[1];
    // Used: line 2 (two invalid answers, F14 "9" and F01 "x", row still used) and line 4
    // (Delta is valid in 2023); rejected: 3 (year), 5 (2027, after Delta closed), 6 (sex).
    assert_eq!((f.read, f.used, f.rejected, f.invalid_answers), (5, 2, 3, 2));
    let invalid: Vec<(u64, &str)> = inputs
        .quality
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::InvalidAnswer)
        .map(|p| (p.row, p.column.as_str()))
        .collect();
    assert_eq!(invalid, vec![(2, "F14"), (2, "F01")]);
    // The invalid F14 is stored as not answered (0).
    let slot = inputs.respondents.questions.iter().position(|q| q == "F14").unwrap();
    assert_eq!(inputs.respondents.answers_of(0)[slot], 0);
}

#[test]
fn a_personal_identity_number_anywhere_stops_the_run() {
    for (name, text) in [
        ("extra column", "hsa_id;indikator;period;kön;täljare;nämnare;patient\nSE1000000001-A1;X1;2026-04;K;12;60;19121212-1212\n"),
        ("short form", "hsa_id;indikator;period;kön;täljare;nämnare;patient\nSE1000000001-A1;X1;2026-04;K;12;60; 121212+1212 \n"),
        ("header", "hsa_id;indikator;period;kön;täljare;nämnare;191212121212\nSE1000000001-A1;X1;2026-04;K;12;60;x\n"),
    ] {
        let w = World::new();
        let files = InputFiles { units: w.write("units.csv", UNITS), pvk: vec![w.write("pvk.csv", text)], ..Default::default() };
        match input::load(&files, &plan()) {
            Err(e @ InputError::PersonalNumber { .. }) => {
                let msg = e.to_string();
                assert!(msg.contains("pvk.csv") && msg.contains("personnummer"), "{name}: {msg}");
            }
            other => panic!("{name}: expected the guard to stop the run, got {:?}", other.map(|_| ())),
        }
    }
}

#[test]
fn a_register_with_organisation_numbers_runs_and_a_personal_number_in_it_still_stops() {
    let register = |extra: &str| {
        format!(
            "hsa_id;namn;regi;område;organisationsnummer\n\
             SE1000000001-A1;Alfa hälsocentral;Region;Norr;232100-0222\n\
             SE1000000001-C1;Gamma hälsocentral;Privat;Syd;{extra}\n"
        )
    };
    let w = World::new();
    // Organisation numbers: a "month" of 21, 69 and 23 is no date.
    for org in ["556928-1734", "16232100-0222", "212000-2742"] {
        let files = InputFiles { units: w.write("units.csv", &register(org)), ..Default::default() };
        let units = input::load(&files, &plan()).unwrap_or_else(|e| panic!("{org}: {e}")).units;
        assert_eq!(units.list.len(), 2, "{org}");
    }
    // A personal identity number (and a co-ordination number, day + 60) in the same column stops it.
    for person in ["19121212-1212", "121272-1212"] {
        let files = InputFiles { units: w.write("units.csv", &register(person)), ..Default::default() };
        match input::load(&files, &plan()) {
            Err(e @ InputError::PersonalNumber { .. }) => {
                let msg = e.to_string();
                assert!(msg.contains("rad 3") && msg.contains("organisationsnummer"), "{person}: {msg}");
            }
            other => panic!("{person}: expected the guard to stop the run, got {:?}", other.map(|_| ())),
        }
    }
}

#[test]
fn a_missing_required_column_names_file_and_column() {
    let w = World::new();
    let files = InputFiles {
        units: w.write("units.csv", UNITS),
        pvk: vec![w.write("pvk.csv", "hsa_id;indikator;period;kön;täljare\n")],
        ..Default::default()
    };
    let msg = input::load(&files, &plan()).unwrap_err().to_string();
    assert!(msg.contains("pvk.csv") && msg.contains("\"nämnare\""), "{msg}");
}

#[test]
fn register_faults_stop_the_run_naming_the_row() {
    for (case, body, expect) in [
        ("duplicate", "SE1000000001-A1;A;Region;Norr;nej;;\nSE1000000001-A1;B;Region;Norr;nej;;\n", "rad 3"),
        ("bad id", "SE1-A1;A;Region;Norr;nej;;\n", "inget giltigt HSA-id"),
        ("empty name", "SE1000000001-A1;;Region;Norr;nej;;\n", "namnet saknas"),
        ("regi", "SE1000000001-A1;A;Landsting;Norr;nej;;\n", "okänd regi"),
        ("dates", "SE1000000001-A1;A;Region;Norr;nej;2026-05-01;2026-01-01\n", "ligger efter"),
    ] {
        let w = World::new();
        let text = format!("hsa_id;namn;regi;område;sjukstuga;giltig_från;giltig_till\n{body}");
        let files = InputFiles { units: w.write("units.csv", &text), ..Default::default() };
        let msg = input::load(&files, &plan()).unwrap_err().to_string();
        assert!(msg.contains("enhetsregistret units.csv") && msg.contains(expect), "{case}: {msg}");
    }
}

#[test]
fn actions_are_checked_row_by_row_and_the_row_given_last_stands() {
    use uppfoljning::input::ActionStatus;
    let w = World::new();
    let a = w.write(
        "atgarder_a.csv",
        "\
hsa_id;indikator;åtgärd;ansvarig;beslutad;klart_senast;status;kommentar
SE1000000001-A1;TEL;Ny telefonrutin;Anna;2026-09-15;2026-12-31;Pågår;
;;;;;;Planerad;
SE1000000001-Z9;TEL;Okänd enhet;Bo;2026-09-15;2026-12-31;Pågår;
SE1000000001-A1;NOPE;Fel indikator;Bo;2026-09-15;2026-12-31;Pågår;
SE1000000001-A1;FLOW;Fel datum;Bo;2026-13-01;2026-12-31;Pågår;
SE1000000001-A1;FLOW;Fel status;Bo;2026-09-15;2026-12-31;klar?;
SE1000000001-A1;FLOW;Baklänges;Bo;2026-02-01;2026-01-01;Planerad;
SE1000000001-B1;FLOW;Triage;Cecilia;2026-05-10;2026-06-30;Planerad;första
 SE1000000001-B1 ; FLOW ; Triage ;Cecilia;2026-05-10;2026-06-30; planerad ;första
",
    );
    let b = w.write(
        "atgarder_b.csv",
        "\
hsa_id;indikator;åtgärd;ansvarig;beslutad;klart_senast;status;kommentar
SE1000000001-A1;TEL;Ny telefonrutin;Anna;2026-09-15;2026-12-31;Klar;klar i november
",
    );
    let files = InputFiles { units: w.write("units.csv", UNITS), actions: vec![a, b], ..Default::default() };
    let inputs = input::load(&files, &plan()).unwrap();
    // a: rows 2 and 4–10 are read (row 3 carries only a status: an empty form row); rows 4–8
    // are rejected; row 9 equals row 10 after trimming and is merged; row 2 is replaced by b.
    let counts: Vec<(u64, u64, u64, u64, u64)> =
        inputs.quality.files[1..].iter().map(|f| (f.read, f.used, f.rejected, f.merged, f.replaced)).collect();
    assert_eq!(counts, vec![(8, 3, 5, 1, 1), (1, 1, 0, 0, 0)]);
    assert_eq!(
        reasons(&inputs),
        vec![
            (4, "hsa_id".into(), "HSA-id finns inte i enhetsregistret".into()),
            (5, "indikator".into(), "indikatorn finns inte i uppföljningsplanen 2026".into()),
            (6, "beslutad".into(), "beslutad är inget datum (ÅÅÅÅ-MM-DD)".into()),
            (7, "status".into(), "okänd status (ska vara Planerad, Pågår, Klar eller Avbruten)".into()),
            (8, "klart_senast".into(), "klart_senast ligger före beslutad (2026-02-01)".into()),
        ]
    );
    let got: Vec<(&str, &str, ActionStatus, &str, u64)> = inputs
        .actions
        .list
        .iter()
        .map(|a| (a.hsa_id.as_str(), a.text.as_str(), a.status, a.file.as_str(), a.row))
        .collect();
    assert_eq!(
        got,
        vec![
            ("SE1000000001-A1", "Ny telefonrutin", ActionStatus::Done, "atgarder_b.csv", 2),
            ("SE1000000001-B1", "Triage", ActionStatus::Planned, "atgarder_a.csv", 10),
        ]
    );
}
