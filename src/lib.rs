//! uppfoljning: the follow-up of Hälsoval primärvård as a batch pipeline.
//!
//! The data's journey is the module tree: [`options`] and [`job`] turn the command line into a
//! resolved run description, [`input`] reads and checks the four data sets, [`plan`] holds the
//! yearly follow-up plan, [`compute`] forms every cell of the plan by unit, aggregate and sex
//! ([`cell`] names a cell), [`disclosure`] decides which cells may be shown, [`analysis`] holds
//! one report's figures and notes, and [`report`] writes the workbooks from it.

pub mod cell;
pub mod input;
pub mod plan;
pub mod options;
pub mod job;
pub mod validate;
pub mod compute;
pub mod disclosure;
pub mod analysis;
pub mod report;
pub mod run;
pub mod system;
