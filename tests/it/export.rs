//! `run --export csv,parquet`: the `Data` and `Månadsdata` tables as files beside the main
//! workbook, each holding what its sheet holds, and the same bytes on a second run.

use std::path::Path;

use calamine::Data;
use polars::prelude::*;

use crate::fixture::{read_sheet, small_run, World, ACCESS};

const FILES: [&str; 4] = [
    "delarsrapport-1-2026.data.csv",
    "delarsrapport-1-2026.data.parquet",
    "delarsrapport-1-2026.manadsdata.csv",
    "delarsrapport-1-2026.manadsdata.parquet",
];

fn run_with_export(w: &World) -> std::path::PathBuf {
    let out = w.path("ut");
    small_run(w, "delar1", &out)
        .arg("--access")
        .arg(w.write("access.csv", ACCESS))
        .args(["--export", "csv,parquet"])
        .assert()
        .success();
    out
}

/// A cell of the sheet as an export field: text, a number, or nothing.
#[derive(Debug, PartialEq)]
enum Value {
    Text(String),
    Number(f64),
    Empty,
}

fn sheet_values(path: &Path, sheet: &str) -> Vec<Vec<Value>> {
    let rows = read_sheet(path, sheet);
    let width = rows[0].len();
    rows.iter()
        .map(|r| {
            (0..width)
                .map(|c| match r.get(c) {
                    Some(Data::String(s)) => Value::Text(s.clone()),
                    Some(Data::Float(f)) => Value::Number(*f),
                    Some(Data::Int(i)) => Value::Number(*i as f64),
                    Some(Data::Empty) | None => Value::Empty,
                    Some(other) => panic!("unexpected cell {other:?}"),
                })
                .collect()
        })
        .collect()
}

/// The csv read as Swedish Excel would: BOM, `;`, decimal comma. A field is a number when the
/// sheet's cell is one (the csv has no types); it must then parse to exactly that number.
fn csv_values(path: &Path, like: &[Vec<Value>]) -> Vec<Vec<Value>> {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{} has no BOM", path.display());
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), like.len(), "{}: rows", path.display());
    rows.iter()
        .zip(like)
        .map(|(rec, sheet_row)| {
            assert_eq!(rec.len(), sheet_row.len());
            rec.iter()
                .zip(sheet_row)
                .map(|(field, cell)| match (field, cell) {
                    ("", _) => Value::Empty,
                    (f, Value::Number(_)) => {
                        assert!(!f.contains('.'), "a decimal point in {f}");
                        Value::Number(f.replace(',', ".").parse().unwrap_or_else(|_| panic!("not a number: {f}")))
                    }
                    (f, _) => Value::Text(f.to_string()),
                })
                .collect()
        })
        .collect()
}

fn parquet_values(path: &Path) -> (Vec<String>, Vec<DataType>, Vec<Vec<Value>>) {
    let df = ParquetReader::new(std::fs::File::open(path).unwrap()).finish().unwrap();
    let names: Vec<String> = df.get_column_names().iter().map(|n| n.to_string()).collect();
    let types: Vec<DataType> = df.columns().iter().map(|c| c.dtype().clone()).collect();
    let rows = (0..df.height())
        .map(|i| {
            df.columns()
                .iter()
                .map(|c| match c.get(i).unwrap() {
                    AnyValue::Null => Value::Empty,
                    AnyValue::String(s) => Value::Text(s.to_string()),
                    AnyValue::Float64(f) => Value::Number(f),
                    other => panic!("unexpected value {other:?}"),
                })
                .collect()
        })
        .collect();
    (names, types, rows)
}

#[test]
fn export_files_hold_what_their_sheets_hold_typed_and_byte_identical_on_a_rerun() {
    let w = World::new();
    let out = run_with_export(&w);
    let main = out.join("delarsrapport-1-2026.xlsx");
    for (sheet, stem, numeric) in [
        ("Data", "delarsrapport-1-2026.data", &["täljare", "nämnare", "värde", "ki_låg", "ki_hög", "mål", "föregående"][..]),
        ("Månadsdata", "delarsrapport-1-2026.manadsdata", &["täljare", "nämnare", "värde"][..]),
    ] {
        let expected = sheet_values(&main, sheet);
        assert!(expected.len() > 10, "{sheet} has rows");
        assert!(expected.iter().flatten().any(|v| matches!(v, Value::Number(n) if n.fract() != 0.0)));
        assert!(expected.iter().flatten().any(|v| *v == Value::Empty));

        let csv = csv_values(&out.join(format!("{stem}.csv")), &expected);
        assert_eq!(csv, expected, "{stem}.csv");

        let (names, types, rows) = parquet_values(&out.join(format!("{stem}.parquet")));
        let header: Vec<Value> = names.iter().map(|n| Value::Text(n.clone())).collect();
        assert_eq!(header, expected[0], "{stem}.parquet header");
        for (name, t) in names.iter().zip(&types) {
            let want = if numeric.contains(&name.as_str()) { DataType::Float64 } else { DataType::String };
            assert_eq!(*t, want, "{stem}.parquet column {name}");
        }
        assert_eq!(rows, expected[1..], "{stem}.parquet rows");
    }

    let again = World::new();
    let out2 = run_with_export(&again);
    for f in FILES {
        assert!(std::fs::read(out.join(f)).unwrap() == std::fs::read(out2.join(f)).unwrap(), "{f} differs on a rerun");
    }
}

#[test]
fn without_export_no_export_files_are_written() {
    let w = World::new();
    let out = w.path("ut");
    small_run(&w, "delar1", &out).arg("--access").arg(w.write("access.csv", ACCESS)).assert().success();
    for f in FILES {
        assert!(!out.join(f).exists(), "{f}");
    }
}
