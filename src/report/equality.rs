//! `Jämställdhet`: the cells where women and men differ with statistical certainty, which sex
//! each favours, and how many such differences chance alone would give.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::style::{notes_below, print_setup, row_height, sex_difference_words, sv_number, Styles};
use super::view::View;
use crate::cell::{CellKey, Sex};
use crate::compute::SexDifference;

/// The level of the test: the share of tests that show a difference where there is none.
const LEVEL: f64 = 0.05;

pub fn write(ws: &mut Worksheet, st: &Styles, view: &View) -> Result<(), XlsxError> {
    let widths = [44.0, 34.0, 11.0, 11.0, 14.0, 20.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.write_string_with_format(0, 0, "Jämställdhet – skillnader mellan kvinnor och män", &st.title)?;
    let mut tested = 0usize;
    let mut found = Vec::new();
    for (k, ind) in view.indicators() {
        for &e in &view.display {
            let Some(diff) = view.row(CellKey::new(k, e, Sex::Total)).and_then(|d| d.sex_difference) else { continue };
            tested += 1;
            if diff != SexDifference::NoClearDifference {
                found.push((k, ind, e, diff));
            }
        }
    }
    let expected = LEVEL * tested as f64;
    let summary = format!(
        "Här står de enheter och indikatorer där skillnaden mellan kvinnor och män är statistiskt säker (95 %). \
         Skillnaden prövades för {tested} värden där både kvinnornas och männens värde visas; {} av dem är \
         statistiskt säkra. Även om kvinnor och män i själva verket inte skilde sig åt skulle ungefär {} av \
         prövningarna (5 %) visa en säker skillnad av en slump, så en enskild rad är en fråga att undersöka, \
         inte ett bevis. Bedömningen säger vilket kön som har det bättre värdet enligt indikatorns riktning \
         (”Högre för kvinnor” eller ”Högre för män” när indikatorn saknar riktning).",
        found.len(),
        sv_number(expected, 0),
    );
    notes_below(ws, 1, &widths, &[(summary, &st.note)])?;
    let header = 3;
    for (c, h) in ["Indikator", "Enhet", "Kvinnor", "Män", "Skillnad K − M", "Bedömning"].iter().enumerate() {
        ws.write_string_with_format(header, c as u16, *h, &st.header)?;
    }
    let mut r = header + 1;
    for &(k, ind, e, diff) in &found {
        let cell = |sex| CellKey::new(k, e, sex);
        ws.write_string_with_format(r, 0, &ind.name, &st.wrap)?;
        let name = view.listed_name(e);
        ws.write_string_with_format(r, 1, name.as_ref(), &st.wrap)?;
        ws.set_row_height(r, row_height([(ind.name.as_str(), widths[0]), (name.as_ref(), widths[1])]))?;
        view.write_value(ws, st, (r, 2), cell(Sex::Women), false)?;
        view.write_value(ws, st, (r, 3), cell(Sex::Men), false)?;
        if let Some(gap) = view.shown_sex_gap(cell(Sex::Women), cell(Sex::Men)) {
            ws.write_number_with_format(r, 4, gap, &st.change)?;
        }
        ws.write_string_with_format(r, 5, sex_difference_words(diff, ind), &st.wrap)?;
        r += 1;
    }
    if found.is_empty() {
        ws.write_string(r, 0, "Inga statistiskt säkra skillnader mellan kvinnor och män.")?;
    } else {
        let titles = ["Indikator", "Enhet", "Kvinnor", "Män", "Skillnad K − M", "Bedömning"].map(|t| (t, &st.header));
        super::style::name_table(ws, "Jamstalldhet", header, r - 1, &titles)?;
    }
    ws.set_freeze_panes(header + 1, 0)?;
    print_setup(ws, &view.title, Some((header, header)));
    Ok(())
}
