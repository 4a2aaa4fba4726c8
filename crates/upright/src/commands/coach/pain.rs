//! `upright pain SCORE --when during|next-morning [--date D] [--note T]`:
//! back pain on the 0-10 scale the progression engine reads (E-PAIN-MONITOR).

use super::{local_today, with_app};
use crate::commands::write_ack;
use crate::error::{exit, CliResult};
use clap::Args;
use upright_app::pain::{parse_score, parse_when, PainRequest};
use upright_core::catalog::Catalog;
use upright_core::coach::dates::show_date;

#[derive(Debug, Args)]
pub struct PainArgs {
    /// 0 (none) to 10 (worst imaginable).
    #[arg(allow_hyphen_values = true)]
    pub score: String,
    /// during (the session) or next-morning (the morning after it).
    #[arg(long, value_name = "WHEN")]
    pub when: String,
    /// The day (YYYY-MM-DD) [default: today]. A next-morning score is dated on
    /// that morning, the day after the session.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// A note kept with the entry.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub note: Option<String>,
}

pub async fn run(args: PainArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    parse_score(&args.score)?;
    parse_when(&args.when)?;
    upright_app::log::parse_note(args.note.as_deref())?;
    let req = PainRequest {
        score: args.score,
        when: args.when,
        date: args.date,
        note: args.note,
    };
    let p = with_app(db, catalog, |app, me| async move {
        Ok(app.pain(&me, req, local_today()).await?)
    })
    .await?;
    let mut out = format!(
        "logged pain {}/10 {} on {}: {}\n",
        p.score,
        p.when.as_str(),
        show_date(p.date),
        p.advice.advice
    );
    if let Some(w) = &p.advice.warning {
        out.push_str(w);
        out.push('\n');
    }
    for n in &p.notes {
        out.push_str(&format!("note: {n}\n"));
    }
    write_ack(&out, "the pain entry was logged");
    Ok(exit::OK)
}
