//! Any bytes as a .csv file of every data set.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::every_dataset("fuzz.csv", data));
