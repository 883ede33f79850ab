//! The synthetic unit register: a Västerbotten-like region, or ~1,100 units nationally.

use chrono::NaiveDate;

use crate::rng::Rng;

#[derive(Debug, Clone)]
pub(crate) struct GenUnit {
    pub(crate) hsa_id: String,
    pub(crate) name: String,
    pub(crate) regi: &'static str,
    pub(crate) area: String,
    pub(crate) sjukstuga: bool,
    pub(crate) from: Option<NaiveDate>,
    pub(crate) to: Option<NaiveDate>,
    /// Listed persons (drives every count).
    pub(crate) size: u64,
    /// Unit effect on shares, added to each indicator's base rate.
    pub(crate) effect: f64,
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

pub(crate) fn region_units(rng: &mut Rng) -> Vec<GenUnit> {
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

pub(crate) fn national_units(rng: &mut Rng) -> Vec<GenUnit> {
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
