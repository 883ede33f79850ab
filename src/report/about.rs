//! The `Om rapporten` sheet, for the board: what the report shows, its sources and periods, how
//! its verdicts read, how small numbers are protected and the audit's result, the legend; then,
//! last, the technical details (each input file with its SHA-256 and row counts, the method of
//! suppression and its known limits).

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::sheets::WrittenFile;
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

pub fn write(ws: &mut Worksheet, st: &Styles, view: &View, written: &[WrittenFile]) -> Result<(), XlsxError> {
    let View {
        report,
        plan,
        quality,
        notes,
        ..
    } = view;
    let widths = [22.0, 30.0, 44.0, 11.0, 11.0, 11.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let p = report.current.period;
    ws.write_string_with_format(0, 0, title(report), &st.title)?;
    let survey = match report.current.survey_year {
        Some(y) => format!("patientenkäten {y}"),
        None => "ingen patientenkät finns för året".into(),
    };
    let previous_survey = match report.previous.survey_year {
        Some(y) => format!("patientenkäten {y}"),
        None => "ingen tidigare patientenkät".into(),
    };
    let facts = [
        ("Rapportperiod", p.months_label()),
        ("Mätmånad för lägesmått", p.last().to_string()),
        ("Uppföljningsplan", format!("regionens uppföljningsplan för {}", plan.year)),
        ("Patientenkät", survey),
        ("Jämförs med", format!("{} och {previous_survey}", p.previous().months_label())),
    ];
    let mut r = 2;
    for (k, v) in facts {
        ws.write_string_with_format(r, 0, k, &st.bold)?;
        ws.merge_range(r, 1, r, 5, &v, &st.plain)?;
        r += 1;
    }
    r += 1;
    let section = |ws: &mut Worksheet, r: &mut u32, heading: &str, lines: &[String]| -> Result<(), XlsxError> {
        ws.write_string_with_format(*r, 0, heading, &st.heading)?;
        *r += 1;
        let lines: Vec<(String, &Format)> = lines.iter().map(|l| (l.clone(), &st.plain)).collect();
        super::style::notes_below(ws, *r, &widths, &lines)?;
        *r += lines.len() as u32 + 1;
        Ok(())
    };
    section(ws, &mut r, "Vad rapporten visar", &owned(&ABOUT))?;
    section(ws, &mut r, "Underlag och perioder", &owned(&SOURCES))?;
    section(ws, &mut r, "Så läses bedömningarna", &owned(&READING))?;
    let mut protection = owned(&PROTECTION);
    protection.push(audit_result(report));
    let for_unknown = view.rows.iter().filter(|d| d.status == crate::disclosure::Status::ForUnknownSex).count();
    protection.push(format!(
        "{} värden för länet, områden eller regiformer är dolda bara för att skydda en liten grupp med okänt kön \
         (markerade ..¹). Gruppen finns på riktigt: patienter vars kön inte framgår av underlaget räknas med i \
         Totalt men redovisas aldrig för sig.",
        fmt_count(for_unknown)
    ));
    section(ws, &mut r, "Så skyddas små tal", &protection)?;
    let legend: Vec<String> = vec![
        super::style::MISSING_LEGEND.to_string(),
        LEGEND_OUTCOME.to_string(),
        LEGEND_CHANGE.to_string(),
    ];
    section(ws, &mut r, "Teckenförklaring", &legend)?;

    // The technical details last: what the figures were computed from, exactly.
    ws.write_string_with_format(r, 0, "Tekniska uppgifter", &st.heading)?;
    r += 1;
    let technical = [
        ("Uppföljningsplanens fil", file_name(&plan.file)),
        ("Programversion", format!("uppfoljning {}", env!("CARGO_PKG_VERSION"))),
    ];
    for (k, v) in technical {
        ws.write_string_with_format(r, 0, k, &st.bold)?;
        ws.merge_range(r, 1, r, 5, &v, &st.plain)?;
        r += 1;
    }
    r += 1;
    for (c, h) in ["Datamängd", "Fil", "SHA-256 (kontrollsumma)", "Lästa rader", "Använda", "Avvisade"].iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &st.header_wrap)?;
    }
    ws.set_row_height(r, 30)?;
    r += 1;
    for f in &quality.files {
        ws.write_string_with_format(r, 0, f.dataset.label(), &st.wrap)?;
        ws.write_string_with_format(r, 1, &f.file, &st.wrap)?;
        let height = super::style::row_height([(f.file.as_str(), widths[1])]).max(30.0);
        ws.set_row_height(r, height)?;
        ws.write_string_with_format(r, 2, &two_lines(&f.sha256), &st.mono)?;
        ws.write_number_with_format(r, 3, f.read as f64, &st.integer)?;
        ws.write_number_with_format(r, 4, f.used as f64, &st.integer)?;
        ws.write_number_with_format(r, 5, f.rejected as f64, &st.integer)?;
        r += 1;
    }
    let mut method: Vec<String> = notes.iter().map(|n| n.text.clone()).collect();
    method.extend(owned(&SUPPRESSION));
    method.extend(audit_lines(report));
    method.extend(owned(&REMAINS));
    r += 1;
    ws.write_string_with_format(r, 0, "Metod", &st.bold)?;
    r += 1;
    let lines: Vec<(String, &Format)> = method.into_iter().map(|l| (l, &st.plain)).collect();
    super::style::notes_below(ws, r, &widths, &lines)?;
    r += lines.len() as u32 + 1;
    files_of_the_report(ws, st, r, &widths, written)?;
    super::style::print_setup(ws, &title(report), None);
    Ok(())
}

/// Two lines of 32 hex digits print at a readable size where one line of 64 would force the
/// page smaller; a reader compares them with sha256sum's output by eye.
fn two_lines(sha256: &str) -> String {
    let (head, tail) = sha256.split_at(sha256.len().min(32));
    if tail.is_empty() { head.to_string() } else { format!("{head}\n{tail}") }
}

/// The other files of this report set with their checksums: the main workbook is written last,
/// so a set whose files all match this list is complete and from one run.
fn files_of_the_report(ws: &mut Worksheet, st: &Styles, mut r: u32, widths: &[f64], written: &[WrittenFile]) -> Result<(), XlsxError> {
    ws.write_string_with_format(r, 0, "Rapportens filer", &st.bold)?;
    r += 1;
    let intro = [(FILES_OF_THE_REPORT.to_string(), &st.plain)];
    super::style::notes_below(ws, r, widths, &intro)?;
    r += 2;
    ws.merge_range(r, 0, r, 1, "Fil", &st.header_wrap)?;
    ws.write_string_with_format(r, 2, "SHA-256 (kontrollsumma)", &st.header_wrap)?;
    ws.set_row_height(r, 30)?;
    r += 1;
    for f in written {
        ws.merge_range(r, 0, r, 1, &f.path, &st.wrap)?;
        let height = super::style::row_height([(f.path.as_str(), widths[0] + widths[1])]).max(30.0);
        ws.set_row_height(r, height)?;
        ws.write_string_with_format(r, 2, &two_lines(&f.sha256), &st.mono)?;
        r += 1;
    }
    Ok(())
}

const FILES_OF_THE_REPORT: &str = "Den här arbetsboken skrivs sist av rapportens filer och räknar upp alla de andra, var och \
     en med sin kontrollsumma. En fil med samma kontrollsumma som i listan hör till den här rapporten. En fil som saknas i \
     listan, eller vars kontrollsumma är en annan, kommer från ett annat tillfälle då rapporten togs fram och ska inte \
     läsas tillsammans med den här.";

fn owned(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|l| l.to_string()).collect()
}

/// The audit's result in a sentence for the board.
fn audit_result(report: &Report) -> String {
    let (checked, disclosed) = report
        .current
        .indicators
        .iter()
        .fold((0, 0), |(c, d), it| (c + it.audit.checked, d + it.audit.disclosed));
    if disclosed == 0 {
        format!(
            "Resultat för den här rapporten: granskningen (se Tekniska uppgifter) fann inget av de {} dolda värdena \
             som kan räknas fram exakt, eller bestämmas till ett enda möjligt tal, ur det som rapporten och årets \
             tidigare rapporter visar tillsammans.",
            fmt_count(checked)
        )
    } else {
        format!(
            "Resultat för den här rapporten: {} av {} dolda värden kan räknas fram ur det som publiceras tillsammans; \
             se Tekniska uppgifter.",
            fmt_count(disclosed),
            fmt_count(checked)
        )
    }
}

const ABOUT: [&str; 3] = [
    "Rapporten följer upp hälsocentralerna i Hälsoval primärvård enligt regionens uppföljningsplan. Varje indikator \
     redovisas för varje hälsocentral, för närsjukvårdsområdena, för privat och regiondriven vård och för hela länet, \
     uppdelat på kvinnor och män där underlaget medger det.",
    "Bladet Indikatorer beskriver varje indikator: vad den mäter, täljare och nämnare, källa, mål och minsta antal \
     observationer. Översikt visar alla enheter och indikatorer på ett ställe; områdesbladen visar varje indikator \
     med kvinnor, män och totalt, konfidensintervall, förändring och jämförelse med länet. Jämställdhet samlar de \
     säkra skillnaderna mellan kvinnor och män, Åtgärder de åtgärder som hälsocentralerna har kommit överens om.",
    "Rapporten innehåller bara sammanräknade tal, aldrig uppgifter om enskilda patienter eller svarande.",
];

const SOURCES: [&str; 3] = [
    "Underlaget är Nationell patientenkät (patienternas svar), Primärvårdskvalitet (uppgifter ur journalerna) och \
     vårdgarantins tillgänglighetsmätning (telefon och besök), samt regionens förteckning över hälsocentraler.",
    "Delårsrapport 1 avser januari–april, delårsrapport 2 januari–augusti och årsrapporten hela året. Indikatorer som \
     räknar händelser (till exempel besök inom tre dagar) summeras över periodens månader. Lägesmått (till exempel \
     andelen patienter med fast läkarkontakt) avläses periodens sista månad. Patientenkäten görs en gång om året; \
     den senaste enkäten används.",
    "Varje värde jämförs med samma period året innan. Hälsocentraler som har öppnat eller stängt under året har en \
     anmärkning om det.",
];

const READING: [&str; 3] = [
    "Målet och gränsen för delvis uppfyllt kommer från uppföljningsplanen. Värdet avrundas till en decimal innan det \
     jämförs med målet. Säkert betyder att hela värdets 95-procentiga konfidensintervall ligger inom samma utfall; \
     osäkert att intervallet når in i ett annat utfall, så att utfallet kan bero på slumpen.",
    "Förändringen mot året innan är prövad statistiskt: Förbättring eller Försämring när skillnaden är statistiskt \
     säker (95 %), annars Ingen säker förändring. För indikatorer utan riktning står Högre eller Lägre.",
    "Jämfört med länet (trattdiagrammen): en hälsocentral ligger Över eller Under länet bara när skillnaden är större \
     än slumpen kan förklara för en enhet av samma storlek; annars Inom förväntat.",
];

const PROTECTION: [&str; 2] = [
    "Ett värde som bygger på för få observationer visas inte, så att ingen enskild person kan kännas igen. När ett \
     värde är dolt döljs vid behov också ett annat värde, så att det dolda inte kan räknas fram ur en summa, till \
     exempel ur totalt minus kvinnor.",
    "Innan rapporten skrivs prövas allt som publiceras tillsammans – alla enheter, månader och årets tidigare \
     rapporter – så att inget dolt värde kan räknas fram ur det andra.",
];

const LEGEND_OUTCOME: &str = "Måluppfyllelse: ✔ Uppfyllt (grön), ◐ Delvis uppfyllt (gul), ✘ Ej uppfyllt (röd). \
     Symbolen inom parentes, t.ex. (✔), och ordet osäkert: värdets konfidensintervall når in i ett annat utfall.";

const LEGEND_CHANGE: &str = "KI: 95-procentigt konfidensintervall (Wilson för andelar, Poisson för antal per 1000, \
     medelvärde ± 1,96 standardfel för patientenkäten). n: antal observationer.";

fn file_name(p: &std::path::Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

const SUPPRESSION: [&str; 5] = [
    "Primär undertryckning: ett värde med färre observationer än indikatorns minsta antal (min_n i uppföljningsplanen), men fler än noll, visas inte (undertryckt).",
    "Sekundär undertryckning: när en del av en summa är dold döljs ytterligare en del (den med minst antal), så att det dolda talet inte kan räknas fram ur summan. Summorna är A: Kvinnor och Män inom Totalt (även gruppen med okänt kön, som aldrig redovisas), B: hälsocentraler inom länet, område och regi, C: områden respektive regiformer inom länet och D: månaderna inom perioden (för indikatorer som summeras över perioden). Varje månad i Månadsdata skyddas på samma sätt som perioden.",
    "Reglerna tillämpas i omgångar tills inget mer ändras, för perioden och dess månader tillsammans. Ett värde som en tidigare rapport samma år har visat eller dolt behåller det.",
    "Granskning av allt som publiceras tillsammans: varje dolt värde, och varje liten grupp med okänt kön, prövas mot alla tal rapporten visar på en gång – perioden, dess månader och årets tidigare delårsrapporter (delårsrapport 2 minus delårsrapport 1 ger maj–augusti) – och mot det statusen avslöjar: ett undertryckt värde ligger mellan 1 och minsta antal − 1, ett sekundärt undertryckt är minst lika med minsta antal.",
    "Kan ett dolt värde räknas fram exakt, eller har det bara ett möjligt heltal kvar, döljs ytterligare ett värde, tills inget kan det.",
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
        "Resultat: {} av {} dolda värden kan räknas fram ur rapportens tal, exakt eller som enda möjliga heltal. För att nå dit dolde granskningen {} värden utöver reglerna{}, och skyddet av månaderna mellan rapporterna dolde {}.",
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

const REMAINS: [&str; 2] = [
    "Det granskningen inte täcker: ett dolt värde som kan ringas in till ett intervall med flera möjliga tal utan att bestämmas (t.ex. att det ligger mellan 20 och 26); att ett visat värde där alla eller ingen uppfyller målet säger något om varje person i gruppen; tal som publiceras utanför den här körningen (förra årets rapport som den faktiskt publicerades, rapporter gjorda på rättade filer, andra publiceringar av samma data); samt tal som inte är antal i tabellerna (rikets värden, svarsfrekvenser).",
    "Föregående års tal granskas på samma sätt, för sig.",
];

