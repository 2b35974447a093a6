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
    /// The text of that line, as in the file.
    pub source_line: Option<String>,
    pub hint: String,
}

/// Everything wrong with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file as the user named it.
    pub origin: String,
    pub kind: LoadErrorKind,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    pub fn unreadable(origin: &str, message: String, hint: String) -> Self {
        Self {
            origin: origin.to_string(),
            kind: LoadErrorKind::Unreadable,
            diagnostics: vec![Diagnostic {
                message,
                line: 0,
                column: 0,
                source_line: None,
                hint,
            }],
        }
    }

    pub fn invalid(origin: &str, diagnostics: Vec<Diagnostic>) -> Self {
        Self {
            origin: origin.to_string(),
            kind: LoadErrorKind::Invalid,
            diagnostics,
        }
    }
}

impl Diagnostic {
    /// A diagnostic at `line:column` of `source`, quoting that line.
    pub fn at(source: &str, line: usize, column: usize, message: String, hint: String) -> Self {
        let source_line = line
            .checked_sub(1)
            .and_then(|n| source.lines().nth(n))
            .map(str::to_string);
        Self {
            message,
            line,
            column,
            source_line,
            hint,
        }
    }
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
                let before: String = shown.chars().take(d.column.saturating_sub(1)).collect();
                writeln!(f, " {gutter} |")?;
                writeln!(f, " {number} | {shown}")?;
                writeln!(f, " {gutter} | {}^", " ".repeat(width(&before)))?;
            }
            if !d.hint.is_empty() {
                writeln!(f, "  = help: {}", sanitize(&d.hint))?;
            }
        }
        if self.diagnostics.len() > 1 {
            writeln!(f, "\n{}: {} problems", origin, self.diagnostics.len())?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}
