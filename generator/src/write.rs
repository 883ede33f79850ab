//! The files as exports write them: xlsx, csv (any separator, encoding, line ending), parquet.

use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::atomic;
use crate::rows::LongRow;
use crate::GenerateError;

#[derive(Clone)]
pub(crate) enum XCell {
    Text(String),
    Int(i64),
    Date(NaiveDate),
    Empty,
}

pub(crate) fn write_xlsx(path: &Path, header: &[&str], rows: &[Vec<XCell>], first_row: u32) -> Result<(), GenerateError> {
    let file = path.display().to_string();
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        let props = rust_xlsxwriter::DocProperties::new()
            .set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 1, 1)?);
        wb.set_properties(&props);
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let ws = wb.add_worksheet().set_name("Blad1")?;
        // The header is the first non-empty row, wherever it stands.
        let mut r = first_row;
        for (c, h) in header.iter().enumerate() {
            ws.write_string(r, c as u16, *h)?;
        }
        for row in rows {
            r += 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    XCell::Text(s) if !s.is_empty() => {
                        ws.write_string(r, c, s)?;
                    }
                    XCell::Int(i) => {
                        ws.write_number(r, c, *i as f64)?;
                    }
                    XCell::Date(d) => {
                        ws.write_date_with_format(r, c, rust_xlsxwriter::ExcelDateTime::from_ymd(
                            chrono::Datelike::year(d) as u16,
                            chrono::Datelike::month(d) as u8,
                            chrono::Datelike::day(d) as u8,
                        )?, &date)?;
                    }
                    _ => {}
                }
            }
        }
        wb.save_to_buffer()
    };
    let bytes = build().map_err(|source| GenerateError::Xlsx { file: file.clone(), source })?;
    atomic::write(path, &bytes).map_err(|source| GenerateError::Io { file, source })
}

pub(crate) fn write_csv(path: &Path, header: &[&str], rows: &[Vec<String>], sep: char, windows_1252: bool, crlf: bool) -> Result<(), GenerateError> {
    let eol = if crlf { "\r\n" } else { "\n" };
    let mut text = String::new();
    let quote = |f: &str| -> String {
        if f.contains(sep) || f.contains('"') || f.contains('\n') {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.to_string()
        }
    };
    text.push_str(&header.iter().map(|h| quote(h)).collect::<Vec<_>>().join(&sep.to_string()));
    text.push_str(eol);
    for r in rows {
        text.push_str(&r.iter().map(|f| quote(f)).collect::<Vec<_>>().join(&sep.to_string()));
        text.push_str(eol);
    }
    let bytes = if windows_1252 { encoding_rs::WINDOWS_1252.encode(&text).0.into_owned() } else { text.into_bytes() };
    atomic::write(path, &bytes).map_err(|source| GenerateError::Io { file: path.display().to_string(), source })
}

/// PVK rows as a typed warehouse table: counts as integers (null where the text is no whole number).
pub(crate) fn write_parquet(path: &Path, rows: &[LongRow]) -> Result<(), GenerateError> {
    use polars::prelude::*;
    let file = path.display().to_string();
    let text = |c: usize| rows.iter().map(|r| r[c].clone()).collect::<Vec<String>>();
    let count = |c: usize| -> Vec<Option<i64>> {
        rows.iter()
            .map(|r| {
                let t: String = r[c].chars().filter(|ch| !ch.is_whitespace()).collect();
                let t = t.strip_suffix(",0").or_else(|| t.strip_suffix(".0")).unwrap_or(&t);
                t.parse().ok()
            })
            .collect()
    };
    let fail = |e: PolarsError| GenerateError::Parquet { file: file.clone(), message: e.to_string() };
    let mut df = df!(
        "hsa_id" => text(0),
        "indikator" => text(1),
        "period" => text(2),
        "kön" => text(3),
        "täljare" => count(4),
        "nämnare" => count(5),
    )
    .map_err(fail)?;
    let mut buf = Vec::new();
    ParquetWriter::new(&mut buf).finish(&mut df).map_err(fail)?;
    atomic::write(path, &buf).map_err(|source| GenerateError::Io { file: file.clone(), source })
}

pub(crate) fn long_to_xcells(rows: &[LongRow]) -> Vec<Vec<XCell>> {
    rows.iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(c, v)| match c {
                    // Months as Excel dates where they parse, as an analyst's sheet has them.
                    2 => match iso_date(&format!("{v}-01")) {
                        Some(d) => XCell::Date(d),
                        None => XCell::Text(v.clone()),
                    },
                    4 | 5 => v.parse::<i64>().map(XCell::Int).unwrap_or_else(|_| XCell::Text(v.clone())),
                    _ => XCell::Text(v.clone()),
                })
                .collect()
        })
        .collect()
}

/// Strict `YYYY-MM-DD`, as a month cell of an analyst's sheet would hold a date.
pub(crate) fn iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return None;
    }
    NaiveDate::from_ymd_opt(s[0..4].parse().ok()?, s[5..7].parse().ok()?, s[8..10].parse().ok()?)
}
