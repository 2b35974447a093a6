//! Bytes -> `JourneyMap`, with errors that say where and what to do.

use crate::model::{FORMAT_VERSION, JourneyMap, validate};

use super::diagnostic::{Diagnostic, LoadError, MAX_DIAGNOSTICS};
use super::locate::Locator;
use super::markers;
use super::prescan::{MAX_NESTING, PrescanIssue, prescan};
use super::recover;
use super::suggest::did_you_mean;

/// Largest map file accepted. A map with 50,000 touchpoints is about 20 MiB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Parses and validates map text read from `origin` (a path or `-`).
pub fn parse_bytes(bytes: &[u8], origin: &str) -> Result<JourneyMap, LoadError> {
    let text = decode(bytes, origin)?;
    parse_str(&text, origin)
}

/// Parses and validates map text; every validation problem is reported.
pub fn parse_str(text: &str, origin: &str) -> Result<JourneyMap, LoadError> {
    let map = parse_unvalidated(text, origin)?;
    let problems = validate(&map);
    if problems.is_empty() {
        return Ok(map);
    }
    Err(invalid(text, origin, &problems))
}

/// The error for a map whose `problems` validation found, each located in
/// `text`, the text it was parsed from.
pub(super) fn invalid(text: &str, origin: &str, problems: &[crate::model::Problem]) -> LoadError {
    let locator = Locator::new(text);
    let diagnostics = problems
        .iter()
        .take(MAX_DIAGNOSTICS)
        .map(|p| {
            let (line, column) = locator.locate(p).unwrap_or((0, 0));
            Diagnostic::on_line(locator.line_text(line), line, column, p.message.clone(), p.hint.clone())
        })
        .collect();
    let mut error = LoadError::invalid(origin, diagnostics);
    error.not_shown = problems.len().saturating_sub(MAX_DIAGNOSTICS);
    error
}

/// Bytes -> text: UTF-8 required, a byte-order mark dropped, CRLF made LF.
pub fn decode(bytes: &[u8], origin: &str) -> Result<String, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(origin, bytes.len() as u64));
    }
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) if text.contains('\r') => Ok(text.replace("\r\n", "\n")),
        Ok(text) => Ok(text.to_string()),
        Err(e) => Err(not_utf8(bytes, &e, origin)),
    }
}

/// [`decode`] of bytes the caller no longer needs: the text reuses their
/// buffer instead of copying it, so a large map is not held twice.
pub fn decode_owned(mut bytes: Vec<u8>, origin: &str) -> Result<String, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(origin, bytes.len() as u64));
    }
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    let text = String::from_utf8(bytes).map_err(|e| not_utf8(e.as_bytes(), &e.utf8_error(), origin))?;
    if !text.contains('\r') {
        return Ok(text);
    }
    // Dropping the `\r` of each `\r\n` in place keeps the text UTF-8.
    let mut bytes = text.into_bytes();
    let mut kept = 0;
    for read in 0..bytes.len() {
        if bytes[read] == b'\r' && bytes.get(read + 1) == Some(&b'\n') {
            continue;
        }
        bytes[kept] = bytes[read];
        kept += 1;
    }
    bytes.truncate(kept);
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The error for bytes that are not UTF-8, pointing at the first bad byte.
fn not_utf8(bytes: &[u8], e: &std::str::Utf8Error, origin: &str) -> LoadError {
    let good = &bytes[..e.valid_up_to()];
    // The valid prefix is UTF-8 by definition; lossy only guards the impossible.
    let before = String::from_utf8_lossy(good);
    let line = 1 + before.matches('\n').count();
    let column = 1 + before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    let source = String::from_utf8_lossy(bytes);
    LoadError::invalid(
        origin,
        vec![Diagnostic::at(
            &source,
            line,
            column,
            format!(
                "the file is not valid UTF-8 (bad byte 0x{:02X})",
                bytes[e.valid_up_to()]
            ),
            "map files must be UTF-8: re-save the file as UTF-8 in your editor".to_string(),
        )],
    )
}

/// The error for a file of `len` bytes, more than [`MAX_FILE_BYTES`]. Read
/// from a pipe or a device, `len` is where reading stopped, one byte past the
/// limit: the real size is not known then.
pub(super) fn too_large(origin: &str, len: u64) -> LoadError {
    let limit = MAX_FILE_BYTES / (1024 * 1024);
    let message = if len > MAX_FILE_BYTES + 1 {
        format!(
            "the file is {} MiB, more than the {limit} MiB a map may have",
            len / (1024 * 1024)
        )
    } else {
        format!("the file is larger than the {limit} MiB a map may have")
    };
    LoadError::unreadable(
        origin,
        message,
        "check that this is really a journey map; split very large maps into several files".to_string(),
    )
}

/// Parses without the whole-map validation (ids, references): for tools that
/// want to show a broken map's problems next to it.
pub fn parse_unvalidated(text: &str, origin: &str) -> Result<JourneyMap, LoadError> {
    if let Some(issue) = prescan(text) {
        let d = match issue {
            // Every block, each by its item and field.
            PrescanIssue::ConflictMarker { .. } => return Err(markers::conflict_error(text, origin)),
            PrescanIssue::TooDeep { line, column } => Diagnostic::at(
                text,
                line,
                column,
                format!("brackets nest deeper than {MAX_NESTING} levels"),
                "a journey map nests only a few levels deep: this file is damaged or not a map".to_string(),
            ),
        };
        return Err(LoadError::invalid(origin, vec![d]));
    }
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING + 8);
    match options.from_str::<JourneyMap>(text) {
        Ok(map) if map.format > FORMAT_VERSION || map.format == 0 => {
            Err(LoadError::invalid(origin, vec![format_diagnostic(text, map.format)]))
        }
        Ok(mut map) => {
            map.settle_format();
            Ok(map)
        }
        Err(e) => {
            // A newer program may have added fields; say "upgrade", not "typo".
            if let Some(version) = declared_format(text).filter(|&v| v > FORMAT_VERSION) {
                return Err(LoadError::invalid(origin, vec![format_diagnostic(text, version)]));
            }
            let parse = |repaired: &str| options.from_str::<JourneyMap>(repaired).map(drop);
            let describe = |repaired: &str, e: &ron::error::SpannedError, (line, column)| {
                syntax_diagnostic(text, repaired, e, line, column)
            };
            Err(LoadError::invalid(origin, recover::problems(text, e, parse, describe)))
        }
    }
}

fn format_diagnostic(text: &str, version: u32) -> Diagnostic {
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(n, l)| l.find("format").map(|c| (n + 1, l[..c].chars().count() + 1)))
        .unwrap_or((0, 0));
    let (message, hint) = if version == 0 {
        (
            "format 0 does not exist".to_string(),
            format!("write `format: {FORMAT_VERSION}`"),
        )
    } else {
        (
            format!("this map uses file format {version}, but this journeymap reads formats up to {FORMAT_VERSION}"),
            "it was written by a newer journeymap: upgrade journeymap to open it".to_string(),
        )
    };
    Diagnostic::at(text, line, column, message, hint)
}

/// The `format: N` a file declares, found without a full parse.
fn declared_format(text: &str) -> Option<u32> {
    let at = text.find("format")?;
    let rest = text[at + "format".len()..].trim_start().strip_prefix(':')?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The diagnostic for a parse error `e` at `line:column` of `repaired`
/// (the file's text as written, or with earlier problems stepped over; lines
/// and columns are the same in both), quoting the line as written in `text`.
fn syntax_diagnostic(
    text: &str,
    repaired: &str,
    e: &ron::error::SpannedError,
    line: usize,
    column: usize,
) -> Diagnostic {
    use ron::Error as E;
    if only_whitespace_after(repaired, line, column) && !matches!(e.code, E::TrailingCharacters) {
        return Diagnostic::at(
            text,
            line,
            column,
            "the file ends too early".to_string(),
            "a closing `)` or `]` is missing, or the file was cut short: compare with the last good version in git"
                .to_string(),
        );
    }
    let suggestion = match &e.code {
        E::NoSuchStructField { expected, found, .. } | E::NoSuchEnumVariant { expected, found, .. } => {
            did_you_mean(found, expected)
        }
        _ => None,
    };
    let (message, hint) = match &e.code {
        E::NoSuchStructField { expected, found, outer } => (
            format!("unknown field `{found}`{}", in_struct(outer)),
            format!(
                "expected one of: {}. Check the spelling; unknown fields are refused so that no data is silently lost",
                expected.join(", ")
            ),
        ),
        E::MissingStructField { field, outer } => (
            format!("missing field `{field}`{}", in_struct(outer)),
            format!("add `{field}: ...` to this item"),
        ),
        E::DuplicateStructField { field, outer } => (
            format!("field `{field}` appears twice{}", in_struct(outer)),
            "keep one of them".to_string(),
        ),
        E::NoSuchEnumVariant { expected, found, outer } => (
            format!(
                "`{found}` is not a valid value{}",
                outer.as_deref().map(|o| format!(" for {o}")).unwrap_or_default()
            ),
            format!("use one of: {}", expected.join(", ")),
        ),
        E::ExpectedDifferentStructName { expected, found } => (
            format!("expected `{expected}(...)` here, found `{found}(...)`"),
            format!("write `{expected}(` or leave the name out"),
        ),
        E::ExceededRecursionLimit => (
            "the file nests too deeply".to_string(),
            "this file is damaged or not a journey map".to_string(),
        ),
        E::Eof => (
            "the file ends too early".to_string(),
            "a closing `)` or `]` is missing, or the file was cut short: compare with the last good version in git"
                .to_string(),
        ),
        E::ExpectedComma => (
            "expected a comma".to_string(),
            "put `,` after each field and list entry".to_string(),
        ),
        // The parser looked for the closing quote up to the end of the file.
        E::ExpectedStringEnd => (
            "this text value is never closed: the file ends inside it".to_string(),
            "add the closing `\"`; if the file was cut short, compare with the last good version in git".to_string(),
        ),
        E::ExpectedString => (
            format!("{}", e.code),
            "text values go in double quotes: \"like this\"".to_string(),
        ),
        E::ExpectedInteger | E::IntegerOutOfBounds => (
            format!("{}", e.code),
            "this field takes a whole number, e.g. `emotion: -1` (from -2 to 2)".to_string(),
        ),
        E::ExpectedBoolean => (format!("{}", e.code), "write `true` or `false`".to_string()),
        E::TrailingCharacters => (
            "unexpected text after the end of the map".to_string(),
            "a map file holds one `JourneyMap(...)`; remove what follows its closing `)`".to_string(),
        ),
        E::UnclosedBlockComment => ("a `/*` comment is never closed".to_string(), "add `*/`".to_string()),
        other => (format!("{other}"), "see the file format in the README".to_string()),
    };
    Diagnostic::at(text, line, column, message, hint).suggesting(suggestion)
}

/// Whether nothing but whitespace (and comments' absence aside) follows the
/// 1-based `line:column`: the parser stopped because the text ran out.
fn only_whitespace_after(text: &str, line: usize, column: usize) -> bool {
    let mut rest = text.split_inclusive('\n').skip(line.saturating_sub(1));
    let Some(current) = rest.next() else { return true };
    let tail: String = current.chars().skip(column.saturating_sub(1)).collect();
    tail.trim().is_empty() && rest.all(|l| l.trim().is_empty())
}

fn in_struct(outer: &Option<String>) -> String {
    outer.as_deref().map(|o| format!(" in {o}")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_owned_bytes_gives_what_decoding_borrowed_bytes_gives() {
        let samples: [&[u8]; 6] = [
            b"JourneyMap(title: \"T\")\n",
            b"\xEF\xBB\xBFJourneyMap(\r\n  title: \"caf\xC3\xA9\",\r\n)\r\n",
            b"lone\rreturn\r",
            b"\r\n\r\r\n",
            b"",
            b"bad \xFF byte\nline",
        ];
        for bytes in samples {
            let borrowed = decode(bytes, "f").map_err(|e| e.to_string());
            let owned = decode_owned(bytes.to_vec(), "f").map_err(|e| e.to_string());
            assert_eq!(owned, borrowed, "{bytes:?}");
        }
    }

    #[test]
    fn decoding_refuses_more_than_the_limit_and_takes_the_limit() {
        // Loading checks the size while reading; callers that hold bytes
        // already rely on decoding to check it again.
        let mut bytes = vec![b' '; MAX_FILE_BYTES as usize];
        assert!(decode(&bytes, "f").is_ok());
        assert!(decode_owned(bytes.clone(), "f").is_ok());
        bytes.push(b' ');
        let too_large = |r: Result<String, LoadError>| r.err().map(|e| e.to_string());
        let borrowed = too_large(decode(&bytes, "f")).unwrap_or_default();
        assert!(borrowed.contains("larger than the 64 MiB"), "{borrowed}");
        let owned = too_large(decode_owned(bytes, "f")).unwrap_or_default();
        assert!(owned.contains("larger than the 64 MiB"), "{owned}");
    }

    #[test]
    fn a_size_is_given_only_when_known() {
        let known = too_large("m.ron", 100 * 1024 * 1024).to_string();
        assert!(known.contains("the file is 100 MiB, more than the 64 MiB"), "{known}");
        let stopped = too_large("<stdin>", MAX_FILE_BYTES + 1).to_string();
        assert!(
            stopped.contains("the file is larger than the 64 MiB a map may have"),
            "{stopped}"
        );
    }

    #[test]
    fn a_file_cut_inside_a_string_says_so() {
        let e = parse_str("JourneyMap(\n    title: \"Spring la", "m.ron").err();
        let d = e.as_ref().map(|e| &e.diagnostics[0]);
        assert_eq!(d.map(|d| (d.line, d.column)), Some((2, 12)), "{e:?}");
        assert!(d.is_some_and(|d| d.message.contains("never closed") && d.hint.contains("cut short")));
    }

    #[test]
    fn thousands_of_problems_list_the_first_hundred_and_count_the_rest() {
        let touchpoints: String = (0..1000)
            .map(|n| format!("(id: \"t{n}\", name: \"T\", stage: \"gone{n}\"),\n"))
            .collect();
        let text =
            format!("JourneyMap(title: \"x\", stages: [(id: \"s\", name: \"S\")], touchpoints: [\n{touchpoints}])");
        let Err(e) = parse_str(&text, "m.ron") else {
            panic!("dangling stages must be refused");
        };
        assert_eq!(
            (e.diagnostics.len(), e.not_shown),
            (MAX_DIAGNOSTICS, 1000 - MAX_DIAGNOSTICS)
        );
        assert_eq!((e.diagnostics[99].line, e.diagnostics[99].column), (101, 31));
        let shown = e.to_string();
        assert!(shown.contains("... and 900 more problems"), "{shown}");
        assert!(shown.ends_with("m.ron: 1000 problems\n"), "{shown}");
    }
}
