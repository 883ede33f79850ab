//! Svarsfrekvens: the NPE sampled counts read and checked, the response rate by entity and sex
//! against hand-counted respondents, and where the reports show it.

use std::path::PathBuf;

use calamine::DataType;

use uppfoljning::analysis::{Analysis, NoteKind};
use uppfoljning::cell::{CellKey, EntityIx, IndicatorIx, Sex};
use uppfoljning::compute::{Period, ReportKind};
use uppfoljning::input::{self, InputFiles};
use uppfoljning::job::Sources;
use uppfoljning::plan;
use uppfoljning::report::View;

use crate::fixture::{read_sheet, small_world, World, UNITS};

/// The small world's NPE 2025 rows for Alfa (A1): Kvinnor on 6 rows, Män on 3, one of unknown
/// sex: 10 respondents. Nobody else answered in 2025.
const URVAL: &str = "\
enkätår;hsa_id;kön;urval
2025;SE1000000001-A1;Kvinnor;10
2025;SE1000000001-A1;M;12
2025;SE1000000001-B1;;40
2023;SE1000000001-A1;Totalt;5
";

fn analysis(urval: Option<&str>, threshold: bool) -> (World, Analysis) {
    let (w, mut files, mut plan) = small_world();
    if let Some(text) = urval {
        files.urval = vec![w.write("urval.csv", text)];
    }
    if threshold {
        plan.response_rate_threshold = Some(50.0);
    }
    let sources = Sources { plan, files };
    let inputs = sources.read().expect("inputs load");
    let a = Analysis::new(sources, inputs, Period { year: 2026, kind: ReportKind::Ar }).expect("compute");
    (w, a)
}

fn entity(a: &Analysis, id: &str) -> EntityIx {
    EntityIx(a.report.current.entities.iter().position(|e| e.id == id).expect("entity"))
}

#[test]
fn sampled_counts_are_checked_row_by_row_and_a_key_given_twice_is_rejected_on_every_row() {
    let w = World::new();
    let plan = plan::parse(crate::fixture::PLAN, "plan.toml").unwrap();
    let a = w.write(
        "urval_a.csv",
        "\
enkätår;hsa_id;kön;urval
2025;SE1000000001-A1;Kvinnor;10
2025;SE1-A1;;10
2025;SE1000000001-Z9;;10
25;SE1000000001-A1;;10
2026;SE1000000001-D1;;10
2025;SE1000000001-A1;X;10
2025;SE1000000001-A1;Män;-3
2025;SE1000000001-B1;Män;2,5
2025;SE1000000001-B1;;
2025;SE1000000001-C1;;1 200
2025;SE1000000001-B1;K;7
",
    );
    let b = w.write("urval_b.csv", "enkätår;hsa_id;urval\n2025; SE1000000001-B1 ;30\n2025;SE1000000001-B1;31\n");
    let files = InputFiles { units: w.write("units.csv", UNITS), urval: vec![a, b], ..Default::default() };
    let inputs = input::load(&files, &plan).expect("loads");
    let reasons: Vec<(String, u64, String)> = inputs
        .quality
        .problems
        .iter()
        .map(|p| (p.file.clone(), p.row, p.reason.clone()))
        .collect();
    let expect = [
        ("urval_a.csv", 3, "felaktigt HSA-id"),
        ("urval_a.csv", 4, "HSA-id finns inte i enhetsregistret"),
        ("urval_a.csv", 5, "felaktigt enkätår"),
        // Delta closes 2026-02-15: 2026 overlaps, so this row stands; nothing about row 6.
        ("urval_a.csv", 7, "okänd könskod"),
        ("urval_a.csv", 8, "negativt"),
        ("urval_a.csv", 9, "heltal"),
        ("urval_a.csv", 10, "saknas"),
        ("urval_b.csv", 2, "dubblett"),
        ("urval_b.csv", 3, "dubblett"),
    ];
    for (file, row, reason) in expect {
        assert!(
            reasons.iter().any(|(f, r, why)| f == file && *r == row && why.contains(reason)),
            "{file} rad {row}: {reason} not in {reasons:#?}"
        );
    }
    assert_eq!(reasons.len(), expect.len(), "{reasons:#?}");
    let s = &inputs.sampled;
    // Units are indexed by HSA-id order: A1 0, B1 1, C1 2, D1 3.
    assert_eq!(s.of(0, 2025, Sex::Women), Some(10));
    assert_eq!(s.of(0, 2025, Sex::Total), None, "no Män row (rejected) and no row for all");
    assert_eq!(s.of(1, 2025, Sex::Women), Some(7));
    assert_eq!(s.of(1, 2025, Sex::Total), None, "both rows for all were given twice");
    assert_eq!(s.of(2, 2025, Sex::Total), Some(1200));
    assert_eq!(s.of(3, 2026, Sex::Total), Some(10));
    let summary: Vec<(u64, u64, u64)> =
        inputs.quality.files.iter().filter(|f| f.file.starts_with("urval")).map(|f| (f.read, f.used, f.rejected)).collect();
    assert_eq!(summary, [(11, 4, 7), (2, 0, 2)]);
}

#[test]
fn the_response_rate_pools_respondents_and_sampled_persons_over_the_units_that_have_counts() {
    let (_w, a) = analysis(Some(URVAL), true);
    let rate = |id: &str, sex: Sex| a.response.get(&(entity(&a, id), sex)).map(|r| (r.respondents, r.sampled));
    // Alfa 2025: Kvinnor 6 of 10, Män 3 of 12; Totalt: all 10 respondents (one of unknown sex) of
    // 10 + 12 = 22 sampled (no row for all persons).
    assert_eq!(rate("SE1000000001-A1", Sex::Women), Some((6, 10)));
    assert_eq!(rate("SE1000000001-A1", Sex::Men), Some((3, 12)));
    assert_eq!(rate("SE1000000001-A1", Sex::Total), Some((10, 22)));
    // Beta: 40 sampled, nobody answered; no counts by sex.
    assert_eq!(rate("SE1000000001-B1", Sex::Total), Some((0, 40)));
    assert_eq!(rate("SE1000000001-B1", Sex::Women), None);
    // Gamma and Delta have no sampled counts: no rate, and they are left out of the pools.
    assert_eq!(rate("SE1000000001-C1", Sex::Total), None);
    // The county: Alfa and Beta, 10 of 22 + 40 = 62; by sex only Alfa has counts: 6 of 10.
    assert_eq!(rate("LÄNET", Sex::Total), Some((10, 62)));
    assert_eq!(rate("LÄNET", Sex::Women), Some((6, 10)));

    // As shown: only beside a shown NPE cell, with the mark below the plan's 50 %.
    let view = View::new(&a);
    let surv = IndicatorIx(a.plan.indicators.iter().position(|i| i.id == "SURV").unwrap());
    let flow = IndicatorIx(a.plan.indicators.iter().position(|i| i.id == "FLOW").unwrap());
    let key = |id: &str, k: IndicatorIx, sex: Sex| CellKey::new(k, entity(&a, id), sex);
    let shown = |k: CellKey| view.value(k).is_some();
    let alfa = key("SE1000000001-A1", surv, Sex::Total);
    assert!(shown(alfa), "Alfa's NPE Totalt is shown in the small world");
    assert_eq!(view.response_rate(alfa), Some((100.0 * 10.0 / 22.0, true)));
    let women = key("SE1000000001-A1", surv, Sex::Women);
    if shown(women) {
        assert_eq!(view.response_rate(women), Some((60.0, false)));
    } else {
        assert_eq!(view.response_rate(women), None);
    }
    // Beta's NPE cell has no data: no rate though Beta has one.
    assert!(!shown(key("SE1000000001-B1", surv, Sex::Total)));
    assert_eq!(view.response_rate(key("SE1000000001-B1", surv, Sex::Total)), None);
    // Not an NPE indicator.
    assert_eq!(view.response_rate(key("SE1000000001-A1", flow, Sex::Total)), None);
}

#[test]
fn a_missing_data_set_or_a_unit_without_sampled_counts_is_noted() {
    let (_w, a) = analysis(None, false);
    assert!(a.notes.iter().any(|n| n.kind == NoteKind::NoSampled && n.unit.is_none() && n.text.contains("urval")));
    assert!(a.response.is_empty());
    // Alfa answered in 2025 but the file has only Beta.
    let (_w, a) = analysis(Some("enkätår;hsa_id;urval\n2025;SE1000000001-B1;40\n"), false);
    let noted: Vec<_> = a.notes.iter().filter(|n| n.kind == NoteKind::NoSampled).collect();
    assert_eq!(noted.len(), 1, "{noted:?}");
    assert_eq!(noted[0].unit.as_deref(), Some("SE1000000001-A1"));
}

#[test]
fn area_sheet_and_indikatorblad_show_the_rate_beside_the_npe_indicator() {
    let w = World::new();
    let out: PathBuf = w.path("ut");
    crate::fixture::small_run(&w, "ar", &out).arg("--urval").arg(w.write("urval.csv", URVAL)).assert().success();
    let main = out.join("arsrapport-2026.xlsx");
    let sheet = read_sheet(&main, "Patientupplevd kvalitet");
    let header = sheet.iter().position(|r| r.iter().any(|c| c.to_string() == "Svarsfrekvens (Totalt)")).expect("header");
    let col = sheet[header].iter().position(|c| c.to_string() == "Svarsfrekvens (Totalt)").unwrap();
    let alfa = sheet.iter().find(|r| r[0].to_string() == "Alfa hälsocentral").expect("Alfa's row");
    assert_eq!(alfa[col].as_f64(), Some(100.0 * 10.0 / 22.0));
    let beta = sheet.iter().find(|r| r[0].to_string() == "Beta hälsocentral").expect("Beta's row");
    assert!(beta[col].is_empty(), "Beta's cell is not shown: {:?}", beta[col]);
    // Another area has no NPE indicator and no rate.
    let access = read_sheet(&main, "Tillgänglighet");
    assert!(!access.iter().flatten().any(|c| c.to_string().starts_with("Svarsfrekvens")));

    let blad = read_sheet(&out.join("halsocentraler/SE1000000001-A1 Alfa hälsocentral.xlsx"), "Indikatorblad");
    let header = blad.iter().position(|r| r.iter().any(|c| c.to_string() == "Svarsfrekvens")).expect("header");
    let col = blad[header].iter().position(|c| c.to_string() == "Svarsfrekvens").unwrap();
    let row = blad.iter().find(|r| r[0].to_string() == "Kontinuitet (NPE)").expect("NPE row");
    assert_eq!(row[col].as_f64(), Some(100.0 * 10.0 / 22.0));
    let flow = blad.iter().find(|r| r[0].to_string() == "Bedömning inom 3 dagar").expect("flow row");
    assert!(flow[col].is_empty());
}

#[test]
fn a_priority_on_a_survey_with_a_low_response_rate_says_so() {
    let (w, mut files, mut plan) = small_world();
    files.urval = vec![w.write("urval.csv", URVAL)];
    plan.response_rate_threshold = Some(50.0);
    // A target Alfa's survey value cannot meet, so the indicator is one of its priorities.
    let surv = plan.indicators.iter().position(|i| i.id == "SURV").unwrap();
    let target = plan.indicators[surv].target.as_mut().unwrap();
    (target.value, target.partly) = (99.0, 98.0);
    let sources = Sources { plan, files };
    let inputs = sources.read().expect("inputs load");
    let a = Analysis::new(sources, inputs, Period { year: 2026, kind: ReportKind::Ar }).expect("compute");
    let view = View::new(&a);
    let alfa = entity(&a, "SE1000000001-A1");
    assert!(view.value(CellKey::new(IndicatorIx(surv), alfa, Sex::Total)).is_some(), "Alfa's survey value is shown");
    let lines: Vec<String> =
        uppfoljning::report::agenda(&view, alfa).into_iter().flat_map(|s| s.points).map(|p| p.text).collect();
    let line = lines
        .iter()
        .find(|l| l.starts_with("Kontinuitet (NPE):") && l.contains("från målet"))
        .unwrap_or_else(|| panic!("SURV is a priority: {lines:#?}"));
    // Alfa's rate: 10 of 22 = 45,5 %, under the plan's 50 %.
    assert!(line.ends_with("Svarsfrekvensen är 45,5 % (under 50,0 %) – tolka värdet med försiktighet."), "{line}");
}
