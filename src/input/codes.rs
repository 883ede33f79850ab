//! Normalisation of the codes shared by all data sets (`docs/inputs.md` § Codes shared by all data sets):
//! HSA-ids, sex, months, counts, and the personal identity number guard.
//!
//! Every function here takes a [`Cell`] as the readers deliver it, so that xlsx numbers, csv text
//! and parquet values go through one set of rules.

use chrono::{Datelike, NaiveDate};

use super::raw::Cell;
use crate::cell::Sex;

/// A valid HSA-id, trimmed: `SE` + 10 digits + `-` + 1+ alphanumerics, at most 31 characters.
#[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: the length is checked (14–31 bytes) before any index.
pub fn parse_hsa(cell: &Cell) -> Option<String> {
    let text = cell.as_text();
    let s = text.trim();
    let b = s.as_bytes();
    let ok = b.len() >= 14
        && b.len() <= 31
        && s.starts_with("SE")
        && b[2..12].iter().all(u8::is_ascii_digit)
        && b[12] == b'-'
        && b[13..].iter().all(u8::is_ascii_alphanumeric);
    ok.then(|| s.to_string())
}

/// The sex code of an input row. Unknown is its own group: counted in Totalt, never published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SexCode {
    Women = 0,
    Men = 1,
    Unknown = 2,
}

impl SexCode {
    /// The published sex column this code counts in besides Totalt (none for unknown).
    pub fn column(self) -> Option<Sex> {
        match self {
            SexCode::Women => Some(Sex::Women),
            SexCode::Men => Some(Sex::Men),
            SexCode::Unknown => None,
        }
    }

    /// As the data quality sheet names the group of a row.
    pub fn label(self) -> &'static str {
        match self.column() {
            Some(s) => s.label(),
            None => "okänt kön",
        }
    }

    /// Inverse of `as i64`, for codes that went through a polars column.
    pub fn from_position(i: i64) -> SexCode {
        match i {
            0 => SexCode::Women,
            1 => SexCode::Men,
            _ => SexCode::Unknown,
        }
    }

    /// A published group of a national or sampled figure: the sex codes, or `Totalt` or empty for
    /// everyone. The other codes of unknown sex are bad values there: nobody publishes a figure
    /// for the persons of unknown sex alone.
    pub fn parse_group(cell: &Cell) -> Option<Sex> {
        let text = cell.as_text();
        let s = text.trim().to_lowercase();
        if s.is_empty() || s == "totalt" {
            return Some(Sex::Total);
        }
        SexCode::parse(cell)?.column()
    }

    pub fn parse(cell: &Cell) -> Option<SexCode> {
        let text = cell.as_text();
        let s = text.trim().to_lowercase();
        match s.as_str() {
            "k" | "kvinna" | "kvinnor" | "2" => Some(SexCode::Women),
            "m" | "man" | "män" | "1" => Some(SexCode::Men),
            "" | "x" | "okänt" | "ej angivet" => Some(SexCode::Unknown),
            _ => None,
        }
    }
}

/// A calendar month as `year * 100 + month`, so months sort and compare as integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(pub i32);

impl Month {
    pub fn new(year: i32, month: u32) -> Month {
        Month(year * 100 + month as i32)
    }
    pub fn year(self) -> i32 {
        self.0 / 100
    }
    pub fn month(self) -> u32 {
        (self.0 % 100) as u32
    }
    #[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: a `Month` is only made with a month of 1–12, so its first day exists.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year(), self.month(), 1).expect("valid month")
    }
    #[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: a `Month` is only made with a month of 1–12, so the next month's first day and the day before it exist.
    pub fn last_day(self) -> NaiveDate {
        let (y, m) = if self.month() == 12 { (self.year() + 1, 1) } else { (self.year(), self.month() + 1) };
        NaiveDate::from_ymd_opt(y, m, 1).expect("valid month").pred_opt().expect("valid date")
    }
    /// `YYYY-MM`, `YYYYMM`, `YYYY-MM-DD` (its month) or an Excel date.
    #[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: `b` is 7 bytes long where indexed, and byte 4 is an ASCII '-', so the slices are on char boundaries.
    pub fn parse(cell: &Cell) -> Option<Month> {
        match cell {
            Cell::Date(d) => Some(Month::new(d.year(), d.month())),
            Cell::Number(f) => {
                if f.fract() == 0.0 && (100_001.0..=999_912.0).contains(f) {
                    Self::from_digits(&format!("{}", *f as i64))
                } else {
                    None
                }
            }
            Cell::Text(t) => {
                let s = t.trim();
                let b = s.as_bytes();
                match b.len() {
                    6 => Self::from_digits(s),
                    7 if b[4] == b'-' => Self::from_parts(&s[0..4], &s[5..7]),
                    10 => parse_iso_date(s).map(|d| Month::new(d.year(), d.month())),
                    _ => None,
                }
            }
            Cell::Empty => None,
        }
    }
    fn from_digits(s: &str) -> Option<Month> {
        if s.len() == 6 && s.is_ascii() {
            Self::from_parts(&s[0..4], &s[4..6])
        } else {
            None
        }
    }
    fn from_parts(y: &str, m: &str) -> Option<Month> {
        if !(y.bytes().all(|c| c.is_ascii_digit()) && m.bytes().all(|c| c.is_ascii_digit())) {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u32 = m.parse().ok()?;
        ((1..=12).contains(&month) && year >= 1000).then(|| Month::new(year, month))
    }
}

/// `YYYY-MM`, as months are written in reports and messages.
impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

/// Strict `YYYY-MM-DD`.
#[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: the length is 10 and bytes 4 and 7 are ASCII '-' before any slice, and the digits are checked before the string is sliced.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    if ![0..4, 5..7, 8..10].iter().all(|r| b[r.clone()].iter().all(u8::is_ascii_digit)) {
        return None;
    }
    NaiveDate::from_ymd_opt(s[0..4].parse().ok()?, s[5..7].parse().ok()?, s[8..10].parse().ok()?)
}

/// A date cell: an Excel date, or text `YYYY-MM-DD`.
pub fn parse_date(cell: &Cell) -> Option<NaiveDate> {
    match cell {
        Cell::Date(d) => Some(*d),
        Cell::Text(t) => parse_iso_date(t.trim()),
        // A date typed into a cell without a date format arrives as its serial number.
        Cell::Number(f) if f.fract() == 0.0 && (1.0..2_958_466.0).contains(f) => {
            NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(*f as u64))
        }
        _ => None,
    }
}

/// Why a count cell is not a whole number ≥ 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountProblem {
    Missing,
    Negative,
    NotWhole,
    NotNumber,
}

impl CountProblem {
    /// Swedish reason for the data quality sheet, e.g. "täljare saknas".
    pub fn reason(self, column: &str) -> String {
        match self {
            CountProblem::Missing => format!("{column} saknas"),
            CountProblem::Negative => format!("{column} är negativt"),
            CountProblem::NotWhole => format!("{column} är inte ett heltal"),
            CountProblem::NotNumber => format!("{column} är inte ett tal"),
        }
    }
}

/// A count: a whole number ≥ 0. Accepts thousands separators (space, U+00A0, U+202F between
/// groups of three digits) and a zero fraction written with `,` or `.` (`12,0`, `12.0`).
pub fn parse_count(cell: &Cell) -> Result<u64, CountProblem> {
    match cell {
        Cell::Empty => Err(CountProblem::Missing),
        Cell::Number(f) => {
            if !f.is_finite() {
                Err(CountProblem::NotNumber)
            } else if *f < 0.0 {
                Err(CountProblem::Negative)
            } else if f.fract() != 0.0 || *f > 9.0e15 {
                Err(CountProblem::NotWhole)
            } else {
                Ok(*f as u64)
            }
        }
        Cell::Date(_) => Err(CountProblem::NotNumber),
        Cell::Text(t) => parse_count_text(t.trim()),
    }
}

fn parse_count_text(s: &str) -> Result<u64, CountProblem> {
    if s.is_empty() {
        return Err(CountProblem::Missing);
    }
    let (negative, body) = match s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}')) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (int_part, frac_part) = match body.find([',', '.']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let digits = ungroup(int_part).ok_or(CountProblem::NotNumber)?;
    let frac_zero = match frac_part {
        None => true,
        Some(f) if !f.is_empty() && f.bytes().all(|c| c.is_ascii_digit()) => f.bytes().all(|c| c == b'0'),
        Some(_) => return Err(CountProblem::NotNumber),
    };
    let is_zero = digits.bytes().all(|c| c == b'0') && frac_zero;
    if negative && !is_zero {
        return Err(CountProblem::Negative);
    }
    if !frac_zero {
        return Err(CountProblem::NotWhole);
    }
    digits.parse::<u64>().map_err(|_| CountProblem::NotNumber)
}

/// Digits with optional thousands separators between groups of three; the digits only.
#[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: `split` yields at least one piece.
fn ungroup(s: &str) -> Option<String> {
    let groups: Vec<&str> = s.split([' ', '\u{a0}', '\u{202f}']).collect();
    let ok = !groups[0].is_empty()
        && groups.iter().all(|g| !g.is_empty() && g.bytes().all(|c| c.is_ascii_digit()))
        && (groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3)));
    ok.then(|| groups.concat())
}

/// A Swedish personal identity or co-ordination number: the shape `YYYYMMDD-NNNN`,
/// `YYYYMMDDNNNN` or `YYMMDD-NNNN` (each also with `+`) holding a valid month (01–12) and day
/// (01–31, or 61–91 for a co-ordination number). No check-digit test, on purpose: a wrong check
/// digit is still somebody's number. The date test is what lets organisation numbers through
/// (`232100-0222`: its "month" is 21).
#[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: each arm indexes within the length it matched, and digits are checked (`&&` short-circuits) before they are read as numbers.
pub fn looks_like_personal_number(s: &str) -> bool {
    let b = s.trim().as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let sep = |i: usize| b[i] == b'-' || b[i] == b'+';
    let month_day = |at: usize| {
        let two = |i: usize| (b[i] - b'0') * 10 + (b[i + 1] - b'0');
        let (month, day) = (two(at), two(at + 2));
        (1..=12).contains(&month) && ((1..=31).contains(&day) || (61..=91).contains(&day))
    };
    match b.len() {
        13 => digits(0..8) && sep(8) && digits(9..13) && month_day(4),
        12 => digits(0..12) && month_day(4),
        11 => digits(0..6) && sep(6) && digits(7..11) && month_day(2),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    #[test]
    fn hsa_ids() {
        assert_eq!(parse_hsa(&t(" SE2321000222-HC0012 ")).as_deref(), Some("SE2321000222-HC0012"));
        assert_eq!(parse_hsa(&t("SE5569281734-MOB1")).as_deref(), Some("SE5569281734-MOB1"));
        for bad in [
            "SE232100022-HC0101",
            "SE2321000222HC0102",
            "SE2321000222-",
            "SE2321000222-HC01 01",
            "2321000222-HC0101",
            "SE2321000222-HC0101ABCDEFGHIJKLMN", // 32 characters
            "se2321000222-HC0101",
        ] {
            assert_eq!(parse_hsa(&t(bad)), None, "{bad}");
        }
        // exactly 31 characters is allowed
        assert!(parse_hsa(&t("SE2321000222-HC0101ABCDEFGHIJKL")).is_some());
    }

    #[test]
    fn sex_codes() {
        for (s, want) in [
            ("K", Some(SexCode::Women)),
            ("kvinnor", Some(SexCode::Women)),
            ("Kvinna", Some(SexCode::Women)),
            ("2", Some(SexCode::Women)),
            ("m", Some(SexCode::Men)),
            ("MÄN", Some(SexCode::Men)),
            ("Man", Some(SexCode::Men)),
            ("1", Some(SexCode::Men)),
            ("", Some(SexCode::Unknown)),
            ("x", Some(SexCode::Unknown)),
            ("Okänt", Some(SexCode::Unknown)),
            ("ej angivet", Some(SexCode::Unknown)),
            ("Kv", None),
            ("F", None),
            ("3", None),
            ("Kvinnlig", None),
        ] {
            assert_eq!(SexCode::parse(&t(s)), want, "{s}");
        }
        assert_eq!(SexCode::parse(&Cell::Number(2.0)), Some(SexCode::Women));
        assert_eq!(SexCode::parse(&Cell::Empty), Some(SexCode::Unknown));
    }

    #[test]
    fn months() {
        let aug = Some(Month(202608));
        assert_eq!(Month::parse(&t("2026-08")), aug);
        assert_eq!(Month::parse(&t("202608")), aug);
        assert_eq!(Month::parse(&t("2026-08-31")), aug);
        assert_eq!(Month::parse(&Cell::Number(202608.0)), aug);
        assert_eq!(Month::parse(&Cell::Date(NaiveDate::from_ymd_opt(2026, 8, 1).unwrap())), aug);
        for bad in ["2026-13", "2026/05", "okt 2026", "2026-8", "2026-02-30", ""] {
            assert_eq!(Month::parse(&t(bad)), None, "{bad}");
        }
        assert_eq!(Month(202602).last_day(), NaiveDate::from_ymd_opt(2026, 2, 28).unwrap());
        assert_eq!(Month(202612).last_day(), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count(&t("1 234")), Ok(1234));
        assert_eq!(parse_count(&t("1\u{a0}234")), Ok(1234));
        assert_eq!(parse_count(&t("1\u{202f}234 567")), Ok(1_234_567));
        assert_eq!(parse_count(&t("12,0")), Ok(12));
        assert_eq!(parse_count(&t("12.0")), Ok(12));
        assert_eq!(parse_count(&t(" 7 ")), Ok(7));
        assert_eq!(parse_count(&t("0")), Ok(0));
        assert_eq!(parse_count(&Cell::Number(12.0)), Ok(12));
        assert_eq!(parse_count(&t("")), Err(CountProblem::Missing));
        assert_eq!(parse_count(&Cell::Empty), Err(CountProblem::Missing));
        assert_eq!(parse_count(&t("-3")), Err(CountProblem::Negative));
        assert_eq!(parse_count(&Cell::Number(-1.0)), Err(CountProblem::Negative));
        assert_eq!(parse_count(&t("12,5")), Err(CountProblem::NotWhole));
        assert_eq!(parse_count(&Cell::Number(12.5)), Err(CountProblem::NotWhole));
        assert_eq!(parse_count(&t("12 34")), Err(CountProblem::NotNumber));
        assert_eq!(parse_count(&t("abc")), Err(CountProblem::NotNumber));
        assert_eq!(parse_count(&t("1 2345")), Err(CountProblem::NotNumber));
        assert_eq!(parse_count(&t("1234 567")), Err(CountProblem::NotNumber));
        assert_eq!(parse_count(&t("12,")), Err(CountProblem::NotNumber));
    }

    #[test]
    fn personal_numbers_by_shape() {
        for s in [
            "19121212-1212",
            "191212121212",
            "121212-1212",
            "121212+1212",
            "19121212+1212",
            " 121212-1212 ",
            // Co-ordination numbers: day + 60.
            "19121272-1212",
            "701261-1234",
            "20010131-0000",
            "000101-0000",
        ] {
            assert!(looks_like_personal_number(s), "{s}");
        }
        for s in [
            "SE2321000222-HC0012",
            "2026-08",
            "1212121212",
            "12121-21212",
            "1912121212123",
            // Organisation numbers: the third digit is 2 or more, so the month would be 20 or more.
            "232100-0222",
            "556928-1734",
            "162321000222",
            "16232100-0222",
            // A month or day outside the calendar.
            "19121312-1212",
            "19120012-1212",
            "19121200-1212",
            "121232-1212",
            "121260-1212",
            "121292-1212",
        ] {
            assert!(!looks_like_personal_number(s), "{s}");
        }
    }
}
