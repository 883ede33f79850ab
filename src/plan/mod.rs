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
    /// Defined exactly as the national portals define it: riket values are compared with it.
    pub riket_comparable: bool,
    /// Plain-Swedish texts for `Indikatorer`: what it measures (one sentence), its numerator and
    /// its denominator. Optional in the file format; the shipped plans fill them.
    pub texts: Texts,
}

/// An indicator's descriptive texts as the plan gives them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Texts {
    pub measures: Option<String>,
    pub numerator: Option<String>,
    pub denominator: Option<String>,
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
    /// Svarsfrekvens in percent below which an NPE figure carries a warning mark; None = no mark.
    pub response_rate_threshold: Option<f64>,
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
    #[error("kunde inte läsa uppföljningsplanen {file}: {}", crate::system::in_swedish(.source))]
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

/// A small plan for the library's unit tests: FLOW (access, flow, higher is better), SURV (a
/// survey dimension), INF_AB (pvk status, lower is better, with its texts) and INF_PREV (per 1000,
/// no target, no texts).
#[cfg(test)]
pub(crate) fn sample() -> Plan {
    parse(SAMPLE, "test.toml").expect("the sample plan")
}

#[cfg(test)]
const SAMPLE: &str = r#"
year = 2026
areas = ["Tillgänglighet", "Patientupplevd kvalitet", "Medicinska resultat"]

[[indicator]]
id = "FLOW"
name = "Bedömning inom 3 dagar"
area = "Tillgänglighet"
source = "access"
code = "bedömning_3d"
kind = "flow"
unit = "procent"
by_sex = true
min_n = 10
riket_comparable = true
target = { value = 90, partly = 80, direction = "higher" }

[[indicator]]
id = "SURV"
name = "Kontinuitet (NPE)"
area = "Patientupplevd kvalitet"
source = "npe"
code = "KONT"
kind = "survey"
unit = "procent"
by_sex = true
min_n = 3

[[indicator]]
id = "INF_AB"
name = "Luftvägsinfektion: antibiotika"
area = "Medicinska resultat"
source = "pvk"
code = "Inf_AB_luft"
kind = "status"
measured = "rolling_12m"
unit = "procent"
by_sex = true
min_n = 20
target = { value = 30, partly = 35, direction = "lower" }
measures = "Hur ofta luftvägsinfektioner behandlas med antibiotika."
numerator = "Episoder som behandlats med antibiotika"
denominator = "Episoder av luftvägsinfektion de senaste 12 månaderna"

[[indicator]]
id = "INF_PREV"
name = "Luftvägsinfektioner per 1000"
area = "Medicinska resultat"
source = "pvk"
code = "Inf_prev_luft"
kind = "status"
measured = "rolling_12m"
unit = "per 1000"
by_sex = true
min_n = 20

[[npe_dimension]]
id = "KONT"
name = "Kontinuitet"
questions = [{ id = "F13", text = "Samma läkare?", positive = [1], weight = 1.0 }]
"#;
