//! Ids: short slugs that items use to reference one another.

/// Longest id accepted, in bytes; ids are keys, not prose.
pub const MAX_ID_LEN: usize = 100;

/// An id is letters or digits (any script), joined by `-`, `_` or `.`.
/// It never holds spaces, quotes or control characters, so it is safe to
/// print anywhere and to use in file names and diagrams.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    match chars.next() {
        Some(first) if first.is_alphanumeric() => {}
        _ => return false,
    }
    id.len() <= MAX_ID_LEN && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Turns a display name into an id: lowercase, words joined by `-`.
/// Letters of every script are kept ("Café Ümit" gives "café-ümit",
/// "وعي" stays "وعي"); everything else separates words.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    let mut pending_dash = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
        if slug.len() >= MAX_ID_LEN - 8 {
            break;
        }
    }
    slug
}

/// An id derived from `name` that no id in `taken` already uses; `fallback`
/// (e.g. "stage") is used when the name has no letters or digits.
pub fn unique_id(name: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = match slugify(name) {
        s if s.is_empty() => fallback.to_string(),
        s => s,
    };
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_letters_of_every_script() {
        assert_eq!(slugify("Search ads (Google)"), "search-ads-google");
        assert_eq!(slugify("  Top of funnel  "), "top-of-funnel");
        assert_eq!(slugify("وعي العلامة"), "وعي-العلامة");
        assert_eq!(slugify("展示会 2027"), "展示会-2027");
        assert_eq!(slugify("🚀!!"), "");
    }

    #[test]
    fn ids_are_validated() {
        assert!(is_valid_id("search-ads"));
        assert!(is_valid_id("v1.2_x"));
        assert!(is_valid_id("وعي"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("-lead"));
        assert!(!is_valid_id("has space"));
        assert!(!is_valid_id("esc\u{1b}[31m"));
        assert!(!is_valid_id("rtl\u{202e}x"));
        assert!(!is_valid_id(&"a".repeat(MAX_ID_LEN + 1)));
    }

    #[test]
    fn unique_ids_get_a_counter() {
        let taken = ["email", "email-2"];
        let id = unique_id("Email", "tactic", |c| taken.contains(&c));
        assert_eq!(id, "email-3");
        assert_eq!(unique_id("!!!", "tactic", |_| false), "tactic");
    }
}
