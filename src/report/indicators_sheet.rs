//! `Indikatorer`: the plan's indicators defined in words, one row each, in the main workbook and
//! every centre workbook (`docs/reports.md` § Indikatorer). Every field is filled: an indicator
//! without a target says *Inget mål*, without a direction *Ingen riktning*.

use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

use super::style::{notes_below, print_setup, row_height, target_parts, Styles, SYMBOL_HIDDEN};
use super::view::View;
use crate::plan::{Direction, Indicator, Source};

const COLUMNS: [(&str, f64); 14] = [
    ("Id", 11.5),
    ("Indikator", 19.0),
    ("Indikatorområde", 14.5),
    ("Vad den mäter", 21.0),
    ("Täljare", 18.5),
    ("Nämnare", 19.0),
    ("Källa", 16.5),
    ("Enhet", 8.0),
    ("Riktning", 10.0),
    ("Mål", 8.0),
    ("Delvis", 8.0),
    ("Minsta antal", 7.5),
    ("Period i rapporten", 14.5),
    ("Jämförs med riket", 8.5),
];

pub const NO_TARGET: &str = "Inget mål";
pub const NO_DIRECTION: &str = "Ingen riktning";
/// What a field the plan file leaves out says (never empty).
pub const NOT_GIVEN: &str = "Anges inte i uppföljningsplanen";

/// The data set an indicator's rows come from, with its code there.
pub fn source_text(ind: &Indicator) -> String {
    match ind.source {
        Source::Npe => format!("Nationell patientenkät, dimensionen {}", ind.code),
        Source::Pvk => format!("Primärvårdskvalitet, kod {}", ind.code),
        Source::Access => format!("Tillgänglighet (vårdgarantin), mått {}", ind.code),
    }
}

pub fn direction_text(ind: &Indicator) -> &'static str {
    match ind.target.map(|t| t.direction) {
        Some(Direction::HigherIsBetter) => "Högre är bättre",
        Some(Direction::LowerIsBetter) => "Lägre är bättre",
        None => NO_DIRECTION,
    }
}

/// One indicator's row, in [`COLUMNS`] order; `period` is its period in this report.
pub fn fields(ind: &Indicator, period: String) -> [String; 14] {
    let given = |t: &Option<String>| t.clone().unwrap_or_else(|| NOT_GIVEN.to_string());
    let (goal, partly) = target_parts(ind).unwrap_or_else(|| (NO_TARGET.to_string(), NO_TARGET.to_string()));
    [
        ind.id.clone(),
        ind.name.clone(),
        ind.area.clone(),
        given(&ind.texts.measures),
        given(&ind.texts.numerator),
        given(&ind.texts.denominator),
        source_text(ind),
        ind.unit.label().to_string(),
        direction_text(ind).to_string(),
        goal,
        partly,
        ind.min_n.to_string(),
        period,
        if ind.riket_comparable { "Ja" } else { "Nej" }.to_string(),
    ]
}

pub fn write(ws: &mut Worksheet, st: &Styles, view: &View) -> Result<(), XlsxError> {
    for (c, (_, w)) in COLUMNS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.write_string_with_format(0, 0, format!("Indikatorer – uppföljningsplanen {}", view.plan.year), &st.title)?;
    ws.write_string(1, 0, &view.title)?;
    let header = 3;
    for (c, (name, _)) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(header, c as u16, *name, &st.header_wrap)?;
    }
    ws.set_row_height(header, row_height(COLUMNS.iter().map(|(n, w)| (*n, *w))))?;
    let cell = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let mut r = header;
    for (k, ind) in view.indicators() {
        r += 1;
        let fields = fields(ind, view.period_label(k));
        for (c, text) in fields.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, text, &cell)?;
        }
        ws.set_row_height(r, row_height(fields.iter().zip(COLUMNS).map(|(t, (_, w))| (t.as_str(), w))))?;
    }
    let titles: Vec<(&str, &Format)> = COLUMNS.iter().map(|(n, _)| (*n, &st.header_wrap)).collect();
    super::style::name_table(ws, "Indikatorer", header, r, &titles)?;
    let widths: Vec<f64> = COLUMNS.iter().map(|(_, w)| *w).collect();
    let notes = [
        "Täljare och nämnare: värdet är täljaren delad med nämnaren, i procent (för indikatorer per 1000: per 1000 \
         listade). För patientenkäten får varje svarande en poäng mellan 0 och 1 – andelen positiva svar på \
         dimensionens frågor – och värdet är medelpoängen i procent."
            .to_string(),
        format!(
            "Minsta antal: ett värde som bygger på färre observationer än så (men fler än noll) visas inte ({SYMBOL_HIDDEN}); \
             andra värden kan också döljas så att ett dolt värde inte går att räkna fram ur de visade."
        ),
        "Riktning och mål: Högre är bättre betyder att målet är uppfyllt när värdet är minst målvärdet och delvis \
         uppfyllt när det är minst delvis-gränsen; Lägre är bättre tvärtom. En indikator utan mål jämförs inte med \
         något mål och dess förändringar beskrivs som högre eller lägre, inte bättre eller sämre."
            .to_string(),
        "Jämförs med riket: Ja när indikatorn är definierad exakt som i de nationella portalerna (Vården i siffror, \
         patientenkätens och Primärvårdskvalitets portaler), så att länets värde kan ställas mot rikets; Nej när \
         regionens definition skiljer sig, och då visas inget riksvärde (–)."
            .to_string(),
        "Period i rapporten: de månader som summeras (till exempel 2026 jan–dec), den månad som avläses (rullande 12 \
         månader eller vid månadens slut) eller patientenkätens år."
            .to_string(),
    ]
    .map(|text| (text, &st.note));
    notes_below(ws, r + 2, &widths, &notes)?;
    ws.set_freeze_panes(header + 1, 2)?;
    print_setup(ws, &view.title, Some((header, header)));
    ws.set_margins(0.2, 0.2, 0.6, 0.6, 0.3, 0.3);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;


    #[test]
    fn every_field_is_filled_and_words_stand_for_what_is_missing() {
        let plan = crate::plan::sample();
        let with = fields(&plan.indicators[2], "2026-12 (rullande 12 mån)".into());
        assert_eq!(
            with,
            [
                "INF_AB",
                "Luftvägsinfektion: antibiotika",
                "Medicinska resultat",
                "Hur ofta luftvägsinfektioner behandlas med antibiotika.",
                "Episoder som behandlats med antibiotika",
                "Episoder av luftvägsinfektion de senaste 12 månaderna",
                "Primärvårdskvalitet, kod Inf_AB_luft",
                "procent",
                "Lägre är bättre",
                "≤ 30 %",
                "≤ 35 %",
                "20",
                "2026-12 (rullande 12 mån)",
                "Nej",
            ]
        );
        let without = fields(&plan.indicators[3], "2026-12 (rullande 12 mån)".into());
        assert_eq!(without[3..6], [NOT_GIVEN, NOT_GIVEN, NOT_GIVEN]);
        assert_eq!(without[7..11], ["per 1000", NO_DIRECTION, NO_TARGET, NO_TARGET]);
        assert!(with.iter().chain(&without).all(|f| !f.trim().is_empty() && f != "–"));
        assert_eq!(fields(&plan.indicators[0], "2026 jan–dec".into())[13], "Ja", "FLOW is riket_comparable");
    }
}
