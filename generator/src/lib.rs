//! A synthetic data set in the input formats of `docs/inputs.md`, reproducible from a seed: the
//! shipped `data-samples/` (region scale, Västerbotten-like) and national-scale data for
//! benchmarks.
//!
//! The codes written (PVK indicators, accessibility measures, NPE question columns) come from a
//! plan file, so a new plan's indicators get data without touching this crate. How each code's
//! counts are drawn (base share, denominator per listed person) is this crate's own profile.
//!
//! The random numbers come from our own SplitMix64 rather than a crate, so that the same seed
//! gives the same files with every future toolchain and dependency update.
//!
//! This crate knows nothing of the `uppfoljning` library: it writes files as exports would,
//! and the program reads them like any other input.

mod actions;
mod atomic;
mod plan;
mod rng;
mod rows;
mod units;
mod write;

use std::path::{Path, PathBuf};

use rust_xlsxwriter::XlsxError;

pub use plan::{Codes, PlanError};
pub use rng::Rng;
use rows::{access_rows, npe_rows, plant_long, plant_npe, pvk_rows};
use units::{national_units, region_units};
use write::{long_to_xcells, write_csv, write_parquet, write_xlsx, XCell};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// ~38 health centres, 2023 and 2025 surveys, all months of 2025–2026.
    Region,
    /// ~1,100 units and ~400,000 respondents, for benchmarks.
    National,
}

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("kunde inte skriva {file}: {source}")]
    Io { file: String, source: std::io::Error },
    #[error("kunde inte skapa arbetsboken {file}: {source}")]
    Xlsx { file: String, source: XlsxError },
    #[error("kunde inte skriva parquet-filen {file}: {message}")]
    Parquet { file: String, message: String },
    #[error(transparent)]
    Plan(#[from] PlanError),
}

/// Writes a data set into `dir` with the codes of the plan file `plan`; returns the files written.
pub fn generate(dir: &Path, plan: &Path, scale: Scale, seed: u64) -> Result<Vec<PathBuf>, GenerateError> {
    let codes = Codes::from_plan_file(plan)?;
    std::fs::create_dir_all(dir).map_err(|source| GenerateError::Io { file: dir.display().to_string(), source })?;
    let questions = codes.questions.len();
    let mut npe_header: Vec<&str> = vec!["enkätår", "hsa_id", "kön", "åldersgrupp"];
    npe_header.extend(codes.questions.iter().map(String::as_str));
    let mut rng = Rng::new(seed);
    let units = match scale {
        Scale::Region => region_units(&mut rng),
        Scale::National => national_units(&mut rng),
    };
    let mut written = Vec::new();

    let unit_rows: Vec<Vec<XCell>> = units
        .iter()
        .map(|u| {
            vec![
                XCell::Text(u.hsa_id.clone()),
                XCell::Text(u.name.clone()),
                XCell::Text(u.regi.into()),
                XCell::Text(u.area.clone()),
                if u.sjukstuga { XCell::Text("ja".into()) } else { XCell::Text("nej".into()) },
                u.from.map_or(XCell::Empty, XCell::Date),
                // One date as text, as registers often have them.
                u.to.map_or(XCell::Empty, |d| XCell::Text(d.format("%Y-%m-%d").to_string())),
            ]
        })
        .collect();
    let p = dir.join("units.xlsx");
    write_xlsx(&p, &["hsa_id", "namn", "regi", "område", "sjukstuga", "giltig_från", "giltig_till"], &unit_rows, 0)?;
    written.push(p);

    let closing = units.iter().find(|u| u.to.is_some()).cloned().unwrap_or_else(|| units[0].clone());
    let npe_rate = match scale {
        Scale::Region => 0.018,
        Scale::National => 0.045,
    };
    let mut sampled = Vec::new();
    for year in [2023, 2025] {
        let mut rows = npe_rows(&mut rng, questions, &units, year, npe_rate);
        plant_npe(&mut rows, &mut rng, questions);
        sampled.push((year, rows::urval_rows(&rows, &units, year, year == 2025)));
        let p = match scale {
            Scale::Region => {
                let p = dir.join(format!("npe_{year}.xlsx"));
                let xrows: Vec<Vec<XCell>> = rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .enumerate()
                            .map(|(c, v)| match (c, v.parse::<i64>()) {
                                (0 | 4.., Ok(i)) => XCell::Int(i),
                                _ => XCell::Text(v.clone()),
                            })
                            .collect()
                    })
                    .collect();
                write_xlsx(&p, &npe_header, &xrows, 0)?;
                p
            }
            Scale::National => {
                let p = dir.join(format!("npe_{year}.csv"));
                write_csv(&p, &npe_header, &rows, ';', false, false)?;
                p
            }
        };
        written.push(p);
    }

    let pvk_header = ["hsa_id", "Indikator", "period", "kön", "täljare", "nämnare", "enhetsnamn"];
    for year in [2025, 2026] {
        let mut rows = pvk_rows(&mut rng, &codes, &units, year);
        plant_long(&mut rows, &mut rng, &closing);
        // At national scale the latest year comes from a warehouse, as parquet.
        let p = if scale == Scale::National && year == 2026 {
            let p = dir.join(format!("pvk_{year}.parquet"));
            write_parquet(&p, &rows)?;
            p
        } else {
            let p = dir.join(format!("pvk_{year}.csv"));
            write_csv(&p, &pvk_header, &rows, ';', true, true)?;
            p
        };
        written.push(p);
    }

    let access_header = ["hsa_id", "mått", "period", "kön", "inom", "totalt"];
    for year in [2025, 2026] {
        let mut rows = access_rows(&mut rng, &codes, &units, year);
        plant_long(&mut rows, &mut rng, &closing);
        let p = if year == 2025 && scale == Scale::Region {
            let p = dir.join(format!("access_{year}.xlsx"));
            let header = ["HSA_ID", "Mått", "Period", "Kön", "Inom", "Totalt"];
            write_xlsx(&p, &header, &long_to_xcells(&rows), 1)?;
            p
        } else {
            let p = dir.join(format!("access_{year}.csv"));
            let mut bytes_rows = rows;
            for r in bytes_rows.iter_mut() {
                for f in r.iter_mut().skip(4) {
                    // Comma-separated: a decimal comma would split the field, so write `12.0`.
                    *f = f.replace(',', ".");
                }
            }
            write_csv(&p, &access_header, &bytes_rows, ',', false, false)?;
            // UTF-8 with BOM, as Excel's "CSV UTF-8" writes it.
            let body = std::fs::read(&p).map_err(|source| GenerateError::Io { file: p.display().to_string(), source })?;
            let mut with_bom = b"\xEF\xBB\xBF".to_vec();
            with_bom.extend(body);
            atomic::write(&p, &with_bom).map_err(|source| GenerateError::Io { file: p.display().to_string(), source })?;
            p
        };
        written.push(p);
    }

    // Last, so the files above stay as they were before actions existed.
    if scale == Scale::Region {
        let p = dir.join("atgarder_2026.xlsx");
        write_xlsx(&p, &actions::HEADER, &actions::action_rows(&mut rng, &codes, &units), 0)?;
        written.push(p);
    }
    // The NPE sampled counts, made from the respondents above without drawing random numbers,
    // so every file above is as it was before they existed.
    for (year, rows) in sampled {
        let p = dir.join(format!("urval_{year}.csv"));
        write_csv(&p, &["enkätår", "hsa_id", "kön", "urval"], &rows, ';', false, false)?;
        written.push(p);
    }
    if scale == Scale::Region {
        let p = dir.join("riket_2026.csv");
        write_csv(&p, &["indikator", "period", "kön", "värde"], &rows::riket_rows(&codes, 2026), ';', false, false)?;
        written.push(p);
    }
    Ok(written)
}

