//! The analysis of one report: everything read, both years' tables, the `Data` rows and the
//! notes. `run`, `validate`, the benchmark and the tests all get here through
//! [`Sources::read`](crate::job::Sources::read) and [`Analysis::new`], and every report writer
//! takes its figures from an `Analysis` alone.

mod followup;
mod notes;

pub use followup::{year_before, FollowUp, Measured};
pub use notes::{Note, NoteKind};

use crate::compute::{self, ComputeError, DataRow, MonthRow, Period, Report};
use crate::input::{InputFiles, Inputs};
use crate::job::Sources;
use crate::plan::Plan;

pub struct Analysis {
    pub plan: Plan,
    pub files: InputFiles,
    pub inputs: Inputs,
    /// This year's table and last year's, computed with this year's plan.
    pub report: Report,
    /// The `Data` sheet's rows, in contract order.
    pub rows: Vec<DataRow>,
    /// The `Månadsdata` sheet's rows, in contract order.
    pub month_rows: Vec<MonthRow>,
    pub notes: Vec<Note>,
    /// The actions data set's actions followed up, in its order (by centre, then decided).
    pub followups: Vec<FollowUp>,
    /// Svarsfrekvens behind this year's NPE figures, by entity and sex (none without sampled counts).
    pub response: std::collections::HashMap<(crate::cell::EntityIx, crate::cell::Sex), compute::response::ResponseRate>,
}

impl Analysis {
    /// Computes the report of `period` from inputs read from `sources`.
    pub fn new(sources: Sources, inputs: Inputs, period: Period) -> Result<Analysis, ComputeError> {
        let Sources { plan, files } = sources;
        let report = compute::report(&inputs, &plan, period)?;
        let rows = report.rows(&plan);
        let month_rows = report.month_rows(&plan);
        let notes = notes::notes(&plan, &files, &inputs, &report);
        let followups = followup::follow_up(&inputs, &plan, &report)?;
        let response = compute::response::response_rates(&inputs, &report.current);
        Ok(Analysis { plan, files, inputs, report, rows, month_rows, notes, followups, response })
    }

    pub fn period(&self) -> Period {
        self.report.current.period
    }
}
