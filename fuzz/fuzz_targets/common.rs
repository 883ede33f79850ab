//! What every reader target shares: the shipped 2026 plan and register, read once.

use std::sync::OnceLock;

use uppfoljning::input::{probe, Units};
use uppfoljning::plan::{self, Plan};

pub fn world() -> &'static (Plan, Units) {
    static WORLD: OnceLock<(Plan, Units)> = OnceLock::new();
    WORLD.get_or_init(|| {
        let plan = plan::parse(include_str!("../../indicators/2026.toml"), "2026.toml").expect("the shipped plan");
        let units = probe::units("units.xlsx", include_bytes!("../../data-samples/units.xlsx")).expect("the shipped register");
        (plan, units)
    })
}

/// Reads `data` as a file called `name` of every data set: any bytes must give counts or an error.
pub fn every_dataset(name: &str, data: &[u8]) {
    let (plan, units) = world();
    let _ = probe::as_every_dataset(name, data, plan, units);
}
