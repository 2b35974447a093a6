#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    journeymap::cli::run()
}
