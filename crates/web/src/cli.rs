//! Command-line interface: every subcommand, its flags and the environment variables behind them.

use crate::bootstrap::Platform;
use crate::error::AppResult;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Frontline: the national practitioner survey and provision-mapping platform.
#[derive(Debug, Parser)]
#[command(name = "frontline", version, about, long_about = None)]
pub struct Cli {
    /// Database: a SQLite file path (created if missing) or a postgres:// URL.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "frontline.db",
        global = true
    )]
    pub database_url: String,

    /// Most database connections the platform holds open at once.
    #[arg(
        long,
        env = "FRONTLINE_DB_POOL_SIZE",
        default_value_t = 16,
        global = true
    )]
    pub db_pool_size: u32,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the platform over HTTP (migrates the database first).
    Serve {
        /// Address to listen on.
        #[arg(long, env = "FRONTLINE_BIND", default_value = "127.0.0.1:8080")]
        bind: String,
        /// Create the demo cycle first if the database has no cycles.
        #[arg(long, env = "FRONTLINE_DEMO")]
        demo: bool,
    },
    /// Apply pending database migrations and load the reference geography, then exit.
    Migrate,
    /// Create the deterministic demo cycles (2016 and 2017) with synthetic services and responses.
    Demo {
        /// Seed for the generator; the same seed gives the same data.
        #[arg(long, default_value_t = 2017)]
        seed: u64,
    },
    /// Import a cycle's need-model inputs from a CSV `pfa,adult_females,marac_cases`.
    ImportNeed {
        /// The cycle's year.
        #[arg(long)]
        cycle: i32,
        /// The CSV file; `pfa` is an ONS code or a force name.
        file: PathBuf,
    },
    /// Write a cycle's publication (tables, maps, GeoJSON, index.html) to a folder.
    Publish {
        /// The cycle's year.
        #[arg(long)]
        cycle: i32,
        /// Folder to write; created if missing.
        #[arg(long)]
        out: PathBuf,
        /// GeoJSON of police force area boundaries; without it, maps use the built-in tile map.
        #[arg(long, env = "FRONTLINE_BOUNDARIES")]
        boundaries: Option<PathBuf>,
    },
}

pub fn run(cli: Cli) -> AppResult<()> {
    match cli.command {
        Command::Serve { bind, demo } => {
            let platform = Platform::open(&cli.database_url, cli.db_pool_size)?;
            if demo {
                platform.ensure_demo(2017)?;
            }
            crate::http::serve(platform, &bind)
        }
        Command::Migrate => {
            let platform = Platform::open(&cli.database_url, 2)?;
            println!("{} is up to date", platform.target.describe());
            Ok(())
        }
        Command::Demo { seed } => {
            let platform = Platform::open(&cli.database_url, 2)?;
            let summary = crate::demo::create(&mut *platform.conn()?, &platform.catalogue, seed)?;
            println!("{summary}");
            Ok(())
        }
        Command::ImportNeed { cycle, file } => {
            let platform = Platform::open(&cli.database_url, 2)?;
            let count = crate::import_need::import_file(&platform, cycle, &file)?;
            println!("imported need inputs for {count} police force areas into cycle {cycle}");
            Ok(())
        }
        Command::Publish {
            cycle,
            out,
            boundaries,
        } => {
            let platform = Platform::open(&cli.database_url, 2)?;
            let written =
                crate::publish::publish_to_folder(&platform, cycle, &out, boundaries.as_deref())?;
            println!("wrote {written} files to {}", out.display());
            Ok(())
        }
    }
}
