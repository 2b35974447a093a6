#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{fixture, journeymap};

#[test]
fn findings_are_listed_with_id_severity_item_and_hint() {
    let out = journeymap(&["lint", &fixture("bean-box.ron")]);
    insta::assert_snapshot!(out.stdout);
    assert!(out.stdout.contains("error[touchpoint-targets-antisegment]"));
    assert!(
        out.stdout
            .contains("--> tests/fixtures/bean-box.ron: touchpoint `barista-forum`")
    );
}

#[test]
fn exit_status_follows_deny() {
    // bean-box has errors: fails at every level.
    for deny in ["error", "warning", "info"] {
        assert_eq!(
            journeymap(&["lint", &fixture("bean-box.ron"), "--deny", deny]).code,
            1,
            "{deny}"
        );
    }
    // wide-text has warnings and notes but no error.
    let wide = fixture("wide-text.ron");
    let out = journeymap(&["lint", &wide]);
    assert!(!out.stdout.contains("error["), "{}", out.stdout);
    assert!(out.stdout.contains("warning["), "{}", out.stdout);
    assert_eq!(out.code, 0);
    assert_eq!(journeymap(&["lint", &wide, "--deny", "error"]).code, 0);
    assert_eq!(journeymap(&["lint", &wide, "--deny", "warning"]).code, 1);
}

#[test]
fn a_draft_warns_but_passes_by_default() {
    // minimal: one stage, no touchpoints yet: a warning and a note.
    let minimal = fixture("minimal.ron");
    let out = journeymap(&["lint", &minimal]);
    insta::assert_snapshot!(out.stdout);
    assert_eq!(out.code, 0);
    assert_eq!(journeymap(&["lint", &minimal, "--deny", "warning"]).code, 1);
}

#[test]
fn unreadable_is_2_and_invalid_is_1() {
    assert_eq!(journeymap(&["lint", "tests/fixtures/missing.ron"]).code, 2);
    let out = journeymap(&["lint", &fixture("escape-sequences.ron")]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.is_empty());
}

#[test]
fn a_bad_deny_level_is_a_usage_error() {
    assert_eq!(
        journeymap(&["lint", &fixture("bean-box.ron"), "--deny", "fatal"]).code,
        2
    );
}

#[test]
fn no_colour_in_pipes_even_without_no_color() {
    for args in [
        vec!["lint", "tests/fixtures/bean-box.ron"],
        vec!["matrix", "tests/fixtures/bean-box.ron"],
        vec!["report", "tests/fixtures/bean-box.ron"],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_journeymap"))
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(!stdout.contains('\u{1b}'), "{args:?}");
        assert!(!stdout.is_empty());
    }
}

/// The checks of the playbook: what a strategist argues about in a planning meeting.
const PLAYBOOK_CHECKS: [&str; 7] = [
    "goal-not-measurable",
    "unhappy-stage-without-pain-point",
    "pain-point-unanswered",
    "opportunity-answers-nothing",
    "post-purchase-stage-without-goal",
    "lane-mostly-assumptions",
    "competitor-without-segment",
];

/// `severity[check]: message` of each finding of a playbook check, in order.
fn playbook_findings(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|line| {
            PLAYBOOK_CHECKS
                .iter()
                .any(|check| line.contains(&format!("[{check}]: ")) && !line.starts_with(' '))
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn each_playbook_check_finds_its_blind_spot_on_a_fixture_made_for_it() {
    let expected: [(&str, &[&str]); 7] = [
        (
            "goal-not-measurable",
            &[
                "warning[goal-not-measurable]: goal `no-metric` has no metric",
                "warning[goal-not-measurable]: goal `no-target` has no target",
                "warning[goal-not-measurable]: goal `wish` has no metric and no target",
            ],
        ),
        (
            "unhappy-stage-without-pain-point",
            &[
                "warning[unhappy-stage-without-pain-point]: customers feel bad at stage `compare` (emotion -1) but no pain point is recorded there",
            ],
        ),
        (
            "pain-point-unanswered",
            &[
                "warning[pain-point-unanswered]: pain point `slow-form` (critical) is answered by no opportunity",
                "warning[pain-point-unanswered]: pain point `no-paypal` (minor) is answered only by dropped opportunities",
            ],
        ),
        (
            "opportunity-answers-nothing",
            &["warning[opportunity-answers-nothing]: opportunity `mascot` answers no pain point"],
        ),
        (
            "post-purchase-stage-without-goal",
            &[
                "warning[post-purchase-stage-without-goal]: stage `onboarding` comes after the purchase and no goal measures it",
                "warning[post-purchase-stage-without-goal]: stage `second-order` comes after the purchase and no goal measures it",
            ],
        ),
        (
            "lane-mostly-assumptions",
            &[
                "info[lane-mostly-assumptions]: 7 of 9 entries in the Doing lane are assumptions",
                "info[lane-mostly-assumptions]: 3 of 4 pain points are assumptions",
            ],
        ),
        (
            "competitor-without-segment",
            &["info[competitor-without-segment]: competitor `roastr` targets no segment"],
        ),
    ];
    for (check, findings) in expected {
        let path = fixture(&format!("lint/{check}.ron"));
        let out = journeymap(&["lint", &path]);
        assert_eq!(playbook_findings(&out.stdout), findings, "{path}:\n{}", out.stdout);
        // Each finding says where, and what to do.
        let block = out
            .stdout
            .split("\n\n")
            .find(|b| b.contains(&format!("[{check}]")))
            .unwrap();
        assert!(block.contains("  = help: "), "{block}");
        if check != "lane-mostly-assumptions" {
            assert!(block.contains(&format!("  --> {path}: ")), "{block}");
        }
        // Warnings and notes, never errors: the map is a draft, not a contradiction.
        assert_eq!(out.code, 0, "{path}");
    }
}

#[test]
fn the_full_playbook_fixture_lints_as_expected() {
    let out = journeymap(&["lint", &fixture("playbook.ron")]);
    insta::assert_snapshot!(out.stdout);
    assert_eq!(out.code, 0);
    assert_eq!(
        journeymap(&["lint", &fixture("playbook.ron"), "--deny", "warning"]).code,
        1
    );
}

#[test]
fn lint_help_lists_the_playbook_checks() {
    let help = common::stdout_of(&["lint", "--help"]);
    for check in PLAYBOOK_CHECKS {
        assert!(help.contains(check), "{check}:\n{help}");
    }
}

const CAMPAIGN_CHECKS: [(&str, &str); 10] = [
    (
        "stage-without-forward-campaign",
        "warning[stage-without-forward-campaign]: no campaign moves people on from stage `subscribe` (to `convert` or later)",
    ),
    (
        "stage-without-offer",
        "warning[stage-without-offer]: stage `subscribe` is solution-aware but no lead magnet serves it",
    ),
    (
        "offer-upgrades-nothing",
        "warning[offer-upgrades-nothing]: cross-sell `mugs` names no offer it upgrades or complements",
    ),
    (
        "offer-value-unstated",
        "warning[offer-value-unstated]: upsell `premium` does not say what the customer gets for it",
    ),
    (
        "campaign-without-cta",
        "warning[campaign-without-cta]: campaign `nurture` has no call to action",
    ),
    (
        "campaign-without-offer",
        "warning[campaign-without-offer]: campaign `nurture` leads to no offer",
    ),
    (
        "campaign-touchpoints-off-step",
        "warning[campaign-touchpoints-off-step]: campaign `nurture` moves people from `subscribe` to `convert` but its touchpoints (search-ad) sit at neither stage",
    ),
    (
        "campaign-without-step",
        "warning[campaign-without-step]: campaign `someday` has no from_stage",
    ),
    (
        "campaign-ends-before-start",
        "error[campaign-ends-before-start]: campaign `nurture` ends (2026-03-31) before it starts (2026-05)",
    ),
    (
        "campaigns-over-budget",
        "warning[campaigns-over-budget]: the budgets of 2 campaigns add up to 11000 EUR, over the map's budget of 10000 EUR; not counted, in other currencies: `us-search`",
    ),
];

#[test]
fn each_campaign_check_finds_its_blind_spot_on_a_fixture_made_for_it() {
    for (check, expected) in CAMPAIGN_CHECKS {
        let path = fixture(&format!("lint/{check}.ron"));
        let out = journeymap(&["lint", &path]);
        let found: Vec<&str> = out
            .stdout
            .lines()
            .filter(|l| CAMPAIGN_CHECKS.iter().any(|(c, _)| l.contains(&format!("[{c}]: "))))
            .collect();
        assert_eq!(found, [expected], "{path}:\n{}", out.stdout);
        let block = out
            .stdout
            .split("\n\n")
            .find(|b| b.contains(&format!("[{check}]")))
            .unwrap();
        assert!(block.contains("  = help: "), "{block}");
        if check != "campaigns-over-budget" {
            assert!(block.contains(&format!("  --> {path}: ")), "{block}");
        }
        // Only a campaign that ends before it starts is an error.
        let expected_code = if check == "campaign-ends-before-start" { 1 } else { 0 };
        assert_eq!(out.code, expected_code, "{path}");
    }
    let help = common::stdout_of(&["lint", "--help"]);
    for (check, _) in CAMPAIGN_CHECKS {
        assert!(help.contains(check), "{check}:\n{help}");
    }
}

#[test]
fn the_example_maps_and_templates_get_no_campaign_error() {
    let mut maps = common::example_maps();
    maps.extend(
        std::fs::read_dir("assets/templates")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron")),
    );
    for map in maps {
        let path = map.to_str().unwrap();
        let out = journeymap(&["lint", path]);
        for (check, _) in CAMPAIGN_CHECKS {
            assert!(
                !out.stdout.contains(&format!("error[{check}]")),
                "{path}:\n{}",
                out.stdout
            );
        }
    }
}
