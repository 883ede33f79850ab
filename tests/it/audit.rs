//! The audit checked from outside (`docs/computation.md` § Suppression 4): on 1,000 random small
//! worlds, a rank computation of its own — dense elimination modulo a 61-bit prime over every
//! unit's monthly counts, nothing substituted — takes every figure the year's three reports
//! publish (their `Data` rows and their `Månadsdata` months) as equations and finds no hidden
//! figure that they determine. On 20 more worlds, a linear program of its own (every count's n
//! and t, nothing substituted) finds no hidden figure that the equations and the bounds the
//! statuses reveal pin to one integer.

use std::collections::BTreeMap;

use uppfoljning::cell::Sex;
use uppfoljning::compute::{self, Period, Point, ReportKind};
use uppfoljning::disclosure::Status;
use uppfoljning::input::InputFiles;
use uppfoljning::plan;

use crate::fixture::{load, World};

const PLAN: &str = r#"
year = 2026
areas = ["Tillgänglighet"]

[[indicator]]
id = "FLOW"
name = "Bedömning inom 3 dagar"
area = "Tillgänglighet"
source = "access"
code = "bedömning_3d"
kind = "flow"
unit = "procent"
by_sex = true
min_n = 5

[[indicator]]
id = "TEL"
name = "Telefon samma dag"
area = "Tillgänglighet"
source = "access"
code = "telefon_samma_dag"
kind = "flow"
unit = "procent"
by_sex = false
min_n = 5
"#;

const MIN_N: u64 = 5;

/// SplitMix64: a fixed stream per seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The true counts of one world: n per (indicator, unit, month 1–12, group 0 K / 1 M / 2 unknown).
struct Truth {
    units: usize,
    n: BTreeMap<(usize, usize, u32, usize), u64>,
    /// The t (`inom`) of the same counts.
    t: BTreeMap<(usize, usize, u32, usize), u64>,
}

fn world(seed: u64) -> (World, InputFiles, Truth) {
    let mut rng = Rng(seed);
    let units = 2 + rng.below(4) as usize;
    let mut unit_text = String::from("hsa_id;namn;regi;område;sjukstuga;giltig_från;giltig_till\n");
    for u in 0..units {
        let regi = if rng.below(3) == 0 {
            "Privat"
        } else {
            "Region"
        };
        let area = if rng.below(2) == 0 { "Norr" } else { "Syd" };
        unit_text.push_str(&format!("SE100000000{u}-A;Enhet {u};{regi};{area};nej;;\n"));
    }
    let mut access = String::from("hsa_id;mått;period;kön;inom;totalt\n");
    let mut n = BTreeMap::new();
    let mut t = BTreeMap::new();
    // Small counts around min_n, many months without rows, now and then unknown sex.
    for (k, code) in ["bedömning_3d", "telefon_samma_dag"].iter().enumerate() {
        for u in 0..units {
            for m in 1..=12u32 {
                for (g, sex) in ["K", "M", ""].iter().enumerate() {
                    let count = match g {
                        2 if rng.below(4) != 0 => 0,
                        2 => 1 + rng.below(3),
                        _ if rng.below(4) == 0 => 0,
                        _ => 1 + rng.below(9),
                    };
                    if count == 0 {
                        continue;
                    }
                    let inom = rng.below(count + 1);
                    access.push_str(&format!(
                        "SE100000000{u}-A;{code};2026-{m:02};{sex};{inom};{count}\n"
                    ));
                    // Not split by sex: one group per unit and month.
                    let group = if k == 1 { 0 } else { g };
                    *n.entry((k, u, m, group)).or_insert(0) += count;
                    *t.entry((k, u, m, group)).or_insert(0) += inom;
                }
            }
        }
    }
    let w = World::new();
    let files = InputFiles {
        units: w.write("units.csv", &unit_text),
        npe: vec![],
        pvk: vec![],
        access: vec![w.write("access.csv", &access)],
        actions: vec![],
        urval: vec![],
        riket: vec![],
    };
    (w, files, Truth { units, n, t })
}

/// A prime below 2³¹, so that a product of two residues fits in a u64. A figure the rank over
/// the rationals determines is also determined modulo the prime; the converse fails only when
/// the prime divides a minor, which for 0/1 systems of this size is a chance below 10⁻⁶.
const PRIME: u64 = (1 << 31) - 1;

fn inverse(a: u64) -> u64 {
    // a^(p−2) mod p.
    let (mut base, mut exp, mut acc) = (a, PRIME - 2, 1u64);
    while exp > 0 {
        if exp & 1 == 1 {
            acc = acc * base % PRIME;
        }
        base = base * base % PRIME;
        exp >>= 1;
    }
    acc
}

/// Rows in echelon form modulo PRIME, in insertion order: each is reduced by the earlier ones
/// before it is kept, so one pass in that order reduces any vector.
#[derive(Default)]
struct Span {
    rows: Vec<(usize, Vec<u64>)>,
}

impl Span {
    fn reduce(&self, mut v: Vec<u64>) -> Vec<u64> {
        for (pivot, row) in &self.rows {
            let f = v[*pivot];
            if f != 0 {
                for (x, r) in v.iter_mut().zip(row) {
                    *x = (*x + PRIME - f * r % PRIME) % PRIME;
                }
            }
        }
        v
    }
    fn insert(&mut self, v: Vec<u64>) {
        let mut v = self.reduce(v);
        let Some(pivot) = v.iter().position(|&x| x != 0) else {
            return;
        };
        let inv = inverse(v[pivot]);
        v.iter_mut().for_each(|x| *x = *x * inv % PRIME);
        self.rows.push((pivot, v));
    }
    fn contains(&self, v: Vec<u64>) -> bool {
        self.reduce(v).iter().all(|&x| x == 0)
    }
}

/// A published or hidden figure: an entity's sum over some months and groups.
#[derive(Clone)]
struct Figure {
    what: String,
    /// A hidden cell's status (its bounds); `None` for a small unknown-sex group.
    status: Option<Status>,
    members: Vec<usize>,
    months: Vec<u32>,
    groups: Vec<usize>,
}

/// The columns: every (unit, month, group) that exists — Kvinnor and Män always, the unknown-sex
/// group where the unit has such rows that month; one group when not split by sex.
fn columns(truth: &Truth, k: usize) -> BTreeMap<(usize, u32, usize), usize> {
    let mut cols = BTreeMap::new();
    for u in 0..truth.units {
        for m in 1..=12 {
            let groups: &[usize] = if k == 1 { &[0] } else { &[0, 1, 2] };
            for &g in groups {
                if g < 2 || truth.n.contains_key(&(k, u, m, g)) {
                    let next = cols.len();
                    cols.insert((u, m, g), next);
                }
            }
        }
    }
    cols
}

fn vector(cols: &BTreeMap<(usize, u32, usize), usize>, f: &Figure) -> Vec<u64> {
    let mut v = vec![0; cols.len()];
    for &u in &f.members {
        for &m in &f.months {
            for &g in &f.groups {
                if let Some(&c) = cols.get(&(u, m, g)) {
                    v[c] = 1;
                }
            }
        }
    }
    v
}

/// Figures a set of published and hidden ones leaves computable: `(what, hidden)`.
fn determined(
    cols: &BTreeMap<(usize, u32, usize), usize>,
    published: &[Figure],
    hidden: &[Figure],
) -> Vec<String> {
    let mut span = Span::default();
    for f in published {
        span.insert(vector(cols, f));
    }
    hidden
        .iter()
        .filter(|f| span.contains(vector(cols, f)))
        .map(|f| f.what.clone())
        .collect()
}

fn groups(k: usize, s: Sex) -> Vec<usize> {
    match (k, s) {
        (1, _) => vec![0],
        (_, Sex::Women) => vec![0],
        (_, Sex::Men) => vec![1],
        (_, Sex::Total) => vec![0, 1, 2],
    }
}

/// What one report adds to what the year has published about one indicator.
#[derive(Default)]
struct Added {
    /// Shown cells and cells with no data.
    published: Vec<Figure>,
    /// Of those, the cells with no data: published, but there is nothing to hide.
    empty: Vec<Figure>,
    hidden: Vec<Figure>,
}

impl Added {
    fn push(&mut self, f: Figure, status: Status) {
        match status {
            Status::Shown => self.published.push(f),
            Status::NoData => {
                self.empty.push(f.clone());
                self.published.push(f);
            }
            Status::Primary | Status::Secondary | Status::ForUnknownSex => self.hidden.push(f),
        }
    }
}

/// The year's three reports as each adds to the figures of each indicator: `[indicator][report]`.
fn reports(seed: u64) -> (Truth, Vec<Vec<Added>>) {
    let (_w, files, truth) = world(seed);
    let plan = plan::parse(PLAN, "audit.toml").expect("plan");
    let inputs = load(&files, &plan);
    let mut out: Vec<Vec<Added>> = vec![vec![], vec![]];
    let mut months_seen: BTreeMap<(usize, String, u32, Sex), Status> = BTreeMap::new();
    for kind in [ReportKind::Delar1, ReportKind::Delar2, ReportKind::Ar] {
        let report = compute::report(&inputs, &plan, Period { year: 2026, kind }).expect("report");
        let entities = &report.current.entities;
        let members = |e: usize| {
            if entities[e].is_unit() {
                vec![e]
            } else {
                entities[e].members.clone()
            }
        };
        let last = kind.last_month();
        let mut added: Vec<Added> = vec![Added::default(), Added::default()];
        for row in report.rows(&plan) {
            let (k, e) = (row.indicator.0, row.entity.0);
            let f = Figure {
                status: Some(row.status),
                what: format!(
                    "{:?} {} {} {}",
                    kind,
                    plan.indicators[k].id,
                    entities[e].id,
                    row.sex.label()
                ),
                members: members(e),
                months: (1..=last).collect(),
                groups: groups(k, row.sex),
            };
            added[k].push(f, row.status);
        }
        for row in report.month_rows(&plan) {
            let Point::Month(m) = row.point else { continue };
            if m.year() != 2026 {
                continue;
            }
            let (k, e) = (row.indicator.0, row.entity.0);
            // A month an earlier report published is public as it stood there.
            let key = (k, entities[e].id.clone(), m.month(), row.sex);
            if let Some(before) = months_seen.get(&key) {
                assert_eq!(
                    *before, row.status,
                    "världen {seed}: {key:?} ändrade status"
                );
                continue;
            }
            months_seen.insert(key, row.status);
            let f = Figure {
                status: Some(row.status),
                what: format!(
                    "{} {} {} {}",
                    plan.indicators[k].id,
                    entities[e].id,
                    m,
                    row.sex.label()
                ),
                members: members(e),
                months: vec![m.month()],
                groups: groups(k, row.sex),
            };
            added[k].push(f, row.status);
        }
        // Small unknown-sex groups of every table are never published and must stay unknown.
        for e in 0..entities.len() {
            let tables: Vec<Vec<u32>> = std::iter::once((1..=last).collect())
                .chain((1..=last).map(|m| vec![m]))
                .collect();
            for months in tables {
                let n: u64 = members(e)
                    .iter()
                    .flat_map(|&u| months.iter().map(move |&m| (u, m)))
                    .map(|(u, m)| truth.n.get(&(0, u, m, 2)).copied().unwrap_or(0))
                    .sum();
                if n > 0 && n < MIN_N {
                    added[0].hidden.push(Figure {
                        status: None,
                        what: format!("{kind:?} okänt kön {} månader {months:?}", entities[e].id),
                        members: members(e),
                        months,
                        groups: vec![2],
                    });
                }
            }
        }
        for (k, a) in added.into_iter().enumerate() {
            out[k].push(a);
        }
    }
    (truth, out)
}

/// The hidden figures (of this report and the earlier ones) that report `r` makes computable:
/// computable from everything published up to it, but not from what was public before it
/// together with its empty cells — a figure those give is public already, and no cell this
/// report could hide would change that.
fn disclosed_by(
    cols: &BTreeMap<(usize, u32, usize), usize>,
    reports: &[Added],
    r: usize,
) -> Vec<String> {
    let mut span = Span::default();
    for f in reports[..r]
        .iter()
        .flat_map(|a| &a.published)
        .chain(&reports[r].empty)
    {
        span.insert(vector(cols, f));
    }
    let hidden: Vec<&Figure> = reports[..=r].iter().flat_map(|a| &a.hidden).collect();
    let open: Vec<&Figure> = hidden
        .into_iter()
        .filter(|f| !span.contains(vector(cols, f)))
        .collect();
    for f in &reports[r].published {
        span.insert(vector(cols, f));
    }
    open.into_iter()
        .filter(|f| span.contains(vector(cols, f)))
        .map(|f| f.what.clone())
        .collect()
}

/// The solutions of `published` (their n and t as equations over every unit's monthly counts)
/// under the bounds the statuses of `bounded` reveal (`undertryckt` 1 ≤ n ≤ min_n − 1,
/// `sekundärt undertryckt` n ≥ min_n) and 0 ≤ t ≤ n for every count: a linear program of its
/// own, over every count, nothing substituted.
struct Solutions<'a> {
    truth: &'a Truth,
    k: usize,
    cols: &'a BTreeMap<(usize, u32, usize), usize>,
    published: Vec<&'a Figure>,
    bounded: Vec<&'a Figure>,
}

impl Solutions<'_> {
    fn value(&self, map: &BTreeMap<(usize, usize, u32, usize), u64>, f: &Figure) -> f64 {
        let v = vector(self.cols, f);
        self.cols
            .iter()
            .filter(|(_, &c)| v[c] == 1)
            .map(|(&(u, m, g), _)| map.get(&(self.k, u, m, g)).copied().unwrap_or(0) as f64)
            .sum()
    }

    /// The n of each of `figures` at a solution that maximises Σ weight · n.
    fn optimum(&self, figures: &[&Figure], weights: &[f64]) -> Vec<f64> {
        use microlp::{ComparisonOp, OptimizationDirection, Problem, Variable};
        let cols = self.cols.len();
        let mut objective = vec![0.0; cols];
        for (f, w) in figures.iter().zip(weights) {
            for (c, x) in vector(self.cols, f).into_iter().enumerate() {
                objective[c] += w * x as f64;
            }
        }
        let mut p = Problem::new(OptimizationDirection::Maximize);
        let n: Vec<Variable> = (0..cols)
            .map(|c| p.add_var(objective[c], (0.0, 1000.0)))
            .collect();
        let t: Vec<Variable> = (0..cols).map(|_| p.add_var(0.0, (0.0, 1000.0))).collect();
        for c in 0..cols {
            p.add_constraint([(t[c], 1.0), (n[c], -1.0)], ComparisonOp::Le, 0.0);
        }
        let terms = |f: &Figure, of: &[Variable]| -> Vec<(Variable, f64)> {
            let v = vector(self.cols, f);
            (0..cols)
                .filter(|&c| v[c] == 1)
                .map(|c| (of[c], 1.0))
                .collect()
        };
        for f in &self.published {
            p.add_constraint(terms(f, &n), ComparisonOp::Eq, self.value(&self.truth.n, f));
            p.add_constraint(terms(f, &t), ComparisonOp::Eq, self.value(&self.truth.t, f));
        }
        for f in &self.bounded {
            match f.status {
                Some(Status::Primary) => {
                    p.add_constraint(terms(f, &n), ComparisonOp::Ge, 1.0);
                    p.add_constraint(terms(f, &n), ComparisonOp::Le, (MIN_N - 1) as f64);
                }
                Some(Status::Secondary) => {
                    p.add_constraint(terms(f, &n), ComparisonOp::Ge, MIN_N as f64)
                }
                _ => {}
            }
        }
        let solution = p
            .solve()
            .expect("the true counts are a solution")
            .into_solution()
            .expect("solved");
        figures
            .iter()
            .map(|f| {
                let v = vector(self.cols, f);
                (0..cols)
                    .filter(|&c| v[c] == 1)
                    .map(|c| solution.var_value(n[c]))
                    .sum()
            })
            .collect()
    }

    /// Those of `figures` whose n has one integer only over all solutions: a figure is free as
    /// soon as some solution moves it by a whole unit (less 10⁻⁶, so that rounding never calls a
    /// figure pinned). All figures up, all down, then each on its own.
    fn pinned<'f>(&self, figures: &[&'f Figure]) -> Vec<&'f Figure> {
        let truth: Vec<f64> = figures
            .iter()
            .map(|f| self.value(&self.truth.n, f))
            .collect();
        let mut open: Vec<usize> = (0..figures.len()).collect();
        let free = |at: &[f64], open: &mut Vec<usize>| {
            open.retain(|&i| (at[i] - truth[i]).abs() < 1.0 - 1e-6);
        };
        for w in [1.0, -1.0] {
            let at = self.optimum(figures, &vec![w; figures.len()]);
            free(&at, &mut open);
        }
        let mut pinned = Vec::new();
        for i in open.clone() {
            let mut one = vec![0.0; figures.len()];
            let mut moved = false;
            for w in [1.0, -1.0] {
                one[i] = w;
                let at = self.optimum(figures, &one);
                moved |= (at[i] - truth[i]).abs() >= 1.0 - 1e-6;
            }
            if !moved {
                pinned.push(figures[i]);
            }
        }
        pinned
    }
}

/// The hidden figures (of this report and the earlier ones) that report `r` pins to one integer
/// with the bounds, beyond what was public before it (the earlier reports' figures and
/// statuses, and this report's empty cells).
fn pinned_by(
    truth: &Truth,
    k: usize,
    cols: &BTreeMap<(usize, u32, usize), usize>,
    reports: &[Added],
    r: usize,
) -> Vec<String> {
    let hidden: Vec<&Figure> = reports[..=r].iter().flat_map(|a| &a.hidden).collect();
    let now = Solutions {
        truth,
        k,
        cols,
        published: reports[..=r].iter().flat_map(|a| &a.published).collect(),
        bounded: hidden.clone(),
    };
    let pinned = now.pinned(&hidden);
    if pinned.is_empty() {
        return Vec::new();
    }
    let before = Solutions {
        truth,
        k,
        cols,
        published: reports[..r]
            .iter()
            .flat_map(|a| &a.published)
            .chain(&reports[r].empty)
            .collect(),
        bounded: reports[..r].iter().flat_map(|a| &a.hidden).collect(),
    };
    let public = before.pinned(&pinned);
    pinned
        .into_iter()
        .filter(|f| !public.iter().any(|p| std::ptr::eq(*p, *f)))
        .map(|f| f.what.clone())
        .collect()
}

/// The worlds `seeds` as `check` finds them: the number of hidden figures checked. With
/// `bounds`, each report is also checked for figures its bounds pin.
fn check_worlds(seeds: impl Iterator<Item = u64>, bounds: bool) -> usize {
    let mut checked = 0;
    for seed in seeds {
        let (truth, indicators) = reports(seed);
        for (k, reports) in indicators.iter().enumerate() {
            let cols = columns(&truth, k);
            for r in 0..reports.len() {
                let found = disclosed_by(&cols, reports, r);
                assert!(
                    found.is_empty(),
                    "världen {seed}, rapport {r}: dolda värden kan räknas fram: {found:?}"
                );
                if bounds {
                    // The months no figure of the report sums are left out: nothing ties them.
                    let last = reports[..=r]
                        .iter()
                        .flat_map(|a| a.published.iter().chain(&a.hidden))
                        .flat_map(|f| f.months.iter().copied())
                        .max()
                        .unwrap_or(0);
                    let used: BTreeMap<(usize, u32, usize), usize> = cols
                        .keys()
                        .filter(|(_, m, _)| *m <= last)
                        .enumerate()
                        .map(|(c, &key)| (key, c))
                        .collect();
                    let found = pinned_by(&truth, k, &used, reports, r);
                    assert!(
                        found.is_empty(),
                        "världen {seed}, rapport {r}: dolda värden ringas in till ett enda heltal: {found:?}"
                    );
                }
                checked += reports[r].hidden.len();
            }
        }
    }
    checked
}

#[test]
fn no_hidden_figure_of_a_thousand_random_worlds_can_be_computed_back() {
    // Two threads, odd and even seeds: the worlds are independent.
    let checked: usize = std::thread::scope(|s| {
        let odd = s.spawn(|| check_worlds((1..1000).step_by(2), false));
        let even = check_worlds((0..1000).step_by(2), false);
        even + odd.join().expect("the odd worlds")
    });
    // Not vacuous: the worlds are small enough that many figures are hidden.
    assert!(checked > 20_000, "only {checked} hidden figures checked");
}

#[test]
fn no_hidden_figure_of_random_worlds_is_pinned_by_the_bounds() {
    let checked = check_worlds(1000..1000 + BOUNDED_WORLDS, true);
    assert!(checked > 1_000, "only {checked} hidden figures checked");
}

/// Two linear programs per hidden figure and report: fewer worlds than the rank check.
const BOUNDED_WORLDS: u64 = 20;

#[test]
fn the_checker_finds_a_cell_that_its_margins_give_away() {
    // One unit, one month: Kvinnor hidden, Män and Totalt shown → Kvinnor = Totalt − Män.
    let truth = Truth {
        units: 1,
        n: BTreeMap::new(),
        t: BTreeMap::new(),
    };
    let cols = columns(&truth, 0);
    let fig = |what: &str, groups: Vec<usize>| Figure {
        status: None,
        what: what.into(),
        members: vec![0],
        months: vec![1],
        groups,
    };
    let published = [fig("M", vec![1]), fig("T", vec![0, 1, 2])];
    assert_eq!(
        determined(&cols, &published, &[fig("K", vec![0])]),
        vec!["K".to_string()]
    );
    // With unknown-sex rows that month, Kvinnor and the unknown group share the difference.
    let truth = Truth {
        units: 1,
        n: [((0, 0, 1, 2), 2)].into_iter().collect(),
        t: BTreeMap::new(),
    };
    let cols = columns(&truth, 0);
    assert!(determined(&cols, &published, &[fig("K", vec![0])]).is_empty());
}
