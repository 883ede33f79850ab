//! The patient survey's response rate, svarsfrekvens (`docs/computation.md` § Response rate):
//! accepted respondents of the survey year used as a share of the persons sampled, per entity and
//! sex. It describes the survey behind every NPE figure of the entity; it is not a cell of its own.

use std::collections::HashMap;

use super::{EntityKind, PeriodTable};
use crate::cell::{EntityIx, Sex};
use crate::input::codes::SexCode;
use crate::input::Inputs;

/// Respondents and persons sampled behind one entity's and sex's NPE figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResponseRate {
    pub respondents: u64,
    pub sampled: u64,
}

impl ResponseRate {
    /// 100 · respondents / sampled (sampled is never 0 here).
    pub fn percent(self) -> f64 {
        100.0 * self.respondents as f64 / self.sampled as f64
    }
}

/// Response rates of `table`'s survey year by entity and sex. A unit has a rate for a sex when
/// the sampled counts give that sex (Totalt: its row for all, or its Kvinnor and Män rows); an
/// aggregate pools respondents and sampled persons over its member units that have one, so a
/// unit without sampled counts takes no part on either side. No rate where nobody was sampled.
pub fn response_rates(inputs: &Inputs, table: &PeriodTable) -> HashMap<(EntityIx, Sex), ResponseRate> {
    let mut rates = HashMap::new();
    let Some(year) = table.survey_year else { return rates };
    if !inputs.sampled.given {
        return rates;
    }
    // Accepted respondents of the year by unit index and sex column (Totalt: all of them).
    let r = &inputs.respondents;
    let mut respondents: HashMap<(u32, Sex), u64> = HashMap::new();
    for i in (0..r.len()).filter(|&i| r.year[i] == year) {
        *respondents.entry((r.unit[i], Sex::Total)).or_default() += 1;
        match r.sex[i] {
            SexCode::Women => *respondents.entry((r.unit[i], Sex::Women)).or_default() += 1,
            SexCode::Men => *respondents.entry((r.unit[i], Sex::Men)).or_default() += 1,
            SexCode::Unknown => {}
        }
    }
    let unit_of = |e: usize| match table.entities[e].kind {
        EntityKind::Unit(u) => Some(u as u32),
        _ => None,
    };
    for (e, entity) in table.entities.iter().enumerate() {
        let members: Vec<u32> = match entity.kind {
            EntityKind::Unit(u) => vec![u as u32],
            _ => entity.members.iter().filter_map(|&m| unit_of(m)).collect(),
        };
        for sex in Sex::ALL {
            let (mut answered, mut sampled, mut any) = (0u64, 0u64, false);
            for &u in &members {
                if let Some(s) = inputs.sampled.of(u, year, sex) {
                    any = true;
                    sampled += s;
                    answered += respondents.get(&(u, sex)).copied().unwrap_or(0);
                }
            }
            if any && sampled > 0 {
                rates.insert((EntityIx(e), sex), ResponseRate { respondents: answered, sampled });
            }
        }
    }
    rates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_is_respondents_over_sampled() {
        assert_eq!(ResponseRate { respondents: 45, sampled: 120 }.percent(), 37.5);
    }
}
