//! The workbench's configuration: `config.ron` in the configuration directory
//! (`$JOURNEYMAP_CONFIG_DIR` if set, else the platform's, e.g.
//! `~/.config/journeymap` on Linux).
//!
//! ```ron
//! (
//!     // Keys for browsing the views (and the Matrix), laid over the defaults:
//!     // a key named here does this action; every other key keeps its own.
//!     keys: { "ctrl-d": Delete, "x": Delete, "F5": Save },
//!     // Default, or Monochrome (no colour; also when NO_COLOR is set).
//!     theme: Monochrome,
//!     // Who puts right-to-left text in visual order: App (the workbench,
//!     // for terminals that do no BiDi), Terminal (mlterm, VTE, Konsole) or
//!     // Off (logical order). `--bidi` and JOURNEYMAP_BIDI come first.
//!     bidi: App,
//! )
//! ```
//!
//! Key names: a character (`x`, `X`, `?`), `ctrl-`/`alt-` plus a key, or one
//! of `enter esc tab backtab space backspace delete insert up down left right
//! home end pageup pagedown f1`…`f12`. Actions are the names of [`Action`]
//! (`Save`, `Delete`, `Add`, `Edit`, `Undo`, `Redo`, `Jump`, `Export`,
//! `Findings`, `Filter`, `NextTab`, `GoTab(7)`, …). A file that does not parse
//! is reported on the message line with its line and column, and the defaults
//! are used.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::{Action, Binding, Context, Key, action_for, bindings};
use crate::text::bidi::Bidi;

/// The environment variable that overrides the configuration directory.
pub const CONFIG_DIR_ENV: &str = "JOURNEYMAP_CONFIG_DIR";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum ThemeName {
    #[default]
    Default,
    Monochrome,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    keys: BTreeMap<String, Action>,
    #[serde(default)]
    theme: ThemeName,
    #[serde(default)]
    bidi: Option<Bidi>,
}

/// Keys remapped by the user, for the browsing contexts (views and Matrix).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Keymap {
    overrides: Vec<(Key, Action)>,
}

fn remappable(context: Context) -> bool {
    matches!(
        context,
        Context::Normal | Context::Matrix | Context::Journey | Context::Flow
    )
}

fn same_key(k: &Key, code: KeyCode, mods: KeyModifiers) -> bool {
    let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
    k.code == code && (k.mods & relevant) == (mods & relevant)
}

impl Keymap {
    /// The action of a key press: the user's mapping first, then the defaults.
    pub fn action_for(&self, context: Context, key: KeyEvent) -> Option<Action> {
        if remappable(context) {
            let mut mods = key.modifiers;
            if matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
                mods.remove(KeyModifiers::SHIFT);
            }
            if let Some((_, action)) = self.overrides.iter().find(|(k, _)| same_key(k, key.code, mods)) {
                return Some(*action);
            }
        }
        action_for(context, key)
    }

    /// The keys of a binding as shown: its own label, unless the user moved
    /// one of its keys elsewhere or added one for its action.
    pub fn label(&self, context: Context, binding: &Binding) -> String {
        if !remappable(context) || self.overrides.is_empty() {
            return binding.label.to_string();
        }
        let added: Vec<&Key> = self
            .overrides
            .iter()
            .filter(|(_, a)| *a == binding.action)
            .map(|(k, _)| k)
            .collect();
        let taken = binding.keys.iter().any(|k| {
            self.overrides
                .iter()
                .any(|(o, a)| *a != binding.action && same_key(o, k.code, k.mods))
        });
        if added.is_empty() && !taken {
            return binding.label.to_string();
        }
        if !taken {
            let mut names = vec![binding.label.to_string()];
            names.retain(|n| !n.is_empty());
            names.extend(added.into_iter().map(key_name));
            return names.join("/");
        }
        let mut names: Vec<String> = binding
            .keys
            .iter()
            .filter(|k| !self.overrides.iter().any(|(o, _)| same_key(o, k.code, k.mods)))
            .map(key_name)
            .collect();
        names.extend(added.into_iter().map(key_name));
        names.dedup();
        names.join("/")
    }

    /// The status-line hints of a context: `(keys, what)`, for the keys
    /// whose action `works` here.
    pub fn status_hints(&self, context: Context, works: impl Fn(Action) -> bool) -> Vec<(String, &'static str)> {
        bindings(context)
            .iter()
            .filter(|b| !b.hint.is_empty() && works(b.action))
            .map(|b| (self.label(context, b), b.hint))
            .filter(|(label, _)| !label.is_empty())
            .collect()
    }

    /// Every documented key of a context whose action `works` here, for
    /// the help popup.
    pub fn help(&self, context: Context, works: impl Fn(Action) -> bool) -> Vec<(String, &'static str)> {
        bindings(context)
            .iter()
            .filter(|b| !b.help.is_empty() && works(b.action))
            .map(|b| (self.label(context, b), b.help))
            .collect()
    }
}

/// How a key is shown.
pub fn key_name(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) if key.mods.contains(KeyModifiers::CONTROL) => c.to_uppercase().to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::Backspace => "Bksp".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Insert => "Ins".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::F(n) => format!("F{n}"),
        _ => "?".into(),
    };
    let mut out = String::new();
    if key.mods.contains(KeyModifiers::CONTROL) {
        out.push('^');
    }
    if key.mods.contains(KeyModifiers::ALT) {
        out.push_str("M-");
    }
    out.push_str(&base);
    out
}

/// Reads a key name such as `x`, `ctrl-s`, `alt-enter`, `pagedown` or `f5`.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        let lower = rest.to_lowercase();
        if let Some(r) = lower.strip_prefix("ctrl-").or_else(|| lower.strip_prefix("c-")) {
            mods |= KeyModifiers::CONTROL;
            rest = &rest[rest.len() - r.len()..];
        } else if let Some(r) = lower.strip_prefix("alt-").or_else(|| lower.strip_prefix("m-")) {
            mods |= KeyModifiers::ALT;
            rest = &rest[rest.len() - r.len()..];
        } else if let Some(r) = lower.strip_prefix("shift-") {
            // Shifted letters are written as capitals; shift-tab is backtab.
            if r == "tab" {
                return Ok(Key {
                    code: KeyCode::BackTab,
                    mods,
                });
            }
            rest = &rest[rest.len() - r.len()..];
            let mut chars = rest.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                return Ok(Key {
                    code: KeyCode::Char(c.to_uppercase().next().unwrap_or(c)),
                    mods,
                });
            }
            return Err(format!("unknown key `{text}`"));
        } else {
            break;
        }
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if mods.contains(KeyModifiers::CONTROL) => KeyCode::Char(c.to_ascii_lowercase()),
        (Some(c), None) => KeyCode::Char(c),
        _ => match rest.to_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            f if f.starts_with('f') && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) => {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => return Err(format!("unknown key `{text}`")),
        },
    };
    Ok(Key { code, mods })
}

/// The loaded configuration.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub keymap: Keymap,
    pub monochrome: bool,
    /// `bidi:` as the file sets it, if it does.
    pub bidi: Option<Bidi>,
}

/// Where `config.ron` is looked for.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "journeymap").map(|d| d.config_dir().to_path_buf())
}

/// Reads a configuration; the error names the line and column.
pub fn parse(text: &str) -> Result<Config, String> {
    let file: ConfigFile = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(|e| {
            // Name the mistake; the list of every valid name is too long for one line.
            let message = e.code.to_string();
            let message = message.split(", expected one of").next().unwrap_or_default();
            let message = match message.strip_prefix("Unexpected variant named ") {
                Some(rest) if rest.ends_with("in enum `Action`") => {
                    format!("unknown action {}", rest.trim_end_matches("in enum `Action`").trim())
                }
                _ => message.to_string(),
            };
            format!("line {}, column {}: {message}", e.span.start.line, e.span.start.col)
        })?;
    let mut keymap = Keymap::default();
    for (name, action) in file.keys {
        let key = parse_key(&name).map_err(|e| format!("keys: {e} (try x, X, ctrl-s, alt-x, enter, f5, pagedown)"))?;
        keymap.overrides.retain(|(k, _)| !same_key(k, key.code, key.mods));
        keymap.overrides.push((key, action));
    }
    Ok(Config {
        keymap,
        monochrome: file.theme == ThemeName::Monochrome,
        bidi: file.bidi,
    })
}

/// Whether `NO_COLOR` asks for no colour (set and not empty).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The configuration from the configuration directory, with `NO_COLOR`
/// applied; on error the defaults and a message for the message line.
pub fn load() -> (Config, Option<String>) {
    load_from(config_dir().as_deref(), no_color())
}

/// The configuration in `dir` (if any); `no_color` forces monochrome.
pub fn load_from(dir: Option<&std::path::Path>, no_color: bool) -> (Config, Option<String>) {
    let path = dir.map(|d| d.join("config.ron"));
    let shown = |p: &std::path::Path| crate::text::sanitize(&p.display().to_string()).into_owned();
    let (mut config, message) = match path {
        Some(path) if path.is_file() => match std::fs::read_to_string(&path) {
            Ok(text) => match parse(&text) {
                Ok(c) => (c, None),
                Err(e) => (
                    Config::default(),
                    Some(format!("config.ron {e}: defaults used ({})", shown(&path))),
                ),
            },
            Err(e) => (Config::default(), Some(format!("cannot read {}: {e}", shown(&path)))),
        },
        _ => (Config::default(), None),
    };
    if no_color {
        config.monochrome = true;
    }
    (config, message)
}

/// The environment variable that chooses the bidi mode (`app`,
/// `terminal` or `off`), over `config.ron` and under `--bidi`.
pub const BIDI_ENV: &str = "JOURNEYMAP_BIDI";

/// The bidi mode: `--bidi` if given, else `JOURNEYMAP_BIDI`, else `bidi:`
/// in `config.ron`, else what the terminal is known to do
/// ([`Bidi::for_terminal`], from `TERM`, `VTE_VERSION` and
/// `KONSOLE_VERSION`). With a problem to tell (an unknown value in the
/// environment, which is then ignored).
pub fn bidi_setting(flag: Option<Bidi>, config: Option<Bidi>) -> (Bidi, Option<String>) {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    bidi_from(
        flag,
        var(BIDI_ENV).as_deref(),
        config,
        var("TERM").as_deref(),
        var("VTE_VERSION").as_deref(),
        var("KONSOLE_VERSION").is_some(),
    )
}

fn bidi_from(
    flag: Option<Bidi>,
    env: Option<&str>,
    config: Option<Bidi>,
    term: Option<&str>,
    vte: Option<&str>,
    konsole: bool,
) -> (Bidi, Option<String>) {
    let (from_env, problem) = match env.map(|v| (v, Bidi::parse(v))) {
        Some((_, Some(mode))) => (Some(mode), None),
        Some((value, None)) => (
            None,
            Some(format!(
                "{BIDI_ENV}={} is not one of {}: ignored",
                crate::text::sanitize(value),
                Bidi::NAMES.join(", ")
            )),
        ),
        None => (None, None),
    };
    let mode = flag
        .or(from_env)
        .or(config)
        .unwrap_or_else(|| Bidi::for_terminal(term, vte, konsole));
    (mode, problem)
}

/// Reads `bidi:` from `config.ron` alone, for commands other than the
/// workbench (grids printed to a terminal follow the same setting).
pub fn configured_bidi() -> Option<Bidi> {
    load().0.bidi
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_then_the_environment_then_the_file_then_the_terminal() {
        let pick = |flag, env, config, term| bidi_from(flag, env, config, term, None, false).0;
        assert_eq!(
            pick(Some(Bidi::Off), Some("terminal"), Some(Bidi::App), None),
            Bidi::Off
        );
        assert_eq!(pick(None, Some("Terminal"), Some(Bidi::App), None), Bidi::Terminal);
        assert_eq!(pick(None, None, Some(Bidi::Off), Some("mlterm")), Bidi::Off);
        assert_eq!(pick(None, None, None, Some("mlterm")), Bidi::Terminal);
        assert_eq!(pick(None, None, None, Some("xterm-256color")), Bidi::App);
        let (mode, problem) = bidi_from(None, Some("rtl"), None, Some("xterm"), None, false);
        assert_eq!(mode, Bidi::App);
        assert!(problem.is_some_and(|p| p.contains("JOURNEYMAP_BIDI=rtl")));
        assert_eq!(parse("(bidi: Terminal)").map(|c| c.bidi), Ok(Some(Bidi::Terminal)));
        assert_eq!(parse("()").map(|c| c.bidi), Ok(None));
    }

    #[test]
    fn key_names_parse_and_show() {
        let k = |s| parse_key(s).map(|k| key_name(&k));
        assert_eq!(k("x"), Ok("x".into()));
        assert_eq!(k("X"), Ok("X".into()));
        assert_eq!(k("ctrl-s"), Ok("^S".into()));
        assert_eq!(k("Ctrl-S"), Ok("^S".into()));
        assert_eq!(k("alt-enter"), Ok("M-Enter".into()));
        assert_eq!(k("shift-tab"), Ok("S-Tab".into()));
        assert_eq!(k("f5"), Ok("F5".into()));
        assert_eq!(k("pagedown"), Ok("PgDn".into()));
        assert!(parse_key("ctrl-").is_err());
        assert!(parse_key("hyper-x").is_err());
    }

    #[test]
    fn a_broken_file_names_line_and_column() {
        let err = parse("(\n  keys: { \"x\": Delet },\n)").err().unwrap_or_default();
        assert!(err.starts_with("line 2, column"), "{err}");
        let err = parse("(theme: Sepia)").err().unwrap_or_default();
        assert!(err.contains("line 1"), "{err}");
        let err = parse("(keys: { \"hyper-x\": Save })").err().unwrap_or_default();
        assert!(err.contains("unknown key `hyper-x`"), "{err}");
    }
}
