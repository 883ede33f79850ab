//! The shipped plans encode `plans.md`.

use uppfoljning::plan::{self, Direction, Kind, Measured, ValueUnit};

use crate::fixture::{bin, repo};

fn load(year: i32) -> plan::Plan {
    plan::load(&repo().join(format!("indicators/{year}.toml"))).unwrap()
}

#[test]
fn plan_2026_has_the_14_indicators_in_order() {
    let p = load(2026);
    let ids: Vec<&str> = p.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "TILL_BED3", "TILL_TEL", "LAK_KONT", "FAST_LAK", "NPE_HEL", "NPE_KONT", "NPE_RESP", "NPE_DEL",
            "DIAB_HBA1C", "DIAB_BT", "HYP_BT", "LEVN_TOBAK", "INF_AB", "INF_PREV"
        ]
    );
    let fast = p.indicator("FAST_LAK").unwrap();
    assert_eq!(fast.kind, Kind::Status(Measured::MonthEnd));
    assert!(!p.indicator("TILL_TEL").unwrap().by_sex);
    let inf = p.indicator("INF_AB").unwrap().target.unwrap();
    assert_eq!((inf.value, inf.partly, inf.direction), (30.0, 35.0, Direction::LowerIsBetter));
    let prev = p.indicator("INF_PREV").unwrap();
    assert_eq!((prev.unit, prev.target), (ValueUnit::PerThousand, None));
    assert_eq!(p.indicator("NPE_HEL").unwrap().min_n, 30);
    // KONT: F13 only code 1 positive, weights 0.4/0.3/0.3.
    let kont = p.dimension("KONT").unwrap();
    let q: Vec<(&str, Vec<u8>, f64)> =
        kont.questions.iter().map(|q| (q.id.as_str(), q.positive.clone(), q.weight)).collect();
    assert_eq!(q, vec![("F13", vec![1], 0.4), ("F14", vec![1, 2], 0.3), ("F15", vec![1, 2], 0.3)]);
    assert_eq!(p.dimensions.len(), 7);
    assert_eq!(p.areas[0], "Tillgänglighet");
}

#[test]
fn plan_2025_has_7_indicators_and_its_own_targets() {
    let p = load(2025);
    let ids: Vec<&str> = p.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["TILL_BED3", "TILL_TEL", "LAK_KONT", "FAST_LAK", "NPE_HEL", "DIAB_HBA1C", "INF_AB"]);
    // DIAB_HBA1C: ≥ 50 (≥ 45) in 2025, ≥ 55 (≥ 50) in 2026.
    let t25 = p.indicator("DIAB_HBA1C").unwrap().target.unwrap();
    let t26 = load(2026).indicator("DIAB_HBA1C").unwrap().target.unwrap();
    assert_eq!((t25.value, t25.partly), (50.0, 45.0));
    assert_eq!((t26.value, t26.partly), (55.0, 50.0));
}

#[test]
fn plan_command_lists_the_indicators() {
    let out = bin().args(["plan", "--year", "2026"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("Uppföljningsplan 2026 – 14 indikatorer"), "{text}");
    // header + 14 rows after the title and a blank line
    let rows: Vec<&str> = text.lines().skip(3).collect();
    assert_eq!(rows.len(), 14);
    assert!(rows[0].starts_with("TILL_BED3"));
    assert!(rows[13].starts_with("INF_PREV"));
    let out = bin().args(["plan", "--year", "2025"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(text.lines().skip(3).count(), 7);
    // the newest plan by default
    let out = bin().args(["plan"]).assert().success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("Uppföljningsplan 2026"));
}

#[test]
fn a_missing_plan_year_is_a_clear_error() {
    let out = bin().args(["plan", "--year", "2019"]).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("det finns ingen uppföljningsplan för 2019"), "{err}");
    assert!(err.contains("2025, 2026"), "{err}");
}

#[test]
fn the_shipped_plans_define_every_indicator_in_words() {
    for year in [2025, 2026] {
        for i in &load(year).indicators {
            let t = &i.texts;
            for (field, text) in [("measures", &t.measures), ("numerator", &t.numerator), ("denominator", &t.denominator)] {
                assert!(text.as_deref().is_some_and(|s| s.len() > 10), "{year} {}: {field} is missing", i.id);
            }
            assert!(t.measures.as_deref().unwrap().ends_with('.'), "{year} {}: one sentence", i.id);
        }
    }
}
