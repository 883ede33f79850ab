//! The agenda of a centre's follow-up dialogue (`Dialogunderlag`): seven sections in a fixed
//! order, each always present, built from the centre's shown cells. The rules that choose and
//! order the points (priorities, what goes well, the data quality lines) are pure functions
//! over plain values so they can be tested on hand-made cases.

use super::style::{sv_change, sv_value, target_parts};
use super::view::View;
use crate::cell::{CellKey, EntityIx, IndicatorIx, Sex};
use crate::compute::{Change, Outcome, SexDifference};
use crate::input::{Dataset, Problem, ProblemKind};
use crate::plan::Indicator;

pub const SUMMARY: &str = "Sammanfattning";
pub const GOING_WELL: &str = "Det som går bra";
pub const PRIORITIES: &str = "Prioriterade förbättringsområden";
pub const DEVELOPMENT: &str = "Utveckling över tid";
pub const SEX_DIFFERENCES: &str = "Skillnader mellan kvinnor och män";
pub const ACTIONS: &str = "Uppföljning av överenskomna åtgärder";
pub const QUALITY: &str = "Datakvalitet";

/// The text of a section with nothing to raise.
pub const NOTHING: &str = "Inget att ta upp.";
pub const NO_ACTIONS: &str = "Inga överenskomna åtgärder.";

/// How many priorities the dialogue takes up, and how many row numbers a data quality line names.
pub const MAX_PRIORITIES: usize = 5;
pub const FIRST_ROWS: usize = 5;

pub const PRIORITY_RULE: &str = "Högst fem indikatorer vars mål inte nås (Ej uppfyllt eller Delvis uppfyllt). \
     Först de som säkert inte uppfyller målet – hela 95-procentiga konfidensintervallet ligger inom Ej uppfyllt – \
     sedan de övriga; inom varje grupp störst avstånd till målet först, lika avstånd i planens ordning.";

/// One line of the dialogue sheet, with the lines that detail it.
#[derive(Debug, Clone, PartialEq)]
pub struct TalkingPoint {
    pub text: String,
    pub details: Vec<String>,
}

impl From<String> for TalkingPoint {
    fn from(text: String) -> TalkingPoint {
        TalkingPoint { text, details: Vec::new() }
    }
}

/// One section of the agenda: its heading, a line that states its rule (if any), and its points
/// (never empty: a section with nothing says so).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: &'static str,
    pub rule: Option<String>,
    pub numbered: bool,
    pub points: Vec<TalkingPoint>,
    /// A closing line without a mark (e.g. how many priorities were left out).
    pub footer: Option<String>,
}

impl Section {
    fn new(heading: &'static str, points: Vec<TalkingPoint>, empty: &str) -> Section {
        let points = if points.is_empty() { vec![empty.to_string().into()] } else { points };
        Section { heading, rule: None, numbered: false, points, footer: None }
    }
}

/// An indicator whose target the centre does not meet, as the priority rule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Miss {
    /// The indicator's position in the plan (ties keep plan order).
    pub order: usize,
    pub outcome: Outcome,
    /// *Säkert*: the whole interval lies in the outcome's band.
    pub certain: bool,
    /// |value − mål| in tenths, the value as shown.
    pub gap_tenths: i64,
}

/// The priorities (`docs/computation.md` § The follow-up dialogue): *Ej uppfyllt, säkert*
/// first, then the other misses; within each by distance to target, largest first; ties in plan
/// order. Returns at most [`MAX_PRIORITIES`] and how many misses were left out.
pub fn priorities(mut misses: Vec<Miss>) -> (Vec<Miss>, usize) {
    misses.retain(|m| m.outcome != Outcome::Met);
    misses.sort_by_key(|m| (!(m.outcome == Outcome::NotMet && m.certain), std::cmp::Reverse(m.gap_tenths), m.order));
    let rest = misses.len().saturating_sub(MAX_PRIORITIES);
    misses.truncate(MAX_PRIORITIES);
    (misses, rest)
}

/// The kind of a rejection, without the row's own values: `täljare (30) är större än nämnare
/// (20)` → `täljare är större än nämnare`; a duplicate without the rows it repeats.
pub fn problem_kind(reason: &str) -> String {
    if reason.starts_with("dubblett") {
        if let Some(i) = reason.rfind(" som ") {
            return reason[..i].to_string();
        }
    }
    let mut out = String::new();
    let mut rest = reason;
    while let Some(open) = rest.find(" (") {
        let Some(close) = rest[open..].find(')') else { break };
        let inside = &rest[open + 2..open + close];
        out.push_str(&rest[..open]);
        if !inside.chars().all(|c| c.is_ascii_digit() || " ,.-−\u{a0}".contains(c)) {
            out.push_str(&rest[open..open + close + 1]);
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// One line per file and kind of problem: the count and the first row numbers. Rows of codes
/// the plan does not use are not the centre's problem and are left out; action rows that could
/// not be read are told under the actions, with what they said, so they are left out here too.
pub fn quality_lines(problems: &[&Problem]) -> Vec<String> {
    // (file, kind) in the order first met; the problems come in file and row order.
    let mut groups: Vec<(&str, bool, String, Vec<u64>)> = Vec::new();
    for p in problems.iter().filter(|p| p.dataset != Dataset::Actions) {
        let (invalid, kind) = match &p.kind {
            ProblemKind::UnusedCode(_) => continue,
            ProblemKind::InvalidAnswer => (true, String::new()),
            ProblemKind::Rejected => (false, problem_kind(&p.reason)),
        };
        match groups.iter_mut().find(|g| g.0 == p.file && g.1 == invalid && g.2 == kind) {
            Some(g) => g.3.push(p.row),
            None => groups.push((&p.file, invalid, kind, vec![p.row])),
        }
    }
    groups
        .into_iter()
        .map(|(file, invalid, kind, mut rows)| {
            rows.dedup();
            let n = rows.len();
            let shown: Vec<String> = rows.iter().take(FIRST_ROWS).map(|r| r.to_string()).collect();
            let mut where_ = format!("{} {}", if n == 1 { "rad" } else { "rader" }, shown.join(", "));
            if n > FIRST_ROWS {
                where_.push_str(&format!(" och {} till", n - FIRST_ROWS));
            }
            if invalid {
                format!("{file}: {n} svar med ogiltig svarskod räknades som obesvarade ({where_}).")
            } else {
                let what = if n == 1 { "rad avvisades" } else { "rader avvisades" };
                format!("{file}: {n} {what} och ingår inte i värdena – {kind} ({where_}).")
            }
        })
        .collect()
}

/// The centre's talking points, in the agenda's order.
pub fn agenda(view: &View, entity: EntityIx) -> Vec<Section> {
    let total = |k| CellKey::new(k, entity, Sex::Total);
    vec![
        Section::new(SUMMARY, vec![summary(view, entity).into()], NOTHING),
        Section::new(GOING_WELL, going_well(view, entity), NOTHING),
        {
            let (points, rest) = priority_points(view, entity);
            let mut s = Section::new(PRIORITIES, points, NOTHING);
            s.rule = Some(PRIORITY_RULE.to_string());
            s.numbered = s.points[0].text != NOTHING;
            s.footer = (rest > 0).then(|| {
                let indicators = if rest == 1 { "indikator" } else { "indikatorer" };
                format!("Ytterligare {rest} {indicators} når inte målet (se Indikatorblad).")
            });
            s
        },
        Section::new(
            DEVELOPMENT,
            view.indicators().map(|(k, ind)| development(view, total(k), ind).into()).collect(),
            NOTHING,
        ),
        Section::new(SEX_DIFFERENCES, sex_differences(view, entity), NOTHING),
        {
            let points = actions(view, entity);
            let mut s = Section::new(ACTIONS, points, NO_ACTIONS);
            if s.points[0].text != NO_ACTIONS {
                s.rule = Some(super::actions::rule(view.report.current.period));
            }
            s
        },
        Section::new(QUALITY, quality(view, entity), NOTHING),
    ]
}

/// A shown Totalt cell's outcome, whether it is certain, and its value in tenths as shown.
fn judged(view: &View, key: CellKey) -> Option<(Outcome, bool, i64)> {
    let ind = view.indicator(key.indicator);
    let row = view.shown(key)?;
    ind.target.as_ref()?;
    let tenths = view.obs(key).rounded_tenths(ind.unit)?;
    // Without an interval the outcome cannot be called certain.
    Some((row.outcome?, view.certain(key).unwrap_or(false), tenths))
}

fn certainty_word(certain: bool) -> &'static str {
    if certain {
        "säkert"
    } else {
        "osäkert"
    }
}

fn summary(view: &View, entity: EntityIx) -> String {
    let (mut met, mut partly, mut not_met, mut unknown, mut with_target) = (0, 0, 0, 0, 0);
    for (k, ind) in view.indicators() {
        if ind.target.is_none() {
            continue;
        }
        with_target += 1;
        match judged(view, CellKey::new(k, entity, Sex::Total)) {
            Some((Outcome::Met, ..)) => met += 1,
            Some((Outcome::Partly, ..)) => partly += 1,
            Some((Outcome::NotMet, ..)) => not_met += 1,
            None => unknown += 1,
        }
    }
    if with_target == 0 {
        return "Uppföljningsplanen har inga indikatorer med mål.".into();
    }
    let mut text = format!(
        "Av {with_target} indikatorer med mål är målet uppfyllt för {met}, delvis uppfyllt för {partly} och inte uppfyllt för {not_met}"
    );
    if unknown > 0 {
        text.push_str(&format!("; {unknown} kan inte bedömas (för få observationer eller ingen data)"));
    }
    text.push('.');
    text
}

fn value_and_target(view: &View, key: CellKey) -> Option<String> {
    let ind = view.indicator(key.indicator);
    let (goal, partly) = target_parts(ind)?;
    let tenths = view.obs(key).rounded_tenths(ind.unit)?;
    Some(format!("{} (mål {goal}, delvis {partly})", sv_value(tenths as f64 / 10.0, ind.unit)))
}

/// Targets met, and changes the test finds to be improvements.
fn going_well(view: &View, entity: EntityIx) -> Vec<TalkingPoint> {
    let mut points = Vec::new();
    for (k, ind) in view.indicators() {
        let key = CellKey::new(k, entity, Sex::Total);
        let met = judged(view, key).filter(|j| j.0 == Outcome::Met);
        let better = super::trend::change_sentence(view, key).filter(|(_, c)| *c == Change::Better);
        let mut parts = Vec::new();
        if let (Some((_, certain, _)), Some(v)) = (met, value_and_target(view, key)) {
            parts.push(format!("{v} – uppfyllt, {}.", certainty_word(certain)));
        }
        if let Some((text, _)) = better {
            parts.push(text);
        }
        if !parts.is_empty() {
            points.push(format!("{}: {}", ind.name, parts.join(" ")).into());
        }
    }
    points
}

fn priority_points(view: &View, entity: EntityIx) -> (Vec<TalkingPoint>, usize) {
    let mut misses = Vec::new();
    for (k, ind) in view.indicators() {
        let Some((outcome, certain, tenths)) = judged(view, CellKey::new(k, entity, Sex::Total)) else { continue };
        let goal = (ind.target.expect("judged cells have a target").value * 10.0).round() as i64;
        misses.push(Miss { order: k.0, outcome, certain, gap_tenths: (tenths - goal).abs() });
    }
    let (top, rest) = priorities(misses);
    let points: Vec<TalkingPoint> = top
        .iter()
        .map(|m| {
            let k = IndicatorIx(m.order);
            let ind = view.indicator(k);
            let v = value_and_target(view, CellKey::new(k, entity, Sex::Total)).unwrap_or_default();
            let gap = sv_change(m.gap_tenths as f64 / 10.0, ind.unit);
            let mut text = format!(
                "{}: {v} – {}, {}; {} från målet.",
                ind.name,
                m.outcome.label().to_lowercase(),
                certainty_word(m.certain),
                gap.trim_start_matches('+')
            );
            // A survey figure on few of those asked is read with care: say so where it is said.
            if let Some((rate, true)) = view.response_rate(CellKey::new(k, entity, Sex::Total)) {
                let limit = view.plan.response_rate_threshold.unwrap_or_default();
                text.push_str(&format!(
                    " Svarsfrekvensen är {} (under {}) – tolka värdet med försiktighet.",
                    sv_value(rate, crate::plan::ValueUnit::Percent),
                    sv_value(limit, crate::plan::ValueUnit::Percent)
                ));
            }
            // The actions already agreed on this indicator, so the dialogue starts from them.
            let details = view
                .followups_of(&view.entity(entity).id)
                .filter(|f| f.current && f.action.indicator == k)
                .map(super::actions::short_text)
                .collect();
            TalkingPoint { text, details }
        })
        .collect();
    (points, rest)
}

/// The course in figures, the change against last year, the funnel position.
fn development(view: &View, key: CellKey, ind: &Indicator) -> String {
    let mut text = format!("{}: {}", ind.name, super::trend::course_of(view, key));
    if let Some((change, _)) = super::trend::change_sentence(view, key) {
        text.push(' ');
        text.push_str(&change);
    }
    if let Some((position, ..)) = view.position(key.indicator, key.entity) {
        text.push_str(&format!(" Jämfört med länet: {}.", position.label()));
    }
    if let Some(sentence) = county_against_riket(view, key.indicator) {
        text.push(' ');
        text.push_str(&sentence);
    }
    text
}

/// `Länet ligger 4,2 procentenheter under riket.`: the county's shown Totalt against riket's, the
/// difference of the two as shown (one decimal each); None when either is missing.
pub fn county_against_riket(view: &View, k: crate::cell::IndicatorIx) -> Option<String> {
    let riket = view.riket(k, crate::cell::Sex::Total)?;
    let county = view.report.current.entities.iter().position(|e| e.kind == crate::compute::EntityKind::County)?;
    let value = view.value(CellKey::new(k, EntityIx(county), crate::cell::Sex::Total))?;
    let round = |v: f64| (v * 10.0).round() / 10.0;
    let d = round(round(value) - round(riket.value));
    let unit = view.indicator(k).unit;
    let (c, r) = (super::style::sv_value(value, unit), super::style::sv_value(riket.value, unit));
    Some(if d == 0.0 {
        format!("Som jämförelse ligger länet ({c}) på samma nivå som riket ({r}).")
    } else {
        let side = if d > 0.0 { "över" } else { "under" };
        format!("Som jämförelse ligger länet ({c}) {} {} {side} riket ({r}).", super::style::sv_number(d.abs(), 1), unit.change_symbol())
    })
}

fn sex_differences(view: &View, entity: EntityIx) -> Vec<TalkingPoint> {
    let mut points = Vec::new();
    for (k, ind) in view.indicators() {
        let cell = |sex| CellKey::new(k, entity, sex);
        let Some(diff) = view.shown(cell(Sex::Total)).and_then(|d| d.sex_difference) else { continue };
        if diff == SexDifference::NoClearDifference {
            continue;
        }
        let (Some(w), Some(m)) = (view.value(cell(Sex::Women)), view.value(cell(Sex::Men))) else { continue };
        let who = super::style::sex_difference_words(diff, ind).to_lowercase();
        points.push(
            format!("{}: kvinnor {}, män {} – statistiskt säker skillnad, {who}.", ind.name, sv_value(w, ind.unit), sv_value(m, ind.unit))
                .into(),
        );
    }
    points
}

/// The centre's current actions (those on its form): open ones, and closed ones decided in the
/// 12 months up to the period's end; then its action rows that could not be read, by what they
/// said, so an action agreed is never silently missing.
fn actions(view: &View, entity: EntityIx) -> Vec<TalkingPoint> {
    let period = view.report.current.period;
    let hsa_id = &view.entity(entity).id;
    let mut points: Vec<TalkingPoint> = view
        .followups_of(hsa_id)
        .filter(|f| f.current)
        .map(|f| super::actions::talking_point(f, view.indicator(f.action.indicator), period))
        .collect();
    points.extend(
        view.rejected_actions
            .iter()
            .filter(|r| r.problem.unit.as_deref() == Some(hsa_id.as_str()))
            .map(super::actions::rejected_point),
    );
    points
}

fn quality(view: &View, entity: EntityIx) -> Vec<TalkingPoint> {
    let hsa_id = &view.entity(entity).id;
    let mut points: Vec<TalkingPoint> = quality_lines(view.problems_of(hsa_id)).into_iter().map(Into::into).collect();
    if !points.is_empty() {
        points.push("Varje avvisad rad står med kolumn, värde och skäl i huvudrapportens blad Datakvalitet.".to_string().into());
    }
    for note in view.notes.iter().filter(|n| n.unit.as_deref() == Some(hsa_id.as_str())) {
        points.push(note.text.clone().into());
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    fn miss(order: usize, outcome: Outcome, certain: bool, gap_tenths: i64) -> Miss {
        Miss { order, outcome, certain, gap_tenths }
    }

    #[test]
    fn priorities_put_certain_misses_first_then_distance_then_plan_order() {
        use Outcome::*;
        let all = vec![
            miss(0, Partly, true, 90),   // large gap but only partly met
            miss(1, NotMet, false, 120), // not met, uncertain
            miss(2, NotMet, true, 30),   // certain: first group
            miss(3, Met, true, 0),       // met: never a priority
            miss(4, NotMet, true, 50),   // certain, larger gap than 2
            miss(5, Partly, false, 90),  // ties with 0: plan order
            miss(6, NotMet, false, 10),
            miss(7, Partly, false, 5),
        ];
        let (top, rest) = priorities(all);
        let order: Vec<usize> = top.iter().map(|m| m.order).collect();
        assert_eq!(order, [4, 2, 1, 0, 5]);
        assert_eq!(rest, 2, "6 and 7 are left out");
        // A certain *Delvis uppfyllt* is not in the first group.
        let (top, _) = priorities(vec![miss(0, Partly, true, 80), miss(1, NotMet, true, 10)]);
        assert_eq!(top.iter().map(|m| m.order).collect::<Vec<_>>(), [1, 0]);
    }

    fn problem(file: &str, row: u64, reason: &str, kind: ProblemKind) -> Problem {
        Problem {
            dataset: Dataset::Access,
            file: file.into(),
            row,
            column: "inom".into(),
            value: "x".into(),
            reason: reason.into(),
            unit: Some("SE1".into()),
            kind,
        }
    }

    #[test]
    fn quality_lines_group_by_file_and_kind_and_leave_unused_codes_out() {
        let rejected = ProblemKind::Rejected;
        let ps = [
            problem("a.csv", 3, "inom (30) är större än totalt (20)", rejected.clone()),
            problem("a.csv", 4, "koden X9 används inte i uppföljningsplanen 2026", ProblemKind::UnusedCode("X9".into())),
            problem("a.csv", 7, "inom (5) är större än totalt (4)", rejected.clone()),
            problem("a.csv", 8, "okänd könskod", rejected.clone()),
            problem("b.csv", 2, "inom (9) är större än totalt (1)", rejected.clone()),
            problem("n.csv", 5, "ogiltig svarskod", ProblemKind::InvalidAnswer),
        ];
        let refs: Vec<&Problem> = ps.iter().collect();
        assert_eq!(
            quality_lines(&refs),
            [
                "a.csv: 2 rader avvisades och ingår inte i värdena – inom är större än totalt (rader 3, 7).",
                "a.csv: 1 rad avvisades och ingår inte i värdena – okänd könskod (rad 8).",
                "b.csv: 1 rad avvisades och ingår inte i värdena – inom är större än totalt (rad 2).",
                "n.csv: 1 svar med ogiltig svarskod räknades som obesvarade (rad 5).",
            ]
        );
        // Seven rows of one kind: the first five are named.
        let many: Vec<Problem> = (10..17).map(|r| problem("a.csv", r, "okänd könskod", rejected.clone())).collect();
        let refs: Vec<&Problem> = many.iter().collect();
        assert_eq!(
            quality_lines(&refs),
            ["a.csv: 7 rader avvisades och ingår inte i värdena – okänd könskod (rader 10, 11, 12, 13, 14 och 2 till)."]
        );
        // Action rows are told under the actions (with their text), not here.
        let mut late = problem("atgarder.xlsx", 33, "klart_senast ligger före beslutad (2026-10-05)", rejected.clone());
        late.dataset = Dataset::Actions;
        assert_eq!(
            quality_lines(&[&late, &ps[0]]),
            ["a.csv: 1 rad avvisades och ingår inte i värdena – inom är större än totalt (rad 3)."]
        );
        // Only unused codes: nothing for the centre.
        let unused = [problem("a.csv", 4, "koden X9 …", ProblemKind::UnusedCode("X9".into()))];
        assert!(quality_lines(&unused.iter().collect::<Vec<_>>()).is_empty());
    }

    #[test]
    fn problem_kinds_drop_the_rows_own_values() {
        assert_eq!(problem_kind("täljare (30) är större än nämnare (20)"), "täljare är större än nämnare");
        assert_eq!(problem_kind("dubblett: samma enhet, kod, månad och kön som a.csv rad 4"), "dubblett: samma enhet, kod, månad och kön");
        // Words in parentheses stay.
        assert_eq!(problem_kind("felaktigt enkätår (ska vara ett årtal, t.ex. 2025)"), "felaktigt enkätår (ska vara ett årtal, t.ex. 2025)");
    }
}
