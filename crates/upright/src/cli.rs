//! Command-line shape (clap derive). Values that have a vocabulary are taken as
//! text and checked by upright-core, so every bad value gets the same one-line
//! message naming the field and the accepted words.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "upright",
    version,
    about = "A back-training and posture coach: screens for red flags, plans back + core work, logs it and progresses it.",
    after_help = "Exit codes: 0 success, 1 internal error, 2 bad input, 3 referral instead of a plan."
)]
pub struct Cli {
    /// Extend or override the exercise catalog with a TOML or JSON file.
    #[arg(long, global = true, value_name = "FILE")]
    pub catalog: Option<PathBuf>,

    /// Database: a SQLite file path, or a URL (sqlite://PATH, postgres://...).
    /// Default: upright.db in your data directory.
    #[arg(
        long,
        global = true,
        value_name = "PATH|URL",
        env = "UPRIGHT_DATABASE_URL"
    )]
    pub db: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per run: the size of one variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Screen a profile and print a back + core plan (or a referral).
    Plan(PlanArgs),
    /// Browse the exercise catalog.
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Today's session of the active plan: loads in your unit and the coach's decisions.
    Today(crate::commands::coach::today::TodayArgs),
    /// Log what you did: `upright log deadlift 3x5@100kg`.
    Log(crate::commands::coach::log::LogArgs),
    /// Log back pain, 0-10, during a session or the next morning.
    Pain(crate::commands::coach::pain::PainArgs),
    /// Replace an exercise of the active plan with one of the same movement pattern.
    Swap(crate::commands::coach::swap::SwapArgs),
    /// Never plan an exercise again: stores the exclusion and re-plans the active plan.
    Exclude(crate::commands::coach::exclude::ExcludeArgs),
    /// What you logged: sets and pain, as a table, CSV or JSON.
    History(crate::commands::coach::history::HistoryArgs),
    /// Estimated 1RM over time, weekly sets per muscle against targets, pain trend, adherence.
    Progress(crate::commands::coach::progress::ProgressArgs),
    /// Show or change your settings (the unit loads are shown and typed in).
    Config(crate::commands::coach::config::ConfigArgs),
    /// The torso endurance battery: times beside the norms, ratios, the weakest link (guided on a terminal).
    Assess(crate::commands::coach::assess::AssessArgs),
    /// The web app and JSON API: `upright serve [--addr 127.0.0.1:8080]`.
    Serve(crate::commands::serve::ServeArgs),
    /// Your gyms: address, time zone, opening hours and closures; which one you train at.
    #[command(subcommand)]
    Gym(crate::commands::scheduling::gym::GymCommand),
    /// When you can train: windows per weekday, home time zone, wake time.
    #[command(subcommand)]
    Availability(crate::commands::scheduling::availability::AvailabilityCommand),
    /// The active plan's sessions on days, times and places; what does not fit and why.
    Schedule(crate::commands::scheduling::schedule::ScheduleArgs),
    /// Write the schedule as an iCalendar file (stable UIDs, updates and cancellations).
    Calendar(crate::commands::scheduling::calendar::CalendarArgs),
    /// Bring your history: Strong or Hevy CSV exports, upright's own export; map exercise names.
    #[command(subcommand)]
    Import(crate::commands::import::ImportCommand),
    /// Everything you have (profile, plans, logs, pain, batteries, gyms, availability) as JSON or CSV, or your sets as Strong or Hevy CSV.
    Export(crate::commands::export::ExportArgs),
}

#[derive(Debug, Args, Default)]
pub struct PlanArgs {
    /// Goals, comma-separated: physique, strength, athletic, prevention, recovery, posture, general.
    #[arg(long, value_name = "GOAL[,GOAL]")]
    pub goal: Vec<String>,
    /// beginner, intermediate or advanced.
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,
    /// Comma-separated: mat, dumbbells, kettlebell, barbell, rack, bench, cable, machines, pullup-bar, bands; or a preset: home, gym.
    #[arg(long, value_name = "ITEM[,ITEM]")]
    pub equipment: Vec<String>,
    /// Which of --equipment you have at home (default: all of it, or none with the gym preset); the rest is at a gym.
    #[arg(long, value_name = "ITEM[,ITEM]")]
    pub home_equipment: Vec<String>,
    /// Training days a week, 1-7 [default: 3].
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub days: Option<String>,
    /// Minutes a session, 10-180 [default: 45].
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub minutes: Option<String>,
    /// Weeks to plan, 1-52 [default: 8].
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub weeks: Option<String>,
    /// You sit most of the day.
    #[arg(long)]
    pub desk_job: bool,
    /// You lift heavy things at work every day.
    #[arg(long)]
    pub manual_labour: bool,
    /// Your sport is dominated by pushing (boxing, throwing, shot put, racket sports...).
    #[arg(long)]
    pub sport_push: bool,
    /// The sport you train besides: climbing, swimming, boxing, martial-arts, running, cycling, rowing, throwing, racket, team-sports, golf, gymnastics.
    #[arg(long, value_name = "NAME")]
    pub sport: Option<String>,
    /// Other weekly activities already load your back.
    #[arg(long)]
    pub other_back_activity: bool,
    /// Strict pull-ups you can do now (0 = none).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub pullups: Option<String>,
    /// none, recovering or acute.
    #[arg(long, value_name = "STATE")]
    pub pain: Option<String>,
    /// A clinical red flag (repeatable): bladder-bowel, saddle-numbness, leg-weakness, gait, cancer-history, weight-loss, fever, immunosuppressed, iv-drug-use, trauma, steroids, night-pain, new-pain.
    #[arg(long = "red-flag", value_name = "FLAG")]
    pub red_flag: Vec<String>,
    /// Your age in years (12-100); new back pain under 20 or over 50 is a red flag.
    #[arg(long, value_name = "YEARS", allow_negative_numbers = true)]
    pub age: Option<String>,
    /// Leave an exercise out (repeatable).
    #[arg(long, value_name = "EXERCISE_ID")]
    pub exclude: Vec<String>,
    /// Read the profile from a TOML (or JSON) file; flags given too override it.
    #[arg(long, value_name = "FILE.toml")]
    pub profile: Option<PathBuf>,
    /// text, json or markdown [default: text].
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Show the rules and evidence behind every exercise.
    #[arg(long)]
    pub explain: bool,
    /// One profile (JSON) a line in, one plan (JSON) a line out.
    #[arg(long, value_name = "FILE.jsonl")]
    pub batch: Option<PathBuf>,
    /// Write the optimiser's problem in CPLEX LP format.
    #[arg(long, value_name = "FILE.lp")]
    pub emit_model: Option<PathBuf>,
    /// Zero the optimiser's wall time in JSON, so the same inputs give byte-identical output.
    #[arg(long)]
    pub reproducible: bool,
    /// Store the profile and make this plan the active one (see `upright today`).
    #[arg(long)]
    pub save: bool,
    /// With --save: the plan's first day (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// List exercises, optionally filtered.
    List {
        /// Only exercises that work this muscle (primary or secondary).
        #[arg(long, value_name = "MUSCLE")]
        muscle: Option<String>,
        /// Only exercises doable with this equipment (comma-separated, or home/gym).
        #[arg(long, value_name = "ITEM[,ITEM]")]
        equipment: Option<String>,
        /// text or json.
        #[arg(long, value_name = "FORMAT", default_value = "text")]
        format: String,
    },
    /// Show one exercise in full.
    Show {
        id: String,
        /// text or json.
        #[arg(long, value_name = "FORMAT", default_value = "text")]
        format: String,
    },
    /// Convert free-exercise-db's exercises.json into an upright catalog file (for --catalog),
    /// or with `free-exercise-db FILE.json` store its exercises in your catalog (used from then on).
    Import {
        /// `free-exercise-db` (then FILE.json follows), or the exercises.json to convert.
        #[arg(value_name = "free-exercise-db|FILE")]
        first: String,
        /// After `free-exercise-db`: the path to its exercises.json.
        #[arg(value_name = "FILE.json")]
        file: Option<PathBuf>,
        /// Where to write the TOML catalog [default: standard output].
        #[arg(long, value_name = "FILE.toml")]
        out: Option<PathBuf>,
        /// Keep every exercise, not only back and core ones.
        #[arg(long)]
        all: bool,
    },
}
