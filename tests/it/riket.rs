//! Riket: the national reference values read and checked, matched to the county's cell by the
//! `Data` period, and shown beside the county.

use uppfoljning::analysis::Analysis;
use uppfoljning::cell::{IndicatorIx, Sex};
use uppfoljning::compute::{Period, ReportKind};
use uppfoljning::input::{self, InputFiles, ProblemKind};
use uppfoljning::job::Sources;
use uppfoljning::plan;
use uppfoljning::report::View;

use crate::fixture::{read_sheet, small_run, small_world, World, ACCESS, PLAN, UNITS};

#[test]
fn riket_rows_are_checked_and_periods_read_as_the_data_sheet_spells_them() {
    let w = World::new();
    let plan = plan::parse(PLAN, "plan.toml").unwrap();
    let a = w.write(
        "riket_a.csv",
        "\
indikator;period;kön;värde;täljare;nämnare
FLOW;2026 jan–apr;Totalt;80,0;;
FLOW;2026 jan–apr;Kvinnor;81.5;815;1000
FLOW;2026 jan-apr;Män;79;;
FLOW;2026 januari–apr;Män;79;;
STAT;2026-04;;30;;
RATE;2026-04 (vid månadens slut);K;12;;
RATE;202604 (rullande 12 mån);M;12;;
SURV;NPE 2025;Totalt;75;;
SURV;2025;Män;75;;
NOPE;2026-04;;1;;
TEL;2026 jan–apr;X;88;;
TEL;2026 jan–apr;;abc;;
TEL;2026 jan–aug;;-1;;
STAT;2026-03;M;30;40;30
STAT;2026-02;M;;;
",
    );
    let b = w.write("riket_b.csv", "indikator;period;kön;värde\nSURV;NPE 2025;;76\nSTAT;2026-01;K;1\n");
    let files = InputFiles { units: w.write("units.csv", UNITS), riket: vec![a, b], ..Default::default() };
    let inputs = input::load(&files, &plan).expect("loads");
    let problems: Vec<(String, u64, String)> =
        inputs.quality.problems.iter().map(|p| (p.file.clone(), p.row, p.reason.clone())).collect();
    let expect = [
        ("riket_a.csv", 4, "felaktig period för FLOW"), // a hyphen, not an en dash
        ("riket_a.csv", 5, "felaktig period för FLOW"),
        ("riket_a.csv", 8, "felaktig period för RATE"), // the kind after it is not RATE's
        ("riket_a.csv", 9, "dubblett"),
        ("riket_a.csv", 10, "felaktig period för SURV"),
        ("riket_a.csv", 11, "finns inte i uppföljningsplanen"),
        ("riket_a.csv", 12, "okänd könskod"),
        ("riket_a.csv", 13, "inget tal"),
        ("riket_a.csv", 14, "inget tal"),
        ("riket_a.csv", 15, "större än"),
        ("riket_a.csv", 16, "saknas"),
        ("riket_b.csv", 2, "dubblett"),
    ];
    for (file, row, reason) in expect {
        assert!(
            problems.iter().any(|(f, r, why)| f == file && *r == row && why.contains(reason)),
            "{file} rad {row}: {reason} not in {problems:#?}"
        );
    }
    assert_eq!(problems.len(), expect.len(), "{problems:#?}");
    assert!(inputs.quality.problems.iter().any(|p| p.kind == ProblemKind::UnusedCode("NOPE".into())));
    let got: Vec<(String, String, &str, f64)> = inputs
        .riket
        .values
        .iter()
        .map(|v| (plan.indicators[v.indicator].id.clone(), v.period.clone(), v.sex.label(), v.value))
        .collect();
    let want = [
        ("FLOW", "2026 jan–apr", "Totalt", 80.0),
        ("FLOW", "2026 jan–apr", "Kvinnor", 81.5),
        ("STAT", "2026-04 (rullande 12 mån)", "Totalt", 30.0),
        ("RATE", "2026-04 (vid månadens slut)", "Kvinnor", 12.0),
        ("STAT", "2026-01 (rullande 12 mån)", "Kvinnor", 1.0),
    ];
    let want: Vec<(String, String, &str, f64)> = want.iter().map(|(a, b, c, d)| (a.to_string(), b.to_string(), *c, *d)).collect();
    assert_eq!(got, want);
    assert_eq!((inputs.riket.values[1].numerator, inputs.riket.values[1].denominator), (Some(815), Some(1000)));
}

#[test]
fn riket_meets_the_county_cell_of_its_period_and_the_county_is_compared_in_words() {
    let (w, mut files, plan) = small_world();
    files.riket = vec![w.write(
        "riket.csv",
        "indikator;period;kön;värde\nFLOW;2026 jan–apr;;80,0\nFLOW;2026 jan–aug;;70\nTEL;2026 jan–apr;;50\n",
    )];
    let sources = Sources { plan, files };
    let inputs = sources.read().expect("inputs load");
    let a = Analysis::new(sources, inputs, Period { year: 2026, kind: ReportKind::Delar1 }).expect("compute");
    let view = View::new(&a);
    let k = |id: &str| IndicatorIx(a.plan.indicators.iter().position(|i| i.id == id).unwrap());
    // Delårsrapport 1 reads jan–apr: the jan–aug value belongs to delårsrapport 2.
    assert_eq!(view.riket(k("FLOW"), Sex::Total).map(|v| v.value), Some(80.0));
    assert!(view.riket(k("FLOW"), Sex::Women).is_none());
    // TEL is not marked riket_comparable: its value is read but never compared.
    assert!(view.riket(k("TEL"), Sex::Total).is_none());
    // County FLOW jan–apr: Alfa 10+20+30+40 + 25+27 + 18 (unknown sex) = 170 of 12+22+33+43+30+30+20 = 190;
    // Beta 1799+1600 = 3399 of 4000; Delta 20+10+18 = 48 of 25+15+22 = 62 (its March row falls
    // after it closed). 3617 / 4252 = 85.07 %, shown 85,1; 85,1 − 80,0 = 5,1.
    assert_eq!(
        uppfoljning::report::dialogue::county_against_riket(&view, k("FLOW")).as_deref(),
        Some("Som jämförelse ligger länet (85,1 %) 5,1 procentenheter över riket (80,0 %).")
    );
}

#[test]
fn overview_indicators_and_the_riket_sheet_show_riket() {
    let w = World::new();
    let out = w.path("ut");
    small_run(&w, "delar1", &out)
        .arg("--access")
        .arg(w.write("access.csv", ACCESS))
        .arg("--riket")
        .arg(w.write("riket.csv", "indikator;period;kön;värde\nFLOW;2026 jan–apr;;80,0\nTEL;2026 jan–apr;;50\n"))
        .assert()
        .success();
    let main = out.join("delarsrapport-1-2026.xlsx");
    let overview = read_sheet(&main, "Översikt");
    let riket = overview.iter().find(|r| r[0].to_string() == "Riket").expect("a riket row");
    let header = &overview[3];
    let col = |name: &str| header.iter().position(|c| c.to_string().starts_with(name)).unwrap_or_else(|| panic!("{name}"));
    assert_eq!(riket[col("Bedömning inom 3 dagar")].to_string(), "80");
    assert_eq!(riket[col("Telefon samma dag")].to_string(), "–", "not compared with riket");

    let indicators = read_sheet(&main, "Indikatorer");
    let head = indicators.iter().position(|r| r.iter().any(|c| c.to_string() == "Jämförs med riket")).unwrap();
    let c = indicators[head].iter().position(|c| c.to_string() == "Jämförs med riket").unwrap();
    let of = |id: &str| indicators.iter().find(|r| r[0].to_string() == id).unwrap()[c].to_string();
    assert_eq!((of("FLOW"), of("TEL")), ("Ja".to_string(), "Nej".to_string()));

    let sheet = read_sheet(&main, "Riket");
    assert_eq!(sheet.len(), 3, "header and the two values as read");
    assert_eq!(sheet[2][0].to_string(), "TEL");
    assert_eq!(sheet[2][7].to_string(), "Nej");
}
