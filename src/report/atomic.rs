//! Atomic file writes (`docs/reports.md` § Files written): every workbook goes to a temporary name in
//! the same folder (starting with `.`, ending in `.tmp`) and is renamed when complete, so a
//! failed or killed run never leaves a partial `.xlsx`, and an earlier report is only ever
//! replaced by a complete new one.

use std::io::Write;
use std::path::{Path, PathBuf};

pub fn temp_name(target: &Path) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    target.with_file_name(format!(".{name}.tmp"))
}

pub fn write(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_name(target);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Removes temporary files a killed run left in `dir`.
pub fn clean_leftovers(dir: &Path) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let written = [".xlsx.tmp", ".csv.tmp", ".parquet.tmp"].iter().any(|end| name.ends_with(end));
        if name.starts_with('.') && written {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
