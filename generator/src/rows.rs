//! The rows of the long-format data sets and of NPE, and the bad rows planted among them.

use chrono::NaiveDate;

use crate::plan::Codes;
use crate::rng::Rng;
use crate::units::GenUnit;

/// (code, base share, denominator per listed person) of known PVK codes; a code of the plan not
/// listed here gets [`PVK_DEFAULT`]. For a rate per 1000 the base share is not used.
const PVK_PROFILE: [(&str, f64, f64); 8] = [
    ("KONT_LAK", 0.52, 0.030),
    ("FAST_LAK", 0.55, 0.60),
    ("Di2_52", 0.53, 0.025),
    ("Di3_140", 0.58, 0.025),
    ("Hy1_140", 0.57, 0.060),
    ("Le_tob_atg", 0.55, 0.004),
    ("Inf_AB_luft", 0.30, 0.050),
    ("Inf_prev_luft", 0.0, 0.60),
];
const PVK_DEFAULT: (f64, f64) = (0.5, 0.03);
/// A code that no plan uses: its rows are rejected and noted once.
const PVK_UNUSED: &str = "Ka_KOL";

/// (code, measured contacts per listed person, base share within, weight of the unit effect)
/// of known accessibility measures; others get [`ACCESS_DEFAULT`].
const ACCESS_PROFILE: [(&str, f64, f64, f64); 2] =
    [("bedömning_3d", 0.012, 0.86, 0.5), ("telefon_samma_dag", 0.08, 0.88, 1.0)];
const ACCESS_DEFAULT: (f64, f64, f64) = (0.02, 0.85, 1.0);
/// An accessibility measure that no plan uses.
const ACCESS_UNUSED: &str = "bedömning_14d";

fn pvk_profile(code: &str) -> (f64, f64) {
    PVK_PROFILE.iter().find(|p| p.0 == code).map_or(PVK_DEFAULT, |p| (p.1, p.2))
}

fn access_profile(code: &str) -> (f64, f64, f64) {
    ACCESS_PROFILE.iter().find(|p| p.0 == code).map_or(ACCESS_DEFAULT, |p| (p.1, p.2, p.3))
}

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
pub(crate) type LongRow = Vec<String>;

pub(crate) fn pvk_rows(rng: &mut Rng, codes: &Codes, units: &[GenUnit], year: i32) -> Vec<LongRow> {
    let mut rows = Vec::new();
    let mut profile: Vec<(&str, f64, f64, bool)> = codes
        .pvk
        .iter()
        .map(|c| {
            let (base, per_person) = pvk_profile(&c.code);
            (c.code.as_str(), base, per_person, c.per_thousand)
        })
        .collect();
    profile.push((PVK_UNUSED, 0.4, 0.01, false));
    for (k, u) in units.iter().enumerate() {
        for &(code, base, per_person, per_thousand) in &profile {
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
                    // A rate per 1000 counts episodes, a few per hundred listed persons.
                    let t = if per_thousand {
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

pub(crate) fn access_rows(rng: &mut Rng, codes: &Codes, units: &[GenUnit], year: i32) -> Vec<LongRow> {
    let mut rows = Vec::new();
    for u in units {
        for (y, m) in months().into_iter().filter(|(y, _)| *y == year) {
            if !open_in(u, y, m) {
                continue;
            }
            let period = format!("{y}-{m:02}");
            for c in &codes.access {
                let (per_person, base, effect_weight) = access_profile(&c.code);
                let p = (base + u.effect * effect_weight).clamp(0.3, 0.99);
                // A measure split by sex has a row per sex; one that is not, a row of empty sex.
                let sexes: &[Option<bool>] = if c.by_sex { &[Some(true), Some(false)] } else { &[None] };
                for &women in sexes {
                    let total = ((u.size as f64) * per_person * (0.8 + 0.4 * rng.f64())).round() as u64;
                    let within = rng.binomial(total, p);
                    rows.push(vec![
                        u.hsa_id.clone(),
                        c.code.clone(),
                        period.clone(),
                        women.map_or(String::new(), |w| sex_spelling(rng, w).into()),
                        count_text(rng, within, false),
                        count_text(rng, total, false),
                    ]);
                }
            }
            if rng.chance(0.02) {
                rows.push(vec![u.hsa_id.clone(), ACCESS_UNUSED.into(), period, "K".into(), "5".into(), "6".into()]);
            }
        }
    }
    rows
}

/// NPE respondents: (enkätår, hsa_id, kön, åldersgrupp, F01…F21).
/// The persons sampled per unit for the survey rows `rows` of `year`: respondents divided by a
/// response rate of 40–75 % fixed per unit and year (a hash, not the random stream). With
/// `by_sex`, a row for Kvinnor and one for Män (respondents of unknown sex then count in
/// neither); otherwise one row for all persons, `kön` empty.
pub(crate) fn urval_rows(rows: &[Vec<String>], units: &[GenUnit], year: i32, by_sex: bool) -> Vec<Vec<String>> {
    // (women, men, all) respondents by HSA-id.
    let mut counts: std::collections::HashMap<&str, (u64, u64, u64)> = std::collections::HashMap::new();
    let y = year.to_string();
    for r in rows.iter().filter(|r| r[0] == y) {
        let c = counts.entry(r[1].as_str()).or_default();
        c.2 += 1;
        match r[2].as_str() {
            "K" | "Kvinna" => c.0 += 1,
            "M" | "Man" => c.1 += 1,
            _ => {}
        }
    }
    let mut out = Vec::new();
    for u in units {
        let Some(&(women, men, all)) = counts.get(u.hsa_id.as_str()) else { continue };
        // FNV-1a of the HSA-id and year.
        let hash = format!("{}{year}", u.hsa_id).bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
        let rate = 0.40 + 0.35 * ((hash >> 11) as f64 / (1u64 << 53) as f64);
        let sampled = |n: u64| ((n as f64 / rate).round() as u64).to_string();
        if by_sex {
            out.push(vec![year.to_string(), u.hsa_id.clone(), "Kvinnor".into(), sampled(women)]);
            out.push(vec![year.to_string(), u.hsa_id.clone(), "Män".into(), sampled(men)]);
        } else {
            out.push(vec![year.to_string(), u.hsa_id.clone(), String::new(), sampled(all)]);
        }
    }
    out
}

/// National reference values for `year`'s three reports: for each indicator compared with riket,
/// its period as each report's `Data` sheet spells it (flow: the months; status: the last month,
/// written once with the kind after it as an analyst may copy it; survey: last year's survey), by
/// sex where split. The values are fixed per indicator, sex and period by a hash, 60–88 % or
/// 40–160 per 1000, not drawn from the random stream.
pub(crate) fn riket_rows(codes: &Codes, year: i32) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for c in &codes.riket {
        for (i, last) in ["apr", "aug", "dec"].into_iter().enumerate() {
            let month = [4, 8, 12][i];
            let period = match c.kind.as_str() {
                "flow" => format!("{year} jan–{last}"),
                "status" if i == 2 => format!("{year}-{month:02} (rullande 12 mån)"),
                "status" => format!("{year}-{month:02}"),
                _ if i == 0 => format!("NPE {}", year - 1),
                _ => continue,
            };
            let hash = format!("{}{period}", c.id)
                .bytes()
                .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
            let (u, v) = ((hash >> 40) as f64 / (1u64 << 24) as f64, (hash & 0xff_ffff) as f64 / (1u64 << 24) as f64);
            let total = if c.per_thousand { 40.0 + 120.0 * u } else { 60.0 + 28.0 * u };
            // Women a little above or below men, Totalt between them.
            let gap = (v - 0.5) * 6.0;
            let sexes: &[(&str, f64)] =
                if c.by_sex { &[("Totalt", 0.0), ("Kvinnor", 0.5), ("Män", -0.5)] } else { &[("Totalt", 0.0)] };
            for (sex, side) in sexes {
                let value = total + side * gap;
                out.push(vec![c.id.clone(), period.clone(), sex.to_string(), format!("{value:.1}").replace('.', ",")]);
            }
        }
    }
    out
}

pub(crate) fn npe_rows(rng: &mut Rng, questions: usize, units: &[GenUnit], year: i32, per_person: f64) -> Vec<Vec<String>> {
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
            for _ in 0..questions {
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

/// Plants the bad rows of `docs/inputs.md` § Row checks for PVK and accessibility into long-format rows (count columns at 4, 5):
/// each is a copy of a random row with some cells replaced.
pub(crate) fn plant_long(rows: &mut Vec<LongRow>, rng: &mut Rng, closed: &GenUnit) {
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

pub(crate) fn plant_npe(rows: &mut [Vec<String>], rng: &mut Rng, questions: usize) {
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
        let q = 4 + rng.below(questions as u64) as usize;
        rows[i][q] = ["7", "0", "ja"][rng.below(3) as usize].into();
    }
}
