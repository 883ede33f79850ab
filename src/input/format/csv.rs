//! csv reader: as Swedish Excel writes it and as databases write it (`docs/inputs.md` § File formats).
//! Encoding (UTF-8 with or without BOM, else Windows-1252) and separator (`;` `,` tab, from the
//! header line) are detected; fields follow RFC 4180. Every field is kept as text: decimal commas
//! and thousands separators are the data-set rules' business, not the reader's.

use crate::input::raw::{Cell, InputError, RawTable, Row, HEADER_SEARCH};

pub fn read(file: &str, bytes: &[u8]) -> Result<RawTable, InputError> {
    let text = decode(bytes);
    let separator = detect_separator(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // csv's own line numbers count blank lines before a record into it, so the line is found
    // from the record's byte offset instead (offsets only grow, so counting is incremental).
    let bytes = text.as_bytes();
    let (mut counted_to, mut line_at) = (0usize, 1u64);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                return Err(InputError::Unreadable { file: file.to_string(), detail: format!("rad {line}: {e}") });
            }
        }
        let mut start = record.position().map(|p| p.byte() as usize).unwrap_or(0).max(counted_to);
        while matches!(bytes.get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        line_at += line_ends(bytes.get(counted_to..start).unwrap_or_default(), bytes.get(start).copied());
        counted_to = start;
        let line = line_at;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        match header {
            None => header = Some(record.iter().map(|f| f.trim().to_string()).collect()),
            Some(_) => rows.push(Row {
                number: line,
                cells: record
                    .iter()
                    .map(|f| if f.is_empty() { Cell::Empty } else { Cell::Text(f.to_string()) })
                    .collect(),
            }),
        }
    }
    let header = header.ok_or_else(|| InputError::NoHeader { file: file.to_string() })?;
    Ok(RawTable { file: file.to_string(), sheet: None, header, rows, sha256: String::new() })
}

/// UTF-8 (BOM stripped) when valid, otherwise Windows-1252.
/// Line ends in `span`: `\n`, `\r\n`, or a lone `\r` (old Mac files, and files pieced together
/// from several systems); `next` is the byte after the span, so a `\r\n` cut in two counts once.
fn line_ends(span: &[u8], next: Option<u8>) -> u64 {
    let mut n = 0;
    for (i, &b) in span.iter().enumerate() {
        let following = span.get(i + 1).copied().or(next);
        if b == b'\n' || (b == b'\r' && following != Some(b'\n')) {
            n += 1;
        }
    }
    n
}

/// A byte-order mark is dropped wherever it stands: in the middle it is the start of a second
/// file appended to the first, and it would otherwise cling to that line's first value.
#[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: `at` is where a 3-byte window of `rest` starts, so `at + 3 <= rest.len()`.
pub fn decode(bytes: &[u8]) -> String {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let body: std::borrow::Cow<[u8]> = if bytes.windows(3).any(|w| w == BOM) {
        let mut out = Vec::with_capacity(bytes.len());
        let mut rest = bytes;
        while let Some(at) = rest.windows(3).position(|w| w == BOM) {
            out.extend_from_slice(&rest[..at]);
            rest = &rest[at + 3..];
        }
        out.extend_from_slice(rest);
        out.into()
    } else {
        bytes.into()
    };
    match std::str::from_utf8(&body) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(&body).0.into_owned(),
    }
}

/// The separator occurring most often outside quotes on the header line (ties: `;` before tab
/// before `,`, as Swedish Excel writes `;`). The header line is the first non-empty line with at
/// least two of one separator, every data set having three columns or more: a title line above it
/// ("Export från PVK, maj 2026") does not decide.
fn detect_separator(text: &str) -> u8 {
    let count = |line: &str| {
        let mut counts = [(b';', 0usize), (b'\t', 0), (b',', 0)];
        let mut quoted = false;
        for b in line.bytes() {
            if b == b'"' {
                quoted = !quoted;
            } else if !quoted {
                for (sep, n) in counts.iter_mut() {
                    if b == *sep {
                        *n += 1;
                    }
                }
            }
        }
        counts
    };
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).take(HEADER_SEARCH).map(count);
    let first = lines.next().unwrap_or([(b';', 0), (b'\t', 0), (b',', 0)]);
    let counts = if first.iter().any(|c| c.1 >= 2) { first } else { lines.find(|c| c.iter().any(|c| c.1 >= 2)).unwrap_or(first) };
    let most = counts.iter().map(|c| c.1).max().unwrap_or(0);
    counts.iter().find(|c| c.1 == most).map(|c| c.0).unwrap_or(b';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_detected_from_the_header() {
        assert_eq!(detect_separator("a;b;c\n1,5;2;3"), b';');
        assert_eq!(detect_separator("a,b,c\n"), b',');
        assert_eq!(detect_separator("a\tb\tc\n"), b'\t');
        assert_eq!(detect_separator("\"a;x\",b,c\n"), b',');
        assert_eq!(detect_separator("Export från PVK, maj 2026\n\na;b;c\n1;2;3\n"), b';');
    }

    #[test]
    fn windows_1252_and_bom() {
        assert_eq!(decode(b"\xEF\xBB\xBFk\xC3\xB6n"), "kön");
        assert_eq!(decode(b"k\xF6n"), "kön");
        assert_eq!(decode(b"plain"), "plain");
        // A second file appended to the first, each with its mark, and a Windows-1252 file with one.
        assert_eq!(decode(b"\xEF\xBB\xBFa;b\n1;2\n\xEF\xBB\xBFa;b\n"), "a;b\n1;2\na;b\n");
        assert_eq!(decode(b"k\xF6n\n\xEF\xBB\xBFk\xF6n"), "kön\nkön");
    }

    #[test]
    fn line_numbers_count_from_the_header_and_skip_nothing_but_blank_lines() {
        let t = read("x.csv", b"a;b\n1;2\n\n\"multi\nline\";3\n;\n4;5\n").unwrap();
        let numbers: Vec<u64> = t.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, vec![2, 4, 7]);
        assert_eq!(t.rows[1].cells[0], Cell::Text("multi\nline".into()));
    }

    #[test]
    fn mixed_line_ends_number_lines_as_an_editor_shows_them() {
        // Line 1 header (CRLF), 2 (LF), 3 (lone CR), 4 blank (CRLF), 5 last.
        let t = read("x.csv", b"a;b\r\n1;2\n3;4\r\r\n5;6").unwrap();
        let numbers: Vec<u64> = t.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, vec![2, 3, 5]);
    }
}
