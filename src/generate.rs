//! A synthetic data set made to `inputs.md`, reproducible from a seed: the shipped
//! `data-samples/` (region scale, Västerbotten-like) and national-scale data for benchmarks.
//!
//! The random numbers come from our own SplitMix64 rather than a crate, so that the same seed
//! gives the same files with every future toolchain and dependency update.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::report::atomic;

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
}

/// SplitMix64: small, fast, and fixed forever.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }
    /// Binomial(n, p) by a normal approximation, clamped to [0, n].
    pub fn binomial(&mut self, n: u64, p: f64) -> u64 {
        let mean = n as f64 * p;
        let sd = (n as f64 * p * (1.0 - p)).sqrt();
        let (u1, u2) = (self.f64().max(1e-12), self.f64());
        let z = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
        (mean + z * sd).round().clamp(0.0, n as f64) as u64
    }
}

#[derive(Debug, Clone)]
struct GenUnit {
    hsa_id: String,
    name: String,
    regi: &'static str,
    area: String,
    sjukstuga: bool,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    /// Listed persons (drives every count).
    size: u64,
    /// Unit effect on shares, added to each indicator's base rate.
    effect: f64,
}

const UMEA: [&str; 15] = [
    "Ålidhems", "Backens", "Carlslids", "Ersboda", "Mariehems", "Tomtebo", "Tegs", "Sävars", "Holmsunds",
    "Hörnefors", "Vännäs", "Vindelns", "Robertsfors", "Nordmalings", "Bjurholms",
];
const SKELLEFTEA: [&str; 9] =
    ["Anderstorps", "Morö Backe", "Sunnanå", "Skelleftehamns", "Bureå", "Byske", "Bolidens", "Burträsk", "Kåge"];
const LAPPLAND: [&str; 1] = ["Lycksele"];
const SJUKSTUGOR: [(&str, &str); 7] = [
    ("Norsjö", "Skellefteå"),
    ("Malå", "Skellefteå"),
    ("Vilhelmina", "Södra Lappland"),
    ("Storumans", "Södra Lappland"),
    ("Sorsele", "Södra Lappland"),
    ("Dorotea", "Södra Lappland"),
    ("Åsele", "Södra Lappland"),
];
const PRIVATE: [(&str, &str, &str); 5] = [
    ("SE5568123456-NYD1", "Nydala vårdcentral", "Umeå"),
    ("SE5569281734-MOB1", "Mobilia hälsocentral", "Umeå"),
    ("SE5567012345-SKE1", "Citykliniken Skellefteå", "Skellefteå"),
    ("SE5590112233-STR1", "Strömpilens vårdcentral", "Umeå"),
    ("SE5592031188-LYK1", "Hälsocentralen Forsen", "Södra Lappland"),
];

fn region_units(rng: &mut Rng) -> Vec<GenUnit> {
    let mut units = Vec::new();
    let mut push = |rng: &mut Rng, hsa_id: String, name: String, regi, area: &str, sjukstuga: bool, size: u64| {
        let effect = (rng.f64() - 0.5) * 0.2;
        units.push(GenUnit { hsa_id, name, regi, area: area.into(), sjukstuga, from: None, to: None, size, effect });
    };
    for (i, n) in UMEA.iter().enumerate() {
        let size = 4_000 + rng.below(9_000);
        push(rng, format!("SE2321000222-HC01{:02}", i + 1), format!("{n} hälsocentral"), "Region", "Umeå", false, size);
    }
    for (i, n) in SKELLEFTEA.iter().enumerate() {
        let size = 3_000 + rng.below(8_000);
        push(rng, format!("SE2321000222-HC02{:02}", i + 1), format!("{n} hälsocentral"), "Region", "Skellefteå", false, size);
    }
    for (i, n) in LAPPLAND.iter().enumerate() {
        push(rng, format!("SE2321000222-HC03{:02}", i + 1), format!("{n} hälsocentral"), "Region", "Södra Lappland", false, 9_000);
    }
    for (i, (n, area)) in SJUKSTUGOR.iter().enumerate() {
        let size = 900 + rng.below(2_200);
        push(rng, format!("SE2321000222-SJ05{:02}", i + 1), format!("{n} sjukstuga"), "Region", area, true, size);
    }
    push(rng, "SE2321000222-HC0308".into(), "Tärnaby hälsocentral".into(), "Region", "Södra Lappland", false, 700);
    for (hsa, name, area) in PRIVATE {
        let size = 2_000 + rng.below(6_000);
        push(rng, hsa.into(), name.into(), "Privat", area, false, size);
    }
    // One centre opens during 2025 and one closes during 2026.
    let mob = units.iter_mut().find(|u| u.hsa_id.ends_with("MOB1")).expect("listed");
    mob.from = NaiveDate::from_ymd_opt(2025, 4, 1);
    let kage = units.iter_mut().find(|u| u.name.starts_with("Kåge")).expect("listed");
    kage.to = NaiveDate::from_ymd_opt(2026, 6, 30);
    units
}

fn national_units(rng: &mut Rng) -> Vec<GenUnit> {
    let areas: Vec<String> = (1..=21).map(|i| format!("Region {i:02}")).collect();
    (0..1_100)
        .map(|i| {
            let private = i % 3 == 0;
            GenUnit {
                hsa_id: format!("SE{:010}-VC{:04}", 2_321_000_000u64 + (i as u64 / 60), i),
                name: format!("Vårdcentral {:04}", i + 1),
                regi: if private { "Privat" } else { "Region" },
                area: areas[i % areas.len()].clone(),
                sjukstuga: false,
                from: None,
                to: None,
                size: 1_500 + rng.below(14_000),
                effect: (rng.f64() - 0.5) * 0.2,
            }
        })
        .collect()
}

/// (code, base share, denominator per listed person, per 1000?) of the PVK indicators.
const PVK_CODES: [(&str, f64, f64); 8] = [
    ("KONT_LAK", 0.52, 0.030),
    ("FAST_LAK", 0.55, 0.60),
    ("Di2_52", 0.53, 0.025),
    ("Di3_140", 0.58, 0.025),
    ("Hy1_140", 0.57, 0.060),
    ("Le_tob_atg", 0.55, 0.004),
    ("Inf_AB_luft", 0.30, 0.050),
    ("Inf_prev_luft", 0.0, 0.60),
];
/// A code that no plan uses: its rows are rejected and noted once.
const PVK_UNUSED: &str = "Ka_KOL";

fn months() -> Vec<(i32, u32)> {
    (2025..=2026).flat_map(|y| (1..=12).map(move |m| (y, m))).collect()
}

fn open_in(u: &GenUnit, y: i32, m: u32) -> bool {
    let first = NaiveDate::from_ymd_opt(y, m, 1).expect("month");
    let last = if m == 12 { NaiveDate::from_ymd_opt(y, 12, 31) } else { NaiveDate::from_ymd_opt(y, m + 1, 1).and_then(|d| d.pred_opt()) }
        .expect("month");
    u.from.is_none_or(|f| f <= last) && u.to.is_none_or(|t| t >= first)
}

fn sex_spelling(rng: &mut Rng, women: bool) -> &'static str {
    let options: [&str; 4] = if women { ["K", "Kvinnor", "kvinna", "2"] } else { ["M", "Män", "man", "1"] };
    let spread = if rng.chance(0.8) { 1 } else { 4 };
    options[rng.below(spread) as usize]
}

/// A count as a region's export might write it: plain, with a thousands space, or `12,0`.
fn count_text(rng: &mut Rng, v: u64, decimal_comma: bool) -> String {
    if v >= 1000 && rng.chance(0.3) {
        let s = v.to_string();
        let (head, tail) = s.split_at(s.len() - 3);
        return format!("{head}{}{tail}", if rng.chance(0.5) { ' ' } else { '\u{a0}' });
    }
    if rng.chance(0.03) {
        return if decimal_comma { format!("{v},0") } else { format!("{v}.0") };
    }
    v.to_string()
}

/// One csv-bound row of a long-format data set.
type LongRow = Vec<String>;

fn pvk_rows(rng: &mut Rng, units: &[GenUnit], year: i32) -> Vec<LongRow> {
    let mut rows = Vec::new();
    for (k, u) in units.iter().enumerate() {
        for (code, base, per_person) in PVK_CODES.iter().copied().chain([(PVK_UNUSED, 0.4, 0.01)]) {
            for (y, m) in months().into_iter().filter(|(y, _)| *y == year) {
                // The unused code comes from a pilot at two centres in the first quarter.
                if !open_in(u, y, m) || (code == PVK_UNUSED && (k >= 2 || m > 3)) {
                    continue;
                }
                let period = match rng.below(10) {
                    0 => format!("{y}{m:02}"),
                    1 => format!("{y}-{m:02}-15"),
                    _ => format!("{y}-{m:02}"),
                };
                for women in [true, false] {
                    let n = ((u.size as f64 / 2.0) * per_person * (0.9 + 0.2 * rng.f64())).round() as u64;
                    let t = if code == "Inf_prev_luft" {
                        ((n as f64) * (0.04 + 0.02 * rng.f64())).round() as u64
                    } else {
                        let p = (base + u.effect + if women { 0.02 } else { -0.02 }).clamp(0.02, 0.98);
                        rng.binomial(n, p)
                    };
                    rows.push(vec![
                        u.hsa_id.clone(),
                        code.to_string(),
                        period.clone(),
                        sex_spelling(rng, women).to_string(),
                        count_text(rng, t, true),
                        count_text(rng, n, true),
                        u.name.clone(),
                    ]);
                }
                // A few rows of unknown sex: they count in Totalt only.
                if rng.chance(0.05) {
                    let n = 1 + rng.below(4);
                    rows.push(vec![
                        u.hsa_id.clone(),
                        code.to_string(),
                        period,
                        ["", "X", "okänt"][rng.below(3) as usize].to_string(),
                        rng.below(n + 1).to_string(),
                        n.to_string(),
                        u.name.clone(),
                    ]);
                }
            }
        }
    }
    rows
}

fn access_rows(rng: &mut Rng, units: &[GenUnit], year: i32) -> Vec<LongRow> {
    let mut rows = Vec::new();
    for u in units {
        for (y, m) in months().into_iter().filter(|(y, _)| *y == year) {
            if !open_in(u, y, m) {
                continue;
            }
            let period = format!("{y}-{m:02}");
            for women in [true, false] {
                let total = ((u.size as f64) * 0.012 * (0.8 + 0.4 * rng.f64())).round() as u64;
                let p = (0.86 + u.effect / 2.0).clamp(0.3, 0.99);
                let within = rng.binomial(total, p);
                rows.push(vec![
                    u.hsa_id.clone(),
                    "bedömning_3d".into(),
                    period.clone(),
                    sex_spelling(rng, women).into(),
                    count_text(rng, within, false),
                    count_text(rng, total, false),
                ]);
            }
            let calls = ((u.size as f64) * 0.08 * (0.8 + 0.4 * rng.f64())).round() as u64;
            let within = rng.binomial(calls, (0.88 + u.effect).clamp(0.3, 0.99));
            rows.push(vec![
                u.hsa_id.clone(),
                "telefon_samma_dag".into(),
                period.clone(),
                String::new(),
                count_text(rng, within, false),
                count_text(rng, calls, false),
            ]);
            if rng.chance(0.02) {
                rows.push(vec![u.hsa_id.clone(), "bedömning_14d".into(), period, "K".into(), "5".into(), "6".into()]);
            }
        }
    }
    rows
}

/// NPE respondents: (enkätår, hsa_id, kön, åldersgrupp, F01…F21).
fn npe_rows(rng: &mut Rng, units: &[GenUnit], year: i32, per_person: f64) -> Vec<Vec<String>> {
    let ages = ["15-29", "30-49", "50-64", "65-79", "80+"];
    let mut rows = Vec::new();
    let start = NaiveDate::from_ymd_opt(year, 1, 1).expect("year");
    let end = NaiveDate::from_ymd_opt(year, 12, 31).expect("year");
    for u in units {
        if !(u.from.is_none_or(|f| f <= end) && u.to.is_none_or(|t| t >= start)) {
            continue;
        }
        let n = ((u.size as f64) * per_person * (0.7 + 0.6 * rng.f64())).round() as u64 + 8;
        for _ in 0..n {
            let sex = match rng.below(100) {
                0 => ["", "X", "Okänt"][rng.below(3) as usize],
                k if k < 56 => ["K", "Kvinna"][rng.below(2) as usize],
                _ => ["M", "Man"][rng.below(2) as usize],
            };
            let mood = (0.78 + u.effect + (rng.f64() - 0.5) * 0.3).clamp(0.05, 0.98);
            let mut row = vec![year.to_string(), u.hsa_id.clone(), sex.into(), ages[rng.below(5) as usize].into()];
            for _ in 0..21 {
                let a = if rng.chance(0.05) {
                    String::new()
                } else if rng.chance(0.06) {
                    "5".into()
                } else if rng.chance(mood) {
                    (1 + rng.below(2)).to_string()
                } else {
                    (3 + rng.below(2)).to_string()
                };
                row.push(a);
            }
            rows.push(row);
        }
    }
    rows
}

/// Plants the bad rows of `inputs.md` § Bad rows into long-format rows (count columns at 4, 5):
/// each is a copy of a random row with some cells replaced.
fn plant_long(rows: &mut Vec<LongRow>, rng: &mut Rng, closed: &GenUnit) {
    if rows.len() < 40 {
        return;
    }
    let edits: [&[(usize, &str)]; 10] = [
        &[(0, "SE232100022-HC0101")],  // nine digits
        &[(0, "SE2321000222-HC0999")], // not in the register
        &[(2, "2026-13")],
        &[(3, "F")],
        &[(4, "-4")],
        &[(5, "")],
        &[(5, "12,5")],
        &[(4, "900"), (5, "12")],                // numerator > denominator
        &[(0, closed.hsa_id.as_str()), (2, "2026-11")], // a month after the unit closed
        &[],                                     // an exact copy: a duplicate key, both rejected
    ];
    let bad: Vec<LongRow> = edits
        .iter()
        .map(|edit| {
            let mut r = rows[rng.below(rows.len() as u64) as usize].clone();
            for (c, v) in edit.iter() {
                r[*c] = v.to_string();
            }
            r
        })
        .collect();
    for b in bad {
        let at = rng.below(rows.len() as u64) as usize;
        rows.insert(at, b);
    }
}

fn plant_npe(rows: &mut [Vec<String>], rng: &mut Rng) {
    let n = rows.len() as u64;
    if n < 20 {
        return;
    }
    let at = |rng: &mut Rng| rng.below(n) as usize;
    let i = at(rng);
    rows[i][1] = "SE2321000222-HC01 01".into();
    let i = at(rng);
    rows[i][1] = "SE2321000222-HC0998".into();
    let i = at(rng);
    rows[i][0] = "2O25".into();
    let i = at(rng);
    rows[i][2] = "Kvinnlig".into();
    for _ in 0..6 {
        let i = at(rng);
        let q = 4 + rng.below(21) as usize;
        rows[i][q] = ["7", "0", "ja"][rng.below(3) as usize].into();
    }
}

#[derive(Clone)]
enum XCell {
    Text(String),
    Int(i64),
    Date(NaiveDate),
    Empty,
}

fn write_xlsx(path: &Path, header: &[&str], rows: &[Vec<XCell>], first_row: u32) -> Result<(), GenerateError> {
    let file = path.display().to_string();
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        let props = rust_xlsxwriter::DocProperties::new()
            .set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 1, 1)?);
        wb.set_properties(&props);
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let ws = wb.add_worksheet().set_name("Blad1")?;
        // The header is the first non-empty row, wherever it stands.
        let mut r = first_row;
        for (c, h) in header.iter().enumerate() {
            ws.write_string(r, c as u16, *h)?;
        }
        for row in rows {
            r += 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    XCell::Text(s) if !s.is_empty() => {
                        ws.write_string(r, c, s)?;
                    }
                    XCell::Int(i) => {
                        ws.write_number(r, c, *i as f64)?;
                    }
                    XCell::Date(d) => {
                        ws.write_date_with_format(r, c, rust_xlsxwriter::ExcelDateTime::from_ymd(
                            chrono::Datelike::year(d) as u16,
                            chrono::Datelike::month(d) as u8,
                            chrono::Datelike::day(d) as u8,
                        )?, &date)?;
                    }
                    _ => {}
                }
            }
        }
        wb.save_to_buffer()
    };
    let bytes = build().map_err(|source| GenerateError::Xlsx { file: file.clone(), source })?;
    atomic::write(path, &bytes).map_err(|source| GenerateError::Io { file, source })
}

fn write_csv(path: &Path, header: &[&str], rows: &[Vec<String>], sep: char, windows_1252: bool, crlf: bool) -> Result<(), GenerateError> {
    let eol = if crlf { "\r\n" } else { "\n" };
    let mut text = String::new();
    let quote = |f: &str| -> String {
        if f.contains(sep) || f.contains('"') || f.contains('\n') {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.to_string()
        }
    };
    text.push_str(&header.iter().map(|h| quote(h)).collect::<Vec<_>>().join(&sep.to_string()));
    text.push_str(eol);
    for r in rows {
        text.push_str(&r.iter().map(|f| quote(f)).collect::<Vec<_>>().join(&sep.to_string()));
        text.push_str(eol);
    }
    let bytes = if windows_1252 { encoding_rs::WINDOWS_1252.encode(&text).0.into_owned() } else { text.into_bytes() };
    atomic::write(path, &bytes).map_err(|source| GenerateError::Io { file: path.display().to_string(), source })
}

/// PVK rows as a typed warehouse table: counts as integers (null where the text is no whole number).
fn write_parquet(path: &Path, rows: &[LongRow]) -> Result<(), GenerateError> {
    use polars::prelude::*;
    let file = path.display().to_string();
    let text = |c: usize| rows.iter().map(|r| r[c].clone()).collect::<Vec<String>>();
    let count = |c: usize| -> Vec<Option<i64>> {
        rows.iter()
            .map(|r| {
                let t: String = r[c].chars().filter(|ch| !ch.is_whitespace()).collect();
                let t = t.strip_suffix(",0").or_else(|| t.strip_suffix(".0")).unwrap_or(&t);
                t.parse().ok()
            })
            .collect()
    };
    let fail = |e: PolarsError| GenerateError::Parquet { file: file.clone(), message: e.to_string() };
    let mut df = df!(
        "hsa_id" => text(0),
        "indikator" => text(1),
        "period" => text(2),
        "kön" => text(3),
        "täljare" => count(4),
        "nämnare" => count(5),
    )
    .map_err(fail)?;
    let mut buf = Vec::new();
    ParquetWriter::new(&mut buf).finish(&mut df).map_err(fail)?;
    atomic::write(path, &buf).map_err(|source| GenerateError::Io { file: file.clone(), source })
}

fn long_to_xcells(rows: &[LongRow]) -> Vec<Vec<XCell>> {
    rows.iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(c, v)| match c {
                    // Months as Excel dates where they parse, as an analyst's sheet has them.
                    2 => match crate::input::codes::parse_iso_date(&format!("{v}-01")) {
                        Some(d) => XCell::Date(d),
                        None => XCell::Text(v.clone()),
                    },
                    4 | 5 => v.parse::<i64>().map(XCell::Int).unwrap_or_else(|_| XCell::Text(v.clone())),
                    _ => XCell::Text(v.clone()),
                })
                .collect()
        })
        .collect()
}

const NPE_HEADER: [&str; 25] = [
    "enkätår", "hsa_id", "kön", "åldersgrupp", "F01", "F02", "F03", "F04", "F05", "F06", "F07", "F08", "F09", "F10",
    "F11", "F12", "F13", "F14", "F15", "F16", "F17", "F18", "F19", "F20", "F21",
];

/// Writes a data set into `dir`; returns the files written.
pub fn generate(dir: &Path, scale: Scale, seed: u64) -> Result<Vec<PathBuf>, GenerateError> {
    std::fs::create_dir_all(dir).map_err(|source| GenerateError::Io { file: dir.display().to_string(), source })?;
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
    for year in [2023, 2025] {
        let mut rows = npe_rows(&mut rng, &units, year, npe_rate);
        plant_npe(&mut rows, &mut rng);
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
                write_xlsx(&p, &NPE_HEADER, &xrows, 0)?;
                p
            }
            Scale::National => {
                let p = dir.join(format!("npe_{year}.csv"));
                write_csv(&p, &NPE_HEADER, &rows, ';', false, false)?;
                p
            }
        };
        written.push(p);
    }

    let pvk_header = ["hsa_id", "Indikator", "period", "kön", "täljare", "nämnare", "enhetsnamn"];
    for year in [2025, 2026] {
        let mut rows = pvk_rows(&mut rng, &units, year);
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
        let mut rows = access_rows(&mut rng, &units, year);
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
    Ok(written)
}
