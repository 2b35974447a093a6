//! Load errors a strategist can act on: file, line, column, the offending
//! line with a caret under the spot, and what to do about it.

use std::fmt;

use crate::text::{sanitize, width};

/// What went wrong, broadly; decides the exit code of the commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// The file could not be read at all (missing, permissions, too large).
    Unreadable,
    /// The file was read but is not a valid map.
    Invalid,
}

/// One located message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub message: String,
    /// 1-based line and column (in characters); 0 when the spot is unknown.
    pub line: usize,
    pub column: usize,
    /// The text of that line, as in the file; a very long line (a map
    /// written on one line) is cut to a stretch around the column, marked `…`.
    pub source_line: Option<String>,
    /// 1-based position, in characters, of the spot within `source_line`.
    pub source_column: usize,
    /// What was probably meant ("did you mean `goal`?"), shown before the hint.
    pub suggestion: Option<String>,
    pub hint: String,
}

/// Characters of a source line quoted before and after the spot at most.
const QUOTE_AROUND: usize = 60;

/// Everything wrong with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file as the user named it.
    pub origin: String,
    pub kind: LoadErrorKind,
    pub diagnostics: Vec<Diagnostic>,
    /// Problems found but not listed in `diagnostics`: a file with thousands
    /// of problems lists the first [`MAX_DIAGNOSTICS`] and counts the rest.
    pub not_shown: usize,
}

/// Most problems listed for one file.
pub const MAX_DIAGNOSTICS: usize = 100;

impl LoadError {
    pub fn unreadable(origin: &str, message: String, hint: String) -> Self {
        Self {
            origin: origin.to_string(),
            kind: LoadErrorKind::Unreadable,
            diagnostics: vec![Diagnostic::unlocated(message, hint)],
            not_shown: 0,
        }
    }

    pub fn invalid(origin: &str, diagnostics: Vec<Diagnostic>) -> Self {
        Self {
            origin: origin.to_string(),
            kind: LoadErrorKind::Invalid,
            diagnostics,
            not_shown: 0,
        }
    }
}

impl Diagnostic {
    /// A diagnostic at `line:column` of `source`, quoting that line.
    pub fn at(source: &str, line: usize, column: usize, message: String, hint: String) -> Self {
        let text = line.checked_sub(1).and_then(|n| source.lines().nth(n));
        Self::on_line(text, line, column, message, hint)
    }

    /// A diagnostic at `line:column` whose line reads `text`.
    pub fn on_line(text: Option<&str>, line: usize, column: usize, message: String, hint: String) -> Self {
        let (source_line, source_column) = match text {
            Some(text) => {
                let (quoted, at) = quote_around(text, column);
                (Some(quoted), at)
            }
            None => (None, 0),
        };
        Self {
            message,
            line,
            column,
            source_line,
            source_column,
            suggestion: None,
            hint,
        }
    }

    /// The same diagnostic with a suggestion, if there is one.
    pub fn suggesting(mut self, suggestion: Option<String>) -> Self {
        self.suggestion = suggestion;
        self
    }

    /// A diagnostic about the file as a whole.
    pub fn unlocated(message: String, hint: String) -> Self {
        Self::on_line(None, 0, 0, message, hint)
    }
}

/// `line` cut to [`QUOTE_AROUND`] characters either side of 1-based
/// `column`, with the spot's position in what is kept.
fn quote_around(line: &str, column: usize) -> (String, usize) {
    let spot = column.saturating_sub(1);
    let mut chars = line.char_indices();
    let from = spot.saturating_sub(QUOTE_AROUND);
    let Some((start, _)) = chars.nth(from) else {
        return (line.to_string(), column);
    };
    let end = chars.nth(spot - from + QUOTE_AROUND).map_or(line.len(), |(end, _)| end);
    let mut quoted = String::with_capacity(end - start + 6);
    let mut at = column;
    if start > 0 {
        quoted.push('…');
        at = spot - from + 2;
    }
    quoted.push_str(&line[start..end]);
    if end < line.len() {
        quoted.push('…');
    }
    (quoted, at)
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let origin = sanitize(&self.origin);
        for (n, d) in self.diagnostics.iter().enumerate() {
            if n > 0 {
                writeln!(f)?;
            }
            writeln!(f, "error: {}", sanitize(&d.message))?;
            if d.line == 0 {
                writeln!(f, "  --> {origin}")?;
            } else {
                writeln!(f, "  --> {origin}:{}:{}", d.line, d.column)?;
            }
            if let Some(text) = &d.source_line {
                let number = d.line.to_string();
                let gutter = " ".repeat(number.len());
                let shown = sanitize(text);
                // The caret sits under the column, measured in terminal cells so
                // that it lines up under wide (CJK, emoji) text too.
                let before: String = shown.chars().take(d.source_column.saturating_sub(1)).collect();
                writeln!(f, " {gutter} |")?;
                writeln!(f, " {number} | {shown}")?;
                writeln!(f, " {gutter} | {}^", " ".repeat(width(&before)))?;
            }
            for help in d.suggestion.iter().chain(Some(&d.hint).filter(|h| !h.is_empty())) {
                writeln!(f, "  = help: {}", sanitize(help))?;
            }
        }
        let total = self.diagnostics.len() + self.not_shown;
        if self.not_shown > 0 {
            writeln!(
                f,
                "\n... and {} more problems: fix the ones above and run `journeymap validate` again",
                self.not_shown
            )?;
        }
        if total > 1 {
            writeln!(f, "\n{origin}: {total} problems")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_quoted_around_the_spot() {
        let line = format!("{}BAD{}", "a".repeat(5000), "b".repeat(5000));
        let d = Diagnostic::on_line(Some(&line), 1, 5001, "bad".into(), "fix it".into());
        let quoted = d.source_line.clone().unwrap_or_default();
        assert_eq!(quoted.chars().count(), 2 + 2 * QUOTE_AROUND + 1, "{quoted}");
        assert!(quoted.starts_with('…') && quoted.ends_with('…'));
        assert_eq!(quoted.chars().nth(d.source_column - 1), Some('B'));
        let shown = LoadError::invalid("m.ron", vec![d]).to_string();
        assert!(shown.len() < 400, "{shown}");
        assert!(shown.contains("--> m.ron:1:5001"), "{shown}");
        let caret = shown.lines().find(|l| l.ends_with('^')).unwrap_or_default();
        let quoted_line = shown.lines().find(|l| l.contains("BAD")).unwrap_or_default();
        assert_eq!(
            caret.chars().count() - 1,
            quoted_line.find("BAD").map_or(0, |b| quoted_line[..b].chars().count())
        );
    }

    #[test]
    fn problems_are_parted_by_a_blank_line_and_counted_when_more_than_one() {
        let problem = |message: &str| Diagnostic::unlocated(message.into(), String::new());
        let one = LoadError::invalid("m.ron", vec![problem("first")]).to_string();
        assert_eq!(one, "error: first\n  --> m.ron\n");
        let two = LoadError::invalid("m.ron", vec![problem("first"), problem("second")]).to_string();
        assert_eq!(
            two,
            "error: first\n  --> m.ron\n\nerror: second\n  --> m.ron\n\nm.ron: 2 problems\n"
        );
    }

    #[test]
    fn a_short_line_is_quoted_whole() {
        let d = Diagnostic::on_line(Some("    title: 3,"), 2, 12, "m".into(), "h".into());
        assert_eq!(d.source_line.as_deref(), Some("    title: 3,"));
        assert_eq!(d.source_column, 12);
        let near_start = format!("ab{}", "c".repeat(500));
        let d = Diagnostic::on_line(Some(&near_start), 1, 2, "m".into(), "h".into());
        let quoted = d.source_line.unwrap_or_default();
        assert!(quoted.starts_with("abc") && quoted.ends_with('…'), "{quoted}");
        assert_eq!(d.source_column, 2);
    }
}
