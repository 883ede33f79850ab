//! The `Månadsdata` sheet read back from written workbooks: its shape, hand-worked months of the
//! small world, and months that add up to the period exactly on the shipped and conformance data.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::Data;

use crate::fixture::{bin, conformance_args, read_sheet, World, ACCESS, NPE, PLAN, PVK, UNITS};

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn num(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

/// A sheet as rows of named fields (by its header).
fn table(path: &Path, sheet: &str) -> Vec<BTreeMap<String, Data>> {
    let rows = read_sheet(path, sheet);
    let header: Vec<String> = rows[0].iter().map(text).collect();
    rows[1..].iter().map(|r| header.iter().cloned().zip(r.iter().cloned()).collect()).collect()
}

fn run(args: &[String], report: &str, out: &Path) {
    bin().args(["run", "--year", "2026", "--report", report, "--quiet", "--out"]).arg(out).args(args).assert().success();
}

#[test]
fn small_world_months_by_hand() {
    let w = World::new();
    let p = |n: &str, t: &str| w.write(n, t).display().to_string();
    let args: Vec<String> = [
        ("--plan", p("plan.toml", PLAN)),
        ("--units", p("units.csv", UNITS)),
        ("--npe", p("npe.csv", NPE)),
        ("--pvk", p("pvk.csv", PVK)),
        ("--access", p("access.csv", ACCESS)),
    ]
    .into_iter()
    .flat_map(|(a, b)| [a.to_string(), b])
    .collect();
    let out = w.path("ut");
    run(&args, "delar1", &out);
    let main = out.join("delarsrapport-1-2026.xlsx");
    let header: Vec<String> = read_sheet(&main, "Månadsdata")[0].iter().map(text).collect();
    assert_eq!(header, ["indikator", "enhet_id", "kön", "månad", "täljare", "nämnare", "värde", "status"]);
    let rows = table(&main, "Månadsdata");
    // 9 entities; FLOW, STAT, RATE by sex: 9 × 3 × 8 months (2025-01…04, 2026-01…04) = 216 each;
    // TEL Totalt only: 9 × 8 = 72; SURV by sex over the survey years 2023 and 2025: 9 × 3 × 2 = 54.
    assert_eq!(rows.len(), 3 * 216 + 72 + 54);
    let alfa_k: Vec<(String, Option<f64>, Option<f64>, String)> = rows
        .iter()
        .filter(|r| text(&r["indikator"]) == "FLOW" && text(&r["enhet_id"]) == "SE1000000001-A1" && text(&r["kön"]) == "Kvinnor")
        .map(|r| (text(&r["månad"]), num(&r["täljare"]), num(&r["nämnare"]), text(&r["status"])))
        .collect();
    let shown = |m: &str, t: f64, n: f64| (m.to_string(), Some(t), Some(n), "visas".to_string());
    let none = |m: &str| (m.to_string(), None, None, "ingen data".to_string());
    // From the fixture's access rows for Alfa, Kvinnor (2025: January only; min_n 10).
    assert_eq!(
        alfa_k,
        [
            shown("2025-01", 80.0, 100.0),
            none("2025-02"),
            none("2025-03"),
            none("2025-04"),
            shown("2026-01", 10.0, 12.0),
            shown("2026-02", 20.0, 22.0),
            shown("2026-03", 30.0, 33.0),
            shown("2026-04", 40.0, 43.0),
        ]
    );
    // A status month is that month's rows: STAT at Beta, Totalt, March 10/40 and April 24/60.
    let beta_stat: Vec<(String, Option<f64>)> = rows
        .iter()
        .filter(|r| text(&r["indikator"]) == "STAT" && text(&r["enhet_id"]) == "SE1000000001-B1" && text(&r["kön"]) == "Totalt")
        .map(|r| (text(&r["månad"]), num(&r["nämnare"])))
        .filter(|(m, _)| m.starts_with("2026"))
        .collect();
    assert_eq!(
        beta_stat,
        [("2026-01".to_string(), None), ("2026-02".into(), None), ("2026-03".into(), Some(40.0)), ("2026-04".into(), Some(60.0))]
    );
    // Survey rows by year: Alfa Kvinnor, NPE 2023 (last year's figure: 3 respondents ≥ min_n 3).
    let surv: Vec<String> = rows
        .iter()
        .filter(|r| text(&r["indikator"]) == "SURV" && text(&r["enhet_id"]) == "SE1000000001-A1" && text(&r["kön"]) == "Kvinnor")
        .map(|r| format!("{} {}", text(&r["månad"]), text(&r["status"])))
        .collect();
    assert_eq!(surv, ["NPE 2023 visas", "NPE 2025 visas"]);
}

/// For `ar`: 12 months of 2026 and 12 of 2025 for every flow and status indicator, entity and
/// sex; every flow cell shown in `Data` whose months are all shown is their exact sum.
fn months_add_up(args: &[String]) {
    let out = tempfile::tempdir().unwrap();
    run(args, "ar", out.path());
    let main = out.path().join("arsrapport-2026.xlsx");
    let data = table(&main, "Data");
    let months = table(&main, "Månadsdata");
    let key = |r: &BTreeMap<String, Data>| (text(&r["indikator"]), text(&r["enhet_id"]), text(&r["kön"]));
    let mut by_cell: BTreeMap<(String, String, String), Vec<&BTreeMap<String, Data>>> = BTreeMap::new();
    for r in &months {
        by_cell.entry(key(r)).or_default().push(r);
    }
    let (mut checked, mut flow_cells) = (0, 0);
    for d in &data {
        let period = text(&d["period"]);
        if period.starts_with("NPE") {
            continue;
        }
        let cell = &by_cell[&key(d)];
        let labels: Vec<String> = cell.iter().map(|r| text(&r["månad"])).collect();
        let expected: Vec<String> =
            (2025..=2026).flat_map(|y| (1..=12).map(move |m| format!("{y}-{m:02}"))).collect();
        assert_eq!(labels, expected, "{:?}", key(d));
        if period != "2026 jan–dec" {
            continue; // a status indicator: its period is one month
        }
        flow_cells += 1;
        let this_year: Vec<_> = cell.iter().filter(|r| text(&r["månad"]).starts_with("2026")).collect();
        let all_shown = this_year.iter().all(|r| matches!(text(&r["status"]).as_str(), "visas" | "ingen data"));
        if text(&d["status"]) != "visas" || !all_shown {
            continue;
        }
        let sum = |f: &str| this_year.iter().filter_map(|r| num(&r[f])).sum::<f64>();
        assert_eq!(num(&d["täljare"]), Some(sum("täljare")), "{:?}", key(d));
        assert_eq!(num(&d["nämnare"]), Some(sum("nämnare")), "{:?}", key(d));
        checked += 1;
    }
    assert!(flow_cells > 0 && checked > flow_cells / 2, "checked {checked} of {flow_cells} flow cells");
}

#[test]
fn months_add_up_on_the_shipped_samples() {
    months_add_up(&[]);
}

#[test]
fn months_add_up_on_the_conformance_data() {
    months_add_up(&conformance_args());
}

/// A month an earlier report of the year published keeps its status in the later reports:
/// every row of delårsrapport 1's `Månadsdata` stands unchanged in delårsrapport 2's and the
/// årsrapport's, and delårsrapport 2's in the årsrapport's.
#[test]
fn months_published_earlier_in_the_year_keep_their_status() {
    let out = tempfile::tempdir().unwrap();
    let read = |report: &str, file: &str| -> BTreeMap<(String, String, String, String), String> {
        let dir = out.path().join(report);
        run(&[], report, &dir);
        table(&dir.join(file), "Månadsdata")
            .iter()
            .map(|r| ((text(&r["indikator"]), text(&r["enhet_id"]), text(&r["kön"]), text(&r["månad"])), text(&r["status"])))
            .collect()
    };
    let d1 = read("delar1", "delarsrapport-1-2026.xlsx");
    let d2 = read("delar2", "delarsrapport-2-2026.xlsx");
    let ar = read("ar", "arsrapport-2026.xlsx");
    let mut compared = 0;
    for (earlier, later) in [(&d1, &d2), (&d1, &ar), (&d2, &ar)] {
        for (key, status) in earlier.iter() {
            if let Some(now) = later.get(key) {
                assert_eq!(now, status, "{key:?}");
                compared += 1;
            }
        }
    }
    // Nearly every row of the earlier reports stands in the later ones (all but the survey
    // years of a unit that is not in a later report).
    assert!(compared > (2 * d1.len() + d2.len()) * 9 / 10, "{compared}");
}
