//! Small-cell suppression (`docs/computation.md` § Suppression): primary suppression of cells with
//! 0 < n < min_n, then secondary suppression in passes until nothing changes, so that no hidden
//! cell can be computed back through any *one* of the sums the report shows: the sexes within an
//! entity (A), units within an aggregate (B), aggregates within the county (C), and for flow
//! indicators the months within the period (D). A cell an earlier report of the year published
//! keeps its status.
//!
//! Works on counts only (n per entity and sex), so the rules can be tested without any input.

use crate::cell::{BySex, Sex};

pub mod audit;
mod echelon;
mod interval;

pub use audit::Summary;

pub use clock::{spent, Clock};

/// Time spent deciding statuses, summed over threads: `benches/pipeline.rs` reports it as its own
/// phase. A counter rather than a return value, so the computation's signatures stay as they are.
mod clock {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::{Duration, Instant};

    static NANOS: AtomicU64 = AtomicU64::new(0);

    /// Measures from its creation until it is dropped.
    pub struct Clock(Instant);

    impl Clock {
        pub fn start() -> Clock {
            Clock(Instant::now())
        }
    }

    impl Drop for Clock {
        fn drop(&mut self) {
            let nanos = u64::try_from(self.0.elapsed().as_nanos()).unwrap_or(u64::MAX);
            NANOS.fetch_add(nanos, Ordering::Relaxed);
        }
    }

    /// The time measured so far in this process.
    pub fn spent() -> Duration {
        Duration::from_nanos(NANOS.load(Ordering::Relaxed))
    }
}

/// Whether a cell is shown, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Shown,
    Primary,
    Secondary,
    /// Secondary, hidden by rule A only because an aggregate's unknown-sex group is small: the
    /// reports say so. `Data` keeps the contract's word for it (`sekundärt undertryckt`); the
    /// reason tells that 1 ≤ n ≤ min_n − 1 for that group, and the audit takes it as a bound.
    ForUnknownSex,
    NoData,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Shown => "visas",
            Status::Primary => "undertryckt",
            Status::Secondary | Status::ForUnknownSex => "sekundärt undertryckt",
            Status::NoData => "ingen data",
        }
    }
    pub fn is_hidden(self) -> bool {
        matches!(self, Status::Primary | Status::Secondary | Status::ForUnknownSex)
    }
    /// Hidden to protect another hidden figure (the bound it reveals is n ≥ min_n).
    pub fn is_secondary(self) -> bool {
        matches!(self, Status::Secondary | Status::ForUnknownSex)
    }
}

/// One indicator's table for one period, reduced to what suppression needs.
#[derive(Debug, Clone)]
pub struct Grid {
    /// n of each entity's Kvinnor, Män, Totalt cells (entity order as in the report).
    pub n: Vec<BySex<u64>>,
    /// n of each entity's unknown-sex group (never published).
    pub unknown: Vec<u64>,
    pub by_sex: bool,
    pub min_n: u64,
    /// Number of leading entities that are units (rule A runs over every entity in order).
    /// Rule B: (aggregate, its member units sorted by id), in the order of `docs/computation.md`.
    pub unit_groups: Vec<(usize, Vec<usize>)>,
    /// Rule C: (`LÄNET`, the `OMRÅDE:` aggregates), then (`LÄNET`, the `REGI:` aggregates).
    pub county_groups: Vec<(usize, Vec<usize>)>,
}

/// A cell hidden for an unknown-sex group says so when its n is at least this many times min_n:
/// the reports then tell n ≥ 2 · min_n of it and 1 ≤ n ≤ min_n − 1 of the group, which leave its
/// value min_n − 1 or more possibilities within the sexes' sum (the audit checks the rest).
pub const LARGE: u64 = 2;

fn primary(n: u64, min_n: u64) -> Status {
    match n {
        0 => Status::NoData,
        n if n < min_n => Status::Primary,
        _ => Status::Shown,
    }
}

/// Statuses that an earlier report of the year published, per table, entity and sex: such a
/// cell keeps its status (`docs/computation.md` § Suppression). Empty: nothing published yet.
#[derive(Debug, Clone, Default)]
pub struct Fixed(pub Vec<Vec<BySex<Option<Status>>>>);

impl Fixed {
    fn get(&self, t: usize, e: usize, s: Sex) -> Option<Status> {
        self.0
            .get(t)
            .and_then(|table| table.get(e))
            .and_then(|row| row[s])
    }
}

/// A part of a whole: a published cell (table, entity, sex), or an entity's unpublished
/// unknown-sex group in a table.
#[derive(Clone, Copy)]
enum Part {
    Cell(usize, usize, Sex),
    Unknown(usize, usize),
}

/// One table alone, nothing published before it.
pub fn suppress(grid: &Grid) -> Vec<BySex<Status>> {
    suppress_tables(std::slice::from_ref(grid), false, &Fixed::default()).remove(0)
}

/// The tables of one indicator and year decided together: `tables[0]` the period table, then
/// the tables published with it (months, or survey years) in the order the passes take them.
/// With `period_is_sum` (flow indicators) relation D joins each period cell to its months: the
/// period cell is the whole, the same entity and sex in every other table its parts.
pub fn suppress_tables(
    tables: &[Grid],
    period_is_sum: bool,
    fixed: &Fixed,
) -> Vec<Vec<BySex<Status>>> {
    let mut status: Vec<Vec<BySex<Status>>> = tables
        .iter()
        .enumerate()
        .map(|(t, grid)| {
            grid.n
                .iter()
                .enumerate()
                .map(|(e, n)| {
                    let mut row = BySex([Status::NoData; 3]);
                    for &s in Sex::published(grid.by_sex) {
                        row[s] = fixed
                            .get(t, e, s)
                            .unwrap_or_else(|| primary(n[s], grid.min_n));
                    }
                    row
                })
                .collect()
        })
        .collect();
    let mut rel = Relations {
        tables,
        fixed,
        status: &mut status,
    };
    loop {
        let mut changed = false;
        for (t, grid) in tables.iter().enumerate() {
            let sexes = Sex::published(grid.by_sex);
            if grid.by_sex {
                for e in 0..grid.n.len() {
                    let parts = [
                        Part::Cell(t, e, Sex::Women),
                        Part::Cell(t, e, Sex::Men),
                        Part::Unknown(t, e),
                    ];
                    changed |= rel.protect((t, e, Sex::Total), &parts);
                }
            }
            for groups in [&grid.unit_groups, &grid.county_groups] {
                for (whole, members) in groups.iter() {
                    for &s in sexes {
                        let parts: Vec<Part> =
                            members.iter().map(|&m| Part::Cell(t, m, s)).collect();
                        changed |= rel.protect((t, *whole, s), &parts);
                    }
                }
            }
        }
        if period_is_sum && tables.len() > 1 {
            let period = &tables[0];
            for e in 0..period.n.len() {
                for &s in Sex::published(period.by_sex) {
                    let parts: Vec<Part> = (1..tables.len()).map(|t| Part::Cell(t, e, s)).collect();
                    changed |= rel.protect((0, e, s), &parts);
                }
            }
        }
        if !changed {
            // The reason is told for large cells of the aggregates of the period table only,
            // where it keeps a total of thousands from looking like a small one. Elsewhere the
            // cell says `..` as any secondary cell: the bounds the reason reveals (the audit
            // takes them) cost the units, the months and small aggregates cells, and would tell
            // their readers little.
            for (t, table) in status.iter_mut().enumerate() {
                let aggregates: Vec<usize> = tables[t]
                    .unit_groups
                    .iter()
                    .chain(&tables[t].county_groups)
                    .map(|(whole, _)| *whole)
                    .collect();
                for (e, row) in table.iter_mut().enumerate() {
                    let told = t == 0 && aggregates.contains(&e);
                    for (s, status) in Sex::ALL.into_iter().zip(row.0.iter_mut()) {
                        if *status == Status::ForUnknownSex && !(told && tables[t].n[e][s] >= LARGE * tables[t].min_n) {
                            *status = Status::Secondary;
                        }
                    }
                }
            }
            return status;
        }
    }
}

struct Relations<'a> {
    tables: &'a [Grid],
    fixed: &'a Fixed,
    status: &'a mut Vec<Vec<BySex<Status>>>,
}

impl Relations<'_> {
    /// One relation: if exactly one counted part of a shown whole is hidden, hide one more part
    /// (the shown cell with the smallest n that no earlier report published; ties go to the
    /// earlier part), or else the whole, unless an earlier report published the whole too.
    fn protect(&mut self, whole: (usize, usize, Sex), parts: &[Part]) -> bool {
        let (tables, status) = (self.tables, &mut *self.status);
        if status[whole.0][whole.1][whole.2] != Status::Shown {
            return false;
        }
        let state = |p: &Part| match *p {
            Part::Cell(t, e, s) => status[t][e][s],
            // The unknown-sex group is never published: hidden when small, "shown" when large.
            Part::Unknown(t, e) => primary(tables[t].unknown[e], tables[t].min_n),
        };
        let mut hidden = parts.iter().filter(|p| state(p).is_hidden());
        let (Some(only), None) = (hidden.next(), hidden.next()) else {
            return false;
        };
        let secondary = match only {
            Part::Unknown(..) => Status::ForUnknownSex,
            Part::Cell(..) => Status::Secondary,
        };
        let candidate = parts
            .iter()
            .filter_map(|p| match *p {
                Part::Cell(t, e, s)
                    if status[t][e][s] == Status::Shown && self.fixed.get(t, e, s).is_none() =>
                {
                    Some((tables[t].n[e][s], t, e, s))
                }
                _ => None,
            })
            .enumerate()
            .min_by_key(|(order, (n, ..))| (*n, *order))
            .map(|(_, c)| c);
        match candidate {
            Some((_, t, e, s)) => status[t][e][s] = secondary,
            None if self.fixed.get(whole.0, whole.1, whole.2).is_none() => {
                status[whole.0][whole.1][whole.2] = secondary
            }
            // Everything in the relation is public already: nothing left to hide here.
            None => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests;
