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
        }
    }

    /// Adds input row `id` with 0/1 entries at `columns` (sorted, distinct).
    pub fn insert(&mut self, id: usize, columns: &[usize]) -> Result<(), Overflow> {
        let (vector, combo) =
            self.reduce(columns.iter().map(|&c| (c, 1)).collect(), vec![(id, 1)])?;
        if let Some(&(lead, _)) = vector.first() {
            self.lead[lead] = Some(self.pivots.len());
            self.pivots.push(Pivot { vector, combo });
        }
        Ok(())
    }

    /// Whether the 0/1 vector at `columns` is a combination of the rows inserted so far, with
    /// the combination if it is.
    pub fn certificate(&self, columns: &[usize]) -> Result<Option<Certificate>, Overflow> {
        let (vector, combo) =
            self.reduce(columns.iter().map(|&c| (c, 1)).collect(), vec![(SELF, 1)])?;
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

    /// Eliminates every column of `vector` that has a pivot, smallest first: a pivot's row has
    /// nothing before its leading column, so each step leaves the columns before it alone.
    fn reduce(&self, mut vector: Sparse, mut combo: Sparse) -> Result<(Sparse, Sparse), Overflow> {
        let mut at = 0;
        while at < vector.len() {
            let (col, b) = vector[at];
            let Some(p) = self.lead[col] else {
                at += 1;
                continue;
            };
            let pivot = &self.pivots[p];
            let a = pivot.vector[0].1;
            // vector := a·vector − b·pivot, likewise the combination.
            vector = combine(&vector, a, b, &pivot.vector)?;
            combo = combine(&combo, a, b, &pivot.combo)?;
            normalise(&mut vector, &mut combo);
        }
        Ok((vector, combo))
    }
}

/// a·x − b·y, both sorted.
fn combine(x: &Sparse, a: i128, b: i128, y: &Sparse) -> Result<Sparse, Overflow> {
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
fn normalise(vector: &mut Sparse, combo: &mut Sparse) {
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

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

#[cfg(test)]
mod tests {
    use super::*;

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
