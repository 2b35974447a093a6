use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::output::{colour_enabled, stdout_is_terminal};
use super::{EXIT_FINDINGS, EXIT_OK, print_out, report_load_error};
use crate::analysis::lint::CHECKS;
use crate::analysis::{Severity, lint};
use crate::export::text::findings;
use crate::store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DenyLevel {
    /// Fail on any finding, notes included
    Info,
    /// Fail on warnings and errors
    Warning,
    /// Fail on errors only
    Error,
}

impl DenyLevel {
    fn severity(self) -> Severity {
        match self {
            DenyLevel::Info => Severity::Info,
            DenyLevel::Warning => Severity::Warning,
            DenyLevel::Error => Severity::Error,
        }
    }
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Map file (`-` reads standard input)
    pub file: PathBuf,
    /// Lowest severity that makes the command fail
    #[arg(long, value_enum, default_value = "error", value_name = "LEVEL")]
    pub deny: DenyLevel,
}

/// The help text after the options: what lint does, every check, examples.
pub fn after_help() -> String {
    let id_width = CHECKS.iter().map(|c| c.0.len()).max().unwrap_or(0);
    let checks: Vec<String> = CHECKS
        .iter()
        .map(|(id, severity, what)| format!("  {:<7}  {id:<id_width$}  {what}", severity.label()))
        .collect();
    format!("{ABOUT}\n\nChecks:\n{}\n\n{EXAMPLES}", checks.join("\n"))
}

const ABOUT: &str = "\
Checks the plan, not the file (`journeymap validate` checks the file): empty
stages, a journey that stops at the purchase, segments without a USP,
personas without a segment, touchpoints aimed at an antisegment, tactics
nobody uses, thin competitor profiles; and the playbook's blind spots: goals
that cannot be measured, stages where customers feel bad with no pain point
recorded, pain points nothing answers, opportunities that answer nothing,
stages after the purchase no goal measures, lanes that rest on assumptions,
competitors with no segment; and what moves people along: stages no
campaign moves people on from, stages without the offer their mindset asks
for, upsells and cross-sells that upgrade nothing or state no value,
campaigns without a call to action, an offer, a step, or touchpoints at
their stages, campaigns that end before they start, and campaign budgets
over the map's budget. Each finding has a stable id.

Offers are asked for by mindset, over each run of consecutive stages with
one mindset: solution-aware stages need a lead magnet at one of them,
product-aware stages an entry-point or core offer; only in maps that have
offers or campaigns. Campaign budgets are added up in the map's currency (an
amount with no currency counts as the map's); budgets in other currencies
are left out of the sum, and the finding names them.

A stage comes after the purchase when it is named as one of the frameworks'
post-purchase stages (Excite, Ascend, Advocate, Retention, Loyalty,
Onboarding, Use & evaluation...) or when it follows the purchase itself
(Convert, Conversion, Purchase, Buy, Decision, Action, Revenue...).

Errors are plans that contradict themselves; warnings are gaps a reviewer
should ask about; notes are bookkeeping.

Exit status: 0 no finding at or above --deny, 1 some (or the map is invalid,
as with `validate`), 2 unreadable file.";

const EXAMPLES: &str = "\
Examples:
  journeymap lint maps/bean-box-coffee.ron
  journeymap lint maps/bean-box-coffee.ron --deny warning   # strict, for CI";

pub fn run(args: &LintArgs) -> u8 {
    let map = match store::load(&args.file) {
        Ok(loaded) => loaded.map,
        Err(e) => return report_load_error(&e),
    };
    let found = lint(&map);
    // Diagnostics read best unwrapped in logs; on a terminal, wrap to fit.
    let width = if stdout_is_terminal() {
        super::output::output_width()
    } else {
        usize::MAX
    };
    let origin = args.file.display().to_string();
    print_out(&findings(&found, Some(&origin), colour_enabled(), width));
    if found.iter().any(|f| f.severity >= args.deny.severity()) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
