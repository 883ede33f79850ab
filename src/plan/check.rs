//! From a plan file as written ([`super::raw`]) to a [`Plan`]: every field checked, every
//! problem collected with the indicator it is about, so the analyst can fix them all at once.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::PathBuf;

use super::raw::{RawDimension, RawPlan, RawTarget};
use super::{Dimension, Direction, Indicator, Kind, Measured, Plan, Question, Source, Target, Texts, ValueUnit};

/// Collects every problem of a plan file so the analyst can fix them all in one go.
#[derive(Default)]
pub struct Problems(pub Vec<String>);

impl Problems {
    fn add(&mut self, msg: impl fmt::Display) {
        self.0.push(msg.to_string());
    }
}

pub fn validate(raw: RawPlan, p: &mut Problems) -> Plan {
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
                riket_comparable: r.riket_comparable,
                texts: Texts {
                    measures: text(r.measures.as_ref().or(r.description.as_ref())),
                    numerator: text(r.numerator.as_ref()),
                    denominator: text(r.denominator.as_ref()),
                },
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
    if let Some(t) = raw.response_rate_threshold {
        if !(t.is_finite() && (0.0..=100.0).contains(&t)) {
            p.add(format_args!("response_rate_threshold ska vara en procentsats mellan 0 och 100, inte {t}"));
        }
    }
    Plan {
        year: raw.year,
        areas: raw.areas,
        indicators,
        dimensions,
        response_rate_threshold: raw.response_rate_threshold,
        file: PathBuf::new(),
    }
}

/// A descriptive text, trimmed; an empty one is no text.
fn text(t: Option<&String>) -> Option<String> {
    t.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
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

#[cfg(test)]
mod tests {
    use super::super::{parse, Direction, Kind, Measured};

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
