//! The `frontline` command: parses the command line and reports any failure on one line.

mod cli;

use clap::Parser;
use std::process::ExitCode;

/// mimalloc: publishing makes and frees many small values, which it serves faster than glibc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("FRONTLINE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("frontline: {e}");
            ExitCode::FAILURE
        }
    }
}
