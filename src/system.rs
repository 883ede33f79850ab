//! The operating system's errors in words the analyst reads: the standard library's messages
//! are English ("No space left on device"), and a run that cannot write its report must say why
//! in Swedish. The system's own text follows in brackets, for whoever maintains the machine.

use std::io::{Error, ErrorKind};

pub fn in_swedish(e: &Error) -> String {
    let what = match e.kind() {
        ErrorKind::NotFound => "filen eller mappen finns inte",
        ErrorKind::PermissionDenied => "behörighet saknas",
        ErrorKind::AlreadyExists => "det finns redan en fil med det namnet",
        ErrorKind::StorageFull => "disken är full",
        ErrorKind::QuotaExceeded => "kvoten för disken är slut",
        ErrorKind::FileTooLarge => "filen blev större än systemet tillåter",
        ErrorKind::ReadOnlyFilesystem => "disken är skrivskyddad",
        ErrorKind::NotADirectory => "en del av sökvägen är en fil, inte en mapp",
        ErrorKind::IsADirectory => "det är en mapp, inte en fil",
        ErrorKind::DirectoryNotEmpty => "mappen är inte tom",
        ErrorKind::InvalidFilename => "filnamnet är ogiltigt eller för långt",
        ErrorKind::Interrupted => "avbröts",
        ErrorKind::UnexpectedEof => "filen tog slut för tidigt",
        ErrorKind::InvalidData => "innehållet kunde inte tolkas",
        _ => "systemet gav ett fel",
    };
    format!("{what} ({e})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_and_a_file_too_large_are_said_in_swedish() {
        let full = Error::from_raw_os_error(28);
        assert!(in_swedish(&full).starts_with("disken är full ("), "{}", in_swedish(&full));
        let large = Error::from_raw_os_error(27);
        assert!(in_swedish(&large).starts_with("filen blev större än systemet tillåter ("));
        assert!(in_swedish(&Error::other("x")).starts_with("systemet gav ett fel (x)"));
    }
}
