//! Exact row-space membership over the integers: is a hidden cell's sum a combination of the
//! published sums, and if so, which published sums take part (the certificate)?
//!
//! Rows are kept in row echelon form by their leading column, as primitive integer vectors
//! (divided by the gcd of their entries), each carrying the combination of input rows it
//! stands for. Integer arithmetic with gcd reduction is exact — rational elimination without
//! denominators — and every operation is checked, so a number that outgrows `i128` is an error
//! and never a wrong answer.

/// The numbers outgrew `i128`: the system cannot be decided exactly here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Sorted by column (or row id), no zeros.
pub type Sparse = Vec<(usize, i128)>;

/// One echelon row: `vector` = Σ combo[i] · (input row i); nothing before its leading column.
struct Pivot {
    vector: Sparse,
    combo: Sparse,
}

#[derive(Default)]
pub struct Echelon {
    pivots: Vec<Pivot>,
    /// Column → the pivot leading there.
    lead: Vec<Option<usize>>,
    /// Working space of `reduce`, kept between calls (it is as long as the columns).
    scratch: RefCell<Scratch>,
}

/// A vector and its combination being reduced, dense: a long vector (a county's sum) meets many
/// pivots, and subtracting each in place touches only the pivot's entries.
#[derive(Default)]
struct Scratch {
    vector: Dense,
    /// Columns of `vector` still to eliminate, smallest first.
    queue: BinaryHeap<Reverse<usize>>,
    /// By input row, without the query itself.
    combo: Dense,
    /// The combination's weight of the query itself (`SELF`).
    own: i128,
}

/// Dense numbers by index that remembers which indices it has touched, so that reading them out
/// and zeroing them costs what was touched, not the length.
#[derive(Default)]
struct Dense {
    values: Vec<i128>,
    /// Indices that may be non-zero, each once.
    touched: Vec<usize>,
    seen: Vec<bool>,
}

impl Dense {
    /// Adds `v` at `i`; whether `i` was untouched before.
    fn add(&mut self, i: usize, v: i128) -> Result<bool, Overflow> {
        if i >= self.values.len() {
            self.values.resize(i + 1, 0);
            self.seen.resize(i + 1, false);
        }
        let new = !self.seen[i];
        if new {
            self.seen[i] = true;
            self.touched.push(i);
        }
        self.values[i] = self.values[i].checked_add(v).ok_or(Overflow)?;
        Ok(new)
    }

    fn entries(&self) -> impl Iterator<Item = i128> + '_ {
        self.touched.iter().map(|&i| self.values[i])
    }

    /// Replaces every entry by `f` of it.
    fn map(&mut self, f: impl Fn(i128) -> Option<i128>) -> Result<(), Overflow> {
        for &i in &self.touched {
            self.values[i] = f(self.values[i]).ok_or(Overflow)?;
        }
        Ok(())
    }

    /// The non-zero entries as `f` makes them, by index, and everything zeroed.
    fn take(&mut self, mut f: impl FnMut(i128) -> i128) -> Sparse {
        self.touched.sort_unstable();
        let mut out = Vec::new();
        for &i in &self.touched {
            let v = std::mem::take(&mut self.values[i]);
            self.seen[i] = false;
            if v != 0 {
                out.push((i, f(v)));
            }
        }
        self.touched.clear();
        out
    }
}

impl Scratch {
    fn add(&mut self, col: usize, v: i128) -> Result<(), Overflow> {
        if self.vector.add(col, v)? {
            self.queue.push(Reverse(col));
        }
        Ok(())
    }

    fn add_combo(&mut self, row: usize, v: i128) -> Result<(), Overflow> {
        if row == SELF {
            self.own = self.own.checked_add(v).ok_or(Overflow)?;
        } else {
            self.combo.add(row, v)?;
        }
        Ok(())
    }

    /// Replaces every entry, vector and combination, by `f` of it.
    fn map(&mut self, f: impl Fn(i128) -> Option<i128> + Copy) -> Result<(), Overflow> {
        self.vector.map(f)?;
        self.combo.map(f)?;
        self.own = f(self.own).ok_or(Overflow)?;
        Ok(())
    }

    /// The gcd of every entry.
    fn gcd(&self) -> i128 {
        let mut g = gcd(0, self.own);
        for v in self.vector.entries().chain(self.combo.entries()) {
            g = gcd(g, v);
            if g == 1 {
                break;
            }
        }
        g
    }

    /// Takes the vector and combination out, multiplied by `sign` and divided by their gcd, and
    /// leaves the space zeroed (also when a number outgrows `i128`).
    fn take(&mut self, sign: i128) -> Result<(Sparse, Sparse), Overflow> {
        let g = self.gcd().max(1);
        let mut overflow = false;
        let mut out = |v: i128| -> i128 {
            (v / g).checked_mul(sign).unwrap_or_else(|| {
                overflow = true;
                0
            })
        };
        self.queue.clear();
        let vector = self.vector.take(&mut out);
        let mut combo = self.combo.take(&mut out);
        let own = std::mem::take(&mut self.own);
        if own != 0 {
            combo.push((SELF, out(own)));
        }
        if overflow {
            return Err(Overflow);
        }
        Ok((vector, combo))
    }
}

/// The answer for one query vector v in the row space: α · v = Σ weight[i] · (input row i),
/// α ≠ 0; only which weights are non-zero, and their signs relative to α, matter to callers.
pub struct Certificate {
    pub alpha: i128,
    pub weights: Vec<(usize, i128)>,
}

const SELF: usize = usize::MAX;

impl Echelon {
    pub fn new(columns: usize) -> Echelon {
        Echelon {
            pivots: Vec::new(),
            lead: vec![None; columns],
            scratch: RefCell::default(),
        }
    }

    /// Adds input row `id` with 0/1 entries at `columns` (sorted, distinct).
    pub fn insert(&mut self, id: usize, columns: &[usize]) -> Result<(), Overflow> {
        let (vector, combo) = self.reduce(columns, id)?;
        if let Some(&(lead, _)) = vector.first() {
            self.lead[lead] = Some(self.pivots.len());
            self.pivots.push(Pivot { vector, combo });
        }
        Ok(())
    }

    /// Whether the 0/1 vector at `columns` is a combination of the rows inserted so far, with
    /// the combination if it is.
    pub fn certificate(&self, columns: &[usize]) -> Result<Option<Certificate>, Overflow> {
        let (vector, combo) = self.reduce(columns, SELF)?;
        if !vector.is_empty() {
            return Ok(None);
        }
        // combo = α·self − Σ w_i row_i with the vector part zero: α v = Σ w_i row_i.
        let alpha = combo
            .last()
            .filter(|(i, _)| *i == SELF)
            .map_or(0, |&(_, a)| a);
        debug_assert!(alpha != 0, "the query's own weight never cancels");
        let weights = combo
            .into_iter()
            .filter(|&(i, _)| i != SELF)
            .map(|(i, w)| Ok((i, w.checked_neg().ok_or(Overflow)?)))
            .collect::<Result<_, _>>()?;
        Ok(Some(Certificate { alpha, weights }))
    }

    pub fn columns(&self) -> usize {
        self.lead.len()
    }

    /// For each column, the pivots that hold it after their leading column.
    pub fn uses(&self) -> Vec<Vec<usize>> {
        let mut uses = vec![Vec::new(); self.lead.len()];
        for (p, pivot) in self.pivots.iter().enumerate() {
            for &(c, _) in &pivot.vector[1..] {
                uses[c].push(p);
            }
        }
        uses
    }

    /// The integer null vector of the rows that is 1 (before scaling) at the column `free`, which
    /// no pivot leads, and 0 at every other such column: back-substitution, largest leading
    /// column first, visiting only the pivots its non-zero entries reach. `None` when `free`
    /// leads a pivot.
    pub fn null_vector(
        &self,
        free: usize,
        uses: &[Vec<usize>],
    ) -> Result<Option<Sparse>, Overflow> {
        if self.lead[free].is_some() {
            return Ok(None);
        }
        let mut x: std::collections::BTreeMap<usize, i128> = std::collections::BTreeMap::new();
        x.insert(free, 1);
        let mut pending: std::collections::BTreeSet<usize> = uses[free]
            .iter()
            .map(|&p| self.pivots[p].vector[0].0)
            .collect();
        while let Some(lead) = pending.pop_last() {
            let pivot = &self.pivots[self.lead[lead].expect("a leading column")];
            let mut s: i128 = 0;
            for &(c, a) in &pivot.vector[1..] {
                if let Some(&v) = x.get(&c) {
                    s = a
                        .checked_mul(v)
                        .and_then(|m| s.checked_add(m))
                        .ok_or(Overflow)?;
                }
            }
            if s == 0 {
                continue;
            }
            let a = pivot.vector[0].1;
            // a·x_lead + s = 0: scale everything so that a divides s.
            let m = a.abs() / gcd(s, a);
            if m > 1 {
                for v in x.values_mut() {
                    *v = v.checked_mul(m).ok_or(Overflow)?;
                }
                s = s.checked_mul(m).ok_or(Overflow)?;
            }
            x.insert(lead, -(s / a));
            pending.extend(uses[lead].iter().map(|&p| self.pivots[p].vector[0].0));
        }
        let mut g = 0;
        for &v in x.values() {
            g = gcd(g, v);
        }
        Ok(Some(x.into_iter().map(|(c, v)| (c, v / g)).collect()))
    }

    /// Reduces the 0/1 vector at `columns` (combination: input row `id`, or the query itself):
    /// eliminates every column that has a pivot, smallest first. A pivot's row has nothing
    /// before its leading column, so each step leaves the columns before it alone.
    ///
    /// The result is primitive (divided by the gcd of all entries) with the sign that scaling by
    /// `a` at each step (vector := a·vector − b·pivot) gives: the steps are linear, so dividing
    /// by a pivot's leading `a` where it divides `b`, and by the gcd only at the end, gives the
    /// same primitive vector once that sign is kept.
    fn reduce(&self, columns: &[usize], id: usize) -> Result<(Sparse, Sparse), Overflow> {
        let mut s = self.scratch.borrow_mut();
        let s = &mut *s;
        let result = (|| {
            for &c in columns {
                s.add(c, 1)?;
            }
            s.add_combo(id, 1)?;
            let mut sign: i128 = 1;
            while let Some(Reverse(col)) = s.queue.pop() {
                let b = s.vector.values[col];
                let Some(p) = self.lead[col] else { continue };
                if b == 0 {
                    continue;
                }
                let pivot = &self.pivots[p];
                let a = pivot.vector[0].1;
                let divides = b.checked_rem(a).ok_or(Overflow)? == 0;
                let f = if divides {
                    // a·vector − b·pivot = a·(vector − (b/a)·pivot).
                    sign *= a.signum();
                    b.checked_div(a).ok_or(Overflow)?
                } else {
                    s.map(|v| v.checked_mul(a))?;
                    b
                };
                // vector[col] is f·a now: the column is eliminated exactly.
                s.vector.values[col] = 0;
                for &(c, v) in &pivot.vector[1..] {
                    s.add(c, v.checked_mul(f).and_then(i128::checked_neg).ok_or(Overflow)?)?;
                }
                for &(r, v) in &pivot.combo {
                    s.add_combo(r, v.checked_mul(f).and_then(i128::checked_neg).ok_or(Overflow)?)?;
                }
                if !divides {
                    // Keep the numbers as small as reducing step by step keeps them.
                    let g = s.gcd();
                    if g > 1 {
                        s.map(|v| Some(v / g))?;
                    }
                }
            }
            Ok(sign)
        })();
        match result {
            Ok(sign) => s.take(sign),
            Err(e) => {
                let _ = s.take(1);
                Err(e)
            }
        }
    }
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The reduction as it was written first: sparse vectors, a new vector per step, the gcd
    // taken at every step. The dense one must give the same pivots and certificates.
    mod step_by_step {
        use super::super::{gcd, Overflow, Sparse};

        /// a·x − b·y, both sorted.
        pub fn combine(x: &Sparse, a: i128, b: i128, y: &Sparse) -> Result<Sparse, Overflow> {
            let mut out = Vec::with_capacity(x.len() + y.len());
            let (mut i, mut j) = (0, 0);
            while i < x.len() || j < y.len() {
                let (col, v) = match (x.get(i), y.get(j)) {
                    (Some(&(cx, vx)), Some(&(cy, _))) if cx < cy => {
                        i += 1;
                        (cx, vx.checked_mul(a).ok_or(Overflow)?)
                    }
                    (Some(&(cx, vx)), Some(&(cy, vy))) if cx == cy => {
                        i += 1;
                        j += 1;
                        let v = vx
                            .checked_mul(a)
                            .and_then(|l| vy.checked_mul(b).and_then(|r| l.checked_sub(r)));
                        (cx, v.ok_or(Overflow)?)
                    }
                    (Some(&(cx, vx)), None) => {
                        i += 1;
                        (cx, vx.checked_mul(a).ok_or(Overflow)?)
                    }
                    (_, Some(&(cy, vy))) => {
                        j += 1;
                        (
                            cy,
                            vy.checked_mul(b)
                                .and_then(i128::checked_neg)
                                .ok_or(Overflow)?,
                        )
                    }
                    (None, None) => unreachable!(),
                };
                if v != 0 {
                    out.push((col, v));
                }
            }
            Ok(out)
        }

        /// Divides vector and combination by the gcd of all their entries, sign kept.
        pub fn normalise(vector: &mut Sparse, combo: &mut Sparse) {
            let mut g = 0i128;
            for &(_, v) in vector.iter().chain(combo.iter()) {
                g = gcd(g, v);
                if g == 1 {
                    return;
                }
            }
            if g > 1 {
                for (_, v) in vector.iter_mut().chain(combo.iter_mut()) {
                    *v /= g;
                }
            }
        }

    }

    /// Reduces as the first version did, over `e`'s pivots.
    fn reduce_step_by_step(e: &Echelon, mut vector: Sparse, mut combo: Sparse) -> (Sparse, Sparse) {
        let mut at = 0;
        while at < vector.len() {
            let (col, b) = vector[at];
            let Some(p) = e.lead[col] else {
                at += 1;
                continue;
            };
            let pivot = &e.pivots[p];
            let a = pivot.vector[0].1;
            vector = step_by_step::combine(&vector, a, b, &pivot.vector).unwrap();
            combo = step_by_step::combine(&combo, a, b, &pivot.combo).unwrap();
            step_by_step::normalise(&mut vector, &mut combo);
        }
        (vector, combo)
    }

    #[test]
    fn dense_reduction_gives_what_step_by_step_reduction_gives() {
        // Random 0/1 systems, some with rows that repeat or combine others; xorshift for a
        // fixed, dependency-free sequence.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        let mut leads_not_one = 0;
        for _ in 0..400 {
            let columns = 3 + next(25) as usize;
            let rows = 1 + next(2 * columns as u64) as usize;
            let density = 1 + next(4);
            let mut e = Echelon::new(columns);
            let random_set = |next: &mut dyn FnMut(u64) -> u64| -> Vec<usize> {
                (0..columns).filter(|_| next(density + 1) == 0).collect()
            };
            for id in 0..rows {
                let cols = random_set(&mut next);
                // What the first version makes of this row against the pivots so far.
                let expected = reduce_step_by_step(&e, cols.iter().map(|&c| (c, 1)).collect(), vec![(id, 1)]);
                let before = e.pivots.len();
                e.insert(id, &cols).unwrap();
                if expected.0.is_empty() {
                    assert_eq!(e.pivots.len(), before, "a row the first version drops");
                } else {
                    let p = &e.pivots[before];
                    assert_eq!((&p.vector, &p.combo), (&expected.0, &expected.1));
                    leads_not_one += usize::from(p.vector[0].1.abs() != 1);
                }
            }
            for _ in 0..5 {
                let cols = random_set(&mut next);
                let expected = reduce_step_by_step(&e, cols.iter().map(|&c| (c, 1)).collect(), vec![(SELF, 1)]);
                match e.certificate(&cols).unwrap() {
                    Some(c) => {
                        assert!(expected.0.is_empty());
                        let alpha = expected.1.last().unwrap().1;
                        let weights: Vec<(usize, i128)> =
                            expected.1[..expected.1.len() - 1].iter().map(|&(i, w)| (i, -w)).collect();
                        assert_eq!((c.alpha, c.weights), (alpha, weights));
                    }
                    None => assert!(!expected.0.is_empty()),
                }
            }
        }
        // The systems reach pivots whose leading entry is not ±1 (the scaling branch).
        assert!(leads_not_one > 0);
    }

    #[test]
    fn a_difference_of_two_sums_is_in_the_row_space() {
        // rows: {0,1} and {1}: {0} = row0 − row1.
        let mut e = Echelon::new(4);
        e.insert(0, &[0, 1]).unwrap();
        e.insert(1, &[1]).unwrap();
        let c = e.certificate(&[0]).unwrap().expect("determined");
        let w: Vec<(usize, i128)> = c
            .weights
            .iter()
            .map(|&(i, w)| (i, w * c.alpha.signum()))
            .collect();
        assert_eq!(w, vec![(0, 1), (1, -1)]);
        assert!(e.certificate(&[2]).unwrap().is_none());
    }

    #[test]
    fn a_cell_of_a_two_by_two_table_is_not_determined_by_its_margins() {
        // x00 x01 | x10 x11, with row sums and column sums shown: rank 3 of 4.
        let mut e = Echelon::new(4);
        for (id, cols) in [[0, 1], [2, 3], [0, 2], [1, 3]].iter().enumerate() {
            e.insert(id, cols).unwrap();
        }
        for c in 0..4 {
            assert!(e.certificate(&[c]).unwrap().is_none(), "cell {c}");
        }
        // The grand total is: row sums added.
        assert!(e.certificate(&[0, 1, 2, 3]).unwrap().is_some());
    }

    #[test]
    fn a_null_vector_keeps_every_row_at_zero() {
        // x0 + x1 + x2 = ·, x1 + x2 = ·, x2 + x3 = ·: columns 0, 1, 2 lead, 3 is free.
        let mut e = Echelon::new(4);
        e.insert(0, &[0, 1, 2]).unwrap();
        e.insert(1, &[1, 2]).unwrap();
        e.insert(2, &[2, 3]).unwrap();
        let uses = e.uses();
        assert!(e.null_vector(2, &uses).unwrap().is_none());
        let v = e.null_vector(3, &uses).unwrap().unwrap();
        // x3 = 1 → x2 = −1 → x1 = 1 → x0 = 0.
        assert_eq!(v, vec![(1, 1), (2, -1), (3, 1)]);
    }
}
