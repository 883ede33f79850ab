//! The entities of a report table (`docs/computation.md` § Entities): every unit whose validity overlaps
//! the period, by HSA-id in byte order, then `LÄNET`, the `OMRÅDE:` aggregates by name,
//! `REGI:Privat` and `REGI:Region`.

use std::collections::BTreeSet;

use crate::input::{Regi, Units};

use super::period::Period;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntityKind {
    /// Index into `Units::list`.
    Unit(usize),
    County,
    Area(String),
    Regi(Regi),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    /// Positions (in the entity list) of the member units; empty for a unit.
    pub members: Vec<usize>,
}

impl Entity {
    pub fn is_unit(&self) -> bool {
        matches!(self.kind, EntityKind::Unit(_))
    }
}

pub fn entities(units: &Units, period: Period) -> Vec<Entity> {
    let (start, end) = (period.start_date(), period.end_date());
    let mut out: Vec<Entity> = units
        .list
        .iter()
        .enumerate()
        .filter(|(_, u)| u.overlaps(start, end))
        .map(|(i, u)| Entity { id: u.hsa_id.clone(), name: u.name.clone(), kind: EntityKind::Unit(i), members: vec![] })
        .collect();
    let unit_count = out.len();
    let members_where = |pred: &dyn Fn(usize) -> bool| -> Vec<usize> {
        (0..unit_count).filter(|&p| pred(p)).collect()
    };
    let unit_of = |p: usize| match out[p].kind {
        EntityKind::Unit(i) => &units.list[i],
        _ => unreachable!("the first entities are units"),
    };
    let mut aggregates = vec![Entity {
        id: "LÄNET".into(),
        name: "Länet totalt".into(),
        kind: EntityKind::County,
        members: (0..unit_count).collect(),
    }];
    let areas: BTreeSet<&str> = (0..unit_count).map(|p| unit_of(p).area.as_str()).collect();
    for area in areas {
        aggregates.push(Entity {
            id: format!("OMRÅDE:{area}"),
            name: format!("Område {area}"),
            kind: EntityKind::Area(area.to_string()),
            members: members_where(&|p| unit_of(p).area == area),
        });
    }
    for (regi, name) in [(Regi::Privat, "Privat primärvård"), (Regi::Region, "Regiondriven primärvård")] {
        aggregates.push(Entity {
            id: format!("REGI:{}", regi.label()),
            name: name.into(),
            kind: EntityKind::Regi(regi),
            members: members_where(&|p| unit_of(p).regi == regi),
        });
    }
    out.extend(aggregates);
    out
}
