//! Command-line interface: every subcommand, its flags and the environment variables behind them.

use crate::bootstrap::Platform;
use crate::error::{AppError, AppResult};
use crate::fieldwork;
use crate::mail::{worker, MailSettings, Mailer};
use crate::publish::MapStyle;
use crate::store::{accounts, cycles};
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

    #[command(flatten)]
    pub mail: MailArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Where invitations and reminders go.
#[derive(Debug, clap::Args)]
pub struct MailArgs {
    /// SMTP server for outgoing mail, e.g. `smtp://user:pass@mail.example.org:587?tls=required`
    /// or `smtps://…`. Without one, mail is written as .eml files to --mail-dir.
    #[arg(long, env = "FRONTLINE_SMTP_URL", global = true)]
    pub smtp_url: Option<String>,
    /// Folder for outgoing mail when no SMTP server is configured.
    #[arg(
        long,
        env = "FRONTLINE_MAIL_DIR",
        default_value = "outbox",
        global = true
    )]
    pub mail_dir: PathBuf,
    /// The sender of invitations and reminders.
    #[arg(
        long,
        env = "FRONTLINE_MAIL_FROM",
        default_value = "Frontline survey team <survey@frontline.invalid>",
        global = true
    )]
    pub mail_from: String,
    /// The address respondents reach Frontline at, used in links in mail
    /// (default: http:// and the --bind address).
    #[arg(long, env = "FRONTLINE_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// How often, in milliseconds, the mail worker sends queued mail and due reminders.
    #[arg(
        long,
        env = "FRONTLINE_MAIL_POLL_MS",
        default_value_t = 2000,
        global = true
    )]
    pub mail_poll_ms: u64,
}

impl MailArgs {
    pub fn settings(&self, bind: &str) -> MailSettings {
        MailSettings {
            smtp_url: self.smtp_url.clone().filter(|u| !u.trim().is_empty()),
            folder: self.mail_dir.clone(),
            from: self.mail_from.clone(),
            public_url: self
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{bind}")),
            poll: std::time::Duration::from_millis(self.mail_poll_ms.max(50)),
        }
    }
}

/// How maps are drawn when a publication is built.
#[derive(Debug, clap::Args)]
pub struct MapArgs {
    /// `boundaries` (the shipped ONS police force area boundaries) or `tiles` (one square per
    /// area, for small multiples).
    #[arg(long, value_enum, default_value_t = MapStyleArg::Boundaries)]
    pub map_style: MapStyleArg,
    /// A GeoJSON of police force area boundaries (WGS 84) to draw instead of the shipped ones.
    #[arg(long, env = "FRONTLINE_BOUNDARIES")]
    pub boundaries: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MapStyleArg {
    Boundaries,
    Tiles,
}

impl MapArgs {
    pub fn style(&self) -> AppResult<MapStyle> {
        match (&self.boundaries, self.map_style) {
            (Some(path), _) => Ok(MapStyle::File(
                std::fs::read_to_string(path).map_err(|e| AppError::file(path, e))?,
            )),
            (None, MapStyleArg::Boundaries) => Ok(MapStyle::Boundaries),
            (None, MapStyleArg::Tiles) => Ok(MapStyle::Tiles),
        }
    }
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
    /// Write a cycle's latest release to a folder, byte for byte as released; or, with --draft,
    /// a draft built now from live data, marked DRAFT (staff use only).
    Publish {
        /// The cycle's year.
        #[arg(long)]
        cycle: i32,
        /// Folder to write; created if missing.
        #[arg(long)]
        out: PathBuf,
        /// Build a draft from live data instead of writing the release.
        #[arg(long)]
        draft: bool,
        #[command(flatten)]
        maps: MapArgs,
    },
    /// Release the cycle's publication: build it once from frozen estimates and store every file
    /// as an immutable, numbered version that the public can read. A correction is a new release.
    Release {
        #[arg(long)]
        cycle: i32,
        /// What this release is; for a correction, what changed.
        #[arg(long)]
        notes: String,
        /// Who is releasing, for the audit log.
        #[arg(long, env = "FRONTLINE_ACTOR", default_value = "cli")]
        by: String,
        #[command(flatten)]
        maps: MapArgs,
    },
    /// Set the cycle's disclosure-control threshold: counts of people from 1 to N-1 are shown
    /// as [c] in every output (default 5). Not allowed once the estimates are frozen.
    SetSuppression {
        #[arg(long)]
        cycle: i32,
        #[arg(long)]
        threshold: String,
    },
    /// Create a survey cycle (status draft until opened).
    NewCycle {
        #[arg(long)]
        year: i32,
        /// Survey definition id, e.g. practitioner-survey-2018.
        #[arg(long)]
        schema: String,
        #[arg(long)]
        title: String,
        /// First day for answers, YYYY-MM-DD.
        #[arg(long)]
        opens: String,
        /// Last day for answers, YYYY-MM-DD.
        #[arg(long)]
        closes: String,
    },
    /// Open or close a cycle for answers; closing makes every invitation link stop working.
    CycleStatus {
        #[arg(long)]
        cycle: i32,
        /// draft, open or closed.
        status: String,
    },
    /// Create a staff account, or reset its password; the password is read from FRONTLINE_PASSWORD.
    CreateAccount {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, analyst or pcc_reviewer.
        #[arg(long, default_value = "admin")]
        role: String,
        /// At least 12 characters.
        #[arg(long, env = "FRONTLINE_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Import a cycle's contacts from CSV `organisation,service,email,pfas[,name]`; all or nothing.
    ImportContacts {
        #[arg(long)]
        cycle: i32,
        file: PathBuf,
    },
    /// Queue invitations for every contact of an open cycle not yet invited.
    SendInvitations {
        #[arg(long)]
        cycle: i32,
    },
    /// Queue today's reminder for every invited service that has not submitted.
    SendReminders {
        #[arg(long)]
        cycle: i32,
    },
    /// Import a past cycle's returns from CSV, one row per service and PFA:
    /// service,pfa,share,idva_people,idva_fte,idva_high_risk_fte,outreach_fte,refuge_fte,isva_fte,
    /// ypva_fte,children_fte,perpetrator_fte,other_fte,volunteers,source. All or nothing.
    ImportReturns {
        #[arg(long)]
        cycle: i32,
        file: PathBuf,
    },
    /// Freeze a closed cycle's estimates before publishing (or re-open them with --reopen).
    Freeze {
        #[arg(long)]
        cycle: i32,
        /// Re-open frozen estimates instead; needs --reason.
        #[arg(long)]
        reopen: bool,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Send the queued mail now (the server does this by itself while it runs).
    SendMail,
    /// Write a cycle's responses as CSV: one row per service, one column per question.
    ExportResponses {
        #[arg(long)]
        cycle: i32,
        /// File to write; standard output if absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub fn run(cli: Cli) -> AppResult<()> {
    let open = || Platform::open(&cli.database_url, 2);
    let mail = cli.mail.settings("127.0.0.1:8080");
    match cli.command {
        Command::Serve { bind, demo } => {
            let platform = Platform::open(&cli.database_url, cli.db_pool_size)?;
            if demo {
                platform.ensure_demo(2017)?;
            }
            let mail = cli.mail.settings(&bind);
            crate::http::serve(platform, mail, &bind)
        }
        Command::NewCycle {
            year,
            schema,
            title,
            opens,
            closes,
        } => {
            let platform = open()?;
            platform.catalogue.get(&schema)?;
            for (field, date) in [("opens", &opens), ("closes", &closes)] {
                fieldwork::reminders::parse_dates(date).map_err(|_| {
                    AppError::invalid(field, format!("'{date}' is not a date like 2026-12-01"))
                })?;
            }
            let cycle = cycles::create(
                &mut *platform.conn()?,
                &cycles::NewCycle {
                    year,
                    title: &title,
                    schema_id: &schema,
                    opens_on: &opens,
                    closes_on: &closes,
                    status: "draft",
                },
            )?;
            println!(
                "created the {} cycle ({}), status draft",
                cycle.year, cycle.schema_id
            );
            Ok(())
        }
        Command::CycleStatus { cycle, status } => {
            let platform = open()?;
            fieldwork::cycle_state::set_status(&mut *platform.conn()?, cycle, &status, "cli")?;
            println!("the {cycle} cycle is now {status}");
            Ok(())
        }
        Command::CreateAccount {
            email,
            name,
            role,
            password,
        } => {
            let platform = open()?;
            let account =
                accounts::upsert(&mut *platform.conn()?, &email, &name, &role, &password)?;
            println!("account {} ({}) is ready", account.email, account.role);
            Ok(())
        }
        Command::ImportContacts { cycle, file } => {
            let platform = open()?;
            let text = std::fs::read_to_string(&file).map_err(|e| AppError::file(&file, e))?;
            let rows = fieldwork::contacts::parse(
                &platform.geography,
                &file.display().to_string(),
                &text,
            )?;
            let summary = fieldwork::contacts::import(&mut *platform.conn()?, cycle, &rows)?;
            println!(
                "imported {} contact rows ({} new services); the cycle has {} invitations",
                summary.rows, summary.services_created, summary.invitations
            );
            Ok(())
        }
        Command::SendInvitations { cycle } => {
            let platform = open()?;
            let n = fieldwork::invitations::send(&mut *platform.conn()?, &mail, cycle)?;
            println!("queued {n} invitations; they go out when `frontline serve` or `frontline send-mail` runs");
            Ok(())
        }
        Command::SendReminders { cycle } => {
            let platform = open()?;
            let mut conn = platform.conn()?;
            let c = cycles::by_year(&mut conn, cycle)?;
            let n = fieldwork::reminders::send(&mut conn, &mail, &c, &crate::clock::today())?;
            println!("queued {n} reminders");
            Ok(())
        }
        Command::ImportReturns { cycle, file } => {
            let platform = open()?;
            let text = std::fs::read_to_string(&file).map_err(|e| AppError::file(&file, e))?;
            let returns = crate::estimates::import_returns::parse(
                &platform.geography,
                &file.display().to_string(),
                &text,
            )?;
            let n = crate::estimates::import_returns::import(
                &platform,
                &mut *platform.conn()?,
                cycle,
                &returns,
                "cli",
            )?;
            println!("imported returns for {n} services into {cycle}");
            Ok(())
        }
        Command::Freeze {
            cycle,
            reopen,
            reason,
        } => {
            let platform = open()?;
            let mut conn = platform.conn()?;
            if reopen {
                crate::estimates::freeze::reopen(&mut conn, cycle, "cli", &reason)?;
                println!("the {cycle} estimates are re-opened");
            } else {
                crate::estimates::freeze::freeze(&mut conn, cycle, "cli", &reason)?;
                println!("the {cycle} estimates are frozen");
            }
            Ok(())
        }
        Command::SendMail => {
            let platform = open()?;
            let mailer = Mailer::new(&mail)?;
            let n = worker::run_once(&platform, &mail, &mailer)?;
            println!("sent {n} messages via {}", mail.describe());
            Ok(())
        }
        Command::ExportResponses { cycle, out } => {
            let platform = open()?;
            let csv = fieldwork::export::responses_csv(
                &mut *platform.conn()?,
                &platform.catalogue,
                cycle,
            )?;
            match out {
                Some(path) => std::fs::write(&path, csv).map_err(|e| AppError::file(&path, e))?,
                None => print!("{csv}"),
            }
            Ok(())
        }
        Command::Migrate => {
            let platform = open()?;
            println!("{} is up to date", platform.target.describe());
            Ok(())
        }
        Command::Demo { seed } => {
            let platform = open()?;
            let summary = crate::demo::create(&platform, seed)?;
            println!("{summary}");
            Ok(())
        }
        Command::ImportNeed { cycle, file } => {
            let platform = open()?;
            let count = crate::import_need::import_file(&platform, cycle, &file)?;
            println!("imported need inputs for {count} police force areas into cycle {cycle}");
            Ok(())
        }
        Command::Publish {
            cycle,
            out,
            draft,
            maps,
        } => {
            let platform = open()?;
            let written =
                crate::publish::publish_to_folder(&platform, cycle, &out, draft, &maps.style()?)?;
            let what = if draft { "draft" } else { "latest release" };
            println!(
                "wrote {written} files of the {cycle} {what} to {}",
                out.display()
            );
            Ok(())
        }
        Command::Release {
            cycle,
            notes,
            by,
            maps,
        } => {
            let platform = open()?;
            let templates = crate::http::templates::Templates::new()?;
            let r = crate::publish::release::release(
                &platform,
                &templates,
                cycle,
                &by,
                &notes,
                &maps.style()?,
            )?;
            println!(
                "released the {cycle} publication as version {} (sha256 {})",
                r.version, r.content_hash
            );
            Ok(())
        }
        Command::SetSuppression { cycle, threshold } => {
            let platform = open()?;
            let rule = threshold
                .parse()
                .map_err(|e: frontline_disclosure::DisclosureError| {
                    AppError::invalid("threshold", e.to_string())
                })?;
            crate::estimates::freeze::set_suppression(&mut *platform.conn()?, cycle, rule, "cli")?;
            println!("the {cycle} cycle now suppresses {rule}");
            Ok(())
        }
    }
}
