//! A plan file's shape as written: every enumerated field a string, so that [`super::check`]
//! can name a mistyped value in Swedish instead of failing in serde.

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    pub year: i32,
    pub areas: Vec<String>,
    /// Svarsfrekvens (percent) below which an NPE figure carries a warning mark.
    #[serde(default)]
    pub response_rate_threshold: Option<f64>,
    #[serde(default, rename = "indicator")]
    pub indicators: Vec<RawIndicator>,
    #[serde(default, rename = "npe_dimension")]
    pub dimensions: Vec<RawDimension>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub id: String,
    pub name: String,
    pub area: String,
    pub source: String,
    pub code: String,
    pub kind: String,
    #[serde(default)]
    pub measured: Option<String>,
    pub unit: String,
    pub by_sex: bool,
    pub min_n: i64,
    #[serde(default)]
    pub target: Option<RawTarget>,
    /// What the indicator measures, in one plain sentence (`Indikatorer`).
    #[serde(default)]
    pub measures: Option<String>,
    #[serde(default)]
    pub numerator: Option<String>,
    #[serde(default)]
    pub denominator: Option<String>,
    /// Defined as the national portals define it, so riket values are compared with it.
    #[serde(default)]
    pub riket_comparable: bool,
    /// Older plan files' free explanation; stands in for `measures` when that is missing.
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    pub value: f64,
    #[serde(default)]
    pub direction: Option<String>,
    pub partly: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDimension {
    pub id: String,
    pub name: String,
    pub questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: String,
    pub text: String,
    pub positive: Vec<i64>,
    pub weight: f64,
}
