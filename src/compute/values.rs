//! A cell's observation and what is computed from it (`docs/computation.md` § Values, § 95 %
//! confidence intervals, § Target outcome, § Sex difference).

use crate::plan::{Direction, Kind, Target, ValueUnit};

/// z for a two-sided 95 % interval, as `docs/computation.md` fixes it.
pub const Z: f64 = 1.959964;

/// What a cell counts: a numerator and denominator, or the scores of survey respondents.
#[derive(Debug, Clone, PartialEq)]
pub enum Obs {
    Ratio { t: u64, n: u64 },
    /// A survey's respondents' scores.
    Survey(Scores),
}

/// Per-respondent scores in [0, 1], in a fixed order so sums are reproducible. The sum is taken
/// in that order as scores are added (a county's is asked for at every cell that shows it). Once
/// a table's cells are pooled they are [`sealed`](Obs::seal): the mean and standard deviation are
/// computed from the list as they would be later, and the list is dropped — at national scale
/// the lists, once per unit, aggregate, survey year and report, were most of a run's memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    list: Vec<f64>,
    n: u64,
    sum: f64,
    /// Mean and sample standard deviation, kept when sealed (None below two scores).
    spread: Option<(f64, f64)>,
    sealed: bool,
}

impl Scores {
    fn spread_of(&self) -> Option<(f64, f64)> {
        if self.sealed {
            return self.spread;
        }
        let n = self.list.len();
        if n < 2 {
            return None;
        }
        let mean = self.sum / n as f64;
        let ss: f64 = self.list.iter().map(|x| (x - mean) * (x - mean)).sum();
        Some((mean, (ss / (n - 1) as f64).sqrt()))
    }
}

impl Obs {
    /// Nothing observed yet, of the kind an indicator of `kind` counts.
    pub fn empty(kind: Kind) -> Obs {
        match kind {
            Kind::Survey => Obs::survey(Vec::new()),
            _ => Obs::Ratio { t: 0, n: 0 },
        }
    }

    /// A survey observation of these scores, in this order.
    pub fn survey(list: Vec<f64>) -> Obs {
        let sum = list.iter().sum();
        Obs::Survey(Scores { n: list.len() as u64, list, sum, spread: None, sealed: false })
    }

    /// Keeps what is computed from a survey's scores and drops the list: nothing may be added
    /// to it after this. A count is left as it is.
    pub fn seal(&mut self) {
        if let Obs::Survey(s) = self {
            if !s.sealed {
                s.spread = s.spread_of();
                s.list = Vec::new();
                s.sealed = true;
            }
        }
    }

    pub fn n(&self) -> u64 {
        match self {
            Obs::Ratio { n, .. } => *n,
            Obs::Survey(s) => s.n,
        }
    }

    /// The numerator as shown in `täljare`: a count, or the sum of scores.
    pub fn t(&self) -> f64 {
        match self {
            Obs::Ratio { t, .. } => *t as f64,
            Obs::Survey(s) => s.sum,
        }
    }

    /// Adds another observation of the same kind (pooling, never averaging), before either is
    /// sealed.
    pub fn add(&mut self, other: &Obs) {
        match (self, other) {
            (Obs::Ratio { t, n }, Obs::Ratio { t: t2, n: n2 }) => {
                *t += t2;
                *n += n2;
            }
            (Obs::Survey(s), Obs::Survey(o)) => {
                debug_assert!(!s.sealed && !o.sealed, "scores are pooled before they are sealed");
                s.list.extend_from_slice(&o.list);
                s.n += o.n;
                // What summing the whole list in order gives, one score at a time.
                for &x in &o.list {
                    s.sum += x;
                }
            }
            _ => unreachable!("one indicator has one kind of observation"),
        }
    }

    /// Adds one respondent's score to a survey observation (not sealed).
    pub fn push_score(&mut self, score: f64) {
        match self {
            Obs::Survey(s) => {
                debug_assert!(!s.sealed, "scores are added before they are sealed");
                s.list.push(score);
                s.n += 1;
                s.sum += score;
            }
            Obs::Ratio { .. } => unreachable!("scores belong to survey indicators"),
        }
    }

    pub fn value(&self, unit: ValueUnit) -> Option<f64> {
        match self {
            Obs::Ratio { n: 0, .. } => None,
            Obs::Ratio { t, n } => Some((unit.scale() * *t as i64) as f64 / *n as f64),
            Obs::Survey(s) if s.n == 0 => None,
            Obs::Survey(s) => Some(100.0 * s.sum / s.n as f64),
        }
    }

    /// Mean and sample standard deviation (divisor n − 1) of survey scores.
    pub fn mean_sd(&self) -> Option<(f64, f64)> {
        let Obs::Survey(s) = self else { return None };
        s.spread_of()
    }

    /// The 95 % interval: Wilson for shares, Poisson-normal for rates, mean ± z·s/√n for surveys.
    pub fn interval(&self, unit: ValueUnit) -> Option<(f64, f64)> {
        match self {
            Obs::Ratio { n: 0, .. } => None,
            Obs::Ratio { t, n } => {
                let (t, n) = (*t as f64, *n as f64);
                Some(match unit {
                    ValueUnit::Percent => {
                        let p = t / n;
                        let z2 = Z * Z;
                        let denom = 1.0 + z2 / n;
                        let centre = (p + z2 / (2.0 * n)) / denom;
                        let half = Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
                        (100.0 * (centre - half), 100.0 * (centre + half))
                    }
                    ValueUnit::PerThousand => {
                        let half = Z * t.sqrt();
                        ((t - half).max(0.0) / n * 1000.0, (t + half) / n * 1000.0)
                    }
                })
            }
            Obs::Survey(s) => {
                let (_, sd) = self.mean_sd()?;
                let value = self.value(unit)?;
                let half = Z * sd / (s.n as f64).sqrt() * 100.0;
                Some(((value - half).clamp(0.0, 100.0), (value + half).clamp(0.0, 100.0)))
            }
        }
    }

    /// The value rounded to one decimal, half away from zero, in tenths. For counts the rounding
    /// is exact, from the integers (1799/2000 = 89.95 % rounds to 90.0).
    pub fn rounded_tenths(&self, unit: ValueUnit) -> Option<i64> {
        match self {
            Obs::Ratio { n: 0, .. } => None,
            Obs::Ratio { t, n } => {
                // tenths = 10 · scale · t / n, rounded half up (values are never negative).
                let num = 10 * unit.scale() as i128 * *t as i128;
                let n = *n as i128;
                Some(((2 * num + n) / (2 * n)) as i64)
            }
            Obs::Survey(_) => self.value(unit).map(|v| (v * 10.0).round() as i64),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Met,
    Partly,
    NotMet,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Met => "Uppfyllt",
            Outcome::Partly => "Delvis uppfyllt",
            Outcome::NotMet => "Ej uppfyllt",
        }
    }
}

/// Target outcome of a value shown with one decimal (given in tenths).
pub fn outcome(target: &Target, tenths: i64) -> Outcome {
    // Compare in tenths; the plan's thresholds may themselves have a decimal.
    let v = tenths as f64;
    let (goal, partly) = (target.value * 10.0, target.partly * 10.0);
    let eps = 1e-9;
    match target.direction {
        Direction::HigherIsBetter if v >= goal - eps => Outcome::Met,
        Direction::HigherIsBetter if v >= partly - eps => Outcome::Partly,
        Direction::LowerIsBetter if v <= goal + eps => Outcome::Met,
        Direction::LowerIsBetter if v <= partly + eps => Outcome::Partly,
        _ => Outcome::NotMet,
    }
}

/// *Säkert* (true) or *osäkert* (false) beside an outcome (`docs/computation.md` § Targets): the
/// whole 95 % interval, its bounds rounded to one decimal as shown, lies in the outcome's band.
pub fn certain(target: &Target, tenths: i64, (lo, hi): (f64, f64)) -> bool {
    let band = outcome(target, tenths);
    let tenths_of = |b: f64| (b * 10.0).round() as i64;
    outcome(target, tenths_of(lo)) == band && outcome(target, tenths_of(hi)) == band
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SexDifference {
    WomenHigher,
    MenHigher,
    NoClearDifference,
}

impl SexDifference {
    pub fn label(self) -> &'static str {
        match self {
            SexDifference::WomenHigher => "Kvinnor högre",
            SexDifference::MenHigher => "Män högre",
            SexDifference::NoClearDifference => "Ingen säker skillnad",
        }
    }
}

/// The test of `docs/computation.md` § Sex difference, between the Kvinnor and Män cells.
pub fn sex_difference(women: &Obs, men: &Obs, unit: ValueUnit) -> SexDifference {
    match z_difference(women, men, unit) {
        Some(z) if z > Z => SexDifference::WomenHigher,
        Some(z) if z < -Z => SexDifference::MenHigher,
        _ => SexDifference::NoClearDifference,
    }
}

/// A change against last year, as the reports may say it (`docs/computation.md` § Change
/// against last year): only these words describe a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Better,
    Worse,
    Higher,
    Lower,
    NoClearChange,
}

impl Change {
    pub fn label(self) -> &'static str {
        match self {
            Change::Better => "Förbättring",
            Change::Worse => "Försämring",
            Change::Higher => "Högre",
            Change::Lower => "Lägre",
            Change::NoClearChange => "Ingen säker förändring",
        }
    }
}

/// `a` minus `b` as the page shows them: each rounded to one decimal first, so the difference
/// adds up with the two figures beside it and a difference that rounds to nothing is `0,0`,
/// never `-0,0`. None when either has no value.
pub fn shown_difference(a: &Obs, b: &Obs, unit: ValueUnit) -> Option<f64> {
    Some((a.rounded_tenths(unit)? - b.rounded_tenths(unit)?) as f64 / 10.0)
}

/// This year's cell against last year's, with the tests of § Sex difference on the unrounded
/// counts; the direction (if any) turns a clear difference into better or worse.
pub fn change(now: &Obs, then: &Obs, unit: ValueUnit, direction: Option<Direction>) -> Change {
    let up = match z_difference(now, then, unit) {
        Some(z) if z > Z => true,
        Some(z) if z < -Z => false,
        _ => return Change::NoClearChange,
    };
    match (direction, up) {
        (Some(Direction::HigherIsBetter), true) | (Some(Direction::LowerIsBetter), false) => Change::Better,
        (Some(_), _) => Change::Worse,
        (None, true) => Change::Higher,
        (None, false) => Change::Lower,
    }
}

/// z of the difference a − b: pooled two-proportion test for shares, Poisson-normal for rates,
/// Welch-type for survey means. None when not computable or the standard error is zero.
fn z_difference(a: &Obs, b: &Obs, unit: ValueUnit) -> Option<f64> {
    let (women, men) = (a, b);
    match (women, men) {
        (Obs::Ratio { t: tk, n: nk }, Obs::Ratio { t: tm, n: nm }) => {
            let (tk, nk, tm, nm) = (*tk as f64, *nk as f64, *tm as f64, *nm as f64);
            match unit {
                ValueUnit::Percent => {
                    let p = (tk + tm) / (nk + nm);
                    let se = (p * (1.0 - p) * (1.0 / nk + 1.0 / nm)).sqrt();
                    (se > 0.0).then(|| (tk / nk - tm / nm) / se)
                }
                ValueUnit::PerThousand => {
                    let se = (tk / (nk * nk) + tm / (nm * nm)).sqrt();
                    (se > 0.0).then(|| (tk / nk - tm / nm) / se)
                }
            }
        }
        (Obs::Survey(sk), Obs::Survey(sm)) => match (women.mean_sd(), men.mean_sd()) {
            (Some((mk, sdk)), Some((mm, sdm))) => {
                let se = (sdk * sdk / sk.n as f64 + sdm * sdm / sm.n as f64).sqrt();
                (se > 0.0).then(|| (mk - mm) / se)
            }
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outcome_is_certain_when_both_bounds_fall_in_its_band() {
        let higher = Target { value: 90.0, partly: 80.0, direction: Direction::HigherIsBetter };
        // 75,0 % with 70,2–79,94: 79,94 rounds to 79,9 < 80 → both bounds Ej uppfyllt.
        assert!(certain(&higher, 750, (70.2, 79.94)));
        // 79,95 rounds to 80,0, which is Delvis uppfyllt: not certain.
        assert!(!certain(&higher, 750, (70.2, 79.95)));
        // Uppfyllt needs its lower bound ≥ 90,0 (rounded).
        assert!(certain(&higher, 950, (89.96, 99.0)));
        assert!(!certain(&higher, 950, (89.94, 99.0)));
        // Lower is better: Ej uppfyllt is above delvis (35); 40,0 % with 35,04–45 → 35,0 is Delvis.
        let lower = Target { value: 30.0, partly: 35.0, direction: Direction::LowerIsBetter };
        assert!(!certain(&lower, 400, (35.04, 45.0)));
        assert!(certain(&lower, 400, (35.06, 45.0)));
        // Delvis uppfyllt, higher is better: both bounds within 80,0–89,9 as shown.
        assert!(certain(&higher, 850, (80.0, 89.94)));
        assert!(!certain(&higher, 850, (79.94, 89.0)), "79,9 is Ej uppfyllt");
        assert!(!certain(&higher, 850, (81.0, 89.96)), "90,0 is Uppfyllt");
        // Uppfyllt, lower is better: the upper bound at most 30,0 as shown.
        assert!(certain(&lower, 250, (20.0, 30.04)));
        assert!(!certain(&lower, 250, (20.0, 30.06)), "30,1 is Delvis uppfyllt");
        // Delvis uppfyllt, lower is better: 30,1–35,0.
        assert!(certain(&lower, 330, (30.06, 35.04)));
        assert!(!certain(&lower, 330, (29.9, 35.04)), "29,9 is Uppfyllt");
    }

    #[test]
    fn change_against_last_year_by_hand() {
        let (now, then) = (Obs::Ratio { t: 90, n: 100 }, Obs::Ratio { t: 80, n: 100 });
        // Pooled p = 170/200 = 0.85; se = √(0.85·0.15·(1/100 + 1/100)) = 0.0504975;
        // z = (0.90 − 0.80)/0.0504975 = 1.980 > 1.959964.
        assert_eq!(change(&now, &then, ValueUnit::Percent, Some(Direction::HigherIsBetter)), Change::Better);
        assert_eq!(change(&now, &then, ValueUnit::Percent, Some(Direction::LowerIsBetter)), Change::Worse);
        assert_eq!(change(&now, &then, ValueUnit::Percent, None), Change::Higher);
        assert_eq!(change(&then, &now, ValueUnit::Percent, None), Change::Lower);
        // 88/100 against 80/100: p = 0.84, se = √(0.84·0.16·0.02) = 0.0518459, z = 1.543.
        let near = Obs::Ratio { t: 88, n: 100 };
        assert_eq!(change(&near, &then, ValueUnit::Percent, Some(Direction::HigherIsBetter)), Change::NoClearChange);
        // 34,0 % → 55,1 %: 17/50 against 27/49. p = 44/99 = 0.444444, se = √(p(1 − p)(1/49 + 1/50))
        // = 0.0998866, z = (0.551020 − 0.34)/0.0998866 = 2.113 > 1.96: a clear improvement.
        let (before, after) = (Obs::Ratio { t: 17, n: 50 }, Obs::Ratio { t: 27, n: 49 });
        assert_eq!(shown_difference(&after, &before, ValueUnit::Percent), Some(21.1));
        assert_eq!(change(&after, &before, ValueUnit::Percent, Some(Direction::HigherIsBetter)), Change::Better);
        // The same figures per 1000 (17 per 500 → 27 per 490): se = √(17/500² + 27/490²) = 0.0134331,
        // z = (0.0551020 − 0.034)/0.0134331 = 1.571: the words must come from the test, not the size.
        let (before, after) = (Obs::Ratio { t: 17, n: 500 }, Obs::Ratio { t: 27, n: 490 });
        assert_eq!(shown_difference(&after, &before, ValueUnit::PerThousand), Some(21.1));
        assert_eq!(change(&after, &before, ValueUnit::PerThousand, Some(Direction::HigherIsBetter)), Change::NoClearChange);
        // A zero standard error (0 of 50 both years) is no clear change.
        let zero = Obs::Ratio { t: 0, n: 50 };
        assert_eq!(change(&zero, &zero, ValueUnit::Percent, None), Change::NoClearChange);
    }

    #[test]
    fn a_change_is_the_difference_of_the_figures_as_shown() {
        // 80,04 % shows as 80,0 and 80,0 % as 80,0: the change is 0,0 where the raw difference
        // +0,04 would print as +0,0.
        let (now, then) = (Obs::Ratio { t: 2001, n: 2500 }, Obs::Ratio { t: 800, n: 1000 });
        assert_eq!(shown_difference(&now, &then, ValueUnit::Percent), Some(0.0));
        // 80,04 % (80,0) against 80,06 % (80,1): −0,1 as the reader subtracts, where the raw −0,02
        // would print as −0,0.
        let then = Obs::Ratio { t: 4003, n: 5000 };
        assert_eq!(shown_difference(&now, &then, ValueUnit::Percent), Some(-0.1));
        // No value (n = 0) gives no difference.
        assert_eq!(shown_difference(&now, &Obs::Ratio { t: 0, n: 0 }, ValueUnit::Percent), None);
    }
}
