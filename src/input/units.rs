//! The unit register (`docs/inputs.md` § 1): master data, so any fault stops the run naming the row.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use super::codes::{parse_date, parse_hsa};
use super::raw::{column_label, Cell, InputError, RawTable};
use super::read;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Regi {
    Privat,
    Region,
}

impl Regi {
    pub fn label(self) -> &'static str {
        match self {
            Regi::Privat => "Privat",
            Regi::Region => "Region",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub hsa_id: String,
    pub name: String,
    pub regi: Regi,
    pub area: String,
    pub sjukstuga: bool,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The municipality, when the register has a `kommun` column and the cell is filled.
    pub kommun: Option<String>,
}

impl Unit {
    /// The opening date when it falls after `start`, and the closing date when it falls before
    /// `end`: a unit open for only part of a period.
    pub fn partly_open(&self, start: NaiveDate, end: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        (self.from.filter(|f| *f > start), self.to.filter(|t| *t < end))
    }

    /// Whether the unit's validity overlaps the days `start..=end`.
    pub fn overlaps(&self, start: NaiveDate, end: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= end) && self.to.is_none_or(|t| t >= start)
    }
}

/// The register, sorted by HSA-id in byte order (the order of units in every report table).
#[derive(Debug, Clone, Default)]
pub struct Units {
    pub list: Vec<Unit>,
    index: HashMap<String, usize>,
    pub file: String,
    pub sha256: String,
    pub rows: u64,
}

impl Units {
    pub fn from_list(mut list: Vec<Unit>) -> Units {
        list.sort_by(|a, b| a.hsa_id.cmp(&b.hsa_id));
        let index = list.iter().enumerate().map(|(i, u)| (u.hsa_id.clone(), i)).collect();
        Units { list, index, ..Units::default() }
    }
    pub fn find(&self, hsa_id: &str) -> Option<usize> {
        self.index.get(hsa_id).copied()
    }
}

pub const COLUMNS: [&str; 8] = ["hsa_id", "namn", "regi", "område", "sjukstuga", "giltig_från", "giltig_till", "kommun"];
/// Most regions have no sjukstugor and keep no validity dates: those columns, like `kommun`, may
/// be absent (`docs/inputs.md` § 1).
pub(super) const REQUIRED: [&str; 4] = ["hsa_id", "namn", "regi", "område"];

pub fn load(path: &Path) -> Result<Units, InputError> {
    let table = read::read(path, &REQUIRED, "enhetsregistret")?;
    let mut units = parse(&table)?;
    units.sha256 = table.sha256.clone();
    Ok(units)
}

#[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: `cols` has one entry per `COLUMNS`, indexed by constants.
pub fn parse(table: &RawTable) -> Result<Units, InputError> {
    let cols = table.columns(&COLUMNS);
    let mut list = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for row in &table.rows {
        let fail = |c: usize, message: String| InputError::Register {
            file: table.file.clone(),
            row: row.number,
            column: column_label(table, cols[c].unwrap_or(0)),
            message,
        };
        let cell = |c: usize| cols[c].map_or(&Cell::Empty, |i| row.get(i));
        let raw_id = cell(0).as_text().into_owned();
        let hsa_id = parse_hsa(cell(0)).ok_or_else(|| fail(0, format!("\"{raw_id}\" är inget giltigt HSA-id")))?;
        if let Some(first) = seen.insert(hsa_id.clone(), row.number) {
            return Err(fail(0, format!("HSA-id {hsa_id} finns redan på rad {first}")));
        }
        let name = cell(1).as_text().trim().to_string();
        if name.is_empty() {
            return Err(fail(1, "namnet saknas".into()));
        }
        let regi = match cell(2).as_text().trim().to_lowercase().as_str() {
            "region" => Regi::Region,
            "privat" => Regi::Privat,
            other => return Err(fail(2, format!("okänd regi \"{other}\" (ska vara Region eller Privat)"))),
        };
        let area = cell(3).as_text().trim().to_string();
        if area.is_empty() {
            return Err(fail(3, "närsjukvårdsområdet saknas".into()));
        }
        let sjukstuga = match cell(4).as_text().trim().to_lowercase().as_str() {
            "ja" => true,
            "nej" | "" => false,
            other => return Err(fail(4, format!("\"{other}\" ska vara ja eller nej"))),
        };
        let date = |c: usize| -> Result<Option<NaiveDate>, InputError> {
            let v = cell(c);
            if v.is_blank() {
                return Ok(None);
            }
            parse_date(v)
                .map(Some)
                .ok_or_else(|| fail(c, format!("\"{}\" är inget datum (ÅÅÅÅ-MM-DD)", v.as_text())))
        };
        let from = date(5)?;
        let to = date(6)?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(fail(5, format!("giltig_från {f} ligger efter giltig_till {t}")));
            }
        }
        let kommun = Some(cell(7).as_text().trim().to_string()).filter(|k| !k.is_empty());
        list.push(Unit { hsa_id, name, regi, area, sjukstuga, from, to, kommun });
    }
    let mut units = Units::from_list(list);
    units.file = table.file.clone();
    units.rows = table.rows.len() as u64;
    Ok(units)
}
