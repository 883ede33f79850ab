//! Comparison with the county (`docs/computation.md` § Comparison with the county): control
//! limits around `LÄNET`'s value for a unit of n observations, and where a unit lies against
//! them. The limits say what chance alone gives; the words say where a unit lies, not whether
//! that is good.

use super::values::{Obs, Z};
use crate::plan::ValueUnit;

/// z for the 99.8 % control limits (two-sided).
pub const Z_998: f64 = 3.090232;

/// The county's centre line and spread for one indicator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Funnel {
    unit: ValueUnit,
    spread: Spread,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Spread {
    /// A share p̄ = t/n.
    Share(f64),
    /// A rate λ̄ = t/n, events per person.
    Rate(f64),
    /// A survey's mean score m̄ and the sample standard deviation s of its respondents' scores.
    Survey { mean: f64, sd: f64 },
}

/// Where a unit lies against the county's 99.8 % limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Above,
    Below,
    Within,
}

impl Position {
    pub fn label(self) -> &'static str {
        match self {
            Position::Above => "Över länet",
            Position::Below => "Under länet",
            Position::Within => "Inom förväntat",
        }
    }
}

impl Funnel {
    /// From `LÄNET`'s `Totalt` observation; None without observations (a survey needs two
    /// respondents for a standard deviation).
    pub fn of(county: &Obs, unit: ValueUnit) -> Option<Funnel> {
        let spread = match county {
            Obs::Ratio { n: 0, .. } => return None,
            Obs::Ratio { t, n } => {
                let ratio = *t as f64 / *n as f64;
                match unit {
                    ValueUnit::Percent => Spread::Share(ratio),
                    ValueUnit::PerThousand => Spread::Rate(ratio),
                }
            }
            Obs::Survey { .. } => {
                let (mean, sd) = county.mean_sd()?;
                Spread::Survey { mean, sd }
            }
        };
        Some(Funnel { unit, spread })
    }

    /// The county's value, as values are shown (0–100, or per 1000).
    pub fn centre(&self) -> f64 {
        match self.spread {
            Spread::Share(p) => 100.0 * p,
            Spread::Rate(l) => 1000.0 * l,
            Spread::Survey { mean, .. } => 100.0 * mean,
        }
    }

    /// The control limits for a unit of `n` observations at `z`, unclamped.
    pub fn limits(&self, n: f64, z: f64) -> (f64, f64) {
        let half = match self.spread {
            Spread::Share(p) => 100.0 * z * (p * (1.0 - p) / n).sqrt(),
            Spread::Rate(l) => 1000.0 * z * (l / n).sqrt(),
            Spread::Survey { sd, .. } => 100.0 * z * sd / n.sqrt(),
        };
        (self.centre() - half, self.centre() + half)
    }

    /// The limits as drawn: within 0–100 for shares and surveys, from 0 for rates.
    pub fn drawn_limits(&self, n: f64, z: f64) -> (f64, f64) {
        let (lo, hi) = self.limits(n, z);
        match self.unit {
            ValueUnit::Percent => (lo.clamp(0.0, 100.0), hi.clamp(0.0, 100.0)),
            ValueUnit::PerThousand => (lo.max(0.0), hi.max(0.0)),
        }
    }

    /// A unit's position from its unrounded value and its n, against the 99.8 % limits.
    pub fn position(&self, value: f64, n: f64) -> Position {
        let (lo, hi) = self.limits(n, Z_998);
        if value > hi {
            Position::Above
        } else if value < lo {
            Position::Below
        } else {
            Position::Within
        }
    }

    /// The 95 % limits, for the inner lines of the plot.
    pub fn limits_95(&self, n: f64) -> (f64, f64) {
        self.drawn_limits(n, Z)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn share_limits_by_hand() {
        // County 800 of 1000: p̄ = 0.8. A unit of n = 100: √(0.8·0.2/100) = 0.04.
        // 95 %: 80 ± 1.959964·4 = 72.160144 … 87.839856; 99.8 %: 80 ± 3.090232·4 = 67.639072 … 92.360928.
        let f = Funnel::of(&Obs::Ratio { t: 800, n: 1000 }, ValueUnit::Percent).unwrap();
        close(f.centre(), 80.0);
        let (lo, hi) = f.limits(100.0, Z);
        close(lo, 72.160144);
        close(hi, 87.839856);
        let (lo, hi) = f.limits(100.0, Z_998);
        close(lo, 67.639072);
        close(hi, 92.360928);
        assert_eq!(f.position(92.4, 100.0), Position::Above);
        assert_eq!(f.position(92.3, 100.0), Position::Within);
        assert_eq!(f.position(67.6, 100.0), Position::Below);
        // Drawn within 0–100: at n = 1 the upper limit 80 + 3.090232·40 = 203.6 is drawn at 100.
        assert_eq!(f.drawn_limits(1.0, Z_998).1, 100.0);
    }

    #[test]
    fn rate_limits_by_hand() {
        // County 50 events per 10 000 persons: λ̄ = 0.005, 5 per 1000. A unit of 2 000 persons:
        // √(0.005/2000) = 0.00158113883; 99.8 %: 1000·(0.005 ± 3.090232·0.00158113883)
        // = 5 ± 4.88608581 → 0.11391419 … 9.88608581.
        let f = Funnel::of(&Obs::Ratio { t: 50, n: 10_000 }, ValueUnit::PerThousand).unwrap();
        close(f.centre(), 5.0);
        let (lo, hi) = f.limits(2000.0, Z_998);
        assert!((lo - 0.11391419).abs() < 1e-8, "{lo}");
        assert!((hi - 9.88608581).abs() < 1e-8, "{hi}");
        // At n = 200 the lower limit is below 0 and is drawn at 0.
        assert_eq!(f.drawn_limits(200.0, Z_998).0, 0.0);
    }

    #[test]
    fn survey_limits_by_hand() {
        // County scores 1, 1, 0, 0.5: mean 0.625; deviations 0.375, 0.375, −0.625, −0.125;
        // squares 0.140625 + 0.140625 + 0.390625 + 0.015625 = 0.6875; s² = 0.6875/3,
        // s = 0.478713. A unit of n = 4: 95 %: 62.5 ± 100·1.959964·0.478713/2 = 62.5 ± 46.913.
        let f = Funnel::of(&Obs::survey(vec![1.0, 1.0, 0.0, 0.5]), ValueUnit::Percent).unwrap();
        close(f.centre(), 62.5);
        let s = (0.6875f64 / 3.0).sqrt();
        let (lo, hi) = f.limits(4.0, Z);
        close(hi - 62.5, 100.0 * 1.959964 * s / 2.0);
        close(62.5 - lo, 100.0 * 1.959964 * s / 2.0);
        assert!(Funnel::of(&Obs::survey(vec![1.0]), ValueUnit::Percent).is_none());
        assert!(Funnel::of(&Obs::Ratio { t: 0, n: 0 }, ValueUnit::Percent).is_none());
    }
}
