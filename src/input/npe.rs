//! Nationell patientenkät at respondent level (`docs/inputs.md` § 2). Only the survey year, unit,
//! sex and the question columns are read; respondent rows never leave this program.

use std::path::Path;

use super::codes::{parse_hsa, SexCode};
use super::quality::{Dataset, FileSummary, Problem, ProblemKind, Quality};
use super::raw::{column_label, Cell, InputError, RawTable};
use super::read;
use super::units::Units;
use crate::plan::{is_question_column, Plan};

/// Accepted respondents, column-wise. `answers` holds `questions.len()` codes per respondent
/// (0 = not answered or invalid, 1–5 as answered), in the order of `questions`.
#[derive(Debug, Clone, Default)]
pub struct Respondents {
    pub questions: Vec<String>,
    pub year: Vec<i32>,
    pub unit: Vec<u32>,
    pub sex: Vec<SexCode>,
    pub answers: Vec<u8>,
}

impl Respondents {
    pub fn for_plan(plan: &Plan) -> Respondents {
        let questions =
            plan.dimensions.iter().flat_map(|d| d.questions.iter().map(|q| q.id.clone())).collect();
        Respondents { questions, ..Respondents::default() }
    }
    pub fn len(&self) -> usize {
        self.year.len()
    }
    pub fn is_empty(&self) -> bool {
        self.year.is_empty()
    }
    #[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: `i` is a respondent's index below `len()`, each holding `questions.len()` answers.
    pub fn answers_of(&self, i: usize) -> &[u8] {
        let k = self.questions.len();
        &self.answers[i * k..(i + 1) * k]
    }
}

pub(super) const BASE: [&str; 3] = ["enkätår", "hsa_id", "kön"];

pub fn load(
    paths: &[impl AsRef<Path>],
    plan: &Plan,
    units: &Units,
    out: &mut Respondents,
    quality: &mut Quality,
) -> Result<(), InputError> {
    let mut required: Vec<&str> = BASE.to_vec();
    required.extend(plan.used_questions());
    // Tables are checked one at a time (a survey file is large); their checksums are kept to
    // find the same file given twice.
    let mut seen: Vec<(String, String)> = Vec::new();
    for p in paths {
        let table = read::read(p.as_ref(), &required, "NPE")?;
        if let Some((_, first)) = seen.iter().find(|(sha, _)| *sha == table.sha256 && !table.rows.is_empty()) {
            return Err(InputError::SameFileTwice { first: first.clone(), second: table.file.clone(), dataset: "NPE".into() });
        }
        seen.push((table.sha256.clone(), table.file.clone()));
        check(&table, units, out, quality);
    }
    Ok(())
}

/// Survey year: a four-digit whole number.
pub(super) fn parse_year(cell: &Cell) -> Option<i32> {
    match cell {
        Cell::Number(f) if f.fract() == 0.0 && (1000.0..=9999.0).contains(f) => Some(*f as i32),
        Cell::Text(t) => {
            let s = t.trim();
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
        }
        _ => None,
    }
}

/// An answer code 1–5, `Ok(None)` for not answered, `Err` for any other value.
fn parse_answer(cell: &Cell) -> Result<Option<u8>, ()> {
    let v = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(f) => *f,
        Cell::Text(t) if t.trim().is_empty() => return Ok(None),
        Cell::Text(t) => t.trim().replace(',', ".").parse::<f64>().map_err(|_| ())?,
        Cell::Date(_) => return Err(()),
    };
    if v.fract() == 0.0 && (1.0..=5.0).contains(&v) {
        Ok(Some(v as u8))
    } else {
        Err(())
    }
}

#[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: the table was read with `BASE` required (constant indices into `base`); a year is 1000–9999, so its 1 January and 31 December exist; unit indices come from `units.find` and answer slots from the plan's questions.
pub fn check(table: &RawTable, units: &Units, out: &mut Respondents, quality: &mut Quality) {
    let base: Vec<usize> = table.columns(&BASE).into_iter().map(|c| c.expect("checked")).collect();
    // Every question column present is checked; the ones the plan maps are kept.
    let header_questions: Vec<(usize, String)> = table
        .header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let h = h.trim().to_uppercase();
            is_question_column(&h).then_some((i, h))
        })
        .collect();
    let slot: Vec<Option<usize>> =
        header_questions.iter().map(|(_, q)| out.questions.iter().position(|p| p == q)).collect();
    let (mut rejected, mut invalid) = (0u64, 0u64);
    let width = out.questions.len();
    for row in &table.rows {
        let cell = |c: usize| row.get(base[c]);
        let hsa = parse_hsa(cell(1));
        let mut reject = |c: usize, reason: &str| {
            rejected += 1;
            quality.problems.push(Problem {
                dataset: Dataset::Npe,
                file: table.file.clone(),
                row: row.number,
                column: column_label(table, base[c]),
                value: cell(c).as_text().into_owned(),
                reason: reason.to_string(),
                unit: hsa.clone(),
                kind: ProblemKind::Rejected,
            });
        };
        let Some(hsa_id) = hsa.as_deref() else {
            reject(1, "felaktigt HSA-id");
            continue;
        };
        let Some(unit) = units.find(hsa_id) else {
            reject(1, "HSA-id finns inte i enhetsregistret");
            continue;
        };
        let Some(year) = parse_year(cell(0)) else {
            reject(0, "felaktigt enkätår (ska vara ett årtal, t.ex. 2025)");
            continue;
        };
        let (start, end) = (
            chrono::NaiveDate::from_ymd_opt(year, 1, 1).expect("year"),
            chrono::NaiveDate::from_ymd_opt(year, 12, 31).expect("year"),
        );
        if !units.list[unit].overlaps(start, end) {
            reject(0, "enkätåret ligger utanför enhetens giltighet");
            continue;
        }
        let Some(sex) = SexCode::parse(cell(2)) else {
            reject(2, "okänd könskod");
            continue;
        };
        let mut answers = vec![0u8; width];
        for ((col, _), slot) in header_questions.iter().zip(&slot) {
            match parse_answer(row.get(*col)) {
                Ok(Some(code)) => {
                    if let Some(s) = slot {
                        answers[*s] = code;
                    }
                }
                Ok(None) => {}
                Err(()) => {
                    invalid += 1;
                    quality.problems.push(Problem {
                        dataset: Dataset::Npe,
                        file: table.file.clone(),
                        row: row.number,
                        column: column_label(table, *col),
                        value: row.get(*col).as_text().into_owned(),
                        reason: "ogiltig svarskod (ska vara 1–5 eller tom); svaret räknas som obesvarat".into(),
                        unit: hsa.clone(),
                        kind: ProblemKind::InvalidAnswer,
                    });
                }
            }
        }
        out.year.push(year);
        out.unit.push(unit as u32);
        out.sex.push(sex);
        out.answers.extend_from_slice(&answers);
    }
    let read = table.rows.len() as u64;
    quality.files.push(FileSummary {
        dataset: Dataset::Npe,
        file: table.file.clone(),
        sha256: table.sha256.clone(),
        read,
        used: read - rejected,
        rejected,
        invalid_answers: invalid,
        merged: 0,
        replaced: 0,
    });
}
