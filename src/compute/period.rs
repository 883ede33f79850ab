//! Reports and their periods (`docs/computation.md` § Reports and periods) and the period labels of
//! the `Data` sheet (`docs/reports.md` § The `Data` sheet).

use chrono::NaiveDate;

use crate::input::codes::Month;
use crate::plan::{Indicator, Kind, Measured};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    Delar1,
    Delar2,
    Ar,
}

impl ReportKind {
    pub fn last_month(self) -> u32 {
        match self {
            ReportKind::Delar1 => 4,
            ReportKind::Delar2 => 8,
            ReportKind::Ar => 12,
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            ReportKind::Delar1 => "delar1",
            ReportKind::Delar2 => "delar2",
            ReportKind::Ar => "ar",
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            ReportKind::Delar1 => "Delårsrapport 1",
            ReportKind::Delar2 => "Delårsrapport 2",
            ReportKind::Ar => "Årsrapport",
        }
    }
    /// The year's reports before this one, in order (a cumulative report is decided after them).
    pub fn earlier(self) -> &'static [ReportKind] {
        match self {
            ReportKind::Delar1 => &[],
            ReportKind::Delar2 => &[ReportKind::Delar1],
            ReportKind::Ar => &[ReportKind::Delar1, ReportKind::Delar2],
        }
    }
    pub fn file_name(self, year: i32) -> String {
        match self {
            ReportKind::Delar1 => format!("delarsrapport-1-{year}.xlsx"),
            ReportKind::Delar2 => format!("delarsrapport-2-{year}.xlsx"),
            ReportKind::Ar => format!("arsrapport-{year}.xlsx"),
        }
    }
}

/// The months of one report: January to the report's last month of `year`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub year: i32,
    pub kind: ReportKind,
}

pub const MONTH_ABBREVIATIONS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

impl Period {
    pub fn first(self) -> Month {
        Month::new(self.year, 1)
    }
    pub fn last(self) -> Month {
        Month::new(self.year, self.kind.last_month())
    }
    pub fn start_date(self) -> NaiveDate {
        self.first().first_day()
    }
    pub fn end_date(self) -> NaiveDate {
        self.last().last_day()
    }
    /// The months an indicator of `kind` reads in this period, in order: a flow indicator
    /// sums every month of the period, a status indicator reads its last month only, and a
    /// survey indicator reads no months (it reads a survey year). Always a run of months.
    pub fn months_read(self, kind: Kind) -> Vec<Month> {
        match kind {
            Kind::Flow => (1..=self.kind.last_month()).map(|m| Month::new(self.year, m)).collect(),
            Kind::Status(_) => vec![self.last()],
            Kind::Survey => Vec::new(),
        }
    }
    /// The latest report of the cycle whose period ended before `day`: decided in January–April
    /// of X, the årsrapport of X − 1; May–August, delårsrapport 1 of X; September–December,
    /// delårsrapport 2 of X (`docs/computation.md` § The follow-up dialogue).
    pub fn latest_before(day: NaiveDate) -> Period {
        use chrono::Datelike;
        let year = day.year();
        match day.month() {
            1..=4 => Period { year: year - 1, kind: ReportKind::Ar },
            5..=8 => Period { year, kind: ReportKind::Delar1 },
            _ => Period { year, kind: ReportKind::Delar2 },
        }
    }
    /// `Delårsrapport 2 2026`.
    pub fn title(self) -> String {
        format!("{} {}", self.kind.title(), self.year)
    }
    /// The same report one year earlier (for *föregående*).
    pub fn previous(self) -> Period {
        Period { year: self.year - 1, kind: self.kind }
    }
    /// `2026 jan–aug`.
    pub fn months_label(self) -> String {
        format!("{} jan–{}", self.year, MONTH_ABBREVIATIONS[self.kind.last_month() as usize - 1])
    }

    /// The `period` text of an indicator's rows; `survey_year` is the NPE year used, if any.
    pub fn label(self, indicator: &Indicator, survey_year: Option<i32>) -> String {
        let last = self.last();
        match indicator.kind {
            Kind::Flow => self.months_label(),
            Kind::Status(Measured::Rolling12) => format!("{last} (rullande 12 mån)"),
            Kind::Status(Measured::MonthEnd) => format!("{last} (vid månadens slut)"),
            Kind::Survey => match survey_year {
                Some(y) => format!("NPE {y}"),
                None => "NPE –".to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_by_kind() {
        let p = Period { year: 2026, kind: ReportKind::Delar1 };
        let text = |kind| p.months_read(kind).iter().map(|m| m.to_string()).collect::<Vec<_>>();
        assert_eq!(text(Kind::Flow), ["2026-01", "2026-02", "2026-03", "2026-04"]);
        assert_eq!(text(Kind::Status(Measured::Rolling12)), ["2026-04"]);
        assert_eq!(text(Kind::Status(Measured::MonthEnd)), ["2026-04"]);
        assert!(text(Kind::Survey).is_empty());
        let year = Period { year: 2025, kind: ReportKind::Ar };
        assert_eq!(year.months_read(Kind::Flow).len(), 12);
        assert_eq!(year.months_read(Kind::Status(Measured::MonthEnd)), [Month::new(2025, 12)]);
    }

    #[test]
    fn an_action_is_measured_against_the_latest_report_ended_before_it() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let at = |y, m, d| Period::latest_before(day(y, m, d));
        assert_eq!(at(2026, 1, 1), Period { year: 2025, kind: ReportKind::Ar });
        assert_eq!(at(2026, 4, 30), Period { year: 2025, kind: ReportKind::Ar });
        assert_eq!(at(2026, 5, 1), Period { year: 2026, kind: ReportKind::Delar1 });
        assert_eq!(at(2026, 8, 31), Period { year: 2026, kind: ReportKind::Delar1 });
        assert_eq!(at(2026, 9, 1), Period { year: 2026, kind: ReportKind::Delar2 });
        assert_eq!(at(2026, 12, 31), Period { year: 2026, kind: ReportKind::Delar2 });
        // Each ended before the day it is chosen for.
        for (y, m) in [(2026, 1), (2026, 5), (2026, 9)] {
            assert!(at(y, m, 1).end_date() < day(y, m, 1));
        }
    }
}
