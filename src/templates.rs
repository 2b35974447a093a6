//! The built-in journey frameworks. A template is itself a map (stages with
//! their guidance, suggested tactics), embedded in the binary and loaded by
//! the same code as any map file.

use crate::model::JourneyMap;
use crate::store::{LoadError, parse_str};

/// One built-in framework.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    pub id: &'static str,
    source: &'static str,
}

macro_rules! template {
    ($id:literal) => {
        Template {
            id: $id,
            source: include_str!(concat!("../assets/templates/", $id, ".ron")),
        }
    };
}

/// Every built-in framework, in the order they are listed to users.
pub const TEMPLATES: [Template; 8] = [
    template!("customer-value-journey"),
    template!("aida"),
    template!("inbound-funnel"),
    template!("tofu-mofu-bofu"),
    template!("customer-lifecycle"),
    template!("lifecycle-marketing"),
    template!("customer-path"),
    template!("buyer-journey"),
];

/// The template with this id.
pub fn find(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}

/// Comma-separated ids, for messages.
pub fn ids() -> String {
    TEMPLATES.iter().map(|t| t.id).collect::<Vec<_>>().join(", ")
}

impl Template {
    /// The template as a map, exactly as shipped.
    pub fn map(&self) -> Result<JourneyMap, LoadError> {
        parse_str(self.source, &format!("template {}", self.id))
    }

    /// The RON text as shipped.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// A new map started from this template: its stages, guidance and
    /// tactics, with the given title (the framework's name if none).
    pub fn instantiate(&self, title: Option<&str>) -> Result<JourneyMap, LoadError> {
        let mut map = self.map()?;
        if let Some(title) = title {
            map.title = title.to_string();
        }
        map.framework = self.id.to_string();
        map.description.clear();
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::to_canonical;

    #[test]
    fn every_template_loads_and_is_canonical() {
        for t in &TEMPLATES {
            let map = t.map().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(map.framework, t.id, "template {} names its own id as framework", t.id);
            assert!(!map.stages.is_empty(), "template {} has stages", t.id);
            assert_eq!(
                to_canonical(&map),
                t.source(),
                "template {} is not in canonical form",
                t.id
            );
        }
    }

    #[test]
    fn instantiate_sets_title_and_framework() {
        let t = find("aida").map(|t| t.instantiate(Some("Spring launch")));
        let map = match t {
            Some(Ok(map)) => map,
            other => panic!("{other:?}"),
        };
        assert_eq!(map.title, "Spring launch");
        assert_eq!(map.framework, "aida");
        assert_eq!(map.stages.len(), 4);
    }
}
