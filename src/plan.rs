//! The yearly follow-up plan (`indicators/<year>.toml`), loaded and validated.
//!
//! The plan is data so that next year's plan is a new file, not new code. The file is
//! deserialised into loosely typed "raw" structs (strings for every enumerated field) and
//! then checked field by field, so that an analyst who mistypes `kind = "flode"` gets a
//! Swedish message naming the indicator and the valid values instead of a serde error.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

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

/// How an indicator's period is formed (`computation.md` § Reports and periods).
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    year: i32,
    areas: Vec<String>,
    #[serde(default, rename = "indicator")]
    indicators: Vec<RawIndicator>,
    #[serde(default, rename = "npe_dimension")]
    dimensions: Vec<RawDimension>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: String,
    name: String,
    area: String,
    source: String,
    code: String,
    kind: String,
    #[serde(default)]
    measured: Option<String>,
    unit: String,
    by_sex: bool,
    min_n: i64,
    #[serde(default)]
    target: Option<RawTarget>,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    value: f64,
    #[serde(default)]
    direction: Option<String>,
    partly: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDimension {
    id: String,
    name: String,
    questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    text: String,
    positive: Vec<i64>,
    weight: f64,
}

/// Collects every problem of a plan file so the analyst can fix them all in one go.
struct Problems(Vec<String>);

impl Problems {
    fn add(&mut self, msg: impl fmt::Display) {
        self.0.push(msg.to_string());
    }
}

/// Path of plan `year` in `dir` (`indicators/<year>.toml`).
pub fn plan_path(dir: &Path, year: i32) -> PathBuf {
    dir.join(format!("{year}.toml"))
}

/// Years with a plan file in `dir`, ascending.
pub fn available_years(dir: &Path) -> Vec<i32> {
    let mut years: Vec<i32> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".toml").and_then(|y| y.parse().ok())
        })
        .collect();
    years.sort_unstable();
    years
}

/// Finds plan `year` (or the newest) in `dir`.
pub fn locate(dir: &Path, year: Option<i32>) -> Result<(i32, PathBuf), PlanError> {
    let years = available_years(dir);
    let year = match year {
        Some(y) => y,
        None => *years.last().ok_or_else(|| PlanError::NoPlans { dir: dir.display().to_string() })?,
    };
    let path = plan_path(dir, year);
    if !path.is_file() {
        let available = years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ");
        return Err(PlanError::NoPlanForYear {
            year,
            path: path.display().to_string(),
            available: if available.is_empty() { "inga".into() } else { available },
        });
    }
    Ok((year, path))
}

pub fn load(path: &Path) -> Result<Plan, PlanError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| PlanError::Io { file: file.clone(), source })?;
    let mut plan = parse(&text, &file)?;
    plan.file = path.to_path_buf();
    Ok(plan)
}

/// Parses and validates a plan's text; `file` names it in messages.
pub fn parse(text: &str, file: &str) -> Result<Plan, PlanError> {
    let raw: RawPlan =
        toml::from_str(text).map_err(|e| PlanError::Syntax { file: file.to_string(), message: e.to_string() })?;
    let mut problems = Problems(Vec::new());
    let plan = validate(raw, &mut problems);
    if problems.0.is_empty() {
        Ok(plan)
    } else {
        Err(PlanError::Invalid { file: file.to_string(), message: problems.0.join("; ") })
    }
}

fn validate(raw: RawPlan, p: &mut Problems) -> Plan {
    let mut seen_areas = BTreeSet::new();
    for a in &raw.areas {
        if !seen_areas.insert(a.as_str()) {
            p.add(format_args!("indikatorområdet \"{a}\" står två gånger i areas"));
        }
    }

    let dimensions = validate_dimensions(&raw.dimensions, p);

    let mut ids = BTreeSet::new();
    let mut indicators = Vec::new();
    for r in &raw.indicators {
        let at = format!("indikator {}", r.id);
        if r.id.trim().is_empty() {
            p.add("en indikator saknar id");
        } else if !ids.insert(r.id.clone()) {
            p.add(format_args!("indikatorn {} finns två gånger", r.id));
        }
        if r.name.trim().is_empty() {
            p.add(format_args!("{at}: name är tomt"));
        }
        if !raw.areas.contains(&r.area) {
            p.add(format_args!(
                "{at}: indikatorområdet \"{}\" finns inte i areas (finns: {})",
                r.area,
                raw.areas.join(", ")
            ));
        }
        let source = match r.source.as_str() {
            "npe" => Some(Source::Npe),
            "pvk" => Some(Source::Pvk),
            "access" => Some(Source::Access),
            other => {
                p.add(format_args!("{at}: okänd källa \"{other}\" (giltiga: npe, pvk, access)"));
                None
            }
        };
        let measured = match r.measured.as_deref() {
            None => None,
            Some("rolling_12m") => Some(Measured::Rolling12),
            Some("month_end") => Some(Measured::MonthEnd),
            Some(other) => {
                p.add(format_args!("{at}: okänt värde för measured \"{other}\" (giltiga: rolling_12m, month_end)"));
                None
            }
        };
        let kind = match r.kind.as_str() {
            "flow" => Some(Kind::Flow),
            "survey" => Some(Kind::Survey),
            "status" => match (measured, r.measured.is_some()) {
                (Some(m), _) => Some(Kind::Status(m)),
                (None, false) => {
                    p.add(format_args!("{at}: en status-indikator måste ange measured (rolling_12m eller month_end)"));
                    None
                }
                (None, true) => None,
            },
            other => {
                p.add(format_args!("{at}: okänd typ \"{other}\" (giltiga: flow, status, survey)"));
                None
            }
        };
        if measured.is_some() && r.kind != "status" {
            p.add(format_args!("{at}: measured gäller bara status-indikatorer"));
        }
        match (source, kind) {
            (Some(Source::Npe), Some(k)) if k != Kind::Survey => {
                p.add(format_args!("{at}: en indikator från npe måste ha typen survey"))
            }
            (Some(s), Some(Kind::Survey)) if s != Source::Npe => {
                p.add(format_args!("{at}: typen survey kräver källan npe"))
            }
            _ => {}
        }
        if source == Some(Source::Npe) && !dimensions.iter().any(|d: &Dimension| d.id == r.code) {
            p.add(format_args!(
                "{at}: NPE-dimensionen \"{}\" finns inte bland npe_dimension (finns: {})",
                r.code,
                dimensions.iter().map(|d| d.id.as_str()).collect::<Vec<_>>().join(", ")
            ));
        }
        if r.code.trim().is_empty() {
            p.add(format_args!("{at}: code är tomt"));
        }
        let unit = match r.unit.as_str() {
            "procent" => Some(ValueUnit::Percent),
            "per 1000" => Some(ValueUnit::PerThousand),
            other => {
                p.add(format_args!("{at}: okänd enhet \"{other}\" (giltiga: \"procent\", \"per 1000\")"));
                None
            }
        };
        if kind == Some(Kind::Survey) && unit == Some(ValueUnit::PerThousand) {
            p.add(format_args!("{at}: en enkätindikator redovisas i procent"));
        }
        if r.min_n < 1 {
            p.add(format_args!("{at}: min_n måste vara minst 1 (är {})", r.min_n));
        }
        let target = r.target.as_ref().and_then(|t| validate_target(t, &at, p));
        if let (Some(source), Some(kind), Some(unit)) = (source, kind, unit) {
            indicators.push(Indicator {
                id: r.id.clone(),
                name: r.name.clone(),
                area: r.area.clone(),
                source,
                code: r.code.clone(),
                kind,
                unit,
                by_sex: r.by_sex,
                target,
                min_n: r.min_n.max(1) as u64,
                description: r.description.clone(),
            });
        }
    }
    // Two indicators reading the same code would make the "code not used" note ambiguous
    // and double-count rows in the quality sheet.
    let mut codes = BTreeMap::new();
    for i in &indicators {
        if let Some(other) = codes.insert((i.source, i.code.clone()), i.id.clone()) {
            p.add(format_args!("indikatorerna {other} och {} läser samma kod {}", i.id, i.code));
        }
    }
    if indicators.is_empty() && p.0.is_empty() {
        p.add("planen har inga indikatorer");
    }
    Plan { year: raw.year, areas: raw.areas, indicators, dimensions, file: PathBuf::new() }
}

fn validate_target(t: &RawTarget, at: &str, p: &mut Problems) -> Option<Target> {
    let direction = match t.direction.as_deref() {
        Some("higher") => Direction::HigherIsBetter,
        Some("lower") => Direction::LowerIsBetter,
        Some(other) => {
            p.add(format_args!("{at}: okänd riktning för målet \"{other}\" (giltiga: higher, lower)"));
            return None;
        }
        None => {
            p.add(format_args!("{at}: målet saknar riktning (direction = \"higher\" eller \"lower\")"));
            return None;
        }
    };
    let ok = match direction {
        Direction::HigherIsBetter => t.partly <= t.value,
        Direction::LowerIsBetter => t.partly >= t.value,
    };
    if !ok {
        p.add(format_args!(
            "{at}: gränsen för delvis uppfyllt ({}) ligger på fel sida om målet ({})",
            t.partly, t.value
        ));
    }
    if !t.value.is_finite() || !t.partly.is_finite() {
        p.add(format_args!("{at}: målet måste vara ett tal"));
    }
    Some(Target { value: t.value, partly: t.partly, direction })
}

fn validate_dimensions(raw: &[RawDimension], p: &mut Problems) -> Vec<Dimension> {
    let mut dim_ids = BTreeSet::new();
    let mut question_owner: BTreeMap<String, String> = BTreeMap::new();
    let mut out = Vec::new();
    for d in raw {
        if !dim_ids.insert(d.id.clone()) {
            p.add(format_args!("NPE-dimensionen {} finns två gånger", d.id));
        }
        if d.questions.is_empty() {
            p.add(format_args!("NPE-dimensionen {} har inga frågor", d.id));
        }
        let mut questions = Vec::new();
        for q in &d.questions {
            let at = format!("NPE-dimensionen {}, fråga {}", d.id, q.id);
            if !is_question_column(&q.id) {
                p.add(format_args!("{at}: frågans id ska vara F01–F99"));
            }
            if let Some(prev) = question_owner.insert(q.id.clone(), d.id.clone()) {
                p.add(format_args!("fråga {} står i två dimensioner ({prev} och {})", q.id, d.id));
            }
            if !(q.weight > 0.0 && q.weight.is_finite()) {
                p.add(format_args!("{at}: vikten måste vara större än 0 (är {})", q.weight));
            }
            if q.positive.is_empty() {
                p.add(format_args!("{at}: positive saknar svarskoder"));
            }
            let mut positive = Vec::new();
            for &c in &q.positive {
                if (1..=4).contains(&c) {
                    positive.push(c as u8);
                } else {
                    p.add(format_args!("{at}: positiv svarskod {c} är inte 1–4"));
                }
            }
            positive.sort_unstable();
            positive.dedup();
            questions.push(Question { id: q.id.clone(), text: q.text.clone(), positive, weight: q.weight });
        }
        out.push(Dimension { id: d.id.clone(), name: d.name.clone(), questions });
    }
    out
}

/// `F` followed by two digits: the survey's question columns.
pub fn is_question_column(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3 && b[0] == b'F' && b[1].is_ascii_digit() && b[2].is_ascii_digit()
}

impl Plan {
    /// The plan as a text table, as `uppfoljning plan` prints it.
    pub fn table(&self) -> String {
        let head = ["id", "namn", "område", "källa", "typ", "enhet", "kön", "mål (delvis)", "min_n"];
        let rows: Vec<[String; 9]> = self
            .indicators
            .iter()
            .map(|i| {
                let kind = match i.kind {
                    Kind::Flow => "flöde".to_string(),
                    Kind::Status(Measured::Rolling12) => "status, rullande 12 mån".into(),
                    Kind::Status(Measured::MonthEnd) => "status, vid månadens slut".into(),
                    Kind::Survey => "enkät".into(),
                };
                let target = match &i.target {
                    None => "–".to_string(),
                    Some(t) => {
                        let op = if t.direction == Direction::HigherIsBetter { "≥" } else { "≤" };
                        format!("{op} {} ({op} {})", fmt_num(t.value), fmt_num(t.partly))
                    }
                };
                [
                    i.id.clone(),
                    i.name.clone(),
                    i.area.clone(),
                    format!("{} {}", i.source.key(), i.code),
                    kind,
                    i.unit.label().to_string(),
                    if i.by_sex { "ja".into() } else { "nej".into() },
                    target,
                    i.min_n.to_string(),
                ]
            })
            .collect();
        let mut width = head.map(|h| h.chars().count());
        for r in &rows {
            for (w, c) in width.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let line = |cells: &[String]| -> String {
            let padded: Vec<String> =
                cells.iter().zip(&width).map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count()))).collect();
            padded.join("  ").trim_end().to_string()
        };
        let mut out = format!("Uppföljningsplan {} – {} indikatorer\n\n", self.year, self.indicators.len());
        out.push_str(&line(&head.map(String::from)));
        out.push('\n');
        for r in &rows {
            out.push_str(&line(r));
            out.push('\n');
        }
        out
    }
}

/// A plan number as written (`90`, `52.5`), Swedish decimal comma.
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 { format!("{}", v as i64) } else { format!("{v}").replace('.', ",") }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
year = 2030
areas = ["A"]
[[indicator]]
id = "X"
name = "Ett x"
area = "A"
source = "pvk"
code = "Xc"
kind = "status"
measured = "rolling_12m"
unit = "procent"
by_sex = true
min_n = 20
target = { value = 90, direction = "higher", partly = 80 }
"#;

    fn err_of(text: &str) -> String {
        parse(text, "t.toml").unwrap_err().to_string()
    }

    #[test]
    fn minimal_plan_loads() {
        let p = parse(MINIMAL, "t.toml").unwrap();
        assert_eq!(p.indicators.len(), 1);
        assert_eq!(p.indicators[0].kind, Kind::Status(Measured::Rolling12));
        assert_eq!(p.indicators[0].target.unwrap().direction, Direction::HigherIsBetter);
    }

    #[test]
    fn duplicate_id_is_an_error() {
        let twice = format!("{MINIMAL}{}", &MINIMAL[MINIMAL.find("[[indicator]]").unwrap()..]);
        assert!(err_of(&twice).contains("indikatorn X finns två gånger"), "{}", err_of(&twice));
    }

    #[test]
    fn unknown_source_and_kind_are_errors() {
        let e = err_of(&MINIMAL.replace("source = \"pvk\"", "source = \"journal\""));
        assert!(e.contains("okänd källa \"journal\""), "{e}");
        let e = err_of(&MINIMAL.replace("kind = \"status\"", "kind = \"flode\""));
        assert!(e.contains("okänd typ \"flode\""), "{e}");
    }

    #[test]
    fn target_without_direction_is_an_error() {
        let e = err_of(&MINIMAL.replace("direction = \"higher\", ", ""));
        assert!(e.contains("målet saknar riktning"), "{e}");
    }

    #[test]
    fn partly_on_wrong_side_is_an_error() {
        let e = err_of(&MINIMAL.replace("partly = 80", "partly = 95"));
        assert!(e.contains("fel sida"), "{e}");
    }

    #[test]
    fn status_without_measured_is_an_error() {
        let e = err_of(&MINIMAL.replace("measured = \"rolling_12m\"\n", ""));
        assert!(e.contains("measured"), "{e}");
    }

    #[test]
    fn question_in_two_dimensions_and_bad_weight_are_errors() {
        let text = format!(
            "{MINIMAL}{}",
            r#"
[[npe_dimension]]
id = "A1"
name = "a"
questions = [ { id = "F01", text = "q", positive = [1, 2], weight = 1 } ]
[[npe_dimension]]
id = "B1"
name = "b"
questions = [ { id = "F01", text = "q", positive = [1], weight = 0 } ]
"#
        );
        let e = err_of(&text);
        assert!(e.contains("fråga F01 står i två dimensioner (A1 och B1)"), "{e}");
        assert!(e.contains("vikten måste vara större än 0"), "{e}");
    }

    #[test]
    fn survey_indicator_needs_a_known_dimension() {
        let text = MINIMAL
            .replace("source = \"pvk\"", "source = \"npe\"")
            .replace("kind = \"status\"\nmeasured = \"rolling_12m\"", "kind = \"survey\"");
        let e = err_of(&text);
        assert!(e.contains("NPE-dimensionen \"Xc\" finns inte"), "{e}");
    }

    #[test]
    fn unknown_key_is_a_syntax_error() {
        let e = err_of(&MINIMAL.replace("min_n = 20", "min_n = 20\nmin_antal = 3"));
        assert!(e.contains("min_antal"), "{e}");
    }
}
