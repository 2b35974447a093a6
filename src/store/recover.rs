//! Several syntax problems listed in one run. The RON parser stops at the
//! first problem; when that problem can be stepped over without guessing
//! what the author meant (an unknown or repeated field, a value of the wrong
//! kind, a misspelt struct name, a comma missing between two fields), a copy
//! of the text is repaired (the field blanked out, the comma put in) and
//! parsed again to find the next problem. Repairs keep every line and column
//! where it was, so each problem is reported at its place in the file as
//! written. Anything else (an unclosed string, a missing bracket) ends the
//! search: what follows it could only be guessed at.

use std::ops::Range;

use ron::Error as E;
use ron::error::SpannedError;

use super::diagnostic::{Diagnostic, MAX_DIAGNOSTICS};
use super::locate::{is_raw_string_start, skip_block_comment, skip_string};
use super::suggest::closest;

/// Once this many bytes were parsed in all, the search stops: a large map
/// full of problems lists its first ones quickly rather than all of them slowly.
const PARSE_BUDGET: usize = 32 * 1024 * 1024;

/// The diagnostics for `text`, whose parse failed with `first`: that
/// problem, then every further one found by repairing and parsing again
/// with `parse`. `describe` turns a problem found in the repaired text
/// (second argument) at a line and column into a diagnostic.
pub(super) fn problems(
    text: &str,
    first: SpannedError,
    parse: impl Fn(&str) -> Result<(), SpannedError>,
    describe: impl Fn(&str, &SpannedError, (usize, usize)) -> Diagnostic,
) -> Vec<Diagnostic> {
    let mut repaired = text.to_string();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    // Fields blanked out so far: the parser may then miss a required one,
    // which is the repair's doing, not the author's.
    let mut blanked: Vec<String> = Vec::new();
    let mut parsed = text.len();
    let mut previous = None;
    let mut error = first;
    loop {
        let spot = spot(&repaired, &error);
        // Parsing again starts over, so a new problem lies past the last
        // one; one that does not came from a repair.
        if previous.is_some_and(|before| spot <= before) || is_repairs_doing(&error.code, &blanked) {
            break;
        }
        diagnostics.push(describe(&repaired, &error, shown_spot(&repaired, &error.code, spot)));
        previous = Some(spot);
        if diagnostics.len() >= MAX_DIAGNOSTICS || parsed >= PARSE_BUDGET {
            break;
        }
        if repair(&mut repaired, &error.code, spot, &mut blanked).is_none() {
            break;
        }
        parsed += repaired.len();
        match parse(&repaired) {
            Ok(()) => break,
            Err(next) => error = next,
        }
    }
    diagnostics
}

/// A missing field that a repair blanked out.
fn is_repairs_doing(code: &E, blanked: &[String]) -> bool {
    matches!(code, E::MissingStructField { field, .. } if blanked.iter().any(|b| b == field))
}

/// Problems with one value, reported where the value starts.
fn is_value_problem(code: &E) -> bool {
    matches!(
        code,
        E::ExpectedArray
            | E::ExpectedBoolean
            | E::ExpectedInteger
            | E::ExpectedFloat
            | E::ExpectedString
            | E::ExpectedStructLike
            | E::ExpectedNamedStructLike(_)
            | E::IntegerOutOfBounds
            | E::InvalidValueForType { .. }
            | E::NoSuchEnumVariant { .. }
    )
}

/// The 1-based line and column of a problem. The parser may place a value's
/// problem on the space before it; the caret belongs under the value.
pub(super) fn spot(text: &str, error: &SpannedError) -> (usize, usize) {
    let (line, column) = (error.span.start.line, error.span.start.col);
    if !is_value_problem(&error.code) {
        return (line, column);
    }
    let Some(offset) = offset_of(text, line, column) else {
        return (line, column);
    };
    let value = offset + (text.len() - offset - text[offset..].trim_start().len());
    if value >= text.len() {
        return (line, column);
    }
    line_column(text, value)
}

/// Where the caret goes for the problem `code` at `spot`: a missing comma
/// is reported at the next token, but belongs after the one before it.
fn shown_spot(text: &str, code: &E, spot: (usize, usize)) -> (usize, usize) {
    let Some(at) = offset_of(text, spot.0, spot.1).filter(|_| matches!(code, E::ExpectedComma)) else {
        return spot;
    };
    let end = text[..at].trim_end().len();
    let line_start = text[..end].rfind('\n').map_or(0, |n| n + 1);
    // After a comment (or what may be one), the token before is not plain
    // to see: keep the spot.
    if end == 0 || text[line_start..end].contains("//") || text[..end].ends_with("*/") {
        return spot;
    }
    line_column(text, end)
}

/// Repairs `text` past the problem `code` at `spot`; `None` when that cannot
/// be done without guessing.
fn repair(text: &mut String, code: &E, spot: (usize, usize), blanked: &mut Vec<String>) -> Option<()> {
    let at = offset_of(text, spot.0, spot.1)?;
    match code {
        E::NoSuchStructField { found: key, .. } => blank_field(text, at, key, blanked),
        E::DuplicateStructField { field: key, .. } => blank_field(text, at, key, blanked),
        // A misspelt name (`Stag(`) is left out, as a name may be; another
        // kind of item in the wrong list (`Stage(` among tactics) is not
        // stepped over, or each of its fields would be reported as unknown.
        E::ExpectedDifferentStructName { expected, found } if closest(found, &[expected]).is_some() => {
            let after = at + found.len();
            let bytes = text.as_bytes();
            (text[at..].starts_with(found.as_str()) && bytes.get(skip_blank(bytes, after)) == Some(&b'('))
                .then(|| blank(text, at..after))?
        }
        E::ExpectedComma => insert_comma(text, at),
        code if is_value_problem(code) => blank_value(text, at, blanked),
        _ => None,
    }
}

/// Blanks out the field `key: value,` whose key starts at `at`.
fn blank_field(text: &mut String, at: usize, key: &str, blanked: &mut Vec<String>) -> Option<()> {
    let bytes = text.as_bytes();
    let after_key = at + key.len();
    if !text[at..].starts_with(key) || bytes.get(after_key).is_some_and(|&b| is_ident(b)) {
        return None;
    }
    let colon = skip_blank(bytes, after_key);
    if bytes.get(colon) != Some(&b':') {
        return None;
    }
    let value = skip_blank(bytes, colon + 1);
    let end = with_comma(bytes, value_end(bytes, value)?);
    blanked.push(key.to_string());
    blank(text, at..end)
}

/// Blanks out the value starting at `at`, with its key when it is a field's
/// (`key: value,`) or alone when it is an entry of a list.
fn blank_value(text: &mut String, at: usize, blanked: &mut Vec<String>) -> Option<()> {
    let bytes = text.as_bytes();
    let before = text[..at].trim_end();
    match before.as_bytes().last()? {
        b':' => {
            let key_text = before[..before.len() - 1].trim_end();
            let key_len = key_text.bytes().rev().take_while(|&b| is_ident(b)).count();
            if key_len == 0 {
                return None;
            }
            let key = key_text.len() - key_len;
            let name = key_text[key..].to_string();
            blank_field(text, key, &name, blanked)
        }
        b',' | b'[' => {
            let end = with_comma(bytes, value_end(bytes, at)?);
            blank(text, at..end)
        }
        _ => None,
    }
}

/// Puts the comma missing before the token at `at` in place of the space
/// before it, when what follows is plainly the next field or entry.
fn insert_comma(text: &mut String, at: usize) -> Option<()> {
    let bytes = text.as_bytes();
    let before = &text[..at];
    let gap_start = before.trim_end().len();
    // A comma or an opening bracket already there: the problem is another.
    if matches!(
        before.as_bytes().get(gap_start.checked_sub(1)?),
        Some(b',' | b'(' | b'[' | b'{')
    ) {
        return None;
    }
    let space = gap_start + before[gap_start..].rfind([' ', '\t'])?;
    let next_is_field = || {
        let key_len = bytes[at..].iter().take_while(|&&b| is_ident(b)).count();
        key_len > 0 && bytes.get(skip_blank(bytes, at + key_len)) == Some(&b':')
    };
    let next_is_entry = || {
        let name_len = bytes[at..].iter().take_while(|&&b| is_ident(b)).count();
        match bytes.get(at) {
            Some(b'"' | b'(') => true,
            Some(b'r') if is_raw_string_start(bytes, at) => true,
            _ => name_len > 0 && bytes.get(skip_blank(bytes, at + name_len)) == Some(&b'('),
        }
    };
    let fits = match enclosing_bracket(bytes, at)? {
        b'(' => next_is_field(),
        b'[' => next_is_entry(),
        _ => false,
    };
    fits.then(|| text.replace_range(space..space + 1, ","))
}

/// Replaces `range` of `text` by spaces, one per character, keeping line
/// breaks: every later line and column stays where it was.
fn blank(text: &mut String, range: Range<usize>) -> Option<()> {
    let spaces: String = text
        .get(range.clone())?
        .chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect();
    text.replace_range(range, &spaces);
    Some(())
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The offset of the first byte from `i` on that is neither white space nor
/// in a comment.
fn skip_blank(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = skip_block_comment(bytes, i + 2),
            _ => break,
        }
    }
    i
}

/// `end`, or past the comma that follows it.
fn with_comma(bytes: &[u8], end: usize) -> usize {
    let next = skip_blank(bytes, end);
    if bytes.get(next) == Some(&b',') { next + 1 } else { end }
}

/// The end of the single value starting at `start` (a string, a name or
/// number, a bracketed group, or a name and a group), when a `,` or a
/// closing bracket follows it as it should. `None` for anything else,
/// such as a string never closed or two values with no comma between.
fn value_end(bytes: &[u8], start: usize) -> Option<usize> {
    let end = match bytes.get(start)? {
        b'"' => skip_string(bytes, start + 1, None),
        b'r' if is_raw_string_start(bytes, start) => {
            let hashes = bytes[start + 1..].iter().take_while(|&&b| b == b'#').count();
            skip_string(bytes, start + 2 + hashes, Some(hashes))
        }
        _ => {
            let name = bytes[start..]
                .iter()
                .take_while(|&&b| is_ident(b) || matches!(b, b'.' | b'-' | b'+'))
                .count();
            let group = skip_blank(bytes, start + name);
            match bytes.get(group) {
                Some(b'(' | b'[' | b'{') => group_end(bytes, group)?,
                _ if name > 0 => start + name,
                _ => return None,
            }
        }
    };
    // A string that runs to the end of the text was never closed.
    if end >= bytes.len() {
        return None;
    }
    matches!(bytes.get(skip_blank(bytes, end)), Some(b',' | b')' | b']' | b'}')).then_some(end)
}

/// The offset after the bracket that closes the one at `open`.
fn group_end(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i + 1, None),
            b'r' if is_raw_string_start(bytes, i) => {
                let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
                i = skip_string(bytes, i + 2 + hashes, Some(hashes));
            }
            b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => i = skip_blank(bytes, i),
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// The innermost bracket still open at `at`.
fn enclosing_bracket(bytes: &[u8], at: usize) -> Option<u8> {
    let mut open = Vec::new();
    let mut i = 0;
    while i < at.min(bytes.len()) {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i + 1, None),
            b'r' if is_raw_string_start(bytes, i) => {
                let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
                i = skip_string(bytes, i + 2 + hashes, Some(hashes));
            }
            b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => i = skip_blank(bytes, i),
            b @ (b'(' | b'[' | b'{') => {
                open.push(b);
                i += 1;
            }
            b')' | b']' | b'}' => {
                open.pop();
                i += 1;
            }
            _ => i += 1,
        }
    }
    open.last().copied()
}

/// The byte offset of 1-based `line` and `column` (in characters).
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = &text[start..];
    let line_text = &rest[..rest.find('\n').unwrap_or(rest.len())];
    match line_text.char_indices().nth(column.checked_sub(1)?) {
        Some((at, _)) => Some(start + at),
        None => (column - 1 == line_text.chars().count()).then_some(start + line_text.len()),
    }
}

/// The 1-based line and column (in characters) of byte `offset`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    (
        1 + before.matches('\n').count(),
        1 + before[line_start..].chars().count(),
    )
}

#[cfg(test)]
mod tests {
    use crate::store::{LoadError, parse_str};

    /// Every problem of `text` as `(line, column, message)`.
    fn found(text: &str) -> Vec<(usize, usize, String)> {
        let error: LoadError = match parse_str(text, "m.ron") {
            Ok(map) => panic!("expected problems, got {map:?}"),
            Err(e) => e,
        };
        error
            .diagnostics
            .iter()
            .map(|d| (d.line, d.column, d.message.clone()))
            .collect()
    }

    #[test]
    fn independent_problems_are_listed_together_where_they_are() {
        let text = "JourneyMap(
    title: \"x\",
    stages: [
        Stage(id: \"a\", name: \"A\", gaol: \"Get seen\", emotion: \"high\"),
        Stage(id: \"b\", name: \"B\", mindset: ProductAwre),
    ],
    competitors: [(id: \"c\", name: \"C\", kind: Rival, usp: \"Cheap\")],
)";
        let expected = [
            (4, 35, "unknown field `gaol` in Stage"),
            (4, 62, "Expected integer"),
            (5, 44, "`ProductAwre` is not a valid value for Mindset"),
            (7, 46, "`Rival` is not a valid value for CompetitorKind"),
        ];
        let expected: Vec<_> = expected.iter().map(|&(l, c, m)| (l, c, m.to_string())).collect();
        assert_eq!(found(text), expected);
    }

    #[test]
    fn columns_stay_right_after_wide_text_is_stepped_over() {
        // Blanking `gaol: "展示会 🎁"` must not move what follows on the line.
        let text = "JourneyMap(stages: [(id: \"a\", name: \"展示\", gaol: \"展示会 🎁\", watchout: \"x\")])";
        let columns: Vec<usize> = found(text).iter().map(|&(_, column, _)| column).collect();
        let at = |needle: &str| text[..text.find(needle).unwrap_or(0)].chars().count() + 1;
        assert_eq!(columns, vec![at("gaol"), at("watchout")]);
    }

    #[test]
    fn a_missing_comma_between_fields_is_put_in_and_the_search_goes_on() {
        let text = "JourneyMap(\n    title: \"x\"\n    stages: [(id: \"a\" name: \"A\", nme: \"typo\")],\n)";
        let found = found(text);
        let spots: Vec<(usize, usize)> = found.iter().map(|&(line, column, _)| (line, column)).collect();
        // The caret goes where the comma belongs, after the value before it.
        assert_eq!(spots, vec![(2, 15), (3, 22), (3, 34)], "{found:?}");
        assert_eq!(found[2].2, "unknown field `nme` in Stage");
    }

    #[test]
    fn what_cannot_be_stepped_over_safely_ends_the_list() {
        // An unclosed string: whatever follows would be a guess.
        let text = "JourneyMap(title: \"x\", stages: [(id: \"a\", name: \"A, gaol: 1)], bogus: 1)";
        assert_eq!(found(text).len(), 1);
        // A stage among the tactics: its fields are not the tactic's mistakes.
        let text = "JourneyMap(tactics: [Stage(id: \"a\", name: \"A\", goal: \"g\")], bogus: 1)";
        let problems = found(text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].2.contains("found `Stage(...)`"), "{problems:?}");
        // Text where a list entry should start: no comma is put in.
        let text = "JourneyMap(stages: [(id: \"a\", name: \"A\") tactics: []], bogus: 1)";
        assert_eq!(found(text).len(), 1);
    }

    #[test]
    fn a_required_field_blanked_out_is_not_reported_missing() {
        // `name: 3` is wrong; blanking it leaves the stage without a name,
        // which is the repair's doing and must not be reported.
        let text = "JourneyMap(stages: [(id: \"a\", name: 3)], gaol: 1)";
        let found = found(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2, "Expected string");
    }

    #[test]
    fn a_misspelt_struct_name_and_a_bad_list_entry_are_stepped_over() {
        let text = "JourneyMap(stages: [Stag(id: \"a\", name: \"A\", create: [\"x\", 3, \"y\"])], bogus: 1)";
        let messages: Vec<String> = found(text).into_iter().map(|(_, _, m)| m).collect();
        assert_eq!(
            messages,
            vec![
                "expected `Stage(...)` here, found `Stag(...)`",
                "Expected string",
                "unknown field `bogus` in JourneyMap",
            ]
        );
    }

    #[test]
    fn a_fixed_file_loads() {
        let fixed = "JourneyMap(title: \"x\", stages: [(id: \"a\", name: \"A\", goal: \"Get seen\")])";
        assert!(parse_str(fixed, "m.ron").is_ok());
    }
}
