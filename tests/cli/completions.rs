#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `journeymap completions SHELL` prints a script naming every subcommand.

use std::process::Command;

#[test]
fn completions_for_each_shell_name_the_subcommands() {
    for shell in ["bash", "zsh", "fish"] {
        let output = Command::new(env!("CARGO_BIN_EXE_journeymap"))
            .args(["completions", shell])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        for subcommand in ["validate", "fmt", "diff", "merge", "templates", "completions"] {
            assert!(script.contains(subcommand), "{shell} script lacks {subcommand}");
        }
        assert!(script.contains("journeymap"), "{shell}");
    }
}

#[test]
fn unknown_shell_is_a_usage_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["completions", "cmd.exe"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
}

#[test]
fn help_says_where_the_script_goes() {
    let output = Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(["completions", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(output.stdout).unwrap();
    for place in ["bash-completion/completions", "_journeymap", "fish/completions"] {
        assert!(help.contains(place), "{help}");
    }
}
