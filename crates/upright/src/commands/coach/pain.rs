//! `upright pain SCORE --when during|next-morning [--date D] [--note T]`:
//! back pain on the 0-10 scale the progression engine reads (E-PAIN-MONITOR).

use super::db::Db;
use super::{date_or_today, show_date};
use crate::error::{CliError, CliResult};
use clap::Args;
use upright_store::{PainEntry, PainTiming};

#[derive(Debug, Args)]
pub struct PainArgs {
    /// 0 (none) to 10 (worst imaginable).
    #[arg(allow_hyphen_values = true)]
    pub score: String,
    /// during (the session) or next-morning (the morning after it).
    #[arg(long, value_name = "WHEN")]
    pub when: String,
    /// The day (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// A note kept with the entry.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

pub fn parse_score(s: &str) -> CliResult<u8> {
    s.trim()
        .parse::<u8>()
        .ok()
        .filter(|x| *x <= 10)
        .ok_or_else(|| CliError::bad(format!("score: '{s}' is not accepted; accepted: a whole number from 0 (no pain) to 10 (worst)")))
}

pub fn parse_when(s: &str) -> CliResult<PainTiming> {
    match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
        "during" => Ok(PainTiming::During),
        "next-morning" | "morning" => Ok(PainTiming::NextMorning),
        _ => Err(CliError::bad(format!("when: '{s}' is not accepted; accepted: during, next-morning"))),
    }
}

pub fn run(args: PainArgs, db: Option<&str>) -> CliResult<i32> {
    let score = parse_score(&args.score)?;
    let timing = parse_when(&args.when)?;
    let date = date_or_today("date", args.date.as_deref())?;
    let note = args.note.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(String::from);
    let db = Db::open(db)?;
    db.call(db.store.log_pain(db.user.id, &PainEntry { date, score, timing, note }))?;
    let advice = match (timing, score) {
        (PainTiming::During, 0..=2) => "safe (0-2)",
        (PainTiming::During, 3..=5) => "acceptable during exercise (3-5); the coach will not progress after it",
        (PainTiming::During, _) => "above 5: not acceptable; the coach reduces the load next time (E-PAIN-MONITOR)",
        (PainTiming::NextMorning, _) => "if it is higher than the morning before, the coach reduces the load (E-PAIN-MONITOR)",
    };
    println!("logged pain {score}/10 {} on {}: {advice}", timing.as_str(), show_date(date));
    if timing == PainTiming::During && score >= 8 {
        println!("Severe pain: stop for today; if it persists or is bad at rest, seek medical advice before training on (S-ACUTE).");
    }
    Ok(crate::error::exit::OK)
}
