//! The audit of `docs/computation.md` § Suppression 4–5: everything one indicator's year publishes,
//! taken together, as equations over the unpublished counts (each unit's n per point — month,
//! status month or survey year — and group — Kvinnor, Män and the unknown-sex group, or one
//! group when the indicator is not split by sex). A hidden cell, or a small unknown-sex group,
//! whose sum is a combination of published sums can be computed back: it is *disclosed*, and one
//! more cell that takes part in the combination is hidden, until no hidden figure is disclosed.
//!
//! The t of a cell is the same sum over the same counts as its n, and every published cell
//! gives both (a cell with no data has t = 0 as it has n = 0), so one row space decides n and t.

use std::collections::{BTreeMap, BTreeSet};

use super::echelon::{Echelon, Overflow};
use super::interval::{self, Reach};
use super::{Fixed, Status};
use crate::cell::{BySex, Sex};

/// The unit-level counts: index `(unit · points + point) · groups + group`.
#[derive(Debug, Clone)]
pub struct Counts {
    pub units: usize,
    pub points: usize,
    /// 3 (Kvinnor, Män, unknown sex) when split by sex, else 1.
    pub groups: usize,
    pub n: Vec<u64>,
    /// Each count's t (a survey t is a sum of scores), and whole numbers at or below and at or
    /// above it: the interval audit moves t with n and keeps 0 ≤ t.
    pub t_value: Vec<f64>,
    pub t: Vec<(u64, u64)>,
    /// t as a fraction (numerator, denominator) where the float is one, within 1e-9, with a
    /// denominator up to 10,000 (a survey's decimal scores); else the whole numbers above.
    pub t_exact: Vec<Option<(i128, i128)>>,
    /// Whether t ≤ n binds: not for a `per 1000` indicator, which may count more events than
    /// persons.
    pub t_below_n: bool,
}

impl Counts {
    pub fn new(units: usize, points: usize, by_sex: bool) -> Counts {
        let groups = if by_sex { 3 } else { 1 };
        Counts {
            units,
            points,
            groups,
            n: vec![0; units * points * groups],
            t_value: vec![0.0; units * points * groups],
            t: vec![(0, 0); units * points * groups],
            t_exact: vec![Some((0, 1)); units * points * groups],
            t_below_n: true,
        }
    }
    pub fn index(&self, unit: usize, point: usize, group: usize) -> usize {
        (unit * self.points + point) * self.groups + group
    }
    pub fn set(&mut self, unit: usize, point: usize, group: usize, n: u64) {
        let i = self.index(unit, point, group);
        self.n[i] = n;
    }
    /// The count's t (set after its n and `t_below_n`).
    pub fn set_t(&mut self, unit: usize, point: usize, group: usize, t: f64) {
        let i = self.index(unit, point, group);
        let t = t.max(0.0);
        // A hair inside, so that a float sum of whole scores stays that whole number.
        let (low, high) = ((t + 1e-9).floor() as u64, (t - 1e-9).ceil() as u64);
        let high = if self.t_below_n {
            high.min(self.n[i])
        } else {
            high
        };
        self.t_value[i] = t;
        self.t[i] = (low.min(high), high);
        self.t_exact[i] = super::interval::fraction(t, 10_000, 1e-9)
            .filter(|&(p, q)| !self.t_below_n || p <= self.n[i] as i128 * q);
    }
}

/// One published table: the points it sums, and each entity's member units.
#[derive(Debug, Clone)]
pub struct Table {
    pub points: Vec<usize>,
    pub members: Vec<Vec<usize>>,
    /// A table of this report, whose cells may still be hidden; an earlier report's table is
    /// published as it stands.
    pub own: bool,
}

/// What the audit did to one indicator's year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Hidden figures checked: hidden cells and small unknown-sex groups, in every table.
    pub checked: usize,
    /// Of those, how many can be computed back from figures that were public already — the
    /// earlier reports' and the months with no data — so that no cell of this report could
    /// protect them (for example a January–August cell equal to the January–April one shown
    /// before, the months since having no rows).
    pub public: usize,
    /// Hidden figures left that the audit found computable otherwise: none when it ends.
    pub disclosed: usize,
    /// Cells the audit hid beyond the rules, and of those, how many in the period table.
    pub extra: usize,
    pub extra_period: usize,
    /// Of the extra cells, those hidden because the bounds the statuses reveal pinned a figure.
    pub bounded: usize,
    /// Cells the temporal guard hid.
    pub guard: usize,
    /// Secondary cells of this report's tables after the rules, before the guard and the audit.
    pub secondary: usize,
}

/// What is checked: a cell (sex 0–2 as `Sex`) or an entity's unknown-sex group (3).
pub(super) type Key = (usize, usize, usize);
pub(super) const UNKNOWN: usize = 3;

fn sex_of(code: usize) -> Sex {
    Sex::ALL[code]
}

/// For each sex code of one entity in one table: the counts its cell sums, and its n.
type CellSums = [(Vec<usize>, u64); 4];

pub(super) struct Model<'a> {
    pub(super) counts: &'a Counts,
    pub(super) tables: &'a [Table],
    pub(super) by_sex: bool,
    pub(super) min_n: u64,
    /// Per table and entity, per sex code: the counts the cell sums, and its n.
    cells: Vec<Vec<CellSums>>,
}

impl<'a> Model<'a> {
    pub(super) fn new(counts: &'a Counts, tables: &'a [Table], by_sex: bool, min_n: u64) -> Model<'a> {
        let groups = |code: usize| -> &'static [usize] {
            match (by_sex, code) {
                (false, 2) => &[0],
                (false, _) => &[],
                (true, 0) => &[0],
                (true, 1) => &[1],
                (true, 2) => &[0, 1, 2],
                (true, _) => &[2],
            }
        };
        // The counts a cell sums, leaving out unknown-sex groups without rows: they are no
        // unknowns (`docs/computation.md` counts them only where there are rows of unknown sex).
        let cell = |table: &Table, e: usize, code: usize| -> (Vec<usize>, u64) {
            let mut out = Vec::new();
            for &u in &table.members[e] {
                for &p in &table.points {
                    for &g in groups(code) {
                        let i = counts.index(u, p, g);
                        if g < 2 || counts.n[i] > 0 {
                            out.push(i);
                        }
                    }
                }
            }
            out.sort_unstable();
            let n = out.iter().map(|&i| counts.n[i]).sum();
            (out, n)
        };
        let cells = tables
            .iter()
            .map(|table| {
                (0..table.members.len())
                    .map(|e| std::array::from_fn(|code| cell(table, e, code)))
                    .collect()
            })
            .collect();
        Model {
            counts,
            tables,
            by_sex,
            min_n,
            cells,
        }
    }

    pub(super) fn cell(&self, (t, e, code): Key) -> &[usize] {
        &self.cells[t][e][code].0
    }

    pub(super) fn n(&self, (t, e, code): Key) -> u64 {
        self.cells[t][e][code].1
    }

    /// Every cell and small unknown-sex group to check, in the order disclosed cells are taken.
    #[allow(clippy::needless_range_loop)]
    fn checks(&self, status: &[Vec<BySex<Status>>]) -> Vec<Key> {
        let mut out = Vec::new();
        for (t, table) in self.tables.iter().enumerate() {
            for e in 0..table.members.len() {
                for &s in Sex::published(self.by_sex) {
                    if status[t][e][s].is_hidden() {
                        out.push((t, e, s as usize));
                    }
                }
                if self.by_sex {
                    let n = self.n((t, e, UNKNOWN));
                    if n > 0 && n < self.min_n {
                        out.push((t, e, UNKNOWN));
                    }
                }
            }
        }
        out
    }
}

/// The published equations of the current statuses, over the counts not published directly.
pub(super) struct System {
    /// Count index → column, for the counts no published cell gives alone.
    pub(super) free: Vec<Option<usize>>,
    /// Count index → the first published cell that gives it alone.
    pub(super) known: Vec<Option<Key>>,
    rows: Vec<Key>,
    pub(super) echelon: Echelon,
}

#[allow(clippy::needless_range_loop)]
pub(super) fn system(model: &Model, status: &[Vec<BySex<Status>>]) -> Result<System, Overflow> {
    let mut published: Vec<Key> = Vec::new();
    for (t, table) in model.tables.iter().enumerate() {
        for e in 0..table.members.len() {
            for &s in Sex::published(model.by_sex) {
                if matches!(status[t][e][s], Status::Shown | Status::NoData) {
                    published.push((t, e, s as usize));
                }
            }
        }
    }
    let size = model.counts.n.len();
    let mut known = vec![None; size];
    for &key in &published {
        if let [only] = model.cell(key)[..] {
            known[only].get_or_insert(key);
        }
    }
    // Short sums first: they keep the echelon rows short.
    let mut rows: Vec<(Key, Vec<usize>)> = Vec::new();
    let mut free = vec![None; size];
    let mut columns = 0;
    for &key in &published {
        let cols: Vec<usize> = model
            .cell(key)
            .iter()
            .copied()
            .filter(|&i| known[i].is_none())
            .collect();
        if cols.is_empty() {
            continue;
        }
        for &i in &cols {
            if free[i].is_none() {
                free[i] = Some(columns);
                columns += 1;
            }
        }
        rows.push((key, cols));
    }
    rows.sort_by_key(|(key, cols)| (cols.len(), *key));
    let mut echelon = Echelon::new(columns);
    for (r, (_, cols)) in rows.iter().enumerate() {
        let mut mapped: Vec<usize> = cols
            .iter()
            .map(|&i| free[i].expect("a free count"))
            .collect();
        mapped.sort_unstable();
        echelon.insert(r, &mapped)?;
    }
    Ok(System {
        free,
        known,
        rows: rows.into_iter().map(|(k, _)| k).collect(),
        echelon,
    })
}

impl System {
    /// The published cells that take part in computing `key` back, if it can be: the rows of
    /// its certificate and the cells giving a count alone whose coefficient does not cancel.
    fn disclosure(&self, model: &Model, key: Key) -> Result<Option<Vec<Key>>, Overflow> {
        let cell = model.cell(key);
        let mut cols = Vec::new();
        for &i in cell {
            match self.free[i] {
                Some(c) => cols.push(c),
                None if self.known[i].is_some() => {}
                // A count in no published cell at all: nothing can fix it.
                None => return Ok(None),
            }
        }
        cols.sort_unstable();
        let (alpha, weights) = if cols.is_empty() {
            (1, Vec::new())
        } else {
            match self.echelon.certificate(&cols)? {
                Some(c) => (c.alpha, c.weights),
                None => return Ok(None),
            }
        };
        // α · cell = Σ w_r · row_r + Σ λ_x · (count x alone): λ_x = α·[x ∈ cell] − Σ w_r·[x ∈ row_r].
        let mut lambda: BTreeMap<usize, i128> = BTreeMap::new();
        for &i in cell {
            if self.known[i].is_some() {
                *lambda.entry(i).or_default() += alpha;
            }
        }
        let mut parts = Vec::new();
        for &(r, w) in &weights {
            let row = self.rows[r];
            parts.push(row);
            for &i in model.cell(row) {
                if self.known[i].is_some() {
                    let l = lambda.entry(i).or_default();
                    *l = l.checked_sub(w).ok_or(Overflow)?;
                }
            }
        }
        parts.extend(
            lambda
                .into_iter()
                .filter(|&(_, l)| l != 0)
                .filter_map(|(i, _)| self.known[i]),
        );
        Ok(Some(parts))
    }
}

/// Runs the temporal guard and then the audit over one indicator's year, changing `status` in
/// place: `status` holds every table's statuses (tables in the order disclosed cells are taken),
/// `fixed` the cells of own tables that an earlier report published, which keep their status,
/// and `earlier` the earlier reports' period tables among `tables`, each with its entities'
/// positions in the period table 0.
pub fn protect(
    counts: &Counts,
    tables: &[Table],
    by_sex: bool,
    min_n: u64,
    status: &mut [Vec<BySex<Status>>],
    fixed: &Fixed,
    earlier: &[(usize, Vec<Option<usize>>)],
) -> Result<Summary, Overflow> {
    let model = Model::new(counts, tables, by_sex, min_n);
    let guarded = guard(&model, status, earlier);
    let mut summary = settle(&model, status, fixed)?;
    summary.guard = guarded;
    Ok(summary)
}

/// Hides cells until no hidden figure of the model's tables can be computed back from the rest.
fn settle(
    model: &Model,
    status: &mut [Vec<BySex<Status>>],
    fixed: &Fixed,
) -> Result<Summary, Overflow> {
    let tables = model.tables;
    // Hiding a cell only takes an equation away: a figure that cannot be computed back stays
    // so, and is not checked again.
    let mut safe: BTreeSet<Key> = BTreeSet::new();
    let mut public: BTreeSet<Key> = BTreeSet::new();
    let mut summary = Summary::default();
    let reach = Reach::new(model);
    // Figures a witness moves by a whole unit within the bounds (they stay so, as hiding a
    // cell only widens what the figures could be), and figures no witness moves and no cell of
    // this report could free.
    let mut wide: BTreeSet<Key> = BTreeSet::new();
    let mut pinned: BTreeSet<Key> = BTreeSet::new();
    let open = |(t, e, code): Key| tables[t].own && fixed.get(t, e, sex_of(code)).is_none();
    loop {
        let sys = system(model, status)?;
        // The cells hidden in this pass. A certificate found before them still gives its figure
        // if it uses none of them; one that does waits for the next pass's system.
        let mut hidden: BTreeSet<Key> = BTreeSet::new();
        for key in model.checks(status) {
            if safe.contains(&key) || public.contains(&key) {
                continue;
            }
            let Some(parts) = sys.disclosure(model, key)? else {
                safe.insert(key);
                continue;
            };
            if parts.iter().any(|p| hidden.contains(p)) {
                continue;
            }
            let candidate = parts
                .into_iter()
                .filter(|&(t, e, s)| {
                    s < UNKNOWN && status[t][e][sex_of(s)] == Status::Shown && open((t, e, s))
                })
                .min_by_key(|k| (model.n(*k), *k));
            match candidate {
                Some(key) => {
                    hide(status, key, &mut summary);
                    hidden.insert(key);
                }
                // Every cell taking part is public already: nothing this report can hide.
                None => {
                    public.insert(key);
                }
            }
        }
        if !hidden.is_empty() {
            continue;
        }
        // No figure is fixed by the equations: now the bounds.
        let pending: BTreeSet<Key> = model
            .checks(status)
            .into_iter()
            .filter(|k| !public.contains(k) && !wide.contains(k) && !pinned.contains(k))
            .collect();
        // One linear program's constraints per round, for the figures alone.
        let mut lp = None;
        let (found, programs_help) = interval::witnessed(model, &reach, status, &sys, &pending)?;
        wide.extend(found);
        // The figures left in order, each with a linear program of its own, up to the first
        // that has no witness: it has a cell hidden, and the others wait for the next round.
        let mut to_hide = None;
        for key in model.checks(status) {
            if !pending.contains(&key) || wide.contains(&key) {
                continue;
            }
            if programs_help
                && interval::alone(
                    model, &reach, status, &sys, &mut lp, key, &pending, &mut wide,
                )
            {
                continue;
            }
            match interval::neighbours(model, &reach, status, open, key) {
                Some(cell) => {
                    to_hide = Some(cell);
                    break;
                }
                None => {
                    pinned.insert(key);
                }
            }
        }
        drop(lp);
        let Some(cell) = to_hide else { break };
        hide(status, cell, &mut summary);
        summary.bounded += 1;
    }
    let checks = model.checks(status);
    summary.checked = checks.len();
    summary.public = public.len();
    summary.disclosed = checks
        .iter()
        .filter(|k| !public.contains(k) && (!safe.contains(k) || pinned.contains(k)))
        .count();
    Ok(summary)
}

fn hide(status: &mut [Vec<BySex<Status>>], (t, e, s): Key, summary: &mut Summary) {
    status[t][e][sex_of(s)] = Status::Secondary;
    summary.extra += 1;
    summary.extra_period += usize::from(t == 0);
}

/// `docs/computation.md` § Suppression 5: the months between an earlier report and this one
/// (this report's period cell minus the earlier one's, both shown) are protected like a
/// published cell. Returns the number of cells hidden.
fn guard(
    model: &Model,
    status: &mut [Vec<BySex<Status>>],
    earlier: &[(usize, Vec<Option<usize>>)],
) -> usize {
    let (by_sex, min_n) = (model.by_sex, model.min_n);
    let mut hidden = 0;
    for (t, position) in earlier {
        for (e, current) in position.iter().enumerate() {
            let Some(c) = *current else { continue };
            for &s in Sex::published(by_sex) {
                if status[*t][e][s] != Status::Shown || status[0][c][s] != Status::Shown {
                    continue;
                }
                let derived = model
                    .n((0, c, s as usize))
                    .saturating_sub(model.n((*t, e, s as usize)));
                if derived > 0 && derived < min_n {
                    status[0][c][s] = Status::Secondary;
                    hidden += 1;
                }
            }
        }
    }
    hidden
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::Status::*;

    fn row(s: Status) -> BySex<Status> {
        BySex([NoData, NoData, s])
    }

    /// One unit not split by sex: n per point.
    fn one_unit(n: &[u64]) -> Counts {
        let mut c = Counts::new(1, n.len(), false);
        for (p, &v) in n.iter().enumerate() {
            c.set(0, p, 0, v);
        }
        c
    }

    /// A table of one unit over `points`.
    fn unit_table(points: &[usize], own: bool) -> Table {
        Table {
            points: points.to_vec(),
            members: vec![vec![0]],
            own,
        }
    }

    /// The audit alone: no earlier report's period table to guard against.
    fn settle(
        c: &Counts,
        tables: &[Table],
        by_sex: bool,
        min_n: u64,
        status: &mut [Vec<BySex<Status>>],
    ) -> Summary {
        protect(c, tables, by_sex, min_n, status, &Fixed::default(), &[]).unwrap()
    }

    /// Units A and B and the sum A + B, one point.
    fn two_and_their_sum() -> Table {
        Table {
            points: vec![0],
            members: vec![vec![0], vec![1], vec![0, 1]],
            own: true,
        }
    }

    /// Not split by sex, one point: n per unit.
    fn counts(n: &[u64]) -> Counts {
        let mut c = Counts::new(n.len(), 1, false);
        for (u, &v) in n.iter().enumerate() {
            c.set(u, 0, 0, v);
        }
        c
    }

    #[test]
    fn three_overlapping_sums_give_away_every_unit_and_two_are_hidden() {
        // Units A, B, C (n 2, 10, 10); X = A + B, Y = A + C, L = A + B + C shown. No single
        // relation has one hidden part, yet C = L − X, B = L − Y and A = X + Y − L.
        let c = counts(&[2, 10, 10]);
        let tables = [Table {
            points: vec![0],
            members: vec![
                vec![0],
                vec![1],
                vec![2],
                vec![0, 1],
                vec![0, 2],
                vec![0, 1, 2],
            ],
            own: true,
        }];
        let mut status = vec![vec![
            row(Primary),
            row(Secondary),
            row(Secondary),
            row(Shown),
            row(Shown),
            row(Shown),
        ]];
        let summary = settle(&c, &tables, false, 5, &mut status);
        // A is taken first; its certificate is X, Y and L; X and Y tie on n = 12 and X comes
        // first. Then B = L − Y: Y (12) is smaller than L (22). Then nothing is determined.
        let total: Vec<Status> = status[0].iter().map(|r| r[Sex::Total]).collect();
        assert_eq!(
            total,
            [Primary, Secondary, Secondary, Secondary, Secondary, Shown]
        );
        assert_eq!(summary.extra, 2);
        assert_eq!(summary.public, 0);
        assert_eq!(summary.checked, 5);
    }

    #[test]
    fn a_small_unknown_sex_group_is_protected_like_a_hidden_cell() {
        // One unit: K 30, M 40, unknown sex 2, all three cells shown → unknown = T − K − M.
        let mut c = Counts::new(1, 1, true);
        c.set(0, 0, 0, 30);
        c.set(0, 0, 1, 40);
        c.set(0, 0, 2, 2);
        let tables = [Table {
            points: vec![0],
            members: vec![vec![0]],
            own: true,
        }];
        let mut status = vec![vec![BySex([Shown, Shown, Shown])]];
        let summary = settle(&c, &tables, true, 5, &mut status);
        // The certificate holds all three cells; Kvinnor has the smallest n. With Kvinnor
        // hidden, Kvinnor + unknown = T − M stays a sum of two unknowns.
        assert_eq!(status[0][0].0, [Secondary, Shown, Shown]);
        assert_eq!(summary.extra, 1);
    }

    #[test]
    fn a_cell_hidden_for_the_unknown_sex_group_tells_its_bounds() {
        // One unit, min_n 5: K 5, M 40, unknown 1, T 46. K + unknown = T − M = 6. Told only
        // that K is hidden (K ≥ 5), K is 5 or 6. Told why — for a small unknown-sex group, so
        // 1 ≤ unknown ≤ 4 — K can only be 5: one more cell holding K's count (T) must go.
        let mut c = Counts::new(1, 1, true);
        c.set(0, 0, 0, 5);
        c.set(0, 0, 1, 40);
        c.set(0, 0, 2, 1);
        let tables = [unit_table(&[0], true)];
        let mut plain = vec![vec![BySex([Secondary, Shown, Shown])]];
        let summary = settle(&c, &tables, true, 5, &mut plain);
        assert_eq!((plain[0][0].0, summary.extra), ([Secondary, Shown, Shown], 0));
        let mut told = vec![vec![BySex([ForUnknownSex, Shown, Shown])]];
        let summary = settle(&c, &tables, true, 5, &mut told);
        assert_eq!(told[0][0].0, [ForUnknownSex, Shown, Secondary]);
        assert_eq!((summary.extra, summary.bounded, summary.disclosed), (1, 1, 0));
    }

    #[test]
    fn a_cell_given_by_an_earlier_report_and_empty_months_is_public_already() {
        // Points: January, February. Table 0 (this report) sums both months; table 1 is
        // February alone; table 2 an earlier report's January. The unit had no rows in
        // February, so this report's cell equals the earlier one: nothing here can protect it.
        let c = one_unit(&[7, 0]);
        let tables = [
            unit_table(&[0, 1], true),
            unit_table(&[1], true),
            unit_table(&[0], false),
        ];
        let mut status = vec![vec![row(Secondary)], vec![row(NoData)], vec![row(Shown)]];
        let summary = settle(&c, &tables, false, 5, &mut status);
        assert_eq!(status[0][0][Sex::Total], Secondary);
        assert_eq!((summary.extra, summary.public), (0, 1));
    }

    #[test]
    fn the_guard_hides_a_cell_whose_months_since_the_earlier_report_are_few() {
        // January–April 30 (shown earlier), May 3: January–May 33 would give May away.
        let tables = [unit_table(&[0, 1], true), unit_table(&[0], false)];
        let earlier = [(1, vec![Some(0)])];
        let guarded = |may: u64, status: &mut Vec<Vec<BySex<Status>>>| {
            protect(
                &one_unit(&[30, may]),
                &tables,
                false,
                5,
                status,
                &Fixed::default(),
                &earlier,
            )
            .unwrap()
            .guard
        };
        let mut status = vec![vec![row(Shown)], vec![row(Shown)]];
        assert_eq!(guarded(3, &mut status), 1);
        assert_eq!(status[0][0][Sex::Total], Secondary);
        // Nothing new since (0 months of data) or enough (5) leaves it shown.
        for may in [0, 5] {
            let mut status = vec![vec![row(Shown)], vec![row(Shown)]];
            assert_eq!(guarded(may, &mut status), 0);
            assert_eq!(status[0][0][Sex::Total], Shown);
        }
    }

    #[test]
    fn bounds_that_pin_a_unit_to_one_value_hide_the_sum_that_ties_it() {
        // `computation.md`'s example: A + B = 21 shown, A undertryckt, B sekundärt undertryckt,
        // min_n 20: 1 ≤ A ≤ 19 and B ≥ 20 leave A = 1, B = 20. Hiding the sum frees both.
        let c = counts(&[1, 20]);
        let tables = [two_and_their_sum()];
        let mut status = vec![vec![row(Primary), row(Secondary), row(Shown)]];
        let summary = settle(&c, &tables, false, 20, &mut status);
        assert_eq!(status[0][2][Sex::Total], Secondary);
        assert_eq!(
            (summary.extra, summary.bounded, summary.disclosed),
            (1, 1, 0)
        );
    }

    #[test]
    fn bounds_with_room_to_move_hide_nothing() {
        // A + B = 40: A anywhere in 1..19 and B = 40 − A ≥ 21.
        let c = counts(&[3, 37]);
        let tables = [two_and_their_sum()];
        let mut status = vec![vec![row(Primary), row(Secondary), row(Shown)]];
        let summary = settle(&c, &tables, false, 20, &mut status);
        assert_eq!(status[0][2][Sex::Total], Shown);
        assert_eq!(
            (summary.extra, summary.checked, summary.disclosed),
            (0, 2, 0)
        );
    }

    #[test]
    fn a_t_moves_with_its_n_and_does_not_pin_it() {
        // A + B = 25 shown, t 5 in all: A undertryckt n 5 with t 5, B sekundärt undertryckt n 20
        // with t 0, min_n 20. Holding t would give 5 ≤ A and B ≥ 20 → A ≤ 5, so A = 5; but t is
        // unpublished too: A = 4 with t 4, B = 21 with t 1 fits every published figure.
        let tables = [two_and_their_sum()];
        let mut c = counts(&[5, 20]);
        c.set_t(0, 0, 0, 5.0);
        let mut status = vec![vec![row(Primary), row(Secondary), row(Shown)]];
        let summary = settle(&c, &tables, false, 20, &mut status);
        assert_eq!(status[0][2][Sex::Total], Shown);
        assert_eq!((summary.extra, summary.disclosed), (0, 0));
    }

    #[test]
    fn months_pinned_by_their_bounds_hide_the_period() {
        // Not split by sex, one unit over two points: both hidden, the period shown (n 21) with
        // min_n 20; point 0 undertryckt n 1, point 1 sekundärt undertryckt n 20: pinned by n
        // alone, whatever t does.
        let c = one_unit(&[1, 20]);
        let tables = [
            unit_table(&[0, 1], true),
            unit_table(&[0], true),
            unit_table(&[1], true),
        ];
        let mut status = vec![vec![row(Shown)], vec![row(Primary)], vec![row(Secondary)]];
        let summary = settle(&c, &tables, false, 20, &mut status);
        assert_eq!(status[0][0][Sex::Total], Secondary);
        assert_eq!(summary.bounded, 1);
    }
}
