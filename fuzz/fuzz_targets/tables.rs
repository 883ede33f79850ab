//! Well-formed but wrong tables: a data set's own header line, then any bytes as its rows, read
//! as csv. The first byte picks the data set and the separator, so the fuzzer spends its time in
//! the row checks rather than on finding the column names.
#![no_main]

#[path = "common.rs"]
mod common;

const HEADERS: [&str; 7] = [
    "hsa_id;namn;regi;område;sjukstuga;giltig_från;giltig_till;kommun",
    "enkätår;hsa_id;kön;F01;F02;F03;F04;F05;F06;F07;F08;F09;F10;F11;F12;F13;F14;F15;F16;F17;F18;F19;F20;F21",
    "hsa_id;indikator;period;kön;täljare;nämnare",
    "hsa_id;mått;period;kön;inom;totalt",
    "hsa_id;indikator;åtgärd;ansvarig;beslutad;klart_senast;status;kommentar",
    "enkätår;hsa_id;urval;kön",
    "indikator;period;kön;värde;täljare;nämnare",
];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&pick, rows)) = data.split_first() else { return };
    let header = HEADERS[pick as usize % HEADERS.len()];
    let sep = [";", ",", "\t"][(pick as usize / HEADERS.len()) % 3];
    let mut file = header.replace(';', sep).into_bytes();
    file.push(b'\n');
    file.extend_from_slice(rows);
    common::every_dataset("fuzz.csv", &file);
});
