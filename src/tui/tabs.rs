//! The registry of tabs: which views the workbench has, in tab order.

use crate::model::ItemKind;

/// What a tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The map's title, description and the state of the plan.
    Overview,
    /// The items of a kind, the selected one's details beside them.
    List(ItemKind),
    /// The stage-by-tactic matrix.
    Matrix,
    /// The journey canvas: stages as columns, lanes as rows.
    Journey,
    /// Campaigns by the step they serve: from-stage rows, to-stage columns.
    Flow,
}

/// The registry of tabs: one line per tab gives its name, its title, the
/// title used when the tab bar is short of room, and what it shows. The
/// tab bar, the number keys, and every per-tab state follow from it.
macro_rules! tabs {
    ($($tab:ident: $title:literal, $short:literal, $view:expr;)*) => {
        /// The views, in tab order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Tab {
            $($tab,)*
        }

        impl Tab {
            pub const ALL: [Tab; [$(stringify!($tab)),*].len()] = [$(Tab::$tab,)*];
            /// How many tabs there are: the size of every per-tab state.
            pub const COUNT: usize = Tab::ALL.len();

            pub fn title(self) -> &'static str {
                match self {
                    $(Tab::$tab => $title,)*
                }
            }

            /// The title when the tab bar has little room.
            pub fn short_title(self) -> &'static str {
                match self {
                    $(Tab::$tab => $short,)*
                }
            }

            pub fn view(self) -> View {
                match self {
                    $(Tab::$tab => $view,)*
                }
            }
        }
    };
}

tabs! {
    Overview: "Overview", "Overview", View::Overview;
    Stages: "Stages", "Stages", View::List(ItemKind::Stage);
    Touchpoints: "Touchpoints", "Touch…", View::List(ItemKind::Touchpoint);
    Personas: "Personas", "Personas", View::List(ItemKind::Persona);
    Segments: "Segments & USPs", "Segments", View::List(ItemKind::Segment);
    Competitors: "Competitors", "Compet…", View::List(ItemKind::Competitor);
    Tactics: "Tactics", "Tactics", View::List(ItemKind::Tactic);
    Matrix: "Matrix", "Matrix", View::Matrix;
    Journey: "Journey", "Journey", View::Journey;
    Goals: "Goals", "Goals", View::List(ItemKind::Goal);
    Insights: "Lanes", "Lanes", View::List(ItemKind::Insight);
    PainPoints: "Pain points", "Pains", View::List(ItemKind::PainPoint);
    Opportunities: "Opportunities", "Opport…", View::List(ItemKind::Opportunity);
    Offers: "Offers", "Offers", View::List(ItemKind::Offer);
    Campaigns: "Campaigns", "Campai…", View::List(ItemKind::Campaign);
    Flow: "Flow", "Flow", View::Flow;
}

impl Tab {
    /// The kind of item listed, none for the Overview and the Matrix.
    pub fn kind(self) -> Option<ItemKind> {
        match self.view() {
            View::List(kind) => Some(kind),
            View::Overview | View::Matrix | View::Journey | View::Flow => None,
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The tab listing items of `kind` (the Overview if none does).
    pub fn for_kind(kind: ItemKind) -> Tab {
        Tab::ALL
            .into_iter()
            .find(|t| t.kind() == Some(kind))
            .unwrap_or(Tab::Overview)
    }
}
