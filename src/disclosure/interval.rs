//! The interval audit of `docs/computation.md` § Suppression 4: with the bounds the statuses
//! reveal (an `undertryckt` cell has 1 ≤ n ≤ min_n − 1, a `sekundärt undertryckt` one n ≥
//! min_n, every count has 0 ≤ t ≤ n), a hidden figure the equations leave open may still be
//! pinned to one integer, as when an aggregate of 21 is shown over a unit `undertryckt` and one
//! `sekundärt undertryckt` with min_n 20 (the first is 1, the second 20).
//!
//! A figure is shown to be safe by a **witness**: a direction of the null space of the published
//! equations along which, starting from the true counts, every bound still holds while the
//! figure moves by at least one whole unit. Then the figure's range over all solutions holds two
//! integers. Each step is exact rational arithmetic (a step along one null vector is limited by
//! ratios of integers), so a witness proves safety, never by a floating tolerance. The
//! directions tried are the null vectors of the echelon's free columns and the counts no
//! published cell holds, then the directions to two optima of a linear program (all figures
//! left up, all down), made exact before they are checked; a figure no direction moves is taken
//! as disclosed — the audit can only err toward hiding more, never toward missing a figure.

use std::collections::{BTreeMap, BTreeSet};

use super::audit::{Key, Model, System, UNKNOWN};
use super::echelon::Overflow;
use super::Status;
use crate::cell::{BySex, Sex};

/// A limit on the step: the rational `num / den`, `den` > 0.
#[derive(Clone, Copy)]
struct Ratio {
    num: i128,
    den: i128,
}

impl Ratio {
    fn new(num: i128, den: i128) -> Ratio {
        if den < 0 {
            Ratio {
                num: -num,
                den: -den,
            }
        } else {
            Ratio { num, den }
        }
    }
    /// self < other.
    fn less(self, other: Ratio) -> Option<bool> {
        Some(self.num.checked_mul(other.den)? < other.num.checked_mul(self.den)?)
    }
    /// self · k ≥ 1, for k > 0.
    fn moves_one(self, k: i128) -> Option<bool> {
        Some(self.num.checked_mul(k)? >= self.den)
    }
}

/// Where each count sits: per table, the entities holding each unit, and which points it sums.
pub(super) struct Reach {
    entities: Vec<Vec<Vec<usize>>>,
    points: Vec<Vec<bool>>,
}

impl Reach {
    pub(super) fn new(model: &Model) -> Reach {
        let units = model.counts.units;
        let entities = model
            .tables
            .iter()
            .map(|table| {
                let mut of = vec![Vec::new(); units];
                for (e, members) in table.members.iter().enumerate() {
                    for &u in members {
                        of[u].push(e);
                    }
                }
                of
            })
            .collect();
        let points = model
            .tables
            .iter()
            .map(|table| {
                let mut has = vec![false; model.counts.points];
                for &p in &table.points {
                    has[p] = true;
                }
                has
            })
            .collect();
        Reach { entities, points }
    }

    /// Every cell and unknown-sex group holding count `i`.
    fn cells(&self, model: &Model, i: usize, out: &mut Vec<Key>) {
        let c = model.counts;
        let g = i % c.groups;
        let p = (i / c.groups) % c.points;
        let u = i / (c.groups * c.points);
        let codes: &[usize] = match (model.by_sex, g) {
            (false, _) => &[2],
            (true, 0) => &[0, 2],
            (true, 1) => &[1, 2],
            (true, _) => &[2, UNKNOWN],
        };
        for (t, entities) in self.entities.iter().enumerate() {
            if !self.points[t][p] {
                continue;
            }
            for &e in &entities[u] {
                for &code in codes {
                    out.push((t, e, code));
                }
            }
        }
    }
}

/// Whether the reports tell that an entity's unknown-sex group is small (1 ≤ n ≤ min_n − 1): they
/// name a cell hidden for it.
fn told_small(status: &[Vec<BySex<Status>>], (t, e, _): Key) -> bool {
    Sex::ALL.iter().any(|&s| status[t][e][s] == Status::ForUnknownSex)
}

/// The bounds a status reveals about a cell's n, widened where needed to hold the true n.
fn bounds(status: Status, n: u64, min_n: u64) -> Option<(i128, Option<i128>)> {
    let n = n as i128;
    let min_n = min_n as i128;
    match status {
        Status::Primary => Some((n.min(1), Some(n.max(min_n - 1)))),
        Status::Secondary => Some((n.min(min_n), None)),
        Status::ForUnknownSex => Some((n.min(super::LARGE as i128 * min_n), None)),
        Status::Shown | Status::NoData => None,
    }
}

/// Of `pending` (figures the equations leave open), those a witness shows to be safe; and
/// whether a linear program could find more (not when the null space is one line).
pub(super) fn witnessed(
    model: &Model,
    reach: &Reach,
    status: &[Vec<BySex<Status>>],
    sys: &System,
    pending: &BTreeSet<Key>,
) -> Result<(BTreeSet<Key>, bool), Overflow> {
    let mut safe = BTreeSet::new();
    if pending.is_empty() {
        return Ok((safe, false));
    }
    let counts = model.counts;
    let mut count_of = vec![usize::MAX; sys.echelon.columns()];
    for (i, c) in sys.free.iter().enumerate() {
        if let Some(c) = c {
            count_of[*c] = i;
        }
    }
    let uses = sys.echelon.uses();
    let mut directions: Vec<Vec<(usize, i128)>> = Vec::new();
    for c in 0..sys.echelon.columns() {
        if let Some(v) = sys.echelon.null_vector(c, &uses)? {
            directions.push(v.into_iter().map(|(c, k)| (count_of[c], k)).collect());
        }
    }
    // Counts that no published cell holds are free on their own.
    for i in 0..counts.n.len() {
        let unknown = i % counts.groups < 2 || counts.n[i] > 0;
        if unknown && sys.free[i].is_none() && sys.known[i].is_none() {
            directions.push(vec![(i, 1)]);
        }
    }
    // With one direction the null space is that line: the linear program can find no more.
    let one_line = directions.len() <= 1;
    let mut touched = Vec::new();
    for direction in directions {
        if safe.len() == pending.len() {
            break;
        }
        // A direction whose numbers outgrow i128 is not tried: it proves nothing either way.
        let _ = along(
            model,
            reach,
            status,
            &Moves::Along(&direction),
            pending,
            &mut safe,
            &mut touched,
        );
    }
    // What the null vectors one by one do not move, a linear program may: each figure left on
    // its own, in the audit's order ([`alone`]).
    Ok((safe, !one_line))
}

/// Tries one figure with linear programs of its own, up and then down; whatever the directions
/// move among `pending` joins `safe`. Whether the figure itself is safe.
///
/// A program takes the open counts near the figure only, the others held at their true values:
/// any direction it finds is one of the whole system's too (checked exactly all the same). When
/// none is found the neighbourhood grows fourfold, up to [`FAR`] counts (or all of them, if
/// fewer); a figure still without a witness is taken as pinned. Most figures are freed within a
/// few dozen counts, where one program over a national table's thousand open counts took most
/// of a second.
#[allow(clippy::too_many_arguments)]
pub(super) fn alone<'a>(
    model: &'a Model<'a>,
    reach: &Reach,
    status: &[Vec<BySex<Status>>],
    sys: &System,
    lp: &mut Option<Lp<'a>>,
    key: Key,
    pending: &BTreeSet<Key>,
    safe: &mut BTreeSet<Key>,
) -> bool {
    let lp = lp.get_or_insert_with(|| Lp::new(model, status, sys));
    let mut touched = Vec::new();
    let mut budget = NEAR;
    loop {
        let near = lp.near(key, budget);
        for sign in [1.0, -1.0] {
            if let Some(direction) = lp.direction(&[(key, sign)], &near) {
                // A direction whose numbers outgrow i128 proves nothing either way.
                let _ = along(
                    model,
                    reach,
                    status,
                    &Moves::Paired(&direction),
                    pending,
                    safe,
                    &mut touched,
                );
            }
            if safe.contains(&key) {
                return true;
            }
        }
        // A neighbourhood that is already the figure's whole connected part would only come
        // back the same from a larger budget, its programs solved again to the same end.
        if near.len() >= lp.open.len() || near.whole || budget >= FAR {
            return false;
        }
        // Nor can a larger one move a figure that the sums inside this one already hold to
        // less than a unit either way.
        if lp.held(key, &near) {
            return false;
        }
        budget *= 4;
    }
}

/// The open counts a figure's first linear program takes: the neighbourhood grows fourfold
/// from here while no witness is found.
const NEAR: usize = 24;

/// The largest neighbourhood tried (24 · 4²). A figure no witness frees within it is taken as
/// pinned and has a cell hidden: the audit may err toward hiding, never the other way. On the
/// shipped samples every figure that a program over all open counts (up to 799) frees is freed
/// within it. On national data (2026-12-06) 96 would save most of the programs' time, but
/// hiding a cell where 384 finds a witness spreads through the later reports' month tables:
/// delårsrapport 2 hid 7,265 cells instead of 1,143 (`docs/performance.md`).
const FAR: usize = 384;

/// The step's range along one direction: `None` is unbounded.
#[derive(Clone, Copy, Default)]
struct Span {
    lo: Option<Ratio>,
    hi: Option<Ratio>,
}

impl Span {
    /// Keeps low ≤ n0 + s·k ≤ high (high `None`: no upper bound); low ≤ n0 ≤ high.
    fn limit(&mut self, n0: i128, k: i128, low: i128, high: Option<i128>) -> Option<()> {
        let (down, up) = (Ratio::new(low - n0, k), high.map(|h| Ratio::new(h - n0, k)));
        let (min, max) = if k > 0 {
            (Some(down), up)
        } else {
            (up, Some(down))
        };
        if let Some(m) = min {
            if self.lo.map_or(Some(true), |l| l.less(m))? {
                self.lo = Some(m);
            }
        }
        if let Some(m) = max {
            if self.hi.map_or(Some(true), |h| m.less(h))? {
                self.hi = Some(m);
            }
        }
        Some(())
    }

    /// Keeps a + s·k ≥ 0, for a fraction a ≥ 0 and k ≠ 0.
    fn at_least_zero(&mut self, a: Ratio, k: i128) -> Option<()> {
        let m = Ratio::new(a.num.checked_neg()?, a.den.checked_mul(k)?);
        if k > 0 {
            if self.lo.map_or(Some(true), |l| l.less(m))? {
                self.lo = Some(m);
            }
        } else if self.hi.map_or(Some(true), |h| m.less(h))? {
            self.hi = Some(m);
        }
        Some(())
    }

    /// The steps that are a step of `self` plus one of `other`.
    fn plus(self, other: Span) -> Option<Span> {
        let add = |a: Option<Ratio>, b: Option<Ratio>| -> Option<Option<Ratio>> {
            match (a, b) {
                (Some(a), Some(b)) => {
                    let num = a
                        .num
                        .checked_mul(b.den)?
                        .checked_add(b.num.checked_mul(a.den)?)?;
                    Some(Some(Ratio::new(num, a.den.checked_mul(b.den)?)))
                }
                _ => Some(None),
            }
        };
        Some(Span {
            lo: add(self.lo, other.lo)?,
            hi: add(self.hi, other.hi)?,
        })
    }
}

/// How far one direction can go, and the pending figures it moves by a whole unit.
///
/// Along direction k the counts go to n0 + s·k. Their t may go along too, to t0 + u·k (the
/// published t are the same sums, so they stay): 0 ≤ t needs u in a range U, t ≤ n needs s − u in
/// a range W, so s can be anything in U + W. The hidden cells' bounds then narrow s.
/// How n and t move along one direction.
enum Moves<'d> {
    /// Per count, n moves by k; t moves too as far as suits best.
    Along(&'d [(usize, i128)]),
    /// Per count, n by the first and t by the second.
    Paired(&'d [(usize, i128, i128)]),
}

fn along(
    model: &Model,
    reach: &Reach,
    status: &[Vec<BySex<Status>>],
    moves: &Moves,
    pending: &BTreeSet<Key>,
    safe: &mut BTreeSet<Key>,
    touched: &mut Vec<Key>,
) -> Option<()> {
    let counts = model.counts;
    let (mut u, mut w) = (Span::default(), Span::default());
    let mut sums: BTreeMap<Key, (i128, i128)> = BTreeMap::new();
    let mut add = |i: usize, kn: i128, kt: i128| -> Option<()> {
        touched.clear();
        reach.cells(model, i, touched);
        for &key in touched.iter() {
            let s = sums.entry(key).or_default();
            *s = (s.0.checked_add(kn)?, s.1.checked_add(kt)?);
        }
        Some(())
    };
    // The count's t, and its n − t: exact where t is a known fraction, else the whole numbers
    // either side of it, which only ever leave less room.
    let t_of = |i: usize| -> Option<(Ratio, Ratio)> {
        let n0 = counts.n[i] as i128;
        Some(match counts.t_exact[i] {
            Some((p, q)) => (
                Ratio::new(p, q),
                Ratio::new(n0.checked_mul(q)?.checked_sub(p)?, q),
            ),
            None => {
                let (low, high) = counts.t[i];
                (Ratio::new(low as i128, 1), Ratio::new(n0 - high as i128, 1))
            }
        })
    };
    match moves {
        Moves::Along(direction) => {
            for &(i, k) in direction.iter() {
                if counts.t_below_n {
                    let (t, room) = t_of(i)?;
                    u.at_least_zero(t, k)?;
                    w.at_least_zero(room, k)?;
                } else {
                    w.at_least_zero(Ratio::new(counts.n[i] as i128, 1), k)?;
                }
                add(i, k, 0)?;
            }
        }
        Moves::Paired(direction) => {
            for &(i, kn, kt) in direction.iter() {
                let (t, room) = t_of(i)?;
                if kt != 0 {
                    w.at_least_zero(t, kt)?;
                }
                if counts.t_below_n {
                    if kn != kt {
                        w.at_least_zero(room, kn.checked_sub(kt)?)?;
                    }
                } else if kn != 0 {
                    w.at_least_zero(Ratio::new(counts.n[i] as i128, 1), kn)?;
                }
                add(i, kn, kt)?;
            }
        }
    }
    let sums: BTreeMap<Key, i128> = {
        let mut out = BTreeMap::new();
        for (key, (kn, kt)) in sums {
            // A published cell's n and t stay what they are; an unpublished group's t is free.
            let published = key.2 != UNKNOWN && !status[key.0][key.1][Sex::ALL[key.2]].is_hidden();
            if published && (kn != 0 || kt != 0) {
                return None;
            }
            out.insert(key, kn);
        }
        out
    };
    let mut step = match moves {
        Moves::Along(_) if counts.t_below_n => u.plus(w)?,
        _ => w,
    };
    for (&key, &k) in &sums {
        let (t, e, code) = key;
        if k == 0 {
            continue;
        }
        if code == UNKNOWN {
            if told_small(status, key) {
                let (n, min_n) = (model.n(key) as i128, model.min_n as i128);
                step.limit(n, k, n.min(1), Some(n.max(min_n - 1)))?;
            }
            continue;
        }
        match bounds(status[t][e][Sex::ALL[code]], model.n(key), model.min_n) {
            Some((low, high)) => step.limit(model.n(key) as i128, k, low, high)?,
            // Published cells were checked above to keep their sums.
            None => return None,
        }
    }
    for (&key, &k) in &sums {
        if k == 0 || !pending.contains(&key) || safe.contains(&key) {
            continue;
        }
        // The figure moves by s·k, s from lo to hi: up and down by hi·|k| and −lo·|k|, in some
        // order; one whole unit either way gives the range a second integer.
        let far = |end: Option<Ratio>, sign: i128| {
            end.map_or(Some(true), |r| {
                Ratio::new(sign * r.num, r.den).moves_one(k.abs())
            })
        };
        if far(step.hi, 1)? || far(step.lo, -1)? {
            safe.insert(key);
        }
    }
    Some(())
}

/// The linear program over the counts no published cell gives alone: n, and t where t ≤ n
/// binds, under every published cell's n and t and every hidden cell's bounds. Its optimum is a
/// point only; the direction from the true counts to it is made exact (rational, rescaled to
/// whole numbers) and then checked exactly by [`along`], so the floating point of the solver
/// can cost a proof, never give a wrong one.
pub(super) struct Lp<'a> {
    model: &'a Model<'a>,
    /// Count → its variables (n, t), for the counts the equations leave open.
    vars: Vec<Option<usize>>,
    open: Vec<usize>,
    /// Each distinct sum of open counts (in order), with its range (equal ends: an equation).
    parts: Vec<Vec<usize>>,
    ranges: Vec<(f64, Option<f64>)>,
    /// The published t of a sum whose n is published.
    t_sums: Vec<Option<f64>>,
    /// Per open count (by its place in `open`), the sums (by their place) holding it.
    links: Vec<Vec<usize>>,
}

/// The open counts one linear program takes (by their place in [`Lp::open`]); the others stay
/// at their true values.
pub(super) struct Near {
    take: Vec<bool>,
    len: usize,
    /// Every sum reachable from the figure was taken, none left for a larger budget: a larger
    /// budget would give the same counts, and so the same linear programs.
    whole: bool,
}

impl Near {
    fn len(&self) -> usize {
        self.len
    }
}

impl<'a> Lp<'a> {
    fn new(model: &'a Model<'a>, status: &[Vec<BySex<Status>>], sys: &System) -> Lp<'a> {
        let counts = model.counts;
        let mut vars = vec![None; counts.n.len()];
        let mut open = Vec::new();
        let mut n_rows: BTreeMap<Vec<usize>, (f64, Option<f64>)> = BTreeMap::new();
        let mut t_rows = BTreeMap::new();
        for (t, table) in model.tables.iter().enumerate() {
            for e in 0..table.members.len() {
                for code in 0..=UNKNOWN {
                    let key = (t, e, code);
                    let range = if code == UNKNOWN {
                        // A group only bounds the counts where the reports tell its size.
                        if !told_small(status, key) {
                            continue;
                        }
                        let (n, min_n) = (model.n(key) as i128, model.min_n as i128);
                        Some((n.min(1), Some(n.max(min_n - 1))))
                    } else {
                        bounds(status[t][e][Sex::ALL[code]], model.n(key), model.min_n)
                    };
                    let (mut part, mut fixed_n, mut part_t) = (Vec::new(), 0i128, 0.0);
                    for &i in model.cell(key) {
                        if sys.known[i].is_some() {
                            fixed_n += counts.n[i] as i128;
                        } else {
                            part.push(i);
                            part_t += counts.t_value[i];
                        }
                    }
                    if part.is_empty() {
                        continue;
                    }
                    for &i in &part {
                        if vars[i].is_none() {
                            vars[i] = Some(open.len());
                            open.push(i);
                        }
                    }
                    let n = model.n(key) as i128 - fixed_n;
                    match range {
                        Some((low, high)) => {
                            let row = n_rows.entry(part).or_insert((f64::NEG_INFINITY, None));
                            row.0 = row.0.max((low - fixed_n) as f64);
                            if let Some(h) = high {
                                let h = (h - fixed_n) as f64;
                                row.1 = Some(row.1.map_or(h, |r: f64| r.min(h)));
                            }
                        }
                        None => {
                            t_rows.insert(part.clone(), part_t);
                            n_rows.insert(part, (n as f64, Some(n as f64)));
                        }
                    }
                }
            }
        }
        let t_sums = n_rows.keys().map(|part| t_rows.get(part).copied()).collect();
        let (parts, ranges): (Vec<Vec<usize>>, Vec<_>) = n_rows.into_iter().unzip();
        let mut links = vec![Vec::new(); open.len()];
        for (r, part) in parts.iter().enumerate() {
            for &i in part {
                links[vars[i].expect("an open count")].push(r);
            }
        }
        Lp {
            model,
            vars,
            open,
            parts,
            ranges,
            t_sums,
            links,
        }
    }

    /// About `budget` open counts around `key`'s (at most twice that): its own, then whole sums
    /// that hold a count taken, the shortest first (ties: in order), until the budget is spent;
    /// every open count when the budget reaches their number.
    fn near(&self, key: Key, budget: usize) -> Near {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        let size = self.open.len();
        if budget >= size {
            return Near {
                take: vec![true; size],
                len: size,
                whole: true,
            };
        }
        let mut near = Near {
            take: vec![false; size],
            len: 0,
            whole: false,
        };
        let mut skipped = false;
        let mut queued = vec![false; self.parts.len()];
        let mut heap = BinaryHeap::new();
        let mut add =
            |v: usize, near: &mut Near, heap: &mut BinaryHeap<Reverse<(usize, usize)>>| {
                if !near.take[v] {
                    near.take[v] = true;
                    near.len += 1;
                    for &r in &self.links[v] {
                        if !queued[r] {
                            queued[r] = true;
                            heap.push(Reverse((self.parts[r].len(), r)));
                        }
                    }
                }
            };
        for &i in self.model.cell(key) {
            if let Some(v) = self.vars[i] {
                add(v, &mut near, &mut heap);
            }
        }
        while near.len < budget {
            let Some(Reverse((len, r))) = heap.pop() else {
                near.whole = !skipped;
                break;
            };
            // A sum far longer than the budget (a county's) would take the whole table: it
            // binds the counts taken with the others held.
            if near.len + len > 2 * budget {
                skipped = true;
                continue;
            }
            for &i in &self.parts[r] {
                add(self.vars[i].expect("an open count"), &mut near, &mut heap);
            }
        }
        near
    }

    /// Whether the sums lying wholly inside `near` keep `key`'s n within less than a unit of its
    /// true value either way, whatever the counts outside do.
    ///
    /// The program here takes only those sums, with no box around the true counts and nothing
    /// held: every solution of the whole system is one of it (restricted to the counts of
    /// `near`), and so is every point a witness reaches from any neighbourhood. Its optimum
    /// bounds theirs; when it stays below one unit up and down, no larger neighbourhood can
    /// free the figure and its programs need not be solved. The solver's floating point errs
    /// only toward solving them: a unit is required to be missed by more than 1e-6.
    fn held(&self, key: Key, near: &Near) -> bool {
        use microlp::OptimizationDirection::{Maximize, Minimize};
        let counts = self.model.counts;
        let weight = self.weights(&[(key, 1.0)]);
        let own: f64 = self.open.iter().zip(&weight).map(|(&i, &w)| w * counts.n[i] as f64).sum();
        let extreme = |sense| -> Option<f64> {
            let (problem, _, _) = self.program(near, sense, &weight, None);
            Some(solve(&problem)?.objective())
        };
        let margin = 1.0 - 1e-6;
        extreme(Maximize).is_some_and(|high| high < own + margin)
            && extreme(Minimize).is_some_and(|low| low > own - margin)
    }

    /// Per open count, its weight in `objective` (weights of figures' n).
    fn weights(&self, objective: &[(Key, f64)]) -> Vec<f64> {
        let mut weight = vec![0.0; self.open.len()];
        for &(key, w) in objective {
            for &i in self.model.cell(key) {
                if let Some(v) = self.vars[i] {
                    weight[v] += w;
                }
            }
        }
        weight
    }

    /// The linear program over the counts of `near` with objective `weight` (per open count's n).
    ///
    /// With `room`, each count is boxed to that much above its true n and t (which keeps every
    /// optimum finite), and the counts outside `near` are held at their true values in the sums
    /// reaching them. Without, nothing is boxed and only the sums lying wholly inside are taken.
    fn program(
        &self,
        near: &Near,
        sense: microlp::OptimizationDirection,
        weight: &[f64],
        room: Option<f64>,
    ) -> (microlp::Problem, Vec<Option<microlp::Variable>>, Vec<Option<microlp::Variable>>) {
        use microlp::{ComparisonOp, Problem};
        let counts = self.model.counts;
        let mut problem = Problem::new(sense);
        let mut n_var = vec![None; self.open.len()];
        let mut t_var = vec![None; self.open.len()];
        for (v, &i) in self.open.iter().enumerate() {
            if !near.take[v] {
                continue;
            }
            let top = |value: f64| room.map_or(f64::INFINITY, |r| value + r);
            let n = problem.add_var(weight[v], (0.0, top(counts.n[i] as f64)));
            let t = problem.add_var(0.0, (0.0, top(counts.t_value[i])));
            if counts.t_below_n {
                problem.add_constraint([(t, 1.0), (n, -1.0)], ComparisonOp::Le, 0.0);
            }
            n_var[v] = Some(n);
            t_var[v] = Some(t);
        }
        // The sums holding a count taken, in their order, so the program is the same whichever
        // way they are found.
        let mut rows: Vec<usize> = Vec::new();
        for (v, &taken) in near.take.iter().enumerate() {
            if taken {
                rows.extend_from_slice(&self.links[v]);
            }
        }
        rows.sort_unstable();
        rows.dedup();
        if room.is_none() {
            rows.retain(|&r| self.parts[r].iter().all(|&i| n_var[self.vars[i].expect("an open count")].is_some()));
        }
        // A sum over the counts taken, and what the counts held at their true values add to it.
        let sum = |part: &[usize], of: &[Option<microlp::Variable>], value: &dyn Fn(usize) -> f64| {
            let mut expr = Vec::new();
            let mut held = 0.0;
            for &i in part {
                match of[self.vars[i].expect("an open count")] {
                    Some(x) => expr.push((x, 1.0)),
                    None => held += value(i),
                }
            }
            (expr, held)
        };
        let n_of = |i: usize| counts.n[i] as f64;
        let t_of = |i: usize| counts.t_value[i];
        for &r in &rows {
            let (expr, held) = sum(&self.parts[r], &n_var, &n_of);
            let (low, high) = self.ranges[r];
            let (low, high) = (low - held, high.map(|h| h - held));
            match high {
                Some(h) if h == low => problem.add_constraint(expr, ComparisonOp::Eq, low),
                _ => {
                    if low > 0.0 {
                        problem.add_constraint(expr.clone(), ComparisonOp::Ge, low);
                    }
                    if let Some(h) = high {
                        problem.add_constraint(expr, ComparisonOp::Le, h);
                    }
                }
            }
        }
        for &r in &rows {
            if let Some(t) = self.t_sums[r] {
                let (expr, held) = sum(&self.parts[r], &t_var, &t_of);
                problem.add_constraint(expr, ComparisonOp::Eq, t - held);
            }
        }
        (problem, n_var, t_var)
    }

    /// The exact direction from the true counts to the optimum of `objective` (weights of
    /// figures' n) with only the counts of `near` moving, if the solver finds one.
    fn direction(&self, objective: &[(Key, f64)], near: &Near) -> Option<Vec<(usize, i128, i128)>> {
        let counts = self.model.counts;
        // A figure needs to move by one only.
        let room = (2 * self.model.min_n + 2) as f64;
        let weight = self.weights(objective);
        let (problem, n_var, t_var) =
            self.program(near, microlp::OptimizationDirection::Maximize, &weight, Some(room));
        let solution = solve(&problem)?;
        let mut raw = Vec::with_capacity(near.len());
        for (v, &i) in self.open.iter().enumerate() {
            let (Some(n), Some(t)) = (n_var[v], t_var[v]) else {
                continue;
            };
            let dn = solution.var_value(n) - counts.n[i] as f64;
            let dt = solution.var_value(t) - counts.t_value[i];
            raw.push((i, rational(dn)?, rational(dt)?));
        }
        let mut scale: i128 = 1;
        for &(_, a, b) in &raw {
            scale = lcm(lcm(scale, a.1)?, b.1)?;
        }
        let direction: Vec<(usize, i128, i128)> = raw
            .into_iter()
            .map(|(i, a, b)| (i, a.0 * (scale / a.1), b.0 * (scale / b.1)))
            .filter(|&(_, kn, kt)| kn != 0 || kt != 0)
            .collect();
        (!direction.is_empty()).then_some(direction)
    }
}

/// The program's optimum, if the solver finds one: it may also give up on a hard problem by
/// panicking, and then there is no proof.
fn solve(problem: &microlp::Problem) -> Option<microlp::Solution> {
    let solved = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| problem.solve())).ok()?;
    solved.ok()?.into_solution().ok()
}

/// The fraction with denominator at most 1000 nearest `x`, if it lies within 1e-6 of it (a
/// vertex of these sums has small denominators): (numerator, denominator).
fn rational(x: f64) -> Option<(i128, i128)> {
    fraction(x, 1000, 1e-6)
}

/// The continued-fraction approximation of `x` with denominator at most `max_den`, if it lies
/// within `tolerance` of `x`.
pub(super) fn fraction(x: f64, max_den: i128, tolerance: f64) -> Option<(i128, i128)> {
    if !x.is_finite() || x.abs() > 1e12 {
        return None;
    }
    let (mut h0, mut h1, mut k0, mut k1) = (0i128, 1i128, 1i128, 0i128);
    let mut r = x;
    for _ in 0..20 {
        let a = r.floor();
        let (h2, k2) = (a as i128 * h1 + h0, a as i128 * k1 + k0);
        if k2 > max_den {
            break;
        }
        (h0, h1, k0, k1) = (h1, h2, k1, k2);
        if (h1 as f64 / k1 as f64 - x).abs() < 1e-9 || r - a < 1e-12 {
            break;
        }
        r = 1.0 / (r - a);
    }
    ((h1 as f64 / k1 as f64 - x).abs() < tolerance).then_some((h1, k1))
}

fn lcm(a: i128, b: i128) -> Option<i128> {
    let (mut x, mut y) = (a, b);
    while y != 0 {
        (x, y) = (y, x % y);
    }
    let l = (a / x).checked_mul(b)?;
    (l <= 1_000_000).then_some(l)
}

/// The shown cells of this report's own tables, not published earlier, that hold a count of
/// `key`: hiding one takes away an equation that ties it.
pub(super) fn neighbours(
    model: &Model,
    reach: &Reach,
    status: &[Vec<BySex<Status>>],
    open: impl Fn(Key) -> bool,
    key: Key,
) -> Option<Key> {
    let mut touched = Vec::new();
    let mut best: Option<Key> = None;
    for &i in model.cell(key) {
        touched.clear();
        reach.cells(model, i, &mut touched);
        for &k in &touched {
            let (t, e, code) = k;
            if code == UNKNOWN || status[t][e][Sex::ALL[code]] != Status::Shown || !open(k) {
                continue;
            }
            if best.is_none_or(|b| (model.n(k), k) < (model.n(b), b)) {
                best = Some(k);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::audit::{system, Counts, Table};
    use crate::disclosure::Status::*;

    /// Units A and B, not split by sex, one point, and the sum A + B; A undertryckt, B
    /// sekundärt undertryckt, the sum shown; min_n 20.
    fn held_with(n: [u64; 2], take: [bool; 2]) -> bool {
        let mut counts = Counts::new(2, 1, false);
        counts.set(0, 0, 0, n[0]);
        counts.set(1, 0, 0, n[1]);
        let tables = [Table { points: vec![0], members: vec![vec![0], vec![1], vec![0, 1]], own: true }];
        let row = |s| BySex([NoData, NoData, s]);
        let status = vec![vec![row(Primary), row(Secondary), row(Shown)]];
        let model = Model::new(&counts, &tables, false, 20);
        let sys = system(&model, &status).unwrap();
        let lp = Lp::new(&model, &status, &sys);
        // Both counts are open: no published cell gives either alone.
        assert_eq!(lp.open.len(), 2);
        let take: Vec<bool> = lp.open.iter().map(|&i| take[i / counts.groups]).collect();
        let len = take.iter().filter(|&&t| t).count();
        lp.held((0, 0, 2), &Near { take, len, whole: false })
    }

    #[test]
    fn a_figure_its_own_sums_pin_is_held_and_one_with_room_is_not() {
        // A + B = 21 with 1 ≤ A ≤ 19 and B ≥ 20: A = 1 whatever else.
        assert!(held_with([1, 20], [true, true]));
        // A + B = 40: A anywhere in 1..19.
        assert!(!held_with([3, 37], [true, true]));
    }

    #[test]
    fn a_sum_reaching_outside_the_neighbourhood_binds_nothing() {
        // With A alone taken, the sum A + B = 21 reaches B, which could be anything outside:
        // only A's own bounds 1..19 are left, though B at its true 20 would pin A to 1.
        assert!(!held_with([1, 20], [true, false]));
    }
}
