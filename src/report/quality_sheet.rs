//! The `Datakvalitet` sheet: rows read / used / rejected per file, every rejected row with file,
//! row, column, value and reason, and notes (codes the plan does not use, invalid NPE answers,
//! units without data, missing months).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Styles;
use crate::analysis::Note;
use crate::input::{ProblemKind, Quality};

pub fn write(ws: &mut Worksheet, st: &Styles, quality: &Quality, notes: &[Note], title: &str) -> Result<(), XlsxError> {
    // About 160 characters: one A4 landscape page wide at about 85 %, text 9 pt or more.
    let widths = [18.0, 24.0, 8.0, 14.0, 22.0, 48.0, 13.5, 12.0];
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
    let files_header = r;
    ws.set_row_height(r, 45)?;
    // Counts' headings right-aligned, over their numbers (the columns are wider than the counts).
    let right = st.header_wrap.clone().set_align(rust_xlsxwriter::FormatAlign::Right);
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, if c >= 2 { &right } else { &st.header_wrap })?;
    }
    r += 1;
    for f in &quality.files {
        ws.write_string_with_format(r, 0, f.dataset.label(), &st.wrap)?;
        ws.write_string_with_format(r, 1, &f.file, &st.wrap)?;
        ws.set_row_height(r, super::style::row_height([(f.dataset.label(), widths[0]), (f.file.as_str(), widths[1])]))?;
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
    let header_formats: Vec<(&str, &rust_xlsxwriter::Format)> =
        headers.iter().enumerate().map(|(c, h)| (*h, if c >= 2 { &right } else { &st.header_wrap })).collect();
    super::style::name_table(ws, "Filer", files_header, r - 1, &header_formats)?;
    let (read, used, rejected) = quality.totals();
    let bold_wrap = st.bold.clone().set_text_wrap();
    ws.merge_range(r, 0, r, 1, "Totalt (utom enhetsregistret)", &bold_wrap)?;
    ws.write_number_with_format(r, 2, read as f64, &st.integer)?;
    ws.write_number_with_format(r, 3, used as f64, &st.integer)?;
    ws.write_number_with_format(r, 4, rejected as f64, &st.integer)?;
    r += 2;

    ws.write_string_with_format(r, 0, "Anmärkningar", &st.heading)?;
    r += 1;
    let unused = quality.unused_codes();
    let mut lines: Vec<(String, &rust_xlsxwriter::Format)> = unused
        .iter()
        .map(|((dataset, code), n)| (format!("{}: koden {code} används inte i planen – {n} rader avvisade", dataset.label()), &st.plain))
        .chain(notes.iter().map(|note| (note.text.clone(), &st.plain)))
        .collect();
    if lines.is_empty() {
        lines.push(("Inga anmärkningar.".to_string(), &st.plain));
    }
    // Wrapped over the page's width, so a long note is read whole on paper.
    super::style::notes_below(ws, r, &widths[..6], &lines)?;
    r += lines.len() as u32;
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
        ws.write_string_with_format(r, 0, consequence, &st.wrap)?;
        ws.write_string_with_format(r, 1, &p.file, &st.wrap)?;
        ws.write_number_with_format(r, 2, p.row as f64, &st.integer)?;
        ws.write_string_with_format(r, 3, &p.column, &st.wrap)?;
        ws.write_string_with_format(r, 4, &p.value, &st.wrap)?;
        ws.write_string_with_format(r, 5, &p.reason, &st.wrap)?;
        let cells = [(consequence, widths[0]), (p.file.as_str(), widths[1]), (p.column.as_str(), widths[3]), (p.value.as_str(), widths[4]), (p.reason.as_str(), widths[5])];
        ws.set_row_height(r, super::style::row_height(cells))?;
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
