//! The address of a published cell: which indicator of the plan, which entity of the period
//! table, which sex. Typed so that a sex position cannot be mistaken for an input sex code and
//! an entity position cannot be passed where an indicator is meant.

use std::ops::{Index, IndexMut};

/// A published sex column. The unknown-sex group of the input (`SexCode::Unknown`) is not
/// one of them: it is counted in `Total` and otherwise kept apart, never published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sex {
    Women,
    Men,
    Total,
}

impl Sex {
    /// In row order.
    pub const ALL: [Sex; 3] = [Sex::Women, Sex::Men, Sex::Total];

    /// The columns an indicator publishes: all three when split by sex, else Totalt only.
    pub fn published(by_sex: bool) -> &'static [Sex] {
        if by_sex {
            &Sex::ALL
        } else {
            &[Sex::Total]
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sex::Women => "Kvinnor",
            Sex::Men => "Män",
            Sex::Total => "Totalt",
        }
    }

    fn position(self) -> usize {
        self as usize
    }
}

/// One value per published sex, indexed by [`Sex`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BySex<T>(pub [T; 3]);

impl<T> BySex<T> {
    pub fn from_fn(mut f: impl FnMut(Sex) -> T) -> BySex<T> {
        BySex(Sex::ALL.map(&mut f))
    }

    pub fn map<U>(&self, mut f: impl FnMut(&T) -> U) -> BySex<U> {
        BySex::from_fn(|s| f(&self[s]))
    }
}

impl<T> Index<Sex> for BySex<T> {
    type Output = T;
    fn index(&self, s: Sex) -> &T {
        &self.0[s.position()]
    }
}

impl<T> IndexMut<Sex> for BySex<T> {
    fn index_mut(&mut self, s: Sex) -> &mut T {
        &mut self.0[s.position()]
    }
}

/// Position of an indicator in `Plan::indicators`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IndicatorIx(pub usize);

/// Position of an entity in a period table's `entities` (units first, then the aggregates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityIx(pub usize);

/// One cell of a period table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellKey {
    pub indicator: IndicatorIx,
    pub entity: EntityIx,
    pub sex: Sex,
}

impl CellKey {
    pub fn new(indicator: IndicatorIx, entity: EntityIx, sex: Sex) -> CellKey {
        CellKey { indicator, entity, sex }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_sex_is_indexed_in_row_order() {
        let mut v = BySex([1, 2, 3]);
        assert_eq!((v[Sex::Women], v[Sex::Men], v[Sex::Total]), (1, 2, 3));
        v[Sex::Men] = 7;
        assert_eq!(v.0, [1, 7, 3]);
        assert_eq!(BySex::from_fn(Sex::label).0, ["Kvinnor", "Män", "Totalt"]);
        assert_eq!(Sex::published(false), &[Sex::Total]);
    }
}
