//! The `Datakvalitet` sheet: rows read / used / rejected per file, every rejected row with file,
//! row, column, value and reason, and notes (codes the plan does not use, invalid NPE answers,
//! units without data, missing months).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Styles;
use crate::analysis::Note;
use crate::input::{ProblemKind, Quality};

pub fn write(ws: &mut Worksheet, st: &Styles, quality: &Quality, notes: &[Note], title: &str) -> Result<(), XlsxError> {
    let widths = [24.0, 22.0, 8.0, 16.0, 34.0, 70.0, 13.0, 13.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.write_string_with_format(0, 0, "Datakvalitet", &st.title)?;
    let mut r = 2;
    ws.write_string_with_format(r, 0, "Rader per fil", &st.heading)?;
    r += 1;
    let headers = [
        "Datamängd",
        "Fil",
        "Lästa",
        "Använda",
        "Avvisade",
        "Ogiltiga svarskoder (NPE)",
        "Sammanslagna dubbletter (åtgärder)",
        "Ersatta (åtgärder)",
    ];
    ws.set_row_height(r, 30)?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &st.header_wrap)?;
    }
    r += 1;
    for f in &quality.files {
        ws.write_string(r, 0, f.dataset.label())?;
        ws.write_string(r, 1, &f.file)?;
        ws.write_number_with_format(r, 2, f.read as f64, &st.integer)?;
        ws.write_number_with_format(r, 3, f.used as f64, &st.integer)?;
        ws.write_number_with_format(r, 4, f.rejected as f64, &st.integer)?;
        ws.write_number_with_format(r, 5, f.invalid_answers as f64, &st.integer)?;
        if f.dataset == crate::input::Dataset::Actions {
            ws.write_number_with_format(r, 6, f.merged as f64, &st.integer)?;
            ws.write_number_with_format(r, 7, f.replaced as f64, &st.integer)?;
        }
        r += 1;
    }
    let (read, used, rejected) = quality.totals();
    ws.write_string_with_format(r, 0, "Totalt (utom enhetsregistret)", &st.bold)?;
    ws.write_number_with_format(r, 2, read as f64, &st.integer)?;
    ws.write_number_with_format(r, 3, used as f64, &st.integer)?;
    ws.write_number_with_format(r, 4, rejected as f64, &st.integer)?;
    r += 2;

    ws.write_string_with_format(r, 0, "Anmärkningar", &st.heading)?;
    r += 1;
    let unused = quality.unused_codes();
    for ((dataset, code), n) in &unused {
        ws.write_string(r, 0, format!("{}: koden {code} används inte i planen – {n} rader avvisade", dataset.label()))?;
        r += 1;
    }
    for note in notes {
        ws.write_string(r, 0, &note.text)?;
        r += 1;
    }
    if unused.is_empty() && notes.is_empty() {
        ws.write_string(r, 0, "Inga anmärkningar.")?;
        r += 1;
    }
    r += 1;

    ws.write_string_with_format(r, 0, "Avvisade rader och ogiltiga svar", &st.heading)?;
    r += 1;
    let header_row = r;
    for (c, h) in ["Fil", "Rad", "Kolumn", "Värde", "Orsak", "Följd"].iter().enumerate() {
        let c = [1, 2, 3, 4, 5, 0][c];
        ws.write_string_with_format(r, c, *h, &st.header)?;
    }
    r += 1;
    let mut listed = 0;
    for p in quality.sorted_problems() {
        let consequence = match p.kind {
            ProblemKind::Rejected => "raden avvisad",
            ProblemKind::InvalidAnswer => "svaret räknas som obesvarat",
            // Summarised once per code above.
            ProblemKind::UnusedCode(_) => continue,
        };
        ws.write_string(r, 0, consequence)?;
        ws.write_string(r, 1, &p.file)?;
        ws.write_number(r, 2, p.row as f64)?;
        ws.write_string(r, 3, &p.column)?;
        ws.write_string(r, 4, &p.value)?;
        ws.write_string(r, 5, &p.reason)?;
        r += 1;
        listed += 1;
    }
    if listed == 0 {
        ws.write_string(r, 0, "Inga rader avvisades.")?;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    super::style::print_setup(ws, title, Some((header_row, header_row)));
    Ok(())
}
