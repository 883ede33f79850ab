//! The `Om rapporten` sheet: what the report is, what it was made from (each input file with its
//! SHA-256 and row counts), how suppression works and its known limits, and the legend.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::view::View;
use super::Styles;
use crate::compute::Report;

pub fn title(report: &Report) -> String {
    let p = report.current.period;
    format!(
        "{} {} – Uppföljning Hälsoval primärvård",
        p.kind.title(),
        p.year
    )
}

pub fn write(ws: &mut Worksheet, st: &Styles, view: &View) -> Result<(), XlsxError> {
    let View {
        report,
        plan,
        quality,
        notes,
        ..
    } = view;
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 34)?;
    ws.set_column_width(2, 66)?;
    for c in 3..6 {
        ws.set_column_width(c, 11)?;
    }
    let p = report.current.period;
    ws.write_string_with_format(0, 0, title(report), &st.title)?;
    let survey = match report.current.survey_year {
        Some(y) => format!("NPE {y}"),
        None => "ingen enkätomgång finns i indata (NPE –)".into(),
    };
    let previous_survey = match report.previous.survey_year {
        Some(y) => format!("NPE {y}"),
        None => "–".into(),
    };
    let facts = [
        ("Rapportperiod", p.months_label()),
        ("Statusindikatorer avläses", p.last().to_string()),
        (
            "Uppföljningsplan",
            format!("{} ({})", plan.year, file_name(&plan.file)),
        ),
        (
            "Programversion",
            format!("uppfoljning {}", env!("CARGO_PKG_VERSION")),
        ),
        ("Patientenkät som används", survey),
        (
            "Föregående år jämförs med",
            format!("{} samt {previous_survey}", p.previous().months_label()),
        ),
    ];
    let mut r = 2;
    for (k, v) in facts {
        ws.write_string_with_format(r, 0, k, &st.bold)?;
        ws.write_string(r, 1, v)?;
        r += 1;
    }
    r += 1;
    ws.write_string_with_format(r, 0, "Indata", &st.heading)?;
    r += 1;
    for (c, h) in [
        "Datamängd",
        "Fil",
        "SHA-256",
        "Lästa rader",
        "Använda",
        "Avvisade",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(r, c as u16, *h, &st.header)?;
    }
    r += 1;
    for f in &quality.files {
        ws.write_string(r, 0, f.dataset.label())?;
        ws.write_string(r, 1, &f.file)?;
        ws.write_string_with_format(r, 2, &f.sha256, &st.mono)?;
        ws.write_number_with_format(r, 3, f.read as f64, &st.integer)?;
        ws.write_number_with_format(r, 4, f.used as f64, &st.integer)?;
        ws.write_number_with_format(r, 5, f.rejected as f64, &st.integer)?;
        r += 1;
    }
    for note in notes.iter() {
        ws.write_string(r, 0, &note.text)?;
        r += 1;
    }
    r += 1;
    let text = |ws: &mut Worksheet, r: &mut u32, s: &str, f: &Format| -> Result<(), XlsxError> {
        ws.write_string_with_format(*r, 0, s, f)?;
        *r += 1;
        Ok(())
    };
    text(ws, &mut r, "Så skyddas små tal", &st.heading)?;
    for line in SUPPRESSION {
        text(ws, &mut r, line, &st.plain)?;
    }
    for line in audit_lines(report) {
        text(ws, &mut r, &line, &st.plain)?;
    }
    for line in REMAINS {
        text(ws, &mut r, line, &st.plain)?;
    }
    r += 1;
    text(ws, &mut r, "Teckenförklaring", &st.heading)?;
    for line in LEGEND {
        text(ws, &mut r, line, &st.plain)?;
    }
    super::style::print_setup(ws, &title(report), None);
    Ok(())
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

const SUPPRESSION: [&str; 9] = [
    "Rapporten innehåller bara sammanräknade tal, aldrig uppgifter om enskilda patienter eller svarande.",
    "Primär undertryckning: ett värde med färre observationer än indikatorns min_n (men fler än noll) visas inte (undertryckt).",
    "Sekundär undertryckning: när en del av en summa är dold döljs ytterligare en del (den med minst antal), så att det dolda talet inte kan räknas fram ur summan:",
    "  A: Kvinnor och Män inom Totalt (även gruppen med okänt kön, som aldrig redovisas), B: hälsocentraler inom länet, område och regi, C: områden respektive regiformer inom länet,",
    "  D: månaderna inom perioden (för indikatorer som summeras över perioden). Varje månad i Månadsdata skyddas på samma sätt som perioden.",
    "Reglerna tillämpas i omgångar tills inget mer ändras, för perioden och dess månader tillsammans. Ett värde som en tidigare rapport samma år har visat eller dolt behåller det.",
    "Granskning av allt som publiceras tillsammans: varje dolt värde, och varje liten grupp med okänt kön, prövas mot alla tal rapporten visar på en gång – perioden, dess månader",
    "och årets tidigare delårsrapporter (delårsrapport 2 minus delårsrapport 1 ger maj–augusti) – och mot det statusen avslöjar: ett undertryckt värde ligger mellan 1 och min_n − 1,",
    "ett sekundärt undertryckt är minst min_n. Kan ett dolt värde räknas fram exakt, eller har det bara ett möjligt heltal kvar, döljs ytterligare ett värde, tills inget kan det.",
];

/// The audit's result over every indicator of this report, and what it hid.
fn audit_lines(report: &Report) -> Vec<String> {
    let (mut checked, mut disclosed, mut public, mut extra, mut bounded, mut guard) =
        (0, 0, 0, 0, 0, 0);
    for it in &report.current.indicators {
        checked += it.audit.checked;
        disclosed += it.audit.disclosed;
        public += it.audit.public;
        extra += it.audit.extra;
        bounded += it.audit.bounded;
        guard += it.audit.guard;
    }
    let because = if bounded > 0 {
        format!(
            " (varav {} för att bara ett heltal annars var möjligt)",
            fmt_count(bounded)
        )
    } else {
        String::new()
    };
    let mut lines = vec![format!(
        "Resultat: {} av {} dolda värden kan räknas fram ur rapportens tal, exakt eller som enda möjliga heltal. För att nå dit dolde granskningen {} värden utöver reglerna{} och skyddet av månaderna mellan rapporterna {}.",
        fmt_count(disclosed),
        fmt_count(checked),
        fmt_count(extra),
        because,
        fmt_count(guard)
    )];
    if public > 0 {
        lines.push(format!(
            "{} dolda värden är ändå kända: de är lika med ett värde som en tidigare rapport i år visade, eftersom månaderna därefter saknar data. Ingen cell i den här rapporten kan skydda dem.",
            fmt_count(public)
        ));
    }
    lines
}

fn fmt_count(n: usize) -> String {
    super::style::sv_number(n as f64, 0)
}

const REMAINS: [&str; 4] = [
    "Det granskningen inte täcker: ett dolt värde som kan ringas in till ett intervall med flera möjliga tal utan att bestämmas (t.ex. att det ligger mellan 20 och 26);",
    "att ett visat värde där alla eller ingen uppfyller målet säger något om varje person i gruppen;",
    "och tal som publiceras utanför den här körningen: förra årets rapport som den faktiskt publicerades, rapporter gjorda på rättade filer, andra publiceringar av samma data,",
    "samt tal som inte är antal i tabellerna (rikets värden, svarsfrekvenser). Föregående års tal granskas på samma sätt, för sig.",
];

const LEGEND: [&str; 6] = [
    "..  undertryckt: för få observationer, eller dolt för att skydda ett annat dolt värde (sekundärt undertryckt)",
    "–   ingen data: inga rader för perioden (statusindikatorer läses bara i periodens sista månad)",
    ".   ej könsuppdelad: indikatorn redovisas bara för Totalt",
    "Måluppfyllelse: ✔ Uppfyllt (grön), ◐ Delvis uppfyllt (gul), ✘ Ej uppfyllt (röd); värdet avrundas till en decimal innan det jämförs med målet. Symbolen inom parentes, t.ex. (✔), och ordet osäkert: värdets 95-procentiga konfidensintervall når in i ett annat utfall; säkert: hela intervallet ligger i samma utfall.",
    "Könsskillnad: Kvinnor högre / Män högre när skillnaden är statistiskt säker (95 %), annars Ingen säker skillnad.",
    "Konfidensintervall (95 %): Wilson för andelar, Poisson-approximation för antal per 1000, medelvärde ± 1,96·s/√n för patientenkäten.",
];
