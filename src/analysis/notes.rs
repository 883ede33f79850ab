//! Notes for the data quality sheet and the centres' dialogue sheets: data sets without files,
//! no survey year, units without data, months without rows, units open part of the period.

use std::collections::{BTreeMap, BTreeSet};

use crate::cell::Sex;
use crate::compute::{EntityKind, Report};
use crate::input::{InputFiles, Inputs};
use crate::plan::{Kind, Plan, Source};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// A data set the plan reads was given no file.
    NoFile,
    /// The plan has survey indicators, but no survey year ≤ the report year was accepted.
    NoSurvey,
    /// A unit in the report without a single observation in the period.
    UnitWithoutData,
    /// Months a unit was open without any row for an indicator.
    MissingMonths,
    /// A unit opened or closed within the period.
    PartlyOpen,
    /// No sampled counts for the survey year used, for the data set or for one unit: no response rate.
    NoSampled,
}

/// One note: its text, and the unit (HSA-id) it is about, if it is about one.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub unit: Option<String>,
    pub kind: NoteKind,
    pub text: String,
}

impl Note {
    fn about(unit: &str, kind: NoteKind, text: String) -> Note {
        Note { unit: Some(unit.to_string()), kind, text }
    }
}

pub fn notes(plan: &Plan, files: &InputFiles, inputs: &Inputs, report: &Report) -> Vec<Note> {
    let mut notes = Vec::new();
    for (source, given, label) in [
        (Source::Npe, &files.npe, "Nationell patientenkät"),
        (Source::Pvk, &files.pvk, "Primärvårdskvalitet"),
        (Source::Access, &files.access, "tillgänglighet"),
    ] {
        if given.is_empty() && plan.indicators.iter().any(|i| i.source == source) {
            let text = format!("Ingen fil med {label} angavs: dess indikatorer redovisas som ingen data.");
            notes.push(Note { unit: None, kind: NoteKind::NoFile, text });
        }
    }
    if files.riket.is_empty() && plan.indicators.iter().any(|i| i.riket_comparable) {
        let text = "Ingen fil med riksvärden angavs: riket redovisas som – i rapporten.".to_string();
        notes.push(Note { unit: None, kind: NoteKind::NoFile, text });
    }
    let cur = &report.current;
    if cur.survey_year.is_none() && plan.indicators.iter().any(|i| i.kind == Kind::Survey) {
        let text = format!("Ingen enkätomgång {} eller tidigare finns bland godkända NPE-rader.", cur.period.year);
        notes.push(Note { unit: None, kind: NoteKind::NoSurvey, text });
    }
    if let Some(year) = cur.survey_year {
        if !files.urval.is_empty() || inputs.sampled.given {
            // Units with respondents in the survey year used but no sampled count for all persons.
            let r = &inputs.respondents;
            let answered: BTreeSet<u32> = (0..r.len()).filter(|&i| r.year[i] == year).map(|i| r.unit[i]).collect();
            for entity in &cur.entities {
                let EntityKind::Unit(u) = entity.kind else { continue };
                if answered.contains(&(u as u32)) && inputs.sampled.of(u as u32, year, Sex::Total).is_none() {
                    let text = format!(
                        "{} ({}) saknar urval för enkätåret {year}: ingen svarsfrekvens redovisas för enheten.",
                        entity.name, entity.id
                    );
                    notes.push(Note::about(&entity.id, NoteKind::NoSampled, text));
                }
            }
        } else if plan.indicators.iter().any(|i| i.kind == Kind::Survey) {
            let text = "Ingen fil med patientenkätens urval angavs: svarsfrekvensen redovisas inte (–).".to_string();
            notes.push(Note { unit: None, kind: NoteKind::NoSampled, text });
        }
    }
    for (e, entity) in cur.entities.iter().enumerate().filter(|(_, e)| e.is_unit()) {
        if cur.indicators.iter().all(|t| t.obs[e][Sex::Total].n() == 0) {
            let text = format!("{} ({}) har inga data för perioden.", entity.name, entity.id);
            notes.push(Note::about(&entity.id, NoteKind::UnitWithoutData, text));
        }
    }
    let units: Vec<usize> = cur
        .entities
        .iter()
        .filter_map(|e| match e.kind {
            EntityKind::Unit(u) => Some(u),
            _ => None,
        })
        .collect();
    // Months without any row, per unit and count indicator, over the months the indicator reads.
    let m = &inputs.measures;
    let present: BTreeSet<(u32, u32, i32)> = (0..m.len()).map(|i| (m.unit[i], m.indicator[i], m.month[i])).collect();
    let mut missing: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
    let period = cur.period;
    for &u in &units {
        let unit = &inputs.units.list[u];
        for (k, ind) in plan.indicators.iter().enumerate() {
            for month in period.months_read(ind.kind) {
                if unit.overlaps(month.first_day(), month.last_day()) && !present.contains(&(u as u32, k as u32, month.0)) {
                    missing.entry((u, k)).or_default().push(month.to_string());
                }
            }
        }
    }
    for ((u, k), months) in missing {
        let unit = &inputs.units.list[u];
        let text = format!("{} ({}): {} saknar data för {}.", unit.name, unit.hsa_id, plan.indicators[k].id, months.join(", "));
        notes.push(Note::about(&unit.hsa_id, NoteKind::MissingMonths, text));
    }
    for &u in &units {
        let unit = &inputs.units.list[u];
        let (opened, closed) = unit.partly_open(period.start_date(), period.end_date());
        if let Some(from) = opened {
            notes.push(Note::about(&unit.hsa_id, NoteKind::PartlyOpen, format!("{} ({}) öppnade {from}.", unit.name, unit.hsa_id)));
        }
        if let Some(to) = closed {
            notes.push(Note::about(&unit.hsa_id, NoteKind::PartlyOpen, format!("{} ({}) stängde {to}.", unit.name, unit.hsa_id)));
        }
    }
    notes
}
