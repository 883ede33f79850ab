//! The yearly follow-up plan (`indicators/<year>.toml`): its types here; [`load`] finds and
//! reads a plan file, [`raw`] is the file's shape as written, [`check`] turns that into a
//! [`Plan`] or a list of problems, and [`table`] prints it.
//!
//! The plan is data so that next year's plan is a new file, not new code. The file is
//! deserialised into loosely typed "raw" structs (strings for every enumerated field) and
//! then checked field by field, so that an analyst who mistypes `kind = "flode"` gets a
//! Swedish message naming the indicator and the valid values instead of a serde error.

mod check;
mod load;
mod raw;
mod table;

use std::collections::BTreeSet;
use std::path::PathBuf;

pub use check::is_question_column;
pub use load::{available_years, load, locate, parse, plan_path};
pub use table::fmt_num;

/// Where an indicator's rows come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Npe,
    Pvk,
    Access,
}

impl Source {
    pub fn key(self) -> &'static str {
        match self {
            Source::Npe => "npe",
            Source::Pvk => "pvk",
            Source::Access => "access",
        }
    }
}

/// How an indicator's period is formed (`docs/computation.md` § Reports and periods).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Events summed over the report's months.
    Flow,
    /// Read in the period's last month only.
    Status(Measured),
    /// Respondents of the latest survey year.
    Survey,
}

/// What a status indicator's monthly figure covers; only changes the period label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measured {
    Rolling12,
    MonthEnd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueUnit {
    Percent,
    PerThousand,
}

impl ValueUnit {
    /// Multiplier from the ratio t/n to the shown value.
    pub fn scale(self) -> i64 {
        match self {
            ValueUnit::Percent => 100,
            ValueUnit::PerThousand => 1000,
        }
    }
    /// As the plan file and chart axes name it.
    pub fn label(self) -> &'static str {
        match self {
            ValueUnit::Percent => "procent",
            ValueUnit::PerThousand => "per 1000",
        }
    }
    /// After a value: `82,5 %`, `14,2 per 1000`.
    pub fn symbol(self) -> &'static str {
        match self {
            ValueUnit::Percent => "%",
            ValueUnit::PerThousand => "per 1000",
        }
    }
    /// After a difference of two values: `+3,1 procentenheter`.
    pub fn change_symbol(self) -> &'static str {
        match self {
            ValueUnit::Percent => "procentenheter",
            ValueUnit::PerThousand => "per 1000",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub value: f64,
    pub partly: f64,
    pub direction: Direction,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub area: String,
    pub source: Source,
    /// PVK `indikator` / access `mått` code, or the NPE dimension id.
    pub code: String,
    pub kind: Kind,
    pub unit: ValueUnit,
    pub by_sex: bool,
    pub target: Option<Target>,
    pub min_n: u64,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub positive: Vec<u8>,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dimension {
    pub id: String,
    pub name: String,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub year: i32,
    /// Indicator areas in report order.
    pub areas: Vec<String>,
    pub indicators: Vec<Indicator>,
    pub dimensions: Vec<Dimension>,
    /// The file the plan was read from (file name only is shown in reports).
    pub file: PathBuf,
}

impl Plan {
    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    /// Question columns (F01…) that the plan's survey indicators read, sorted.
    pub fn used_questions(&self) -> BTreeSet<&str> {
        self.indicators
            .iter()
            .filter(|i| i.kind == Kind::Survey)
            .filter_map(|i| self.dimension(&i.code))
            .flat_map(|d| d.questions.iter().map(|q| q.id.as_str()))
            .collect()
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("kunde inte läsa uppföljningsplanen {file}: {source}")]
    Io { file: String, source: std::io::Error },
    #[error("uppföljningsplanen {file} är inte giltig TOML: {message}")]
    Syntax { file: String, message: String },
    #[error("uppföljningsplanen {file}: {message}")]
    Invalid { file: String, message: String },
    #[error("det finns ingen uppföljningsplan för {year} ({path} saknas); planer finns för: {available}")]
    NoPlanForYear { year: i32, path: String, available: String },
    #[error("inga uppföljningsplaner hittades i {dir}")]
    NoPlans { dir: String },
}
