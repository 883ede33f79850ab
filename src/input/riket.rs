//! National reference values (`docs/inputs.md` § 7): riket as an analyst copies it from the
//! national portals, one row per indicator, period and sex. Each period is read as the `Data`
//! sheet spells the indicator's period, so a value meets the county's cell by equal text.

use std::collections::HashMap;
use std::path::Path;

use super::codes::{parse_count, Month, SexCode};
use super::quality::{Dataset, Problem, ProblemKind, Quality};
use super::raw::{column_label, Cell, InputError, RawTable};
use super::read;
use crate::cell::Sex;
use crate::compute::period::MONTH_ABBREVIATIONS;
use crate::plan::{Indicator, Kind, Measured, Plan, ValueUnit};

/// One national value as read.
#[derive(Debug, Clone, PartialEq)]
pub struct RiketValue {
    /// Position of the indicator in the plan.
    pub indicator: usize,
    /// The period as the `Data` sheet spells it (`2026 jan–aug`, `2026-08 (rullande 12 mån)`, `NPE 2025`).
    pub period: String,
    pub sex: Sex,
    pub value: f64,
    pub numerator: Option<u64>,
    pub denominator: Option<u64>,
    pub file: String,
    pub row: u64,
}

/// The accepted riket values, in file and row order.
#[derive(Debug, Clone, Default)]
pub struct Riket {
    pub values: Vec<RiketValue>,
    /// Whether any file of the data set was given.
    pub given: bool,
}

impl Riket {
    /// The value for an indicator, `Data` period and sex, if one was read.
    pub fn find(&self, indicator: usize, period: &str, sex: Sex) -> Option<&RiketValue> {
        self.values.iter().find(|v| v.indicator == indicator && v.sex == sex && v.period == period)
    }
}

pub(super) const REQUIRED: [&str; 4] = ["indikator", "period", "kön", "värde"];
const COLUMNS: [&str; 6] = ["indikator", "period", "kön", "värde", "täljare", "nämnare"];

pub fn load(paths: &[impl AsRef<Path>], plan: &Plan, quality: &mut Quality) -> Result<Riket, InputError> {
    let mut tables = Vec::new();
    for p in paths {
        tables.push(read::read(p.as_ref(), &REQUIRED, "riket")?);
    }
    read::distinct(&tables, "riket")?;
    Ok(check(&tables, plan, quality))
}

/// The period of a row for `indicator`, in the `Data` spelling; None when malformed.
#[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: `a` and `b` are positions found in `MONTH_ABBREVIATIONS` itself.
pub fn parse_period(cell: &Cell, indicator: &Indicator) -> Option<String> {
    let text = cell.as_text();
    let s = text.trim();
    match indicator.kind {
        Kind::Flow => {
            let (year, months) = s.split_once(' ')?;
            let year: i32 = (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())).then(|| year.parse().ok())??;
            let (first, last) = months.trim().split_once('–')?;
            let month = |m: &str| MONTH_ABBREVIATIONS.iter().position(|a| *a == m.trim().to_lowercase());
            let (a, b) = (month(first)?, month(last)?);
            (a <= b).then(|| format!("{year} {}–{}", MONTH_ABBREVIATIONS[a], MONTH_ABBREVIATIONS[b]))
        }
        Kind::Status(measured) => {
            let suffix = match measured {
                Measured::Rolling12 => " (rullande 12 mån)",
                Measured::MonthEnd => " (vid månadens slut)",
            };
            let month = match cell {
                Cell::Text(_) => Month::parse(&Cell::Text(s.strip_suffix(suffix).unwrap_or(s).trim().to_string()))?,
                other => Month::parse(other)?,
            };
            Some(format!("{month}{suffix}"))
        }
        Kind::Survey => {
            let year = s.strip_prefix("NPE ").or_else(|| s.strip_prefix("npe "))?.trim();
            (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())).then(|| format!("NPE {year}"))
        }
    }
}

/// A national value: a number ≥ 0, decimal comma or point.
fn parse_value(cell: &Cell) -> Option<f64> {
    let v = match cell {
        Cell::Number(f) => *f,
        Cell::Text(t) => t.trim().replace(['\u{a0}', '\u{202f}', ' '], "").replace(',', ".").parse().ok()?,
        _ => return None,
    };
    (v.is_finite() && v >= 0.0).then_some(v)
}

#[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: `cols` has one entry per `COLUMNS` (constant indices), `rejected` one per table, `by_key` every candidate's key, and indicator indices come from the plan's own list.
pub fn check(tables: &[RawTable], plan: &Plan, quality: &mut Quality) -> Riket {
    let codes: HashMap<&str, usize> = plan.indicators.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    let mut candidates: Vec<(usize, RiketValue)> = Vec::new();
    let mut rejected = vec![0u64; tables.len()];
    for (f, table) in tables.iter().enumerate() {
        let cols = table.columns(&COLUMNS);
        let label = |c: usize| cols[c].map_or_else(|| COLUMNS[c].to_string(), |i| column_label(table, i));
        for row in &table.rows {
            let cell = |c: usize| cols[c].map_or(&Cell::Empty, |i| row.get(i));
            let mut reject = |c: usize, reason: String, kind: ProblemKind| {
                rejected[f] += 1;
                quality.problems.push(Problem {
                    dataset: Dataset::Riket,
                    file: table.file.clone(),
                    row: row.number,
                    column: label(c),
                    value: cell(c).as_text().into_owned(),
                    reason,
                    unit: None,
                    kind,
                });
            };
            let code = cell(0).as_text().trim().to_string();
            if code.is_empty() {
                reject(0, "indikator saknas".into(), ProblemKind::Rejected);
                continue;
            }
            let Some(&k) = codes.get(code.as_str()) else {
                let reason = format!("indikatorn {code} finns inte i uppföljningsplanen {}", plan.year);
                reject(0, reason, ProblemKind::UnusedCode(code));
                continue;
            };
            let ind = &plan.indicators[k];
            let Some(period) = parse_period(cell(1), ind) else {
                let example = match ind.kind {
                    Kind::Flow => "t.ex. 2026 jan–aug",
                    Kind::Status(_) => "en månad, t.ex. 2026-08",
                    Kind::Survey => "t.ex. NPE 2025",
                };
                reject(1, format!("felaktig period för {} ({example})", ind.id), ProblemKind::Rejected);
                continue;
            };
            let Some(sex) = SexCode::parse_group(cell(2)) else {
                reject(2, "okänd könskod (ska vara Kvinnor, Män, Totalt eller tom)".into(), ProblemKind::Rejected);
                continue;
            };
            let Some(value) = parse_value(cell(3)) else {
                let reason = if cell(3).is_blank() { format!("{} saknas", label(3)) } else { format!("{} är inget tal ≥ 0", label(3)) };
                reject(3, reason, ProblemKind::Rejected);
                continue;
            };
            let count = |c: usize| -> Result<Option<u64>, String> {
                if cols[c].is_none() || cell(c).is_blank() {
                    return Ok(None);
                }
                parse_count(cell(c)).map(Some).map_err(|e| e.reason(&label(c)))
            };
            let numerator = match count(4) {
                Ok(v) => v,
                Err(reason) => {
                    reject(4, reason, ProblemKind::Rejected);
                    continue;
                }
            };
            let denominator = match count(5) {
                Ok(v) => v,
                Err(reason) => {
                    reject(5, reason, ProblemKind::Rejected);
                    continue;
                }
            };
            if let (Some(t), Some(n), ValueUnit::Percent) = (numerator, denominator, ind.unit) {
                if t > n {
                    reject(4, format!("{} ({t}) är större än {} ({n})", label(4), label(5)), ProblemKind::Rejected);
                    continue;
                }
            }
            let file = table.file.clone();
            candidates.push((f, RiketValue { indicator: k, period, sex, value, numerator, denominator, file, row: row.number }));
        }
    }

    // A key given twice is rejected on every row: the program cannot know which value is right.
    let mut by_key: HashMap<(usize, &str, Sex), usize> = HashMap::new();
    for (_, v) in &candidates {
        *by_key.entry((v.indicator, v.period.as_str(), v.sex)).or_default() += 1;
    }
    let duplicated: Vec<bool> = candidates.iter().map(|(_, v)| by_key[&(v.indicator, v.period.as_str(), v.sex)] > 1).collect();
    let mut riket = Riket { given: !tables.is_empty(), ..Riket::default() };
    for (i, (f, v)) in candidates.iter().enumerate() {
        if !duplicated[i] {
            riket.values.push(v.clone());
            continue;
        }
        let others: Vec<String> = candidates
            .iter()
            .enumerate()
            .filter(|(j, (_, o))| *j != i && duplicated[*j] && (o.indicator, &o.period, o.sex) == (v.indicator, &v.period, v.sex))
            .map(|(_, (_, o))| format!("{} rad {}", o.file, o.row))
            .collect();
        rejected[*f] += 1;
        quality.problems.push(Problem {
            dataset: Dataset::Riket,
            file: v.file.clone(),
            row: v.row,
            column: "(hela raden)".into(),
            value: format!("{} {} {}", plan.indicators[v.indicator].id, v.period, v.sex.label()),
            reason: format!("dubblett: samma indikator, period och kön som {}", others.join(", ")),
            unit: None,
            kind: ProblemKind::Rejected,
        });
    }
    quality.count_files(Dataset::Riket, tables, &rejected);
    riket
}
