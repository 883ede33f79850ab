//! Integration tests, in one binary so polars is linked once (see `../shared/stack-notes.md`).

mod cli;
mod compute;
mod conformance;
mod fixture;
mod inputs;
mod plans;
mod report;
