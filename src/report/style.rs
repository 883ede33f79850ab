//! Presentation shared by every sheet: cell formats, the Swedish statistics symbols, Swedish
//! number text and collation, and print set-up (A4 landscape, fit to width, header and footer).

use std::cmp::Ordering;

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use crate::compute::{Outcome, SexDifference};
use crate::disclosure::Status;
use crate::plan::{Direction, Indicator, Target, ValueUnit};

/// `..` undertryckt, `–` ingen data, `.` ej könsuppdelad (SCB's symbols).
pub const SYMBOL_HIDDEN: &str = "..";
pub const SYMBOL_NO_DATA: &str = "–";
pub const SYMBOL_NOT_BY_SEX: &str = ".";

/// A cell hidden only so that a small group of unknown sex cannot be computed back.
pub const SYMBOL_FOR_UNKNOWN_SEX: &str = "..¹";

pub fn status_symbol(status: Status) -> &'static str {
    match status {
        Status::NoData => SYMBOL_NO_DATA,
        Status::ForUnknownSex => SYMBOL_FOR_UNKNOWN_SEX,
        _ => SYMBOL_HIDDEN,
    }
}

/// Why a value is missing, for the legend of every sheet that shows values.
pub const MISSING_LEGEND: &str = "Tecken i stället för värden: ”..” visas inte – för få observationer, eller dolt så att \
     ett annat dolt värde inte kan räknas fram; ”..¹” dolt för att skydda en grupp med okänt kön som har färre \
     observationer än indikatorns minsta antal; ”–” ingen data; ”.” redovisas inte per kön.";

const GREEN: u32 = 0xC6EFCE;
const YELLOW: u32 = 0xFFEB9C;
const RED: u32 = 0xFFC7CE;
const HEADER_BLUE: u32 = 0xDDEBF7;

/// Cell formats shared by the sheets.
pub struct Styles {
    pub title: Format,
    pub heading: Format,
    pub header: Format,
    pub header_wrap: Format,
    pub bold: Format,
    pub plain: Format,
    /// Plain and bold text at the top of its row, level with top-aligned figures beside it.
    pub top: Format,
    pub bold_top: Format,
    /// The riket row's label: a reference beside the county, not one of the report's entities.
    pub reference: Format,
    /// Top-aligned text indented one step, apart from a right-aligned number before it.
    pub top_indented: Format,
    pub wrap: Format,
    pub integer: Format,
    pub value: Format,
    pub change: Format,
    pub symbol: Format,
    pub mono: Format,
    pub link: Format,
    pub note: Format,
    /// A response rate, and one below the plan's threshold (marked, not only coloured).
    pub rate: Format,
    pub rate_low: Format,
    /// Value cells coloured by outcome, with the outcome's symbol in the number format.
    met: Format,
    partly: Format,
    not_met: Format,
    /// The same when the outcome is *osäkert*: the symbol in parentheses, `(✔) 91,6`.
    met_unsure: Format,
    partly_unsure: Format,
    not_met_unsure: Format,
    /// Outcome text cells.
    met_text: Format,
    partly_text: Format,
    not_met_text: Format,
}

impl Styles {
    pub fn new() -> Styles {
        // Data cells sit at the top of their row, level with a wrapped name beside them.
        let fill = |rgb: u32| Format::new().set_background_color(Color::RGB(rgb)).set_align(FormatAlign::Top);
        Styles {
            title: Format::new().set_bold().set_font_size(16),
            heading: Format::new().set_bold().set_font_size(12),
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(HEADER_BLUE))
                .set_border_bottom(FormatBorder::Thin),
            header_wrap: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(HEADER_BLUE))
                .set_border_bottom(FormatBorder::Thin),
            bold: Format::new().set_bold(),
            plain: Format::new(),
            top: Format::new().set_align(FormatAlign::Top),
            bold_top: Format::new().set_bold().set_align(FormatAlign::Top),
            reference: Format::new().set_italic().set_align(FormatAlign::Top),
            top_indented: Format::new().set_align(FormatAlign::Top).set_indent(1),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            integer: Format::new().set_num_format("#,##0").set_align(FormatAlign::Top),
            value: Format::new().set_num_format("0.0").set_align(FormatAlign::Top),
            change: Format::new().set_num_format("+0.0;-0.0;0.0").set_align(FormatAlign::Top),
            symbol: Format::new().set_align(FormatAlign::Right).set_align(FormatAlign::Top),
            mono: Format::new().set_font_name("Consolas").set_font_size(10).set_text_wrap().set_align(FormatAlign::Top),
            link: Format::new().set_font_color(Color::RGB(0x0563C1)).set_underline(rust_xlsxwriter::FormatUnderline::Single),
            note: Format::new().set_italic().set_font_color(Color::RGB(0x595959)),
            rate: Format::new().set_num_format("0.0\" %\"").set_align(FormatAlign::Top),
            rate_low: Format::new().set_num_format("\"⚠ \"0.0\" %\"").set_align(FormatAlign::Top),
            met: fill(GREEN).set_num_format("\"✔ \"0.0"),
            partly: fill(YELLOW).set_num_format("\"◐ \"0.0"),
            not_met: fill(RED).set_num_format("\"✘ \"0.0"),
            met_unsure: fill(GREEN).set_num_format("\"(✔) \"0.0"),
            partly_unsure: fill(YELLOW).set_num_format("\"(◐) \"0.0"),
            not_met_unsure: fill(RED).set_num_format("\"(✘) \"0.0"),
            met_text: fill(GREEN),
            partly_text: fill(YELLOW),
            not_met_text: fill(RED),
        }
    }

    /// Format of a value cell with this outcome (plain one-decimal when there is none).
    pub fn value_for(&self, outcome: Option<Outcome>) -> &Format {
        match outcome {
            Some(Outcome::Met) => &self.met,
            Some(Outcome::Partly) => &self.partly,
            Some(Outcome::NotMet) => &self.not_met,
            None => &self.value,
        }
    }

    /// As [`Styles::value_for`], with the symbol's *osäkert* variant when `certain` is false.
    pub fn value_judged(&self, outcome: Option<Outcome>, certain: bool) -> &Format {
        match (outcome, certain) {
            (Some(Outcome::Met), false) => &self.met_unsure,
            (Some(Outcome::Partly), false) => &self.partly_unsure,
            (Some(Outcome::NotMet), false) => &self.not_met_unsure,
            _ => self.value_for(outcome),
        }
    }

    pub fn outcome_text(&self, outcome: Outcome) -> &Format {
        match outcome {
            Outcome::Met => &self.met_text,
            Outcome::Partly => &self.partly_text,
            Outcome::NotMet => &self.not_met_text,
        }
    }
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}

/// The outcome with its symbol, so colour is never the only signal.
pub fn outcome_label(o: Outcome) -> String {
    let symbol = match o {
        Outcome::Met => "✔",
        Outcome::Partly => "◐",
        Outcome::NotMet => "✘",
    };
    format!("{symbol} {}", o.label())
}

/// How the outcome symbols read, for the legends: the symbol in parentheses marks *osäkert*.
/// What the riket row and column are.
pub const RIKET_LEGEND: &str = "Riket: värdet för hela landet enligt de nationella portalerna, bara för indikatorer med samma \
     definition som där (– när inget sådant värde finns).";

pub const OUTCOME_LEGEND: &str = "✔ Uppfyllt (grön), ◐ Delvis uppfyllt (gul), ✘ Ej uppfyllt (röd); symbolen inom parentes, \
     t.ex. (✔), när utfallet är osäkert: värdets 95-procentiga konfidensintervall når in i ett annat utfall.";

/// The outcome in words with its certainty: `◐ Delvis uppfyllt, säkert`.
pub fn outcome_label_certain(o: Outcome, certain: bool) -> String {
    format!("{}, {}", outcome_label(o), if certain { "säkert" } else { "osäkert" })
}

/// Which sex a certain difference favours, given the indicator's direction: `Bättre för
/// kvinnor`; `Högre för män` when the indicator has no direction; `Ingen säker skillnad`.
pub fn sex_difference_words(diff: SexDifference, indicator: &Indicator) -> &'static str {
    let women_higher = match diff {
        SexDifference::WomenHigher => true,
        SexDifference::MenHigher => false,
        SexDifference::NoClearDifference => return "Ingen säker skillnad",
    };
    match (indicator.target.map(|t| t.direction), women_higher) {
        (Some(Direction::HigherIsBetter), true) | (Some(Direction::LowerIsBetter), false) => "Bättre för kvinnor",
        (Some(Direction::HigherIsBetter), false) | (Some(Direction::LowerIsBetter), true) => "Bättre för män",
        (None, true) => "Högre för kvinnor",
        (None, false) => "Högre för män",
    }
}

/// A4 landscape, fit to page width, `repeat` rows on every page, the report name in the
/// header and page numbers in the footer.
pub fn print_setup(ws: &mut Worksheet, report_name: &str, repeat: Option<(u32, u32)>) {
    // `&` starts a control code in Excel headers; double it in the name.
    let name = report_name.replace('&', "&&");
    ws.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
    ws.set_header(format!("&L{name}&R&A"));
    ws.set_footer("&CSida &P av &N");
    if let Some((first, last)) = repeat {
        let _ = ws.set_repeat_rows(first, last);
    }
}

/// Swedish number text: decimal comma, a space between thousands (`12 345,6`).
pub fn sv_number(v: f64, decimals: usize) -> String {
    // Half away from zero, as the value is shown in the sheets (Rust's `{:.1}` rounds half to even).
    let scale = 10f64.powi(decimals as i32);
    let s = format!("{:.*}", decimals, (v.abs() * scale).round() / scale);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('\u{a0}');
        }
        grouped.push(ch);
    }
    let sign = if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') { "−" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A value with its unit: `82,5 %`, `14,2 per 1000`.
pub fn sv_value(v: f64, unit: ValueUnit) -> String {
    format!("{} {}", sv_number(v, 1), unit.symbol())
}

/// A change: `+3,1 procentenheter`, `−0,4 per 1000`.
pub fn sv_change(d: f64, unit: ValueUnit) -> String {
    // The sign of the figure as shown: +0,04 is `0,0`, never `+0,0`.
    let sign = if (d * 10.0).round() > 0.0 { "+" } else { "" };
    format!("{sign}{} {}", sv_number(d, 1), unit.change_symbol())
}

/// The target and its partly-met limit as text, e.g. (`≥ 90 %`, `≥ 80 %`); None without a target.
pub fn target_parts(indicator: &Indicator) -> Option<(String, String)> {
    let Target { value, partly, direction } = indicator.target.as_ref()?;
    let op = if *direction == Direction::HigherIsBetter { "≥" } else { "≤" };
    let num = |v: f64| if v.fract() == 0.0 { format!("{}", v as i64) } else { sv_number(v, 1) };
    let unit = indicator.unit.symbol();
    Some((format!("{op} {} {unit}", num(*value)), format!("{op} {} {unit}", num(*partly))))
}

pub const NO_TARGET: &str = "inget mål";

/// The target as text: `≥ 90 % (delvis ≥ 80 %)`.
pub fn target_text(indicator: &Indicator) -> String {
    match target_parts(indicator) {
        None => NO_TARGET.into(),
        Some((goal, partly)) => format!("{goal} (delvis {partly})"),
    }
}

/// Lines a wrapped cell of `width` (Excel's character units) needs for `text`: words laid out
/// greedily, a little fewer characters per line than the width, so the estimate errs toward
/// room to spare (the file carries row heights; spreadsheet programs do not refit them).
pub fn wrapped_lines(text: &str, width: f64) -> u32 {
    let capacity = ((width - 1.0) * 1.12).floor().max(1.0) as usize;
    let mut lines = 0;
    for paragraph in text.split('\n') {
        let mut used = 0usize;
        lines += 1;
        for word in paragraph.split(' ') {
            let n = word.chars().count();
            if used > 0 && used + 1 + n > capacity {
                lines += 1;
                used = 0;
            }
            // A word longer than a line breaks within itself.
            used = if used == 0 { n } else { used + 1 + n };
            while used > capacity {
                lines += 1;
                used -= capacity;
            }
        }
    }
    lines
}

/// Makes a table already written — a header of unique titles in row `header` from column 0, its
/// rows below down to `last_row` — a named Excel table, so screen readers and Excel treat it as
/// one. No table style, so the sheet's own formats stay, and no filter buttons, which would cover
/// header text on screen and change nothing on paper. Each title keeps its format.
pub fn name_table(ws: &mut Worksheet, name: &str, header: u32, last_row: u32, titles: &[(&str, &Format)]) -> Result<(), XlsxError> {
    use rust_xlsxwriter::{Table, TableColumn, TableStyle};
    let columns: Vec<TableColumn> =
        titles.iter().map(|(t, f)| TableColumn::new().set_header(*t).set_header_format(*f)).collect();
    let table = Table::new().set_name(name).set_style(TableStyle::None).set_autofilter(false).set_columns(&columns);
    ws.add_table(header, 0, last_row.max(header + 1), titles.len() as u16 - 1, &table)?;
    Ok(())
}

/// Height (points) of a row whose wrapped cells hold `cells` (text, column width).
pub fn row_height<'a>(cells: impl IntoIterator<Item = (&'a str, f64)>) -> f64 {
    let lines = cells.into_iter().map(|(t, w)| wrapped_lines(t, w)).max().unwrap_or(1).max(1);
    15.0 * lines as f64
}

/// Lines of text below a table from row `first`, each merged over the table's columns (`widths`),
/// wrapped, with the height its text needs, so nothing runs past the printed page.
pub fn notes_below(ws: &mut Worksheet, first: u32, widths: &[f64], lines: &[(String, &Format)]) -> Result<(), XlsxError> {
    notes_below_from(ws, first, 0, widths, lines)
}

/// The same from column `first_col`, `widths` being those of the columns from there: beside
/// columns repeated on every printed page, which would print a note merged over them cut.
pub fn notes_below_from(
    ws: &mut Worksheet,
    first: u32,
    first_col: u16,
    widths: &[f64],
    lines: &[(String, &Format)],
) -> Result<(), XlsxError> {
    let width: f64 = widths.iter().sum();
    for (i, (text, format)) in lines.iter().enumerate() {
        let r = first + i as u32;
        let format = (*format).clone().set_text_wrap().set_align(FormatAlign::Top);
        ws.merge_range(r, first_col, r, first_col + widths.len() as u16 - 1, text, &format)?;
        ws.set_row_height(r, row_height([(text.as_str(), width)]))?;
    }
    Ok(())
}

/// Swedish alphabetical order: a–z, then å, ä, ö; case and accents (é, ü) folded as Swedes sort.
pub fn sv_cmp(a: &str, b: &str) -> Ordering {
    fn key(s: &str) -> Vec<u32> {
        s.chars()
            .flat_map(|c| c.to_lowercase())
            .map(|c| match c {
                'å' => 'z' as u32 + 1,
                'ä' | 'æ' => 'z' as u32 + 2,
                'ö' | 'ø' => 'z' as u32 + 3,
                'é' | 'è' | 'ê' => 'e' as u32,
                'á' | 'à' => 'a' as u32,
                'ü' => 'y' as u32,
                other => other as u32,
            })
            .collect()
    }
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_collation_puts_a_ring_after_z() {
        let mut v = vec!["Ålidhems", "Backens", "Örnsköldsvik", "Ärla", "Zinkgruvan", "Anderstorps"];
        v.sort_by(|a, b| sv_cmp(a, b));
        assert_eq!(v, vec!["Anderstorps", "Backens", "Zinkgruvan", "Ålidhems", "Ärla", "Örnsköldsvik"]);
    }

    #[test]
    fn outcomes_in_words_carry_their_certainty() {
        assert_eq!(outcome_label_certain(Outcome::Partly, true), "◐ Delvis uppfyllt, säkert");
        assert_eq!(outcome_label_certain(Outcome::NotMet, false), "✘ Ej uppfyllt, osäkert");
    }

    #[test]
    fn a_sex_difference_says_which_sex_does_better() {
        use SexDifference::*;
        let plan = crate::plan::sample();
        let [flow, _, antibiotics, per_1000] = &plan.indicators[..] else { panic!("four indicators") };
        // FLOW: higher is better; INF_AB: lower is better; INF_PREV: no direction.
        assert_eq!(sex_difference_words(WomenHigher, flow), "Bättre för kvinnor");
        assert_eq!(sex_difference_words(MenHigher, flow), "Bättre för män");
        assert_eq!(sex_difference_words(WomenHigher, antibiotics), "Bättre för män");
        assert_eq!(sex_difference_words(MenHigher, antibiotics), "Bättre för kvinnor");
        assert_eq!(sex_difference_words(MenHigher, per_1000), "Högre för män");
        assert_eq!(sex_difference_words(NoClearDifference, flow), "Ingen säker skillnad");
    }

    #[test]
    fn wrapped_lines_lay_out_words_greedily() {
        // Width 11 holds ⌊10 · 1,12⌋ = 11 characters a line.
        assert_eq!(wrapped_lines("", 11.0), 1);
        assert_eq!(wrapped_lines("abcde fghij", 11.0), 1);
        assert_eq!(wrapped_lines("abcde fghijk", 11.0), 2);
        assert_eq!(wrapped_lines("abcdefghijklmnopqrstuvw", 11.0), 3, "a long word breaks within");
        assert_eq!(wrapped_lines("ab\ncd", 11.0), 2);
        assert_eq!(row_height([("abcde fghijk", 11.0), ("x", 5.0)]), 30.0);
    }

    #[test]
    fn swedish_numbers() {
        assert_eq!(sv_number(82.54, 1), "82,5");
        assert_eq!(sv_number(12.25, 1), "12,3");
        assert_eq!(sv_number(12345.0, 0), "12\u{a0}345");
        assert_eq!(sv_value(82.5, ValueUnit::Percent), "82,5 %");
        assert_eq!(sv_change(3.06, ValueUnit::Percent), "+3,1 procentenheter");
        assert_eq!(sv_change(-0.44, ValueUnit::PerThousand), "−0,4 per 1000");
        assert_eq!(sv_change(0.04, ValueUnit::Percent), "0,0 procentenheter");
        assert_eq!(sv_change(-0.04, ValueUnit::Percent), "0,0 procentenheter");
    }
}
