//! The two long-format count data sets, PVK (`docs/inputs.md` § 3) and accessibility (§ 4): one row
//! per unit, code, month and sex with a numerator and a denominator. Their rules are the same
//! but for the column names and whether numerator ≤ denominator is required, so one reader
//! serves both, configured by [`Layout`].

use std::collections::HashMap;
use std::path::Path;

use super::codes::{parse_count, parse_hsa, Month, SexCode};
use super::quality::{Dataset, Problem, ProblemKind, Quality};
use super::raw::{column_label, Cell, InputError, RawTable};
use super::read;
use super::units::Units;
use crate::plan::{Plan, Source, ValueUnit};

/// Column names of a count data set: unit, code, month, sex, numerator, denominator.
pub struct Layout {
    pub dataset: Dataset,
    pub source: Source,
    pub columns: [&'static str; 6],
    pub label: &'static str,
}

pub const PVK: Layout = Layout {
    dataset: Dataset::Pvk,
    source: Source::Pvk,
    columns: ["hsa_id", "indikator", "period", "kön", "täljare", "nämnare"],
    label: "PVK",
};

pub const ACCESS: Layout = Layout {
    dataset: Dataset::Access,
    source: Source::Access,
    columns: ["hsa_id", "mått", "period", "kön", "inom", "totalt"],
    label: "tillgänglighet",
};

/// Accepted count rows of all files of PVK and accessibility, column-wise.
#[derive(Debug, Clone, Default)]
pub struct MeasureRows {
    /// Index into `Units::list`.
    pub unit: Vec<u32>,
    /// Index into `Plan::indicators`.
    pub indicator: Vec<u32>,
    pub month: Vec<i32>,
    pub sex: Vec<SexCode>,
    pub t: Vec<u64>,
    pub n: Vec<u64>,
}

impl MeasureRows {
    pub fn len(&self) -> usize {
        self.unit.len()
    }
    pub fn is_empty(&self) -> bool {
        self.unit.is_empty()
    }
}

struct Candidate {
    file: usize,
    row: u64,
    unit: u32,
    indicator: u32,
    month: Month,
    sex: SexCode,
    t: u64,
    n: u64,
}

/// Reads and checks every file of one count data set, appending accepted rows to `out`.
pub fn load(
    paths: &[impl AsRef<Path>],
    layout: &Layout,
    plan: &Plan,
    units: &Units,
    out: &mut MeasureRows,
    quality: &mut Quality,
) -> Result<(), InputError> {
    let mut tables = Vec::new();
    for p in paths {
        tables.push(read::read(p.as_ref(), &layout.columns, layout.label)?);
    }
    read::distinct(&tables, layout.label)?;
    check(&tables, layout, plan, units, out, quality);
    Ok(())
}

/// The row rules of `docs/inputs.md` § Row checks for PVK and accessibility, then duplicate keys across all `tables`.
#[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: the tables were read with `layout.columns` required, so each has them (`cols`, by constant index); `rejected` has one entry per table, `candidates` indices come from its own enumeration, and unit and indicator indices from lookups in `units` and `plan`.
pub fn check(
    tables: &[RawTable],
    layout: &Layout,
    plan: &Plan,
    units: &Units,
    out: &mut MeasureRows,
    quality: &mut Quality,
) {
    let codes: HashMap<&str, usize> = plan
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| i.source == layout.source)
        .map(|(k, i)| (i.code.as_str(), k))
        .collect();
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut rejected = vec![0u64; tables.len()];
    for (f, table) in tables.iter().enumerate() {
        let cols: Vec<usize> = table.columns(&layout.columns).into_iter().map(|c| c.expect("checked")).collect();
        let label = |c: usize| column_label(table, cols[c]);
        for row in &table.rows {
            let cell = |c: usize| row.get(cols[c]);
            let hsa = parse_hsa(cell(0));
            let mut reject = |c: usize, value: &Cell, reason: String, kind: ProblemKind| {
                rejected[f] += 1;
                quality.problems.push(Problem {
                    dataset: layout.dataset,
                    file: table.file.clone(),
                    row: row.number,
                    column: label(c),
                    value: value.as_text().into_owned(),
                    reason,
                    unit: hsa.clone(),
                    kind,
                });
            };
            let Some(hsa_id) = hsa.as_deref() else {
                reject(0, cell(0), "felaktigt HSA-id".into(), ProblemKind::Rejected);
                continue;
            };
            let Some(unit) = units.find(hsa_id) else {
                reject(0, cell(0), "HSA-id finns inte i enhetsregistret".into(), ProblemKind::Rejected);
                continue;
            };
            let code = cell(1).as_text().trim().to_string();
            if code.is_empty() {
                reject(1, cell(1), format!("{} saknas", label(1)), ProblemKind::Rejected);
                continue;
            }
            let Some(&indicator) = codes.get(code.as_str()) else {
                let reason = format!("koden {code} används inte i uppföljningsplanen {}", plan.year);
                reject(1, cell(1), reason, ProblemKind::UnusedCode(code));
                continue;
            };
            let Some(month) = Month::parse(cell(2)) else {
                reject(2, cell(2), "felaktig månad (ska vara ÅÅÅÅ-MM)".into(), ProblemKind::Rejected);
                continue;
            };
            if !units.list[unit].overlaps(month.first_day(), month.last_day()) {
                reject(2, cell(2), "månaden ligger utanför enhetens giltighet".into(), ProblemKind::Rejected);
                continue;
            }
            let Some(sex) = SexCode::parse(cell(3)) else {
                reject(3, cell(3), "okänd könskod".into(), ProblemKind::Rejected);
                continue;
            };
            let t = match parse_count(cell(4)) {
                Ok(v) => v,
                Err(e) => {
                    reject(4, cell(4), e.reason(&label(4)), ProblemKind::Rejected);
                    continue;
                }
            };
            let n = match parse_count(cell(5)) {
                Ok(v) => v,
                Err(e) => {
                    reject(5, cell(5), e.reason(&label(5)), ProblemKind::Rejected);
                    continue;
                }
            };
            // A rate per 1000 may count more events than persons; a share may not.
            if t > n && plan.indicators[indicator].unit == ValueUnit::Percent {
                let reason = format!("{} ({t}) är större än {} ({n})", label(4), label(5));
                reject(4, cell(4), reason, ProblemKind::Rejected);
                continue;
            }
            candidates.push(Candidate {
                file: f,
                row: row.number,
                unit: unit as u32,
                indicator: indicator as u32,
                month,
                sex,
                t,
                n,
            });
        }
    }

    // Duplicate keys, after normalisation and across files: all rows of the key are rejected,
    // since the program cannot know which one is right.
    let mut by_key: HashMap<(u32, u32, Month, SexCode), Vec<usize>> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        by_key.entry((c.unit, c.indicator, c.month, c.sex)).or_default().push(i);
    }
    let mut duplicate = vec![false; candidates.len()];
    for rows in by_key.values().filter(|v| v.len() > 1) {
        for &i in rows {
            duplicate[i] = true;
            let c = &candidates[i];
            let others: Vec<String> = rows
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| format!("{} rad {}", tables[candidates[j].file].file, candidates[j].row))
                .collect();
            rejected[c.file] += 1;
            let table = &tables[c.file];
            let unit = &units.list[c.unit as usize];
            quality.problems.push(Problem {
                dataset: layout.dataset,
                file: table.file.clone(),
                row: c.row,
                column: "(hela raden)".into(),
                value: format!(
                    "{} {} {} {}",
                    unit.hsa_id,
                    plan.indicators[c.indicator as usize].code,
                    c.month,
                    c.sex.label()
                ),
                reason: format!("dubblett: samma enhet, kod, månad och kön som {}", others.join(", ")),
                unit: Some(unit.hsa_id.clone()),
                kind: ProblemKind::Rejected,
            });
        }
    }
    for (c, dup) in candidates.iter().zip(&duplicate) {
        if !dup {
            out.unit.push(c.unit);
            out.indicator.push(c.indicator);
            out.month.push(c.month.0);
            out.sex.push(c.sex);
            out.t.push(c.t);
            out.n.push(c.n);
        }
    }
    quality.count_files(layout.dataset, tables, &rejected);
}
