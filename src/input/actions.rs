//! Agreed actions (`docs/inputs.md` § 5): the units' own plans from the follow-up dialogue,
//! usually the `Åtgärder` forms of filled-in centre workbooks. Rows are checked like every data
//! set's; rows sharing an action's key (HSA-id, indicator, text, decided) are one action, and
//! the row given last stands.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::codes::{parse_date, parse_hsa};
use super::quality::{shortened, Dataset, FileSummary, Problem, ProblemKind, Quality, SHOWN_CHARS};
use super::raw::{column_label, Cell, InputError, RawTable};
use super::read;
use super::units::Units;
use crate::cell::IndicatorIx;
use crate::plan::Plan;

/// The most characters a cell of a workbook holds (Excel's limit, which rust_xlsxwriter enforces).
const CELL_CHARS: usize = 32_767;

/// The columns, in the form's order.
pub const COLUMNS: [&str; 8] = ["hsa_id", "indikator", "åtgärd", "ansvarig", "beslutad", "klart_senast", "status", "kommentar"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActionStatus {
    Planned,
    Ongoing,
    Done,
    Cancelled,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [ActionStatus::Planned, ActionStatus::Ongoing, ActionStatus::Done, ActionStatus::Cancelled];

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Planned => "Planerad",
            ActionStatus::Ongoing => "Pågår",
            ActionStatus::Done => "Klar",
            ActionStatus::Cancelled => "Avbruten",
        }
    }

    /// Case ignored, surrounding space too.
    pub fn parse(text: &str) -> Option<ActionStatus> {
        let t = text.trim().to_lowercase();
        ActionStatus::ALL.into_iter().find(|s| s.label().to_lowercase() == t)
    }

    /// `Klar` and `Avbruten` end an action.
    pub fn is_closed(self) -> bool {
        matches!(self, ActionStatus::Done | ActionStatus::Cancelled)
    }
}

/// One agreed action, after the checks and with its text trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub hsa_id: String,
    pub indicator: IndicatorIx,
    pub text: String,
    pub responsible: String,
    pub decided: NaiveDate,
    pub due: NaiveDate,
    pub status: ActionStatus,
    pub comment: String,
    /// Where the standing row came from.
    pub file: String,
    pub row: u64,
}

impl Action {
    /// Every column but where it came from: rows equal in this are duplicates.
    fn content(&self) -> (&str, IndicatorIx, &str, &str, NaiveDate, NaiveDate, ActionStatus, &str) {
        (&self.hsa_id, self.indicator, &self.text, &self.responsible, self.decided, self.due, self.status, &self.comment)
    }

    fn key(&self) -> (String, IndicatorIx, String, NaiveDate) {
        (self.hsa_id.clone(), self.indicator, self.text.clone(), self.decided)
    }

    /// `klart_senast` has passed at `end` (the report period's last day).
    pub fn passed(&self, end: NaiveDate) -> bool {
        self.due < end
    }

    /// Passed, and still `Planerad` or `Pågår`.
    pub fn overdue(&self, end: NaiveDate) -> bool {
        self.passed(end) && !self.status.is_closed()
    }
}

/// A row that could not be read as an action, with what it said, so the centre's dialogue can
/// name the action that is missing (the row is also a [`Problem`] in `Datakvalitet`).
#[derive(Debug, Clone)]
pub struct RejectedAction {
    /// The `åtgärd` text, trimmed.
    pub text: String,
    /// Where and why (its `unit` is the row's HSA-id when well-formed).
    pub problem: Problem,
}

/// The actions, one per key, by HSA-id, then decided, then plan order, then text.
#[derive(Debug, Clone, Default)]
pub struct Actions {
    pub list: Vec<Action>,
    /// Rows rejected, in file and row order.
    pub rejected: Vec<RejectedAction>,
    /// Whether the data set was given at all (the dialogue says so either way).
    pub given: bool,
}

impl Actions {
    pub fn of_unit<'a>(&'a self, hsa_id: &'a str) -> impl Iterator<Item = &'a Action> + 'a {
        self.list.iter().filter(move |a| a.hsa_id == hsa_id)
    }
}

pub fn load(files: &[PathBuf], plan: &Plan, units: &Units, quality: &mut Quality) -> Result<Actions, InputError> {
    let tables = files.iter().map(|path| read::read(path, &COLUMNS, "åtgärder")).collect::<Result<Vec<_>, _>>()?;
    read::distinct(&tables, "åtgärder")?;
    Ok(check(&tables, plan, units, quality))
}

/// The row rules of `docs/inputs.md` § 5 over `tables` in the order given, then one action per key.
#[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: `cols` has one entry per `COLUMNS`, indexed by constants; `standing` holds every accepted key and `quality.files` one summary per table, both filled above.
pub fn check(tables: &[RawTable], plan: &Plan, units: &Units, quality: &mut Quality) -> Actions {
    let ids: HashMap<&str, usize> = plan.indicators.iter().enumerate().map(|(k, i)| (i.id.as_str(), k)).collect();
    // Every accepted row, in the order rows stand: files as given, rows top down.
    let mut accepted: Vec<(usize, Action)> = Vec::new();
    let mut rejected_rows: Vec<RejectedAction> = Vec::new();
    let short = |t: &str| shortened(t, SHOWN_CHARS).unwrap_or_else(|| t.to_string());
    let first_file = quality.files.len();
    for (f, table) in tables.iter().enumerate() {
        let cols = table.columns(&COLUMNS);
        let (mut read, mut rejected) = (0u64, 0u64);
        for row in &table.rows {
            let cell = |c: usize| cols[c].map_or(&Cell::Empty, |i| row.get(i));
            // The form's unused rows carry only the drop-down lists: not a row at all.
            if cell(1).is_blank() && cell(2).is_blank() {
                continue;
            }
            read += 1;
            let hsa = parse_hsa(cell(0));
            let mut reject = |c: usize, reason: String| {
                rejected += 1;
                let mut problem = Problem {
                    dataset: Dataset::Actions,
                    file: table.file.clone(),
                    row: row.number,
                    column: column_label(table, cols[c].unwrap_or(0)),
                    value: cell(c).as_text().trim().to_string(),
                    reason,
                    unit: hsa.clone(),
                    kind: ProblemKind::Rejected,
                };
                // Shortened here too: the rejected row's copy is not among `quality`'s problems.
                problem.shorten_texts();
                quality.problems.push(problem.clone());
                rejected_rows.push(RejectedAction { text: short(cell(2).as_text().trim()), problem });
            };
            let Some(hsa_id) = hsa.clone() else {
                reject(0, "felaktigt HSA-id".into());
                continue;
            };
            if units.find(&hsa_id).is_none() {
                reject(0, "HSA-id finns inte i enhetsregistret".into());
                continue;
            }
            let indicator_text = cell(1).as_text().trim().to_string();
            let Some(&k) = ids.get(indicator_text.as_str()) else {
                let reason = if indicator_text.is_empty() {
                    "indikator saknas".to_string()
                } else {
                    format!("indikatorn finns inte i uppföljningsplanen {}", plan.year)
                };
                reject(1, reason);
                continue;
            };
            let mut date = |c: usize, name: &str| -> Option<NaiveDate> {
                let v = cell(c);
                if v.is_blank() {
                    reject(c, format!("{name} saknas"));
                    return None;
                }
                let d = parse_date(v);
                if d.is_none() {
                    reject(c, format!("{name} är inget datum (ÅÅÅÅ-MM-DD)"));
                }
                d
            };
            let Some(decided) = date(4, "beslutad") else { continue };
            let Some(due) = date(5, "klart_senast") else { continue };
            let Some(status) = ActionStatus::parse(&cell(6).as_text()) else {
                let reason = if cell(6).is_blank() {
                    "status saknas".to_string()
                } else {
                    "okänd status (ska vara Planerad, Pågår, Klar eller Avbruten)".to_string()
                };
                reject(6, reason);
                continue;
            };
            if due < decided {
                reject(5, format!("klart_senast ligger före beslutad ({decided})"));
                continue;
            }
            // The form writes these texts back into cells, which hold at most 32,767 characters.
            if let Some(c) = [2, 3, 7].into_iter().find(|&c| cell(c).as_text().trim().chars().count() > CELL_CHARS) {
                reject(c, "texten är längre än en cell i Excel rymmer (32 767 tecken)".into());
                continue;
            }
            let text = |c: usize| cell(c).as_text().trim().to_string();
            accepted.push((
                f,
                Action {
                    hsa_id,
                    indicator: crate::cell::IndicatorIx(k),
                    text: text(2),
                    responsible: text(3),
                    decided,
                    due,
                    status,
                    comment: text(7),
                    file: table.file.clone(),
                    row: row.number,
                },
            ));
        }
        quality.files.push(FileSummary {
            dataset: Dataset::Actions,
            file: table.file.clone(),
            sha256: table.sha256.clone(),
            read,
            used: read - rejected,
            rejected,
            invalid_answers: 0,
            merged: 0,
            replaced: 0,
        });
    }
    // One action per key: the row standing last wins; each other row is merged (equal to it)
    // or replaced (different), counted in its own file.
    let mut standing: HashMap<(String, IndicatorIx, String, NaiveDate), usize> = HashMap::new();
    for (i, (_, a)) in accepted.iter().enumerate() {
        standing.insert(a.key(), i);
    }
    let mut list = Vec::with_capacity(standing.len());
    for (i, (f, a)) in accepted.iter().enumerate() {
        let last = standing[&a.key()];
        if last == i {
            list.push(a.clone());
            continue;
        }
        let summary = &mut quality.files[first_file + f];
        if a.content() == accepted[last].1.content() {
            summary.merged += 1;
        } else {
            summary.replaced += 1;
        }
    }
    list.sort_by(|a, b| (&a.hsa_id, a.decided, a.indicator.0, &a.text).cmp(&(&b.hsa_id, b.decided, b.indicator.0, &b.text)));
    Actions { list, rejected: rejected_rows, given: !tables.is_empty() }
}
