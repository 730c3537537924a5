//! Command-line interface: every subcommand, its flags and the environment variables behind them.
//! Each subcommand's work is in the module of its area: setting up, fieldwork, estimates,
//! publishing.

mod coding;
mod estimates;
mod feedback;
mod fieldwork;
mod grants;
mod needs;
mod privacy;
mod publishing;
mod returns;
mod setup;
mod wave;

use clap::{Parser, Subcommand};
use frontline_web::error::{AppError, AppResult};
use frontline_web::mail::MailSettings;
use frontline_web::publish::MapStyle;
use frontline_web::store::states::Role;
use frontline_web::Platform;
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
    /// How long, in seconds, a server's claim on a message it is sending holds; after that
    /// (the server stopped mid-send) another server retries it.
    #[arg(
        long,
        env = "FRONTLINE_MAIL_LEASE_SECONDS",
        default_value_t = 300,
        global = true
    )]
    pub mail_lease_seconds: i64,
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
            lease_seconds: self.mail_lease_seconds.max(1),
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
pub enum WaveCommand {
    /// Add a survey definition to the wave as one more instrument, e.g.
    /// `--instrument sarc-survey-2021 --group SARCs`.
    Add {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// The instrument's survey definition, e.g. sv-provider-survey-2021.
        #[arg(long)]
        instrument: String,
        /// What tables call its respondents.
        #[arg(long)]
        group: String,
    },
    /// Invite the people in a CSV of `name,email` to an instrument: each gets a private link by
    /// email. People already invited are skipped.
    Invite {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// The instrument's survey definition, e.g. sv-provider-survey-2021.
        #[arg(long)]
        instrument: String,
        /// The CSV file to read; every row is checked before anything is stored.
        file: PathBuf,
    },
}

/// Due diligence on providers.
#[derive(Debug, Subcommand)]
pub enum DiligenceCommand {
    /// Record (or replace) an item held on a provider, with the day it is next due.
    Record {
        /// The provider (organisation) by name.
        #[arg(long)]
        organisation: String,
        /// safeguarding_policy, whistleblowing_policy, insurance, or an accreditation:
        /// womens_aid_quality_standards, rape_crisis_standards, safelives_leading_lights,
        /// respect_accreditation, imkaan_accreditation.
        #[arg(long)]
        item: String,
        /// The document's reference (a policy's version, a policy number, a certificate).
        #[arg(long)]
        reference: String,
        /// The day it is next due for review or expires, YYYY-MM-DD.
        #[arg(long)]
        due: String,
        /// Who is doing this, for the audit log (an email address or name).
        #[arg(long, env = "FRONTLINE_ACTOR", default_value = "cli")]
        by: String,
    },
    /// Queue a reminder to the provider's contacts for every item due within 60 days or
    /// overdue, once per due date.
    Remind,
}

#[derive(Debug, Subcommand)]
pub enum CodingCommand {
    /// Agreement between coders from a CSV of `unit,coder,code` rows (one nominal code per unit
    /// per coder; a blank code is missing): prints `units=N coders=K krippendorff_alpha=0.xxx`,
    /// and `cohen_kappa=0.xxx` when there are exactly two coders.
    Agreement {
        /// The CSV file of codes, `unit,coder,code`.
        file: PathBuf,
    },
    /// Import a question's codebook (CSV `category,subcategory,definition,examples`, or a
    /// REFI-QDA `.qdc`) as its next version.
    ImportCodebook {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// The open question's id, e.g. biggest_challenge.
        #[arg(long)]
        question: String,
        /// The CSV file to read; every row is checked before anything is stored.
        file: PathBuf,
    },
    /// Write a question's current codebook as CSV, or as REFI-QDA when OUT ends in `.qdc`.
    ExportCodebook {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// The open question's id, e.g. biggest_challenge.
        #[arg(long)]
        question: String,
        /// Where to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Copy each open question's codebook from the latest earlier cycle that has one.
    CopyCodebooks {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
    },
    /// Split every new answer to the open questions into comments at suggested boundaries.
    Segment {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
    },
    /// Write the cycle's coded comments: CSV, or a REFI-QDA project when OUT ends in `.qdpx`.
    Export {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// Where to write.
        #[arg(long)]
        out: PathBuf,
    },
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
        /// Reverse proxies (comma-separated IP addresses) whose X-Forwarded-For header names the
        /// client; without them the connection's address is the client's.
        #[arg(long, env = "FRONTLINE_TRUSTED_PROXIES", default_value = "")]
        trusted_proxies: String,
        /// Seconds an open-link response must be open before its first answers are accepted
        /// (people take longer; bots do not).
        #[arg(long, env = "FRONTLINE_OPEN_LINK_MIN_SECONDS", default_value_t = 5)]
        open_link_min_seconds: u64,
        /// Responses one address may start through open links per hour.
        #[arg(
            long,
            env = "FRONTLINE_OPEN_LINK_STARTS_PER_HOUR",
            default_value_t = 20
        )]
        open_link_starts_per_hour: i64,
        /// Seconds the survivors' feedback form must be open before it is accepted (a program
        /// sends it at once; what it sends is discarded without a word).
        #[arg(long, env = "FRONTLINE_FEEDBACK_MIN_SECONDS", default_value_t = 4)]
        feedback_min_seconds: i64,
        /// Responses one feedback link takes per hour, whoever sends them (no one is tracked).
        #[arg(
            long,
            env = "FRONTLINE_FEEDBACK_PER_LINK_PER_HOUR",
            default_value_t = 30
        )]
        feedback_per_link_per_hour: usize,
        /// The neutral page "Exit this page" on the feedback form leads to.
        #[arg(long, env = "FRONTLINE_EXIT_URL", default_value = frontline_web::voice::desk::DEFAULT_EXIT_TO)]
        exit_url: String,
    },
    /// Write a consistent copy of the live SQLite database to a new file (PostgreSQL: pg_dump).
    Backup {
        /// Where to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Replace the SQLite database with a backup, after checking it; stop the server first.
    Restore {
        /// The backup file to restore from.
        #[arg(long)]
        from: PathBuf,
    },
    /// Erase personal data (names, job titles, contacts, mail addresses) from cycles older than
    /// the newest N; figures stay. Audited.
    Retention {
        /// How many of the newest cycles keep their personal data.
        #[arg(long)]
        keep_cycles: usize,
        /// Count what would be erased, change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export everything held on one email address, as JSON (a subject access request). Audited.
    SubjectAccess {
        /// The email address, as the account or person gave it.
        #[arg(long)]
        email: String,
        /// Where to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Sign an account out everywhere, ending all its sessions (audited).
    RevokeSessions {
        /// The email address, as the account or person gave it.
        #[arg(long)]
        email: String,
        /// Who is doing this, for the audit log (an email address or name).
        #[arg(long, env = "FRONTLINE_ACTOR", default_value = "cli")]
        by: String,
    },
    /// Let an account sign in again after too many failed attempts (audited).
    UnlockAccount {
        /// The email address, as the account or person gave it.
        #[arg(long)]
        email: String,
        /// Who is unlocking, for the audit log.
        #[arg(long, env = "FRONTLINE_ACTOR", default_value = "cli")]
        by: String,
    },
    /// Apply pending database migrations and load the reference geography, then exit.
    Migrate,
    /// Create the deterministic demo cycles (2016 and 2017) with synthetic services and responses.
    Demo {
        /// Seed for the generator; the same seed gives the same data.
        #[arg(long, default_value_t = 2017)]
        seed: u64,
    },
    /// Generate a national deployment for benchmarks into an empty database: annual cycles of the
    /// same services (earlier ones coded and released, the latest frozen), quarterly returns from
    /// every service, grants, survivors' feedback and staff accounts (password
    /// `frontline-deployment`). The defaults are ten years of 1,500 services.
    GenerateDeployment {
        /// Annual cycles, from 2016 (1 to 50).
        #[arg(long, default_value_t = 10)]
        years: i32,
        /// Services, spread over the areas by their populations.
        #[arg(long, default_value_t = 1_500)]
        services: usize,
        /// Quarters of provider returns from every service, from 2016-Q1.
        #[arg(long, default_value_t = 40)]
        quarters: usize,
        /// Staff accounts: the survey team, a PCC office per area, coders and analysts.
        #[arg(long, default_value_t = 400)]
        accounts: usize,
        /// Survivors' feedback responses.
        #[arg(long, default_value_t = 20_000)]
        feedback: usize,
        /// Seed for the generator; the same seed gives the same data.
        #[arg(long, default_value_t = 2026)]
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
    /// Import area populations for a cycle's needs-assessment packs from
    /// `pfa,females_16_plus,males_16_plus,children_0_15` (every row checked; all or nothing).
    ImportPopulation {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// The CSV file to read; every row is checked before anything is stored.
        file: PathBuf,
        /// Where the figures come from and for which year, e.g. "ONS mid-2023 estimates".
        #[arg(long)]
        source: String,
        /// Who is doing this, for the audit log (an email address or name).
        #[arg(long, env = "FRONTLINE_ACTOR", default_value = "cli")]
        by: String,
    },
    /// Import a cycle's residents by group per police force area (age band, sex, ethnic group,
    /// disability: `pfa,age_17_under,…,disability_no`, every breakdown adding up to the same
    /// residents), with their source, all or nothing (audited): the packs' "who is missing".
    ImportPopulationGroups {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// The CSV file to read; every row is checked before anything is stored.
        file: PathBuf,
        /// Where the figures come from, e.g. "ONS Census 2021, TS007A, TS008, TS021, TS038".
        #[arg(long)]
        source: String,
        /// Who is doing this, for the audit log (an email address or name).
        #[arg(long, env = "FRONTLINE_ACTOR", default_value = "cli")]
        by: String,
    },
    /// Import a cycle's all-age population by upper-tier local authority (`authority,population`,
    /// the authority by ONS code or name among those in force at the cycle's close) with its
    /// source, all or nothing (audited): refuge places by authority against the Council of
    /// Europe minimum.
    ImportAuthorityPopulation {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// The CSV file to read; every row is checked before anything is stored.
        file: PathBuf,
        /// Where the figures come from and for which year, e.g. "ONS mid-2017 estimates".
        #[arg(long)]
        source: String,
        /// Who is doing this, for the audit log (an email address or name).
        #[arg(long, env = "FRONTLINE_ACTOR", default_value = "cli")]
        by: String,
    },
    /// Import figures a charity published before Frontline (`level,area,measure,value`: level
    /// national, region or pfa; area blank, a region or an area; measure a column of the series;
    /// value as printed, or [c]), with their source, so the series since the first cycle starts
    /// with them; all or nothing, replacing that year's figures (audited).
    ImportPublished {
        /// The year the figures count, e.g. 2015.
        #[arg(long)]
        cycle: i32,
        /// The CSV file to read; every row is checked before anything is stored.
        file: PathBuf,
        /// Where the figures were published, e.g. "Annual survey report 2015, tables 2 and 3".
        #[arg(long)]
        source: String,
        /// Who is doing this, for the audit log (an email address or name).
        #[arg(long, env = "FRONTLINE_ACTOR", default_value = "cli")]
        by: String,
    },
    /// Set one of a cycle's national prevalence rates, with its source (audited).
    PrevalenceRate {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// Stable id, e.g. stalking_last_year.
        #[arg(long)]
        id: String,
        /// The label shown beside the figure.
        #[arg(long)]
        label: String,
        /// women_16_plus, men_16_plus or adults_16_plus.
        #[arg(long)]
        applies_to: String,
        /// Per cent, e.g. 3.6.
        #[arg(long)]
        percent: f64,
        /// Where the rate comes from and its year.
        #[arg(long)]
        source: String,
        /// Who is doing this, for the audit log (an email address or name).
        #[arg(long, env = "FRONTLINE_ACTOR", default_value = "cli")]
        by: String,
    },
    /// Write an area's needs-assessment pack (index.html, indicators.csv, SVGs, .xlsx), or every
    /// area's with --all: from the latest release, or built from live data with --draft.
    Pack {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// The area: an ONS code or force name.
        #[arg(long)]
        pfa: Option<String>,
        /// Every area, one folder each.
        #[arg(long)]
        all: bool,
        /// Where to write.
        #[arg(long)]
        out: PathBuf,
        /// Build from live data (marked DRAFT) instead of the release.
        #[arg(long)]
        draft: bool,
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
        /// The cycle's year, e.g. 2017.
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
    /// Create a commissioner programme that asks its services for VFS core-metric returns.
    NewProgramme {
        /// Short id, letters, digits and hyphens, e.g. pcc-kent-grants.
        #[arg(long)]
        id: String,
        /// The name people see.
        #[arg(long)]
        name: String,
        /// quarterly, six-monthly or annual.
        #[arg(long, default_value = "quarterly")]
        frequency: String,
        /// The first period, e.g. 2025-Q1, 2025-H1 or 2025.
        #[arg(long)]
        first_period: String,
    },
    /// Add services to a programme (each as "Organisation – Service", or its name when unique).
    ProgrammeServices {
        /// The programme's id, e.g. kent-pcc.
        #[arg(long)]
        programme: String,
        /// Services, each as "Organisation – Service", or its name when unique.
        #[arg(required = true)]
        services: Vec<String>,
    },
    /// Open a period and queue a request for its return to every contact of the programme's
    /// services (a service funded by several programmes is asked once).
    SendReturnRequests {
        /// The programme's id, e.g. kent-pcc.
        #[arg(long)]
        programme: String,
        /// The reporting period: 2025-Q3 (quarter), 2025-H1 (half year) or 2025 (year).
        #[arg(long)]
        period: String,
    },
    /// Queue today's reminder for every requested return of the period not yet submitted.
    SendReturnReminders {
        /// The programme's id, e.g. kent-pcc.
        #[arg(long)]
        programme: String,
        /// The reporting period: 2025-Q3 (quarter), 2025-H1 (half year) or 2025 (year).
        #[arg(long)]
        period: String,
    },
    /// Import a period's returns from CSV, one row per service: service,pfa, then every VFS core
    /// metric column in order (see README). All rows are checked first; all or nothing.
    ImportVfsReturns {
        /// The programme's id, e.g. kent-pcc.
        #[arg(long)]
        programme: String,
        /// The reporting period: 2025-Q3 (quarter), 2025-H1 (half year) or 2025 (year).
        #[arg(long)]
        period: String,
        /// The CSV file to read; every row is checked before anything is stored.
        file: PathBuf,
    },
    /// Write a period's returns summed by police force area, disclosure-controlled, to
    /// DIR/vfs-by-pfa.csv.
    ExportVfs {
        /// The programme's id, e.g. kent-pcc.
        #[arg(long)]
        programme: String,
        /// The reporting period: 2025-Q3 (quarter), 2025-H1 (half year) or 2025 (year).
        #[arg(long)]
        period: String,
        /// How to group: pfa.
        #[arg(long, default_value = "pfa")]
        by: String,
        /// Where to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Import a programme's grant agreements from CSV, one row per KPI:
    /// `service,grant_ref,start,end,annual_amount,kpi_metric,kpi_rule,kpi_target` (and optionally
    /// `notice_months`); all or nothing, every problem by line and field (audited). A reference
    /// already in the programme has its terms and KPIs replaced.
    ImportGrants {
        /// The programme's id, e.g. kent-pcc.
        #[arg(long)]
        programme: String,
        /// The CSV file to read; every row is checked before anything is stored.
        file: PathBuf,
        /// Who is doing this, for the audit log (an email address or name).
        #[arg(long, env = "FRONTLINE_ACTOR", default_value = "cli")]
        by: String,
    },
    /// Write a period's grant monitoring to DIR: grant-monitoring.csv (each KPI's target, actual
    /// and status: met, not met or no return) and grant-spend.csv (spend against budget), for the
    /// programme's commissioners; and the value and market tables, disclosure-controlled.
    GrantMonitoring {
        /// The programme's id, e.g. kent-pcc.
        #[arg(long)]
        programme: String,
        /// The reporting period: 2025-Q3 (quarter), 2025-H1 (half year) or 2025 (year).
        #[arg(long)]
        period: String,
        /// Where to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Due diligence held on providers: record an item, or queue reminders of those falling due.
    DueDiligence {
        #[command(subcommand)]
        command: DiligenceCommand,
    },
    /// Import a cycle's funding register from CSV
    /// `service,funder_type,funder,kind,role,start,end,annual_amount,core_costs_covered,ring_fenced`;
    /// all or nothing. A service's streams replace those it had in the cycle.
    ImportFunding {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// The CSV file to read; every row is checked before anything is stored.
        file: PathBuf,
    },
    /// What each English tier-1 local authority reports for its Part 4 safe-accommodation duty,
    /// from the cycle's profiles: `utla_code,local_authority,pfa_code,refuge_services,…`, one row
    /// per authority in force at the cycle's close. Not for publication (counts of households);
    /// every export is audited.
    Part4 {
        /// The cycle's year, e.g. 2018.
        #[arg(long)]
        cycle: i32,
        /// One authority's row only (its ONS code), e.g. to send it to that authority.
        #[arg(long)]
        authority: Option<String>,
        /// Who is taking the export, for the audit log (an email address or name).
        #[arg(long, env = "FRONTLINE_ACTOR", default_value = "cli")]
        by: String,
        /// File to write; standard output if absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Refuge family places by upper-tier local authority against the Council of Europe minimum,
    /// as CSV (`refuge-spaces-by-utla`): for the team to send to authorities, never published
    /// (where an area has one refuge, its places by authority would place it); audited.
    RefugePlacesByAuthority {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// Who is taking the export, for the audit log (an email address or name).
        #[arg(long, env = "FRONTLINE_ACTOR", default_value = "cli")]
        by: String,
        /// File to write; standard output if absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Carry each service's latest earlier profile into the cycle where it has none, marked as
    /// rolled forward from that cycle (audited).
    RollForwardProfiles {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
    },
    /// A wave's extra instruments (SV provider, SARC, commissioner surveys) and invitations.
    Wave {
        #[command(subcommand)]
        command: WaveCommand,
    },
    /// Create a shareable open link for one channel of an instrument and print its URL;
    /// responses through it are counted under the channel. It closes with the wave.
    OpenLink {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// The instrument's survey definition, e.g. sv-provider-survey-2021.
        #[arg(long)]
        instrument: String,
        /// What responses through the link are counted under, e.g. networks.
        #[arg(long)]
        channel: String,
    },
    /// Qualitative coding tools for analysts.
    Coding {
        #[command(subcommand)]
        command: CodingCommand,
    },
    /// Withdraw a released version from public view, for good: its files are kept but never
    /// served again, and readers are told when and why (audited). For a release that should
    /// never have been public.
    Withdraw {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// The released version's number.
        #[arg(long)]
        version: i32,
        /// Why, in words readers are shown.
        #[arg(long)]
        reason: String,
        /// Who is withdrawing it, for the audit log.
        #[arg(long, env = "FRONTLINE_ACTOR", default_value = "cli")]
        by: String,
    },
    /// Make a survivors' feedback link for a service and print its URL (audited); with --qr, also
    /// write its QR code as an SVG drawing to print on cards and leaflets.
    FeedbackLink {
        /// The service as "Organisation – Service", or its own name when unique.
        #[arg(long)]
        service: String,
        /// Where to write the QR code (an .svg file).
        #[arg(long)]
        qr: Option<PathBuf>,
        /// Who is doing this, for the audit log (an email address or name).
        #[arg(long, env = "FRONTLINE_ACTOR", default_value = "cli")]
        by: String,
    },
    /// Rename a service (or its organisation) everywhere it is shown, audited: for a name that
    /// should never be published, which a release refuses.
    RenameService {
        /// The service as "Organisation – Service", or its own name when unique.
        #[arg(long)]
        service: String,
        /// Its new name.
        #[arg(long)]
        name: String,
        /// Who is doing this, for the audit log (an email address or name).
        #[arg(long, env = "FRONTLINE_ACTOR", default_value = "cli")]
        by: String,
    },
    /// List every stored text that could locate a place (a postcode, grid reference,
    /// coordinates, what3words address, map link or street address): what a release of the cycle
    /// would publish, and every answer of its service profiles, public or not. Exits with an
    /// error when anything a release would publish trips it (a release is refused then).
    SafetyScan {
        /// The cycle to scan; every cycle when not given.
        #[arg(long)]
        cycle: Option<i32>,
    },
    /// Set the cycle's disclosure-control threshold: counts of people from 1 to N-1 are shown
    /// as [c] in every output (default 5). Not allowed once the estimates are frozen.
    SetSuppression {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// Counts of people from 1 to this less one are shown as [c] (default 5).
        #[arg(long)]
        threshold: String,
    },
    /// Create a survey cycle (status draft until opened).
    NewCycle {
        /// The cycle's year, e.g. 2019.
        #[arg(long)]
        year: i32,
        /// Survey definition id, e.g. practitioner-survey-2018.
        #[arg(long)]
        schema: String,
        /// The survey's title as respondents see it.
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
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// draft, open or closed.
        status: String,
    },
    /// Create a staff account, or reset its password; the password is read from FRONTLINE_PASSWORD.
    CreateAccount {
        /// The email address, as the account or person gave it.
        #[arg(long)]
        email: String,
        /// The name people see.
        #[arg(long)]
        name: String,
        /// What the account may do.
        #[arg(long, value_enum, default_value_t = Role::Admin)]
        role: Role,
        /// At least 12 characters.
        #[arg(long, env = "FRONTLINE_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Import a cycle's contacts from CSV `organisation,service,email,pfas[,name]`; all or nothing.
    ImportContacts {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// The CSV file to read; every row is checked before anything is stored.
        file: PathBuf,
    },
    /// Queue invitations for every contact of an open cycle not yet invited.
    SendInvitations {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
    },
    /// Queue today's reminder for every invited service that has not submitted.
    SendReminders {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
    },
    /// Import a past cycle's returns from CSV, one row per service and PFA:
    /// service,pfa,share,idva_people,idva_fte,idva_high_risk_fte,outreach_fte,refuge_fte,isva_fte,
    /// ypva_fte,children_fte,perpetrator_fte,other_fte,volunteers,source. All or nothing.
    ImportReturns {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// The CSV file to read; every row is checked before anything is stored.
        file: PathBuf,
    },
    /// Freeze a closed cycle's estimates before publishing (or re-open them with --reopen).
    Freeze {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// Re-open frozen estimates instead; needs --reason.
        #[arg(long)]
        reopen: bool,
        /// Why, for the audit log.
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Send the queued mail now (the server does this by itself while it runs).
    SendMail,
    /// Write a cycle's responses as CSV: one row per service, one column per question.
    ExportResponses {
        /// The cycle's year, e.g. 2017.
        #[arg(long)]
        cycle: i32,
        /// File to write; standard output if absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Runs one subcommand.
pub fn run(cli: Cli) -> AppResult<()> {
    let open = || -> AppResult<Platform> { Ok(Platform::open(&cli.database_url, 2)?) };
    let mail = cli.mail.settings("127.0.0.1:8080");
    match cli.command {
        Command::Serve {
            bind,
            demo,
            trusted_proxies,
            open_link_min_seconds,
            open_link_starts_per_hour,
            feedback_min_seconds,
            feedback_per_link_per_hour,
            exit_url,
        } => {
            let platform = Platform::open(&cli.database_url, cli.db_pool_size)?;
            setup::serve(
                platform,
                cli.mail.settings(&bind),
                &bind,
                demo,
                &trusted_proxies,
                frontline_web::instruments::open_links::OpenLinkGuard {
                    min_fill: std::time::Duration::from_secs(open_link_min_seconds),
                    starts_per_hour: open_link_starts_per_hour,
                },
                &frontline_web::voice::desk::FeedbackSettings {
                    min_fill_secs: feedback_min_seconds,
                    per_link_per_hour: feedback_per_link_per_hour,
                    exit_to: exit_url,
                },
            )
        }
        Command::Backup { out } => privacy::backup(&open()?, &out),
        Command::Restore { from } => privacy::restore(&cli.database_url, &from),
        Command::Retention {
            keep_cycles,
            dry_run,
        } => privacy::retention(&open()?, keep_cycles, dry_run),
        Command::SubjectAccess { email, out } => privacy::subject_access(&open()?, &email, &out),
        Command::UnlockAccount { email, by } => setup::unlock_account(&open()?, &email, &by),
        Command::RevokeSessions { email, by } => setup::revoke_sessions(&open()?, &email, &by),
        Command::Migrate => setup::migrate(&open()?),
        Command::Demo { seed } => setup::demo(&open()?, seed),
        Command::GenerateDeployment {
            years,
            services,
            quarters,
            accounts,
            feedback,
            seed,
        } => setup::generate_deployment(
            &open()?,
            &frontline_demo::deployment::Scale {
                years,
                services,
                quarters,
                accounts,
                feedback,
            },
            seed,
        ),
        Command::CreateAccount {
            email,
            name,
            role,
            password,
        } => setup::create_account(&open()?, &email, &name, role, &password),
        Command::NewCycle {
            year,
            schema,
            title,
            opens,
            closes,
        } => fieldwork::new_cycle(&open()?, year, &schema, &title, &opens, &closes),
        Command::CycleStatus { cycle, status } => fieldwork::cycle_status(&open()?, cycle, &status),
        Command::ImportContacts { cycle, file } => {
            fieldwork::import_contacts(&open()?, cycle, &file)
        }
        Command::SendInvitations { cycle } => fieldwork::send_invitations(&open()?, &mail, cycle),
        Command::SendReminders { cycle } => fieldwork::send_reminders(&open()?, &mail, cycle),
        Command::SendMail => fieldwork::send_mail(&open()?, &mail),
        Command::ExportResponses { cycle, out } => {
            fieldwork::export_responses(&open()?, cycle, out.as_deref())
        }
        Command::ImportReturns { cycle, file } => estimates::import_returns(&open()?, cycle, &file),
        Command::Freeze {
            cycle,
            reopen,
            reason,
        } => estimates::freeze(&open()?, cycle, reopen, &reason),
        Command::ImportNeed { cycle, file } => estimates::import_need(&open()?, cycle, &file),
        Command::SetSuppression { cycle, threshold } => {
            publishing::set_suppression(&open()?, cycle, &threshold)
        }
        Command::Coding { command } => coding::run(open, command),
        Command::Wave { command } => wave::run(&open()?, &mail, command),
        Command::Part4 {
            cycle,
            authority,
            by,
            out,
        } => needs::part4(&open()?, cycle, authority.as_deref(), &by, out.as_deref()),
        Command::RefugePlacesByAuthority { cycle, by, out } => {
            needs::refuge_places_by_authority(&open()?, cycle, &by, out.as_deref())
        }
        Command::RollForwardProfiles { cycle } => {
            let n = frontline_web::profiles::roll_forward::roll_forward(
                &mut *open()?.conn()?,
                cycle,
                "command line",
            )?;
            println!("{n} profiles rolled forward into {cycle}");
            Ok(())
        }
        Command::OpenLink {
            cycle,
            instrument,
            channel,
        } => wave::open_link(&open()?, &mail, cycle, &instrument, &channel),
        Command::ImportFunding { cycle, file } => estimates::import_funding(&open()?, cycle, &file),
        Command::NewProgramme {
            id,
            name,
            frequency,
            first_period,
        } => returns::new_programme(&open()?, &id, &name, &frequency, &first_period),
        Command::ProgrammeServices {
            programme,
            services,
        } => returns::add_services(&open()?, &programme, &services),
        Command::SendReturnRequests { programme, period } => {
            returns::send_requests(&open()?, &mail, &programme, &period)
        }
        Command::SendReturnReminders { programme, period } => {
            returns::send_reminders(&open()?, &mail, &programme, &period)
        }
        Command::ImportVfsReturns {
            programme,
            period,
            file,
        } => returns::import(&open()?, &programme, &period, &file),
        Command::ImportGrants {
            programme,
            file,
            by,
        } => grants::import(&open()?, &programme, &file, &by),
        Command::GrantMonitoring {
            programme,
            period,
            out,
        } => grants::monitoring(&open()?, &programme, &period, &out),
        Command::DueDiligence { command } => match command {
            DiligenceCommand::Record {
                organisation,
                item,
                reference,
                due,
                by,
            } => grants::record_diligence(&open()?, &organisation, &item, &reference, &due, &by),
            DiligenceCommand::Remind => grants::remind(&open()?),
        },
        Command::ExportVfs {
            programme,
            period,
            by,
            out,
        } => returns::export(&open()?, &programme, &period, &by, &out),
        Command::ImportPopulation {
            cycle,
            file,
            source,
            by,
        } => needs::import_population(&open()?, cycle, &file, &source, &by),
        Command::ImportPopulationGroups {
            cycle,
            file,
            source,
            by,
        } => needs::import_population_groups(&open()?, cycle, &file, &source, &by),
        Command::ImportAuthorityPopulation {
            cycle,
            file,
            source,
            by,
        } => needs::import_authority_population(&open()?, cycle, &file, &source, &by),
        Command::ImportPublished {
            cycle,
            file,
            source,
            by,
        } => publishing::import_published(&open()?, cycle, &file, &source, &by),
        Command::PrevalenceRate {
            cycle,
            id,
            label,
            applies_to,
            percent,
            source,
            by,
        } => needs::set_rate(
            &open()?,
            cycle,
            &needs::RateArgs {
                id: &id,
                label: &label,
                applies_to: &applies_to,
                percent,
                source: &source,
            },
            &by,
        ),
        Command::Pack {
            cycle,
            pfa,
            all,
            out,
            draft,
        } => needs::pack(&open()?, cycle, pfa.as_deref(), all, &out, draft),
        Command::Publish {
            cycle,
            out,
            draft,
            maps,
        } => publishing::publish(&open()?, cycle, &out, draft, &maps.style()?),
        Command::Release {
            cycle,
            notes,
            by,
            maps,
        } => publishing::release(&open()?, cycle, &by, &notes, &maps.style()?),
        Command::SafetyScan { cycle } => publishing::safety_scan(&open()?, cycle),
        Command::Withdraw {
            cycle,
            version,
            reason,
            by,
        } => publishing::withdraw(&open()?, cycle, version, &reason, &by),
        Command::FeedbackLink { service, qr, by } => {
            feedback::link(&open()?, &mail, &service, qr.as_deref(), &by)
        }
        Command::RenameService { service, name, by } => {
            publishing::rename_service(&open()?, &service, &name, &by)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    /// Every option of every command says what it is for in `--help`.
    #[test]
    fn every_option_says_what_it_is() {
        fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let path = format!("{path} {}", command.get_name());
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if arg.get_help().is_none() && !["help", "version"].contains(&id) {
                    missing.push(format!("{path} --{id}"));
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, &path, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "options without help: {missing:#?}");
    }
}
