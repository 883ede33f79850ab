//! Integration tests, in one binary so polars is linked once (each test binary links it).

mod actions;
mod audit;
mod cli;
mod compute;
mod conformance;
mod export;
mod fixture;
mod inputs;
mod months;
mod nothing_lost;
mod odd_shapes;
mod plans;
mod report;
mod response;
mod riket;
