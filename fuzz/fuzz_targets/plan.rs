//! Any text as a plan file (`indicators/<year>.toml`): a plan or a Swedish error.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = uppfoljning::plan::parse(&String::from_utf8_lossy(data), "fuzz.toml");
});
