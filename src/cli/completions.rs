//! `journeymap completions SHELL`: a completion script generated from the
//! same clap definition that parses the arguments, so it never goes stale.

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, EXIT_OK, print_out};

pub const AFTER_HELP: &str = "\
Save the script where your shell looks for completions, then start a new shell:
  bash: journeymap completions bash > ~/.local/share/bash-completion/completions/journeymap
  zsh:  journeymap completions zsh > ~/.zfunc/_journeymap
        (and in ~/.zshrc, before compinit: fpath=(~/.zfunc $fpath); autoload -Uz compinit; compinit)
  fish: journeymap completions fish > ~/.config/fish/completions/journeymap.fish";

pub fn run(shell: Shell) -> u8 {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "journeymap", &mut script);
    print_out(&String::from_utf8_lossy(&script));
    EXIT_OK
}
