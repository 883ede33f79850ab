//! Agreed actions as the filled-in `Åtgärder` forms of centre workbooks read: actions agreed at
//! the 2026 dialogues (most after delårsrapport 2, some after delårsrapport 1 and the årsrapport
//! 2025), some done, some late at the year's end, an older closed one, and a few bad rows of the
//! kinds analysts make. Responsible people are named by role, never by name.

use chrono::NaiveDate;

use crate::plan::Codes;
use crate::rng::Rng;
use crate::units::GenUnit;
use crate::write::XCell;

pub(crate) const HEADER: [&str; 8] = ["hsa_id", "indikator", "åtgärd", "ansvarig", "beslutad", "klart_senast", "status", "kommentar"];

/// What an action on an indicator says: by the indicator's id where it names a condition,
/// else by its area.
fn texts(id: &str, area: &str) -> &'static [&'static str] {
    let by_id: &[(&str, &[&str])] = &[
        ("TILL_TEL", &["Utöka telefontiden på måndagar och efter helger", "Inför återuppringning via 1177 för alla samtal"]),
        ("TILL_BED", &["Sjuksköterska gör en första bedömning av alla nya ärenden samma dag", "Avsätt akuttider för bedömning varje dag"]),
        ("DIAB", &["Strukturerad uppföljning hos diabetessjuksköterska två gånger per år", "Påminnelse till patienter som inte kommit på årskontroll"]),
        ("HYP", &["Blodtryckskontroll vid varje besök för patienter med hypertoni", "Egenmätning av blodtryck hemma med uppföljning"]),
        ("INF_AB", &["Genomgång av antibiotikaförskrivningen med Strama", "Snabbtest (CRP, strep A) enligt regionens riktlinje"]),
        ("INF_PREV", &["Information om egenvård vid luftvägsinfektion på webben och i telefon", "Influensa- och pneumokockvaccination till riskgrupper"]),
        ("LEVN", &["Erbjuda samtal om levnadsvanor vid årskontrollen", "Utbilda personalen i motiverande samtal"]),
    ];
    if let Some((_, list)) = by_id.iter().find(|(prefix, _)| id.starts_with(prefix)) {
        return list;
    }
    match area {
        "Tillgänglighet" => &["Se över bemanningen i tidbokningen"],
        "Kontinuitet" => &[
            "Fast läkarkontakt för alla patienter med kronisk sjukdom",
            "Rutin för att boka återbesök hos samma läkare",
        ],
        "Patientupplevd kvalitet" => &[
            "Gå igenom patientenkätens resultat på arbetsplatsträff och välja två förbättringar",
            "Ge skriftlig information om fortsatt vårdplan vid varje besök",
        ],
        _ => &["Gå igenom arbetssättet och ta fram en handlingsplan"],
    }
}

const ROLES: [&str; 5] =
    ["Verksamhetschef", "Medicinskt ansvarig läkare", "Vårdenhetschef", "Distriktssköterska, teamledare", "Kvalitetssamordnare"];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

/// A row: who and what, (decided, due), status and comment.
fn row(unit: &str, id: &str, text: &str, role: &str, (decided, due): (NaiveDate, NaiveDate), status: &str, comment: &str) -> Vec<XCell> {
    let t = |s: &str| XCell::Text(s.to_string());
    vec![t(unit), t(id), t(text), t(role), XCell::Date(decided), XCell::Date(due), t(status), t(comment)]
}

/// The rows of one actions file for the region's units.
pub(crate) fn action_rows(rng: &mut Rng, codes: &Codes, units: &[GenUnit]) -> Vec<Vec<XCell>> {
    let open: Vec<&GenUnit> = units.iter().filter(|u| u.to.is_none()).collect();
    let mut rows = Vec::new();
    // A centre's actions concern different indicators.
    let draw = |rng: &mut Rng, used: &mut Vec<usize>| -> (String, String) {
        let mut k = rng.below(codes.indicators.len() as u64) as usize;
        while used.contains(&k) {
            k = (k + 1) % codes.indicators.len();
        }
        used.push(k);
        codes.indicators[k].clone()
    };
    // Every third open centre had a dialogue after delårsrapport 2 (September–October 2026).
    for (i, u) in open.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
        let mut used = Vec::new();
        for _ in 0..1 + rng.below(2) {
            let (id, area) = &draw(rng, &mut used);
            let list = texts(id, area);
            let text = list[rng.below(list.len() as u64) as usize];
            let role = ROLES[rng.below(ROLES.len() as u64) as usize];
            let decided = date(2026, 9 + rng.below(2) as u32, 1 + rng.below(28) as u32);
            // Due at the end of November or December 2026, or in the first quarter of 2027.
            let (due, status, comment) = match rng.below(6) {
                0 | 1 => (date(2026, 11, 30), "Klar", "Genomförd enligt plan"),
                2 => (date(2026, 12, 15), "Pågår", "Försenad på grund av vakanser"),
                3 => (date(2026, 11, 30), "Planerad", ""),
                4 => (date(2027, 3, 31), "Pågår", ""),
                _ => (date(2027, 2, 28), "Planerad", ""),
            };
            rows.push(row(&u.hsa_id, id, text, role, (decided, due), status, comment));
        }
        // Some also carry an action from the spring dialogue (after delårsrapport 1 or the
        // årsrapport 2025).
        if i % 2 == 0 {
            let (id, area) = &draw(rng, &mut used);
            let text = texts(id, area)[0];
            let (decided, due) = if i % 4 == 0 { (date(2026, 2, 20), date(2026, 6, 30)) } else { (date(2026, 6, 10), date(2026, 10, 31)) };
            let status = if rng.chance(0.5) { "Klar" } else { "Pågår" };
            rows.push(row(&u.hsa_id, id, text, ROLES[0], (decided, due), status, ""));
        }
    }
    // An action closed long ago: in the main list, no longer on the centre's form.
    let (id, area) = &codes.indicators[0];
    rows.push(row(&open[1].hsa_id, id, texts(id, area)[1], ROLES[1], (date(2025, 5, 12), date(2025, 9, 30)), "Klar", "Genomförd"));
    // Bad rows, each of one kind: an HSA-id not in the register, an indicator not in the plan,
    // a day that does not exist, due before decided, an unknown status.
    let (id, _) = &codes.indicators[0];
    let u = &open[2].hsa_id;
    rows.push(row("SE2321000222-HC0999", id, "Ny rutin för tidbokning", ROLES[0], (date(2026, 9, 20), date(2026, 12, 31)), "Planerad", ""));
    rows.push(row(u, "TILL_BESÖK", "Fler akuttider", ROLES[0], (date(2026, 9, 20), date(2026, 12, 31)), "Planerad", ""));
    let mut bad_date = row(u, id, "Rutin för kallelser", ROLES[2], (date(2026, 9, 20), date(2026, 12, 31)), "Pågår", "");
    bad_date[5] = XCell::Text("2026-09-31".into());
    rows.push(bad_date);
    rows.push(row(u, id, "Genomgång av väntelistan", ROLES[2], (date(2026, 10, 5), date(2026, 8, 31)), "Planerad", ""));
    rows.push(row(u, id, "Telefonrutin i sommar", ROLES[2], (date(2026, 10, 5), date(2026, 12, 31)), "Färdig", ""));
    rows
}
