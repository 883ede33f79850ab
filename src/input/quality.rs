//! What the input checks found: per-file counts, every rejected row with its reason, codes the
//! plan does not use, and NPE answers with invalid codes. Nothing is dropped without a trace here.

use std::collections::BTreeMap;

/// The data sets of `docs/inputs.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dataset {
    Units,
    Npe,
    Pvk,
    Access,
    Actions,
    /// NPE sampled counts (`urval`), the response rate's denominator.
    Sampled,
    /// National reference values (`riket`).
    Riket,
}

impl Dataset {
    pub fn label(self) -> &'static str {
        match self {
            Dataset::Units => "Enhetsregister",
            Dataset::Npe => "Nationell patientenkät",
            Dataset::Pvk => "Primärvårdskvalitet",
            Dataset::Access => "Tillgänglighet",
            Dataset::Actions => "Överenskomna åtgärder",
            Dataset::Sampled => "Patientenkätens urval",
            Dataset::Riket => "Riket (nationella jämförelsevärden)",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSummary {
    pub dataset: Dataset,
    pub file: String,
    pub sha256: String,
    pub read: u64,
    pub used: u64,
    pub rejected: u64,
    /// NPE only: answers with a code other than 1–5 (the row is still used).
    pub invalid_answers: u64,
    /// Actions only: rows of an action that a row given later stands for, equal to it in every
    /// column (*sammanslagna dubbletter*) or not (*ersatta*). Both count as used.
    pub merged: u64,
    pub replaced: u64,
}

/// The most characters of an input's own text (a value, a column name, a code) that a report
/// or a message repeats: enough to recognise it, and far below the 32,767 characters of a
/// workbook cell, which a longer text would make the whole report fail on.
pub const SHOWN_CHARS: usize = 200;
/// Room for the mark `… [förkortad, N tecken]` (at most 36 characters).
const MARK_ROOM: usize = 40;

/// `text` cut to `max` characters with a mark saying so and how long it was; None when it fits.
/// A text up to `MARK_ROOM` characters longer is kept whole, as cutting it would save little;
/// that also leaves an already shortened text as it is, so shortening twice changes nothing.
pub fn shortened(text: &str, max: usize) -> Option<String> {
    let n = text.chars().count();
    (n > max + MARK_ROOM).then(|| {
        let head: String = text.chars().take(max).collect();
        format!("{head}… [förkortad, {n} tecken]")
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The row was left out.
    Rejected,
    /// The row was left out because the plan does not use its code (summarised per code).
    UnusedCode(String),
    /// An NPE answer was treated as not answered; the row is used.
    InvalidAnswer,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub dataset: Dataset,
    pub file: String,
    pub row: u64,
    pub column: String,
    pub value: String,
    pub reason: String,
    /// The unit the row names, when its HSA-id is valid (for the centre's own dialogue).
    pub unit: Option<String>,
    pub kind: ProblemKind,
}

impl Problem {
    /// Cuts the value, column name and unused code to `SHOWN_CHARS` (the reason, which may quote
    /// a value, to five times that), marked; a second call changes nothing.
    pub fn shorten_texts(&mut self) {
        let cut = |s: &mut String, max: usize| {
            if let Some(short) = shortened(s, max) {
                *s = short;
            }
        };
        cut(&mut self.value, SHOWN_CHARS);
        cut(&mut self.column, SHOWN_CHARS);
        cut(&mut self.reason, 5 * SHOWN_CHARS);
        if let ProblemKind::UnusedCode(code) = &mut self.kind {
            cut(code, SHOWN_CHARS);
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Quality {
    pub files: Vec<FileSummary>,
    pub problems: Vec<Problem>,
}

impl Quality {
    /// One summary per file of a data set checked as a whole: rows read, and `rejected[f]` of
    /// file `f` rejected (the rest used).
    pub fn count_files(&mut self, dataset: Dataset, tables: &[super::raw::RawTable], rejected: &[u64]) {
        for (table, &rejected) in tables.iter().zip(rejected) {
            let read = table.rows.len() as u64;
            self.files.push(FileSummary {
                dataset,
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
    }

    /// Shortens every problem's texts (`Problem::shorten_texts`), so no input can make a report
    /// unwritable through what it says about a bad row. Called once, after every file is read.
    pub fn shorten_texts(&mut self) {
        for p in &mut self.problems {
            p.shorten_texts();
        }
    }

    /// Rows whose code the plan does not use, per data set and code.
    pub fn unused_codes(&self) -> BTreeMap<(Dataset, String), u64> {
        let mut out = BTreeMap::new();
        for p in &self.problems {
            if let ProblemKind::UnusedCode(code) = &p.kind {
                *out.entry((p.dataset, code.clone())).or_insert(0) += 1;
            }
        }
        out
    }

    /// (read, used, rejected) over every data set's files but the register.
    pub fn totals(&self) -> (u64, u64, u64) {
        self.files.iter().filter(|f| f.dataset != Dataset::Units).fold((0, 0, 0), |(r, u, j), f| {
            (r + f.read, u + f.used, j + f.rejected)
        })
    }

    /// Rejected rows and invalid answers, in file and row order.
    pub fn sorted_problems(&self) -> Vec<&Problem> {
        let order: BTreeMap<&str, usize> =
            self.files.iter().enumerate().map(|(i, f)| (f.file.as_str(), i)).collect();
        let mut v: Vec<&Problem> = self.problems.iter().collect();
        let file_order = |p: &Problem| order.get(p.file.as_str()).copied().unwrap_or(usize::MAX);
        v.sort_by(|a, b| (file_order(a), a.row, &a.column).cmp(&(file_order(b), b.row, &b.column)));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_once_with_its_length() {
        let long = "å".repeat(1000);
        let short = shortened(&long, 10).expect("cut");
        assert_eq!(short, format!("{}… [förkortad, 1000 tecken]", "å".repeat(10)));
        assert_eq!(shortened(&short, 10), None, "a shortened text stays as it is");
        // Within the mark's room a text is kept whole.
        assert_eq!(shortened(&"a".repeat(50), 10), None);
        assert!(shortened(&"a".repeat(51), 10).is_some());
    }
}
