//! One reader per file format, each turning bytes into a [`RawTable`](super::raw::RawTable).
//! They know nothing of data sets: which sheet holds the data is decided by the columns asked for.

pub mod csv;
pub mod parquet;
pub mod xlsx;
