//! The codes a plan file says exist: what the generator must write rows for. Only the fields it
//! needs are read; checking the plan is the program's job, not the generator's.

use std::path::Path;

use serde::Deserialize;

#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("kunde inte läsa uppföljningsplanen {file}: {detail}")]
    Unreadable { file: String, detail: String },
}

/// A count code (PVK `indikator` or accessibility `mått`) of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct CountCode {
    pub code: String,
    pub by_sex: bool,
    pub per_thousand: bool,
}

/// The codes of one plan, in plan order.
#[derive(Debug, Clone, PartialEq)]
pub struct Codes {
    pub pvk: Vec<CountCode>,
    pub access: Vec<CountCode>,
    /// NPE question columns (`F01` …) of the plan's question map, sorted.
    pub questions: Vec<String>,
    /// Every indicator's id and area, in plan order (for actions).
    pub indicators: Vec<(String, String)>,
    /// The indicators compared with riket, in plan order (for national reference values).
    pub riket: Vec<RiketCode>,
}

/// An indicator the plan compares with riket: what its periods look like.
#[derive(Debug, Clone, PartialEq)]
pub struct RiketCode {
    pub id: String,
    /// `flow`, `status` or `survey`.
    pub kind: String,
    pub by_sex: bool,
    pub per_thousand: bool,
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    indicator: Vec<Indicator>,
    #[serde(default)]
    npe_dimension: Vec<Dimension>,
}

#[derive(Deserialize)]
struct Indicator {
    id: String,
    area: String,
    source: String,
    code: String,
    unit: String,
    by_sex: bool,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    riket_comparable: bool,
}

#[derive(Deserialize)]
struct Dimension {
    questions: Vec<Question>,
}

#[derive(Deserialize)]
struct Question {
    id: String,
}

impl Codes {
    pub fn from_plan_file(path: &Path) -> Result<Codes, PlanError> {
        let unreadable = |detail: String| PlanError::Unreadable { file: path.display().to_string(), detail };
        let text = std::fs::read_to_string(path).map_err(|e| unreadable(e.to_string()))?;
        Codes::parse(&text).map_err(unreadable)
    }

    pub fn parse(text: &str) -> Result<Codes, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let of = |source: &str| -> Vec<CountCode> {
            file.indicator
                .iter()
                .filter(|i| i.source == source)
                .map(|i| CountCode { code: i.code.clone(), by_sex: i.by_sex, per_thousand: i.unit == "per 1000" })
                .collect()
        };
        let mut questions: Vec<String> =
            file.npe_dimension.iter().flat_map(|d| d.questions.iter().map(|q| q.id.clone())).collect();
        questions.sort();
        questions.dedup();
        let indicators = file.indicator.iter().map(|i| (i.id.clone(), i.area.clone())).collect();
        let riket = file
            .indicator
            .iter()
            .filter(|i| i.riket_comparable)
            .map(|i| RiketCode { id: i.id.clone(), kind: i.kind.clone(), by_sex: i.by_sex, per_thousand: i.unit == "per 1000" })
            .collect();
        Ok(Codes { pvk: of("pvk"), access: of("access"), questions, indicators, riket })
    }
}
