//! upright: the command-line entry point. Parses, dispatches, maps errors to exit codes.

mod cli;
mod commands;
mod error;
mod render;

use clap::Parser;
use error::exit;
use std::io::Write;

fn main() {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand) {
                let _ = e.print();
                std::process::exit(if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand { exit::BAD_INPUT } else { exit::OK });
            }
            // One line, as for every other bad input; `--help` has the rest.
            let text = e.render().to_string();
            let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("error: bad arguments");
            eprintln!("{} (see --help)", first.trim_start_matches("error: ").trim());
            std::process::exit(exit::BAD_INPUT);
        }
    };
    let code = match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            let _ = std::io::stdout().flush();
            eprintln!("upright: {e}");
            e.code()
        }
    };
    std::process::exit(code);
}
