//! The plan as a text table (`uppfoljning plan`).

use super::{Direction, Kind, Measured, Plan};

impl Plan {
    /// The plan as a text table, as `uppfoljning plan` prints it.
    pub fn table(&self) -> String {
        let head = ["id", "namn", "område", "källa", "typ", "enhet", "kön", "mål (delvis)", "min_n"];
        let rows: Vec<[String; 9]> = self
            .indicators
            .iter()
            .map(|i| {
                let kind = match i.kind {
                    Kind::Flow => "flöde".to_string(),
                    Kind::Status(Measured::Rolling12) => "status, rullande 12 mån".into(),
                    Kind::Status(Measured::MonthEnd) => "status, vid månadens slut".into(),
                    Kind::Survey => "enkät".into(),
                };
                let target = match &i.target {
                    None => "–".to_string(),
                    Some(t) => {
                        let op = if t.direction == Direction::HigherIsBetter { "≥" } else { "≤" };
                        format!("{op} {} ({op} {})", fmt_num(t.value), fmt_num(t.partly))
                    }
                };
                [
                    i.id.clone(),
                    i.name.clone(),
                    i.area.clone(),
                    format!("{} {}", i.source.key(), i.code),
                    kind,
                    i.unit.label().to_string(),
                    if i.by_sex { "ja".into() } else { "nej".into() },
                    target,
                    i.min_n.to_string(),
                ]
            })
            .collect();
        let mut width = head.map(|h| h.chars().count());
        for r in &rows {
            for (w, c) in width.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let line = |cells: &[String]| -> String {
            let padded: Vec<String> =
                cells.iter().zip(&width).map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count()))).collect();
            padded.join("  ").trim_end().to_string()
        };
        let mut out = format!("Uppföljningsplan {} – {} indikatorer\n\n", self.year, self.indicators.len());
        out.push_str(&line(&head.map(String::from)));
        out.push('\n');
        for r in &rows {
            out.push_str(&line(r));
            out.push('\n');
        }
        out
    }
}

/// A plan number as written (`90`, `52.5`), Swedish decimal comma.
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 { format!("{}", v as i64) } else { format!("{v}").replace('.', ",") }
}
