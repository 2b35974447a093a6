//! "Did you mean `goal`?" for a misspelt field name or value.

/// The known name closest to `found`, when it is close enough to be what
/// was meant: at most two edits (a swap of neighbours is one), and no more
/// than a third of the length of `found`, so that `xy` suggests nothing.
/// Case is ignored in the comparison, since `Goal` means `goal`.
pub(super) fn closest<'k>(found: &str, known: &[&'k str]) -> Option<&'k str> {
    let found_lower = found.to_lowercase();
    let allowed = found.chars().count().div_ceil(3).min(2);
    known
        .iter()
        .filter(|&&name| name != found)
        .map(|&name| (strsim::osa_distance(&found_lower, &name.to_lowercase()), name))
        .filter(|&(distance, _)| distance <= allowed)
        // The nearest; among equals, the first known (the file's own order).
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, name)| name)
}

/// The help line for a name that is not known: "did you mean `goal`?".
pub(super) fn did_you_mean(found: &str, known: &[&str]) -> Option<String> {
    closest(found, known).map(|name| format!("did you mean `{name}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const STAGE: &[&str] = &[
        "id",
        "name",
        "goal",
        "mindset",
        "create",
        "track",
        "watch_out",
        "tactics",
        "emotion",
        "notes",
    ];

    #[test]
    fn close_misspellings_are_matched() {
        assert_eq!(closest("gaol", STAGE), Some("goal"));
        assert_eq!(closest("nme", STAGE), Some("name"));
        assert_eq!(closest("watchout", STAGE), Some("watch_out"));
        assert_eq!(closest("Goal", STAGE), Some("goal"));
        assert_eq!(closest("emotions", STAGE), Some("emotion"));
        assert_eq!(
            closest("Drect", &["Direct", "Indirect", "Foreign", "Substitute"]),
            Some("Direct")
        );
    }

    #[test]
    fn distant_names_suggest_nothing() {
        assert_eq!(
            closest("xy", STAGE),
            None,
            "two edits of two letters is a different word"
        );
        assert_eq!(closest("hologram", STAGE), None);
        assert_eq!(closest("Rival", &["Direct", "Indirect", "Foreign", "Substitute"]), None);
        assert_eq!(closest("goal", &[]), None);
        assert_eq!(
            did_you_mean("tatics", STAGE).as_deref(),
            Some("did you mean `tactics`?")
        );
    }
}
