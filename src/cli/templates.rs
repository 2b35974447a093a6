use super::{EXIT_ERROR, EXIT_OK, print_out};
use crate::model::JourneyMap;
use crate::templates::{self, TEMPLATES};
use crate::text::{pad, sanitize, width};

pub fn run(id: Option<&str>, ron: bool) -> u8 {
    match id {
        None => list(),
        Some(id) => match templates::find(id) {
            None => {
                crate::errln!(
                    "error: there is no template `{}`\n  = help: use one of: {}",
                    sanitize(id),
                    templates::ids()
                );
                EXIT_ERROR
            }
            Some(t) if ron => {
                print_out(t.source());
                EXIT_OK
            }
            Some(t) => match t.map() {
                Ok(map) => {
                    print_out(&show(&map));
                    EXIT_OK
                }
                Err(e) => {
                    crate::err!("{e}");
                    EXIT_ERROR
                }
            },
        },
    }
}

fn list() -> u8 {
    let maps: Vec<(&str, JourneyMap)> = TEMPLATES
        .iter()
        .filter_map(|t| t.map().ok().map(|m| (t.id, m)))
        .collect();
    let id_width = maps.iter().map(|(id, _)| width(id)).max().unwrap_or(0);
    let mut out = String::new();
    for (id, map) in &maps {
        let stages: Vec<&str> = map.stages.iter().map(|s| s.name.as_str()).collect();
        out.push_str(&format!(
            "{}  {}\n{}  {}\n",
            pad(id, id_width),
            map.title,
            " ".repeat(id_width),
            stages.join(" → ")
        ));
    }
    out.push_str("\nShow one with `journeymap templates ID`; start a map with `journeymap new FILE --template ID`.\n");
    print_out(&out);
    if maps.len() == TEMPLATES.len() {
        EXIT_OK
    } else {
        EXIT_ERROR
    }
}

fn show(map: &JourneyMap) -> String {
    let mut out = format!("{} ({})\n", map.title, map.framework);
    if !map.description.is_empty() {
        out.push_str(&format!("\n{}\n", map.description));
    }
    for (n, stage) in map.stages.iter().enumerate() {
        out.push_str(&format!("\n{}. {}", n + 1, stage.name));
        if stage.mindset != crate::model::Mindset::Unspecified {
            out.push_str(&format!(" ({})", stage.mindset.label()));
        }
        out.push('\n');
        if !stage.goal.is_empty() {
            out.push_str(&format!("   Goal: {}\n", stage.goal));
        }
        for (label, items) in [("Create", &stage.create), ("Track", &stage.track)] {
            if !items.is_empty() {
                out.push_str(&format!("   {label}: {}\n", items.join("; ")));
            }
        }
        if !stage.watch_out.is_empty() {
            out.push_str(&format!("   Watch out: {}\n", stage.watch_out));
        }
        let tactics: Vec<&str> = stage
            .tactics
            .iter()
            .map(|id| {
                map.tactics
                    .iter()
                    .find(|t| &t.id == id)
                    .map_or(id.as_str(), |t| t.name.as_str())
            })
            .collect();
        if !tactics.is_empty() {
            out.push_str(&format!("   Tactics: {}\n", tactics.join(", ")));
        }
    }
    out
}
