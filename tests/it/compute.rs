//! The engine against hand-computed expectations on the small world of `fixture.rs`.
//! Each expected number has its arithmetic beside it; none was taken from the program.

use uppfoljning::analysis::Analysis;
use uppfoljning::cell::{EntityIx, IndicatorIx, Sex};
use uppfoljning::compute::{self, DataRow, Period, ReportKind};
use uppfoljning::disclosure::Status;
use uppfoljning::job::Sources;
use uppfoljning::plan::Plan;

use crate::fixture::{load, small_world};

const Z: f64 = 1.959964;

struct Rows {
    rows: Vec<DataRow>,
    report: compute::Report,
    plan: Plan,
}

impl Rows {
    fn get(&self, indicator: &str, entity: &str, sex: &str) -> &DataRow {
        let k = IndicatorIx(self.plan.indicators.iter().position(|i| i.id == indicator).expect("indicator"));
        let e = EntityIx(self.report.current.entities.iter().position(|x| x.id == entity).expect("entity"));
        let s = Sex::ALL.into_iter().find(|x| x.label() == sex).expect("sex");
        self.rows.iter().find(|r| r.indicator == k && r.entity == e && r.sex == s).expect("row")
    }
}

/// The small world's analysis, obtained as `run` obtains it.
fn report(kind: ReportKind) -> Rows {
    let (_w, files, plan) = small_world();
    let sources = Sources { plan, files };
    let inputs = sources.read().expect("inputs load");
    let a = Analysis::new(sources, inputs, Period { year: 2026, kind }).expect("compute");
    Rows { rows: a.rows, report: a.report, plan: a.plan }
}

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a number");
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

/// Wilson score interval, written out independently of the program.
fn wilson(t: f64, n: f64) -> (f64, f64) {
    let p = t / n;
    let d = 1.0 + Z * Z / n;
    let c = (p + Z * Z / (2.0 * n)) / d;
    let h = Z * (p * (1.0 - p) / n + Z * Z / (4.0 * n * n)).sqrt() / d;
    (100.0 * (c - h), 100.0 * (c + h))
}

#[test]
fn flow_sums_the_report_months() {
    let r = report(ReportKind::Delar1);
    // Alfa, Kvinnor, Jan–Apr: 10+20+30+40 = 100 of 12+22+33+43 = 110; May is outside delar1.
    let row = r.get("FLOW", "SE1000000001-A1", "Kvinnor");
    assert_eq!((row.t, row.n), (Some(100.0), Some(110.0)));
    close(row.value, 100.0 * 100.0 / 110.0); // 90.909…
    // Wilson: p = 0.90909, z²/n = 0.034922 → (84.0703, 94.9870)
    close(row.ci.map(|c| c.0), 84.07034721650139);
    close(row.ci.map(|c| c.1), 94.98696712610923);
    assert_eq!(row.period, "2026 jan–apr");
    // 90.9 ≥ 90 → Uppfyllt
    assert_eq!(row.outcome.map(|o| o.label()), Some("Uppfyllt"));

    let r2 = report(ReportKind::Delar2);
    // delar2 adds May: 150 of 160.
    let row = r2.get("FLOW", "SE1000000001-A1", "Kvinnor");
    assert_eq!((row.t, row.n), (Some(150.0), Some(160.0)));
    assert_eq!(row.period, "2026 jan–aug");
}

#[test]
fn unknown_sex_counts_in_totalt_only() {
    let r = report(ReportKind::Delar1);
    // Alfa: K 100/110, M 25+27 = 52 of 30+30 = 60, unknown (X) 18/20 → Totalt 170/190.
    // (The unknown group has n 20 ≥ min_n 10, so it counts as shown and hides no sex cell.)
    let m = r.get("FLOW", "SE1000000001-A1", "Män");
    assert_eq!((m.t, m.n), (Some(52.0), Some(60.0)));
    let t = r.get("FLOW", "SE1000000001-A1", "Totalt");
    assert_eq!((t.t, t.n), (Some(170.0), Some(190.0)));
    close(t.value, 100.0 * 170.0 / 190.0);
    let (lo, hi) = wilson(170.0, 190.0);
    close(t.ci.map(|c| c.0), lo);
    close(t.ci.map(|c| c.1), hi);
}

#[test]
fn indicator_not_split_by_sex_has_only_totalt_and_counts_every_sex_code() {
    let r = report(ReportKind::Delar1);
    // TEL at Alfa: the row without sex 90/100 and the row marked K 5/10 → 95/110.
    let k = r.plan.indicators.iter().position(|i| i.id == "TEL").unwrap();
    let rows: Vec<_> = r.rows.iter().filter(|x| x.indicator == IndicatorIx(k) && x.entity == EntityIx(0)).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].sex, Sex::Total);
    assert_eq!((rows[0].t, rows[0].n), (Some(95.0), Some(110.0)));
    assert_eq!(rows[0].sex_difference, None);
    assert_eq!(rows[0].outcome, None, "TEL has no target");
}

#[test]
fn status_reads_the_last_month_only() {
    let r = report(ReportKind::Delar1);
    // Alfa X1 Kvinnor: March 5/50 is ignored, April 12/60 = 20.0 %.
    let row = r.get("STAT", "SE1000000001-A1", "Kvinnor");
    assert_eq!((row.t, row.n), (Some(12.0), Some(60.0)));
    close(row.value, 20.0);
    // Wilson for 12/60: (11.8285, 31.7818)
    close(row.ci.map(|c| c.0), 11.828505273280939);
    close(row.ci.map(|c| c.1), 31.781805908772686);
    assert_eq!(row.period, "2026-04 (rullande 12 mån)");
    // Beta Kvinnor has only March: April missing → ingen data, never the earlier month.
    let beta = r.get("STAT", "SE1000000001-B1", "Kvinnor");
    assert_eq!(beta.status, Status::NoData);
    assert_eq!(beta.value, None);
    assert_eq!(beta.period, "2026-04 (rullande 12 mån)", "every row carries its period");
}

#[test]
fn lower_is_better_targets() {
    let r = report(ReportKind::Delar1);
    // target ≤ 30, delvis ≤ 35: Alfa K 20.0 → Uppfyllt; Alfa M 20/60 = 33.3 → Delvis;
    // Beta M 24/60 = 40.0 → Ej uppfyllt.
    let label = |e: &str, s: &str| r.get("STAT", e, s).outcome.map(|o| o.label());
    assert_eq!(label("SE1000000001-A1", "Kvinnor"), Some("Uppfyllt"));
    assert_eq!(label("SE1000000001-A1", "Män"), Some("Delvis uppfyllt"));
    assert_eq!(label("SE1000000001-B1", "Män"), Some("Ej uppfyllt"));
    assert_eq!(r.get("STAT", "SE1000000001-A1", "Kvinnor").target, Some(30.0));
}

#[test]
fn value_on_a_rounding_boundary_is_rounded_exactly() {
    let r = report(ReportKind::Delar1);
    // Beta Kvinnor: "1 799" of "2 000" = 89.95 % → shown as 90.0 → Uppfyllt (≥ 90).
    let k = r.get("FLOW", "SE1000000001-B1", "Kvinnor");
    assert_eq!((k.t, k.n), (Some(1799.0), Some(2000.0)));
    assert_eq!(k.outcome.map(|o| o.label()), Some("Uppfyllt"));
    // Beta Män: 1600/2000 = 80.0 → Delvis (≥ 80); Totalt 3399/4000 = 84.975 → 85.0 → Delvis.
    assert_eq!(r.get("FLOW", "SE1000000001-B1", "Män").outcome.map(|o| o.label()), Some("Delvis uppfyllt"));
    assert_eq!(r.get("FLOW", "SE1000000001-B1", "Totalt").outcome.map(|o| o.label()), Some("Delvis uppfyllt"));
}

#[test]
fn sex_difference_tests() {
    let r = report(ReportKind::Delar1);
    // Beta FLOW: p̂ = 3399/4000 = 0.84975; se = √(0.84975·0.15025·(2/2000)) = 0.011299;
    // z = (0.8995 − 0.8)/0.011299 = 8.81 > 1.96 → Kvinnor högre.
    assert_eq!(
        r.get("FLOW", "SE1000000001-B1", "Totalt").sex_difference.map(|d| d.label()),
        Some("Kvinnor högre")
    );
    // Alfa STAT: 12/60 vs 20/60, p̂ = 32/120; z = −1.65 → Ingen säker skillnad.
    assert_eq!(
        r.get("STAT", "SE1000000001-A1", "Totalt").sex_difference.map(|d| d.label()),
        Some("Ingen säker skillnad")
    );
    // Alfa RATE: (10/1000 − 20/1000)/√(10/1000² + 20/1000²) = −1.83 → Ingen säker skillnad.
    assert_eq!(
        r.get("RATE", "SE1000000001-A1", "Totalt").sex_difference.map(|d| d.label()),
        Some("Ingen säker skillnad")
    );
    // Only Totalt rows carry it.
    assert_eq!(r.get("FLOW", "SE1000000001-B1", "Kvinnor").sex_difference, None);
}

#[test]
fn per_1000_value_and_poisson_interval() {
    let r = report(ReportKind::Delar1);
    // Alfa RATE Totalt: 30 per 2000 → 15.0 per 1000;
    // interval (30 − 1.959964·√30, 30 + 1.959964·√30)/2000·1000 = (9.6324, 20.3676).
    let row = r.get("RATE", "SE1000000001-A1", "Totalt");
    close(row.value, 15.0);
    close(row.ci.map(|c| c.0), (30.0 - Z * 30f64.sqrt()) / 2.0);
    close(row.ci.map(|c| c.1), (30.0 + Z * 30f64.sqrt()) / 2.0);
    assert_eq!(row.period, "2026-04 (vid månadens slut)");
}

#[test]
fn survey_dimension_with_weights_and_single_positive_code() {
    let r = report(ReportKind::Delar1);
    // KONT weights F13 0.4 (positive: 1 only), F14 0.3, F15 0.3 (positive 1, 2). Alfa 2025, Kvinnor:
    //   1,1,1 → 1.0;  2,1,1 → (0.3+0.3)/1.0 = 0.6 (2 is not positive for F13);
    //   5,2,– → 0.3/0.3 = 1.0;  5,5,5 → no score, left out;  3,4,1 → 0.3/1.0 = 0.3;
    //   7,1,1 → 7 is invalid, so (0.3+0.3)/0.6 = 1.0.
    // n = 5, t = 3.9, value = 78.0; s = √(0.408/4) = 0.31937;
    // interval 78.0 ± 1.959964·0.31937/√5·100 = 78.0 ± 27.99 → (50.006, 105.99 → clamped 100).
    let k = r.get("SURV", "SE1000000001-A1", "Kvinnor");
    assert_eq!(k.n, Some(5.0));
    close(k.t, 3.9);
    close(k.value, 78.0);
    close(k.ci.map(|c| c.0), 50.006114742958886);
    close(k.ci.map(|c| c.1), 100.0);
    assert_eq!(k.period, "NPE 2025");
    assert_eq!(k.outcome.map(|o| o.label()), Some("Uppfyllt"));
    // Totalt adds Män (1.0, 0.0, 0.4/0.7) and one respondent of unknown sex (–,1,1 → 1.0):
    // n = 9, t = 3.9 + 1.5714286 + 1.0 = 6.4714286, value = 71.905.
    let t = r.get("SURV", "SE1000000001-A1", "Totalt");
    assert_eq!(t.n, Some(9.0));
    close(t.t, 3.9 + 1.0 + 0.0 + 0.4 / 0.7 + 1.0);
    close(t.ci.map(|c| c.0), 47.424107733628475);
    close(t.ci.map(|c| c.1), 96.38541607589532);
}

#[test]
fn a_few_respondents_of_unknown_sex_force_a_sex_cell_hidden() {
    let r = report(ReportKind::Delar1);
    // SURV min_n 3. Alfa: K n 5, M n 3 (both ≥ 3), unknown n 1 (< 3: hidden, never published).
    // Totalt − K − M would reveal the unknown group, so the smaller sex cell (Män, n 3) is hidden.
    assert_eq!(r.get("SURV", "SE1000000001-A1", "Kvinnor").status, Status::Shown);
    let m = r.get("SURV", "SE1000000001-A1", "Män");
    assert_eq!(m.status, Status::Secondary);
    assert_eq!((m.t, m.n, m.value), (None, None, None));
    assert_eq!(m.target, Some(70.0), "the plan's target is printed on hidden rows too");
    // With a sex cell hidden there is no sex difference on Totalt.
    assert_eq!(r.get("SURV", "SE1000000001-A1", "Totalt").sex_difference, None);
}

#[test]
fn secondary_b_inside_regi_privat() {
    // Telephone (TEL, Totalt only, min_n 20) at five units:
    //   U1 Region/Norr 100, U2 Region/Norr 120, U3 Privat/Syd 10, U4 Privat/Norr 50, U5 Region/Syd 40.
    // Pass 1, rule B: LÄNET has U3 hidden → the smallest shown unit, U5 (40), is hidden;
    // OMRÅDE:Syd then has two hidden; REGI:Privat has U3 hidden → U4 (50) is hidden;
    // REGI:Region has U5 hidden → U1 (100, smaller than U2's 120) is hidden.
    // Rule C: no area or regi aggregate is hidden. Pass 2 changes nothing.
    let w = crate::fixture::World::new();
    let units = "hsa_id;namn;regi;område;sjukstuga\n\
        SE2000000001-U1;Ett;Region;Norr;nej\n\
        SE2000000001-U2;Två;Region;Norr;nej\n\
        SE2000000001-U3;Tre;Privat;Syd;nej\n\
        SE2000000001-U4;Fyra;Privat;Norr;nej\n\
        SE2000000001-U5;Fem;Region;Syd;nej\n";
    let access = "hsa_id;mått;period;kön;inom;totalt\n\
        SE2000000001-U1;telefon_samma_dag;2026-01;;90;100\n\
        SE2000000001-U2;telefon_samma_dag;2026-01;;100;120\n\
        SE2000000001-U3;telefon_samma_dag;2026-01;;9;10\n\
        SE2000000001-U4;telefon_samma_dag;2026-01;;45;50\n\
        SE2000000001-U5;telefon_samma_dag;2026-01;;30;40\n";
    let files = uppfoljning::input::InputFiles {
        units: w.write("units.csv", units),
        access: vec![w.write("access.csv", access)],
        ..Default::default()
    };
    let plan = uppfoljning::plan::parse(crate::fixture::PLAN, "test.toml").unwrap();
    let inputs = load(&files, &plan);
    let report = compute::report(&inputs, &plan, Period { year: 2026, kind: ReportKind::Delar1 }).unwrap();
    let k = plan.indicators.iter().position(|i| i.id == "TEL").unwrap();
    let table = &report.current.indicators[k];
    let got: Vec<(&str, Status)> = report
        .current
        .entities
        .iter()
        .zip(&table.status)
        .map(|(e, s)| (e.id.as_str(), s[Sex::Total]))
        .collect();
    use Status::*;
    assert_eq!(
        got,
        vec![
            ("SE2000000001-U1", Secondary),
            ("SE2000000001-U2", Shown),
            ("SE2000000001-U3", Primary),
            ("SE2000000001-U4", Secondary),
            ("SE2000000001-U5", Secondary),
            ("LÄNET", Shown),
            ("OMRÅDE:Norr", Shown),
            ("OMRÅDE:Syd", Shown),
            ("REGI:Privat", Shown),
            ("REGI:Region", Shown),
        ]
    );
}

#[test]
fn previous_year_uses_this_years_plan_and_its_own_suppression() {
    let r = report(ReportKind::Delar1);
    // Alfa FLOW 2025 jan–apr: K 80/100 = 80.0 → föregående (Totalt too); no Män rows → empty.
    close(r.get("FLOW", "SE1000000001-A1", "Kvinnor").previous, 80.0);
    close(r.get("FLOW", "SE1000000001-A1", "Totalt").previous, 80.0);
    assert_eq!(r.get("FLOW", "SE1000000001-A1", "Män").previous, None);
    // TEL 2025 at Alfa: 8/10, n 10 < min_n 20 → hidden last year → no föregående, though this
    // year's 95/110 is shown.
    let tel = r.plan.indicators.iter().position(|i| i.id == "TEL").unwrap();
    assert_eq!(r.report.previous.indicators[tel].status[0][Sex::Total], Status::Primary);
    let row = r.get("TEL", "SE1000000001-A1", "Totalt");
    assert_eq!((row.status, row.previous), (Status::Shown, None));
    // Survey: the year below 2025 is 2023, Kvinnor 3 × (1,1,1) → 100.0.
    close(r.get("SURV", "SE1000000001-A1", "Kvinnor").previous, 100.0);
    assert_eq!(r.report.previous.survey_year, Some(2023));
    assert_eq!(r.report.current.survey_year, Some(2025));
}

#[test]
fn a_unit_that_closes_mid_year() {
    let r = report(ReportKind::Delar1);
    // Delta closes 2026-02-15: it is in the report (validity overlaps Jan–Apr); its March row is
    // rejected; FLOW sums January and February: K 20+10 = 30 of 25+15 = 40.
    let k = r.get("FLOW", "SE1000000001-D1", "Kvinnor");
    assert_eq!((k.t, k.n), (Some(30.0), Some(40.0)));
    // Status indicators read April, when Delta is closed → ingen data.
    assert_eq!(r.get("STAT", "SE1000000001-D1", "Totalt").status, Status::NoData);
    // Aggregates: LÄNET, OMRÅDE:Norr, OMRÅDE:Syd, REGI:Privat, REGI:Region after the units.
    let ids: Vec<&str> = r.report.current.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "SE1000000001-A1",
            "SE1000000001-B1",
            "SE1000000001-C1",
            "SE1000000001-D1",
            "LÄNET",
            "OMRÅDE:Norr",
            "OMRÅDE:Syd",
            "REGI:Privat",
            "REGI:Region"
        ]
    );
    // A report a year later no longer has Delta.
    let (_w, files, plan) = small_world();
    let inputs = load(&files, &plan);
    let later = compute::period_table(&inputs, &plan, Period { year: 2027, kind: ReportKind::Delar1 }, None, &[], &Default::default()).unwrap();
    assert!(!later.entities.iter().any(|e| e.id == "SE1000000001-D1"));
}

#[test]
fn aggregates_pool_counts_never_average() {
    let r = report(ReportKind::Delar1);
    // OMRÅDE:Norr FLOW Kvinnor = Alfa 100/110 + Beta 1799/2000 = 1899/2110 (not the mean of
    // 90.9 and 89.95).
    let row = r.get("FLOW", "OMRÅDE:Norr", "Kvinnor");
    assert_eq!((row.t, row.n), (Some(1899.0), Some(2110.0)));
    // REGI:Privat holds Gamma only, which has no FLOW rows: ingen data, but the row is there.
    assert_eq!(r.get("FLOW", "REGI:Privat", "Kvinnor").status, Status::NoData);
}

#[test]
fn rows_come_in_contract_order() {
    let r = report(ReportKind::Ar);
    // 4 by-sex indicators × 9 entities × 3 sexes + TEL × 9 entities = 108 + 9.
    assert_eq!(r.rows.len(), 4 * 9 * 3 + 9);
    let keys: Vec<(IndicatorIx, EntityIx, Sex)> = r.rows.iter().map(|x| (x.indicator, x.entity, x.sex)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

