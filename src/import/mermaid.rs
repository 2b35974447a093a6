//! Mermaid `journey` diagrams, alone (`.mmd`) or in the code blocks of a
//! Markdown file, read as Mermaid's own grammar reads them:
//!
//! - `title`, `accTitle:` and `accDescr:` (one line) or `accDescr { ... }`
//!   (a block) describe the diagram;
//! - `section NAME` starts a stage; its name ends at `:`, `#` or `;`;
//! - any other line is a task, `NAME: SCORE: PERSON, PERSON`, its name ending
//!   at `:`, `#` or `;`; the people are optional;
//! - `%%` starts a comment, `%%{...}%%` is a directive, `#` ends a line's
//!   content; keywords are case-insensitive; `<br>` in its variants is a
//!   line break.
//!
//! Scores 1-5 become emotions -2..+2; Mermaid draws other numbers too, so
//! they are clamped with a warning.

use super::{Draft, DraftTouchpoint, ImportError, Place, clean_line, dropped_characters};

/// The journeys in `text`, or only the `pick`th (from 1).
pub fn read(text: &str, pick: Option<usize>) -> Result<Vec<Draft>, ImportError> {
    let lines: Vec<&str> = text.lines().collect();
    let diagrams = diagrams(&lines);
    if diagrams.is_empty() {
        return Err(ImportError::new(
            Place::File,
            "no Mermaid journey diagram found",
            "a diagram starts with a line `journey`; in Markdown it sits in a ```mermaid code block. \
             For a spreadsheet, give --format csv or xlsx",
        ));
    }
    let count = diagrams.len();
    let chosen: Vec<(usize, Diagram)> = match pick {
        None => diagrams.into_iter().enumerate().collect(),
        Some(n) if (1..=count).contains(&n) => diagrams.into_iter().enumerate().skip(n - 1).take(1).collect(),
        Some(n) => {
            return Err(ImportError::new(
                Place::File,
                format!(
                    "there is no diagram {n}: the file has {count} journey diagram{}",
                    if count == 1 { "" } else { "s" }
                ),
                format!("use --diagram with a number from 1 to {count}"),
            ));
        }
    };
    Ok(chosen
        .into_iter()
        .map(|(n, diagram)| {
            let mut draft = parse(&lines, &diagram);
            draft.label = if count > 1 {
                format!("diagram {} at line {}", n + 1, diagram.start + 1)
            } else {
                String::new()
            };
            draft
        })
        .collect())
}

/// A diagram's lines: `start..end` of the file's lines (0-based), the
/// `journey` line first.
struct Diagram {
    start: usize,
    end: usize,
    /// A title from the block's front matter (`title: ...`).
    front_title: Option<String>,
}

/// The journey diagrams of a file: those in fenced code blocks, or else
/// the whole file when it is one diagram.
fn diagrams(lines: &[&str]) -> Vec<Diagram> {
    let mut found = Vec::new();
    let mut n = 0;
    while n < lines.len() {
        let Some((fence, length)) = opening_fence(lines[n]) else {
            n += 1;
            continue;
        };
        let body = n + 1;
        let mut end = body;
        while end < lines.len() && !closes(lines[end], fence, length) {
            end += 1;
        }
        if let Some(diagram) = journey_in(lines, body, end) {
            found.push(diagram);
        }
        n = end + 1;
    }
    if found.is_empty()
        && let Some(diagram) = journey_in(lines, 0, lines.len())
    {
        found.push(diagram);
    }
    found
}

/// A line that opens a fenced code block: its fence character and length.
fn opening_fence(line: &str) -> Option<(char, usize)> {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let fence = trimmed.chars().next().filter(|&c| c == '`' || c == '~')?;
    let length = trimmed.chars().take_while(|&c| c == fence).count();
    (length >= 3).then_some((fence, length))
}

fn closes(line: &str, fence: char, length: usize) -> bool {
    let trimmed = line.trim();
    trimmed.chars().take_while(|&c| c == fence).count() >= length && trimmed.chars().all(|c| c == fence)
}

/// The journey diagram in `lines[from..to]`, if its first line of content
/// (after blank lines, comments and front matter) is `journey`.
fn journey_in(lines: &[&str], from: usize, to: usize) -> Option<Diagram> {
    let mut n = from;
    let mut front_title = None;
    while n < to && lines[n].trim().is_empty() {
        n += 1;
    }
    if n < to && lines[n].trim() == "---" {
        let close = (n + 1..to).find(|&m| lines[m].trim() == "---")?;
        front_title = lines[n + 1..close].iter().find_map(|l| {
            let value = l.trim().strip_prefix("title:")?.trim();
            Some(value.trim_matches(|c| c == '"' || c == '\'').to_string())
        });
        n = close + 1;
    }
    while n < to {
        let line = lines[n].trim();
        if !(line.is_empty() || line.starts_with("%%")) {
            break;
        }
        n += 1;
    }
    (n < to && keyword(lines[n].trim(), "journey").is_some_and(|rest| rest.trim().is_empty())).then_some(Diagram {
        start: n,
        end: to,
        front_title,
    })
}

/// The text after `word` when `line` starts with it, in any case.
fn keyword<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    let head = line.get(..word.len())?;
    head.eq_ignore_ascii_case(word).then(|| &line[word.len()..])
}

/// The value of `accTitle:`/`accDescr:` (after optional spaces and the
/// colon), or `None` when `line` is not that statement.
fn accessibility<'a>(line: &'a str, word: &str, mark: char) -> Option<&'a str> {
    keyword(line, word)?.trim_start().strip_prefix(mark)
}

/// `text` up to the first of `stops`, and the stop found.
fn up_to<'a>(text: &'a str, stops: &[char]) -> (&'a str, Option<(char, &'a str)>) {
    match text.find(stops) {
        Some(at) => {
            let stop = text[at..].chars().next().unwrap_or(' ');
            (&text[..at], Some((stop, &text[at + stop.len_utf8()..])))
        }
        None => (text, None),
    }
}

/// Mermaid's line breaks in names: `<br>`, `<br/>`, `<br />`, `</br>`, in
/// any case, with any spaces; replaced by `with`.
pub fn replace_breaks(text: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag = &rest[at + 1..];
        let after_slash = tag.strip_prefix('/').unwrap_or(tag);
        let is_break = after_slash.get(..2).is_some_and(|b| b.eq_ignore_ascii_case("br"));
        let close = tag.find('>');
        match close {
            Some(end)
                if is_break
                    && after_slash[2..]
                        .split('>')
                        .next()
                        .is_some_and(|inner| inner.chars().all(|c| c.is_whitespace() || c == '/')) =>
            {
                out.push_str(with);
                rest = &tag[end + 1..];
            }
            _ => {
                out.push('<');
                rest = tag;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A name as the map keeps it: line breaks made spaces, the rest cleaned.
fn name_of(draft: &mut Draft, raw: &str, place: Place) -> String {
    let (name, dropped) = clean_line(&replace_breaks(raw, " "));
    if dropped > 0 {
        draft.warnings.push(dropped_characters(place, dropped));
    }
    name
}

fn parse(lines: &[&str], diagram: &Diagram) -> Draft {
    let mut draft = Draft::default();
    let mut title = diagram.front_title.clone().unwrap_or_default();
    let mut acc_title = String::new();
    let mut descriptions: Vec<String> = Vec::new();
    // Tasks before any section: Mermaid keeps them in an unnamed one.
    let mut stage: Option<usize> = None;
    // The lines of an `accDescr { ... }` block being read.
    let mut block: Option<Vec<String>> = None;
    for (n, &whole) in lines.iter().enumerate().take(diagram.end).skip(diagram.start + 1) {
        let place = Place::Line(n + 1);
        let mut line = whole;
        if let Some(open) = block.as_mut() {
            match line.find('}') {
                Some(at) => {
                    open.push(line[..at].trim().to_string());
                    let text = open.join("\n");
                    descriptions.push(replace_breaks(text.trim(), "\n"));
                    block = None;
                    line = &line[at + 1..];
                }
                None => {
                    open.push(line.trim().to_string());
                    continue;
                }
            }
        }
        let trimmed = line.trim();
        if trimmed.starts_with("%%") || trimmed.is_empty() {
            continue;
        }
        // A comment runs from `%%` to the end of the line.
        let content = trimmed.split("%%").next().unwrap_or("").trim();
        if let Some(value) = accessibility(content, "accTitle", ':') {
            acc_title = value.trim().to_string();
        } else if let Some(value) = accessibility(content, "accDescr", ':') {
            descriptions.push(replace_breaks(value.trim(), "\n"));
        } else if let Some(value) = accessibility(content, "accDescr", '{') {
            match value.find('}') {
                Some(at) => descriptions.push(replace_breaks(value[..at].trim(), "\n")),
                None => block = Some(vec![value.trim().to_string()]),
            }
        } else if let Some(rest) = keyword(content, "title").filter(|r| r.starts_with(char::is_whitespace)) {
            let (value, stop) = up_to(rest, &['#', ';']);
            ignored_after(&mut draft, place, stop);
            title = value.trim().to_string();
        } else if let Some(rest) = keyword(content, "section").filter(|r| r.starts_with(char::is_whitespace)) {
            let (value, stop) = up_to(rest, &['#', ':', ';']);
            ignored_after(&mut draft, place, stop);
            let name = name_of(&mut draft, value, place);
            stage = Some(draft.stage(&name, place));
        } else if keyword(content, "journey").is_some_and(|r| r.trim().is_empty()) {
            draft.warn(place, "a second `journey` line inside one diagram was skipped");
        } else {
            task(&mut draft, &mut stage, content, place);
        }
    }
    if let Some(open) = block {
        descriptions.push(replace_breaks(open.join("\n").trim(), "\n"));
        draft.warn(
            Place::Line(diagram.end),
            "an `accDescr {` block is never closed with `}`: the description runs to the end of the diagram",
        );
    }
    if title.is_empty() {
        title = std::mem::take(&mut acc_title);
    } else if !acc_title.is_empty() && acc_title != title {
        descriptions.insert(0, acc_title);
    }
    draft.title = name_of(&mut draft, &title, Place::Line(diagram.start + 1));
    draft.description = descriptions.join("\n\n");
    draft
}

/// A warning for text Mermaid would not read after a `:` or `;`.
fn ignored_after(draft: &mut Draft, place: Place, stop: Option<(char, &str)>) {
    if let Some((c @ (':' | ';'), rest)) = stop
        && !rest.trim().is_empty()
    {
        draft.warn(
            place,
            format!(
                "`{}` after `{c}` was ignored: Mermaid ends a title or section name at `{c}`",
                rest.trim()
            ),
        );
    }
}

/// A task line: `NAME: SCORE: PEOPLE`.
fn task(draft: &mut Draft, stage: &mut Option<usize>, content: &str, place: Place) {
    let (raw_name, stop) = up_to(content, &['#', ':', ';']);
    let name = name_of(draft, raw_name, place);
    if name.is_empty() {
        draft.warn(
            place,
            format!("`{content}` has no task name before its `:`: it was not imported"),
        );
        return;
    }
    let stage = *stage.get_or_insert_with(|| {
        draft.warn(
            place,
            "tasks before the first `section` were put in a stage named \"(no section)\"",
        );
        draft.stage("(no section)", place)
    });
    let mut touchpoint = DraftTouchpoint::new(name, stage, place);
    match stop {
        Some((':', data)) => {
            let (data, _) = up_to(data, &['#', ';']);
            let mut pieces = data.split(':');
            touchpoint.emotion = emotion(draft, pieces.next().unwrap_or(""), place);
            if let Some(people) = pieces.next() {
                for person in people.split(',') {
                    let person = name_of(draft, person, place);
                    if !person.is_empty() && !touchpoint.personas.contains(&person) {
                        touchpoint.personas.push(person);
                    }
                }
            }
            let rest: Vec<&str> = pieces.map(str::trim).filter(|p| !p.is_empty()).collect();
            if !rest.is_empty() {
                draft.warn(
                    place,
                    format!(
                        "`{}` after the people was ignored: a task is `name: score: people`",
                        rest.join(":")
                    ),
                );
            }
        }
        _ => draft.warn(
            place,
            "the task has no score (`name: score: people`): it follows its stage's emotion",
        ),
    }
    draft.touchpoints.push(touchpoint);
}

/// A Mermaid score as an emotion: 1-5 is -2..+2; other numbers are rounded
/// and clamped, each with a warning naming the line.
fn emotion(draft: &mut Draft, text: &str, place: Place) -> Option<i8> {
    let text = text.trim();
    if text.is_empty() {
        draft.warn(place, "the task has no score: it follows its stage's emotion");
        return None;
    }
    let Some(score) = text.parse::<f64>().ok().filter(|s| s.is_finite()) else {
        draft.warn(
            place,
            format!("score `{text}` is not a number: the task follows its stage's emotion"),
        );
        return None;
    };
    let whole = score.round();
    if whole != score {
        draft.warn(place, format!("score {text} was rounded to {whole}"));
    }
    let clamped = whole.clamp(1.0, 5.0);
    if clamped != whole {
        draft.warn(
            place,
            format!(
                "score {text} is outside Mermaid's 1-5: taken as {clamped} ({:+})",
                clamped - 3.0
            ),
        );
    }
    // 1.0..=5.0 is exact in i8.
    Some(clamped as i8 - 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Draft {
        match read(text, None) {
            Ok(mut drafts) if drafts.len() == 1 => drafts.remove(0),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_documented_example() {
        let draft = one(
            "journey\n    title My working day\n    section Go to work\n      Make tea: 5: Me\n      Go upstairs: 3: Me\n      Do work: 1: Me, Cat\n    section Go home\n      Go downstairs: 5: Me\n      Sit down: 5: Me\n",
        );
        assert_eq!(draft.title, "My working day");
        let stages: Vec<&str> = draft.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(stages, ["Go to work", "Go home"]);
        let work = &draft.touchpoints[2];
        assert_eq!((work.name.as_str(), work.stage, work.emotion), ("Do work", 0, Some(-2)));
        assert_eq!(work.personas, ["Me", "Cat"]);
        assert_eq!(work.place, Place::Line(6));
        assert!(draft.warnings.is_empty(), "{:?}", draft.warnings);
    }

    #[test]
    fn scores_outside_one_to_five_are_clamped_with_a_warning() {
        let draft = one("journey\nsection S\nA: 8: Me\nB: 0\nC: 4.5\nD: x\n");
        let emotions: Vec<Option<i8>> = draft.touchpoints.iter().map(|t| t.emotion).collect();
        assert_eq!(emotions, [Some(2), Some(-2), Some(2), None]);
        let places: Vec<String> = draft.warnings.iter().map(|w| w.place.to_string()).collect();
        assert_eq!(places, ["line 3", "line 4", "line 5", "line 6"]);
        assert!(draft.warnings[0].message.contains("score 8 is outside Mermaid's 1-5"));
    }

    #[test]
    fn breaks_comments_and_accessibility() {
        let draft = one(
            "%% before\njourney\naccTitle: Shopping\naccDescr {\n  A family\n  shops\n}\ntitle Buying<br/>things # a comment\nsection Line1<br>Line2</br />Line3<br\t/>Four\n  Order : 4 : Alice , Bob, %% who\n",
        );
        assert_eq!(draft.title, "Buying things");
        assert_eq!(draft.description, "Shopping\n\nA family\nshops");
        assert_eq!(draft.stages[0].name, "Line1 Line2 Line3 Four");
        assert_eq!(draft.touchpoints[0].personas, ["Alice", "Bob"]);
        assert_eq!(draft.touchpoints[0].emotion, Some(1));
    }

    #[test]
    fn markdown_with_several_diagrams() {
        let text = "# Notes\n\n```mermaid\njourney\nsection A\nT: 3\n```\n\n```js\nlet journey = 1;\n```\n\n~~~mermaid\n---\ntitle: Second\n---\njourney\nsection B\nU: 5: Ana\n~~~\n";
        let drafts = read(text, None).unwrap_or_default();
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[1].title, "Second");
        assert_eq!(drafts[1].label, "diagram 2 at line 17");
        let second = read(text, Some(2)).unwrap_or_default();
        assert_eq!(second[0].touchpoints[0].name, "U");
        let wrong = read(text, Some(3)).err().map(|e| e.message);
        assert_eq!(
            wrong.as_deref(),
            Some("there is no diagram 3: the file has 2 journey diagrams")
        );
    }

    #[test]
    fn tasks_without_people_or_section() {
        let draft = one("journey\nEarly: 2\nsection S\nE task: 5:\nF task\n");
        assert_eq!(draft.stages[0].name, "(no section)");
        assert!(draft.touchpoints[1].personas.is_empty());
        assert_eq!(draft.touchpoints[2].emotion, None);
        assert_eq!(draft.warnings.len(), 2, "{:?}", draft.warnings);
    }
}
