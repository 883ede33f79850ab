//! The NPE sampled counts (`docs/inputs.md` § 7): how many persons were sampled per unit, survey
//! year and (where the source says) sex, the denominator of the response rate (svarsfrekvens).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::codes::{parse_count, parse_hsa, SexCode};
use super::quality::{Dataset, Problem, ProblemKind, Quality};
use super::raw::{column_label, Cell, InputError, RawTable};
use super::read;
use super::units::Units;
use crate::cell::Sex;

/// Whom a sampled count covers: every person sampled at the unit (`Totalt` or an empty `kön`),
/// or one sex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SampledGroup {
    All,
    Women,
    Men,
}

impl SampledGroup {
    fn label(self) -> &'static str {
        match self {
            SampledGroup::All => "alla",
            SampledGroup::Women => "Kvinnor",
            SampledGroup::Men => "Män",
        }
    }
}

/// Accepted sampled counts by (unit index, survey year, group).
#[derive(Debug, Clone, Default)]
pub struct Sampled {
    pub counts: BTreeMap<(u32, i32, SampledGroup), u64>,
    /// Whether any file of the data set was given (none: the reports say why there is no rate).
    pub given: bool,
}

impl Sampled {
    /// Persons sampled at `unit` in `year` for the published column `sex`: for Totalt the unit's
    /// row for all persons, or, without one, its Kvinnor and Män rows together; for a sex, its
    /// row for that sex (`docs/computation.md` § Response rate).
    pub fn of(&self, unit: u32, year: i32, sex: Sex) -> Option<u64> {
        let get = |g| self.counts.get(&(unit, year, g)).copied();
        match sex {
            Sex::Total => get(SampledGroup::All).or_else(|| Some(get(SampledGroup::Women)? + get(SampledGroup::Men)?)),
            Sex::Women => get(SampledGroup::Women),
            Sex::Men => get(SampledGroup::Men),
        }
    }
}

pub(super) const REQUIRED: [&str; 3] = ["enkätår", "hsa_id", "urval"];
const COLUMNS: [&str; 4] = ["enkätår", "hsa_id", "urval", "kön"];

pub fn load(paths: &[impl AsRef<Path>], units: &Units, quality: &mut Quality) -> Result<Sampled, InputError> {
    let mut tables = Vec::new();
    for p in paths {
        tables.push(read::read(p.as_ref(), &REQUIRED, "NPE-urval")?);
    }
    read::distinct(&tables, "NPE-urval")?;
    Ok(check(&tables, units, quality))
}

/// `kön` of a sampled count: Totalt (or empty) for all persons sampled, or one sex.
fn parse_group(cell: &Cell) -> Option<SampledGroup> {
    Some(match SexCode::parse_group(cell)? {
        Sex::Total => SampledGroup::All,
        Sex::Women => SampledGroup::Women,
        Sex::Men => SampledGroup::Men,
    })
}

struct Candidate {
    file: usize,
    row: u64,
    unit: u32,
    year: i32,
    group: SampledGroup,
    count: u64,
}

#[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: `cols` has one entry per `COLUMNS` (constant indices), `rejected` one per table, `by_key` every candidate's key, and unit indices come from `units.find`.
pub fn check(tables: &[RawTable], units: &Units, quality: &mut Quality) -> Sampled {
    let mut candidates = Vec::new();
    let mut rejected = vec![0u64; tables.len()];
    for (f, table) in tables.iter().enumerate() {
        let cols = table.columns(&COLUMNS);
        for row in &table.rows {
            let cell = |c: usize| cols[c].map_or(&Cell::Empty, |i| row.get(i));
            let hsa = parse_hsa(cell(1));
            let mut reject = |c: usize, reason: String| {
                rejected[f] += 1;
                quality.problems.push(Problem {
                    dataset: Dataset::Sampled,
                    file: table.file.clone(),
                    row: row.number,
                    column: cols[c].map_or_else(|| COLUMNS[c].to_string(), |i| column_label(table, i)),
                    value: cell(c).as_text().into_owned(),
                    reason,
                    unit: hsa.clone(),
                    kind: ProblemKind::Rejected,
                });
            };
            let Some(hsa_id) = hsa.as_deref() else {
                reject(1, "felaktigt HSA-id".into());
                continue;
            };
            let Some(unit) = units.find(hsa_id) else {
                reject(1, "HSA-id finns inte i enhetsregistret".into());
                continue;
            };
            let Some(year) = super::npe::parse_year(cell(0)) else {
                reject(0, "felaktigt enkätår (ska vara ett årtal, t.ex. 2025)".into());
                continue;
            };
            let (Some(start), Some(end)) =
                (chrono::NaiveDate::from_ymd_opt(year, 1, 1), chrono::NaiveDate::from_ymd_opt(year, 12, 31))
            else {
                reject(0, "felaktigt enkätår (ska vara ett årtal, t.ex. 2025)".into());
                continue;
            };
            if !units.list[unit].overlaps(start, end) {
                reject(0, "enkätåret ligger utanför enhetens giltighet".into());
                continue;
            }
            let Some(group) = parse_group(cell(3)) else {
                reject(3, "okänd könskod (ska vara Kvinnor, Män, Totalt eller tom)".into());
                continue;
            };
            let count = match parse_count(cell(2)) {
                Ok(v) => v,
                Err(e) => {
                    let label = cols[2].map_or_else(|| "urval".to_string(), |i| column_label(table, i));
                    reject(2, e.reason(&label));
                    continue;
                }
            };
            candidates.push(Candidate { file: f, row: row.number, unit: unit as u32, year, group, count });
        }
    }

    // As for PVK and accessibility: a key given twice is rejected on every row, as the program
    // cannot know which count is right.
    let mut by_key: HashMap<(u32, i32, SampledGroup), Vec<usize>> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        by_key.entry((c.unit, c.year, c.group)).or_default().push(i);
    }
    let mut sampled = Sampled { given: !tables.is_empty(), ..Sampled::default() };
    for (i, c) in candidates.iter().enumerate() {
        let rows = &by_key[&(c.unit, c.year, c.group)];
        if rows.len() == 1 {
            sampled.counts.insert((c.unit, c.year, c.group), c.count);
            continue;
        }
        let others: Vec<String> = rows
            .iter()
            .filter(|&&j| j != i)
            .map(|&j| format!("{} rad {}", tables[candidates[j].file].file, candidates[j].row))
            .collect();
        rejected[c.file] += 1;
        let unit = &units.list[c.unit as usize];
        quality.problems.push(Problem {
            dataset: Dataset::Sampled,
            file: tables[c.file].file.clone(),
            row: c.row,
            column: "(hela raden)".into(),
            value: format!("{} {} {}", unit.hsa_id, c.year, c.group.label()),
            reason: format!("dubblett: samma enhet, enkätår och kön som {}", others.join(", ")),
            unit: Some(unit.hsa_id.clone()),
            kind: ProblemKind::Rejected,
        });
    }
    quality.count_files(Dataset::Sampled, tables, &rejected);
    sampled
}
