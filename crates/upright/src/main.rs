//! upright: the command-line entry point. Parses, dispatches, maps errors to exit codes.

mod cli;
mod commands;
mod error;
mod render;

use clap::Parser;
use error::exit;
use std::io::Write;

/// A message as one safe line: echoed input may hold newlines, terminal
/// escapes or kilobytes of text.
fn safe(s: &str) -> String {
    upright_core::text::safe_line(s, 600)
}

fn main() {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                std::process::exit(
                    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                        exit::BAD_INPUT
                    } else {
                        exit::OK
                    },
                );
            }
            // One line, as for every other bad input; `--help` has the rest.
            // clap's first paragraph ("... not provided:\n  <SETS>") is joined into it.
            let text = e.render().to_string();
            let first: Vec<&str> = text
                .lines()
                .map(str::trim)
                .skip_while(|l| l.is_empty())
                .take_while(|l| !l.is_empty())
                .collect();
            let line = first.join(" ");
            let line = if line.is_empty() {
                "bad arguments".to_string()
            } else {
                line
            };
            commands::note(&format!(
                "{} (see --help)",
                safe(line.trim_start_matches("error: "))
            ));
            std::process::exit(exit::BAD_INPUT);
        }
    };
    // The binary owns the runtime; the use cases are async and never block on one.
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            commands::note(&format!("upright: cannot start the async runtime: {e}"));
            std::process::exit(exit::INTERNAL);
        }
    };
    let code = match rt.block_on(commands::run(cli)) {
        Ok(code) => code,
        Err(e) => {
            let _ = std::io::stdout().flush();
            commands::note(&format!("upright: {}", safe(&e.to_string())));
            e.code()
        }
    };
    drop(rt);
    std::process::exit(code);
}
