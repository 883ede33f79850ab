//! Files appear complete or not at all: written under a temporary name, then renamed.

use std::path::Path;

pub fn write(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = target.with_file_name(format!(".{name}.tmp"));
    std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, target)).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
