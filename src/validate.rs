//! The `validate` command's text: per file rows read / used / rejected, the rejected rows with
//! reasons, and the closing `Totalt:` line.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::input::{Dataset, ProblemKind, Quality};

/// Rejected rows listed per file before the rest is only counted.
pub const LISTED_PER_FILE: usize = 50;

pub fn summary(q: &Quality) -> String {
    let mut s = String::new();
    let problems = q.sorted_problems();
    for f in &q.files {
        let _ = writeln!(
            s,
            "{} ({}): lästa {}, använda {}, avvisade {}",
            f.file,
            f.dataset.label(),
            f.read,
            f.used,
            f.rejected
        );
        if f.dataset == Dataset::Units {
            continue;
        }
        let mine: Vec<_> = problems.iter().filter(|p| p.file == f.file && p.dataset == f.dataset).collect();
        let rejected: Vec<_> = mine.iter().filter(|p| p.kind == ProblemKind::Rejected).collect();
        for p in rejected.iter().take(LISTED_PER_FILE) {
            let _ = writeln!(s, "    rad {}, kolumn {}: \"{}\" – {}", p.row, p.column, p.value, p.reason);
        }
        if rejected.len() > LISTED_PER_FILE {
            let _ = writeln!(s, "    … och {} avvisade rader till", rejected.len() - LISTED_PER_FILE);
        }
        let mut unused: BTreeMap<&str, u64> = BTreeMap::new();
        for p in &mine {
            if let ProblemKind::UnusedCode(c) = &p.kind {
                *unused.entry(c.as_str()).or_insert(0) += 1;
            }
        }
        for (code, n) in unused {
            let _ = writeln!(s, "    koden {code} används inte i planen: {n} rader avvisade");
        }
        if f.merged + f.replaced > 0 {
            let _ = writeln!(
                s,
                "    {} sammanslagna dubbletter och {} ersatta rader (en senare rad för samma åtgärd gäller; raderna räknas som använda)",
                f.merged, f.replaced
            );
        }
        if f.invalid_answers > 0 {
            let _ = writeln!(
                s,
                "    {} svar med ogiltig svarskod räknas som obesvarade (raderna används)",
                f.invalid_answers
            );
        }
    }
    let (read, used, rejected) = q.totals();
    let _ = writeln!(s, "Totalt: lästa {read}, använda {used}, avvisade {rejected}");
    s
}
