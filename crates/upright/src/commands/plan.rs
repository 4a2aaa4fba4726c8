//! `upright plan`: profile in (flags, a file, questions or a batch), plan out.

use super::read_text;
use crate::cli::PlanArgs;
use crate::error::{exit, CliError, CliResult};
use crate::render;
use std::io::{BufRead, IsTerminal};
use upright_core::catalog::Catalog;
use upright_core::plan::{plan, PlanDocument, Planned};
use upright_core::profile::{Profile, ProfileInput};
use upright_core::vocab::Format;

pub mod ask;
pub mod batch;

/// Runs `upright plan`.
pub async fn run(args: PlanArgs, catalog: &Catalog, db: Option<&str>) -> CliResult<i32> {
    let format_text = args.format.as_deref().unwrap_or("text");
    let format: Format = format_text
        .parse()
        .map_err(|e: upright_core::vocab::VocabError| {
            CliError::bad(format!(
                "format: '{}' is not accepted; accepted: {}",
                upright_core::text::echo(&e.got),
                e.accepted.join(", ")
            ))
        })?;
    // The person's stored catalog (`catalog import free-exercise-db`) is used without --catalog.
    let person = super::catalog::person_catalog(db, catalog).await?;
    let catalog = &person;
    if let Some(path) = &args.batch {
        // Each batch line is planned and printed as JSON; these would be silently ignored.
        let ignored = [
            ("save", args.save),
            ("start", args.start.is_some()),
            ("format", args.format.is_some()),
            ("emit-model", args.emit_model.is_some()),
            ("explain", args.explain),
        ];
        if let Some((flag, _)) = ignored.iter().find(|(_, given)| *given) {
            return Err(CliError::bad(format!(
                "{flag}: not accepted with --batch (every line is planned and printed as JSON); accepted with --batch: --reproducible, --catalog"
            )));
        }
        return batch::run(path, catalog, args.reproducible);
    }
    let input = profile_input(&args)?;
    // Safety over syntax: red flags and acute pain refer before anything else
    // is checked, saved or written (S-REDFLAG, S-ACUTE).
    if let Some(doc) = upright_core::plan::screen_input(&input) {
        super::write_stdout(&render::plan(&doc, format, args.explain))?;
        return Ok(exit::REFERRAL);
    }
    let profile = input.into_profile()?;
    if args.start.is_some() && !args.save {
        return Err(CliError::bad("start: only meaningful with --save"));
    }
    let reproducible = args.reproducible;
    let finish = move |doc: &mut PlanDocument| {
        if reproducible {
            doc.make_reproducible();
        }
    };
    // Save before printing, so a failed save prints no plan that was not kept;
    // a saved plan is made with the person's stored exclusions.
    let (planned, saved) = if args.save {
        let start = args.start.clone();
        super::coach::with_app(db, catalog, |app, me| async move {
            Ok(app
                .save_plan(
                    &me,
                    profile,
                    start.as_deref(),
                    super::coach::local_today(),
                    finish,
                )
                .await?)
        })
        .await?
    } else {
        let mut planned = upright_app::plan::make(&profile, catalog)?;
        finish(&mut planned.document);
        (planned, None)
    };
    let doc = &planned.document;
    // A referral has no model (S-ACUTE, S-REDFLAG): safety comes before the file asked for.
    if !doc.is_referral() {
        if let Some(path) = &args.emit_model {
            write_model(&planned, path)?;
        }
    }
    if let Some(s) = &saved {
        let mut line = format!(
            "upright: saved plan {} as your active plan: {} weeks from {}; see `upright today`",
            s.plan_id,
            s.weeks,
            upright_core::coach::dates::show_date(s.start)
        );
        if !s.exclusions.is_empty() {
            line.push_str(&format!(
                " (your exclusions kept: {})",
                s.exclusions.join(", ")
            ));
        }
        super::note(&line);
    }
    let out = render::plan(doc, format, args.explain);
    if saved.is_some() {
        super::write_ack(&out, "the plan was saved");
    } else {
        super::write_stdout(&out)?;
    }
    if doc.is_referral() {
        return Ok(exit::REFERRAL);
    }
    Ok(exit::OK)
}

/// Layers the profile: file, then flags; asks for what is missing on a terminal.
fn profile_input(args: &PlanArgs) -> CliResult<ProfileInput> {
    let from_file = match &args.profile {
        Some(path) => read_profile_file(path)?,
        None => ProfileInput::default(),
    };
    let from_flags = flags_input(args)?;
    let no_flags = from_flags == ProfileInput::default() && args.profile.is_none();
    let mut input = from_flags.layered_over(from_file);
    let missing = input.missing();
    // Answers that refer need nothing more (the caller screens them first).
    if !missing.is_empty() && upright_core::plan::screen_input(&input).is_none() {
        if no_flags && std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
            input = ask::interview(std::io::stdin().lock(), std::io::stderr())?;
        } else {
            return Err(CliError::bad(format!(
                "missing {}: give them as flags or in --profile FILE (e.g. --goal posture --level beginner --equipment home)",
                missing.join(", ")
            )));
        }
    }
    Ok(input)
}

fn read_profile_file(path: &std::path::Path) -> CliResult<ProfileInput> {
    let text = read_text(path, "profile", super::PROFILE_MAX_BYTES)?;
    let name = path.display();
    if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text)
            .map_err(|e| CliError::bad(format!("profile: {name}:{}: {e}", e.line())))
    } else {
        toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start].matches('\n').count() + 1)
                .unwrap_or(0);
            CliError::bad(format!("profile: {name}:{line}: {}", one_line(e.message())))
        })
    }
}

/// Parser messages may span lines; bad input is reported on one.
fn one_line(msg: &str) -> String {
    msg.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn number(field: &'static str, v: &Option<String>) -> CliResult<Option<i64>> {
    match v {
        None => Ok(None),
        Some(s) => s
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| CliError::bad(format!("{field}: '{s}' is not a whole number"))),
    }
}

fn words(v: &[String]) -> Option<Vec<String>> {
    let out: Vec<String> = v
        .iter()
        .flat_map(|s| s.split(','))
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty())
        .collect();
    (!v.is_empty()).then_some(out)
}

fn flag(b: bool) -> Option<bool> {
    b.then_some(true)
}

/// The flags as a profile input: only what was given is set.
fn flags_input(a: &PlanArgs) -> CliResult<ProfileInput> {
    Ok(ProfileInput {
        goals: words(&a.goal),
        level: a.level.clone(),
        equipment: words(&a.equipment),
        home_equipment: words(&a.home_equipment),
        days: number("days", &a.days)?,
        minutes: number("minutes", &a.minutes)?,
        weeks: number("weeks", &a.weeks)?,
        desk_job: flag(a.desk_job),
        manual_labour: flag(a.manual_labour),
        sport_push: flag(a.sport_push),
        sport: a.sport.clone(),
        other_back_activity: flag(a.other_back_activity),
        pullups: number("pullups", &a.pullups)?,
        pain: a.pain.clone(),
        red_flags: words(&a.red_flag),
        age: number("age", &a.age)?,
        exclude: words(&a.exclude),
    })
}

fn write_model(planned: &Planned, path: &std::path::Path) -> CliResult<()> {
    let Some(problem) = &planned.problem else {
        return Err(CliError::bad(
            "emit-model: a referral has no optimisation model",
        ));
    };
    let text = problem.to_model().to_lp("upright base-week selection");
    super::write_file_atomic(path, text.as_bytes(), "emit-model")
}

/// Plans one profile for batch mode: the document or the user-facing error.
pub fn plan_line(input: ProfileInput, catalog: &Catalog) -> Result<PlanDocument, (String, String)> {
    if let Some(doc) = upright_core::plan::screen_input(&input) {
        return Ok(doc);
    }
    let profile: Profile = input
        .into_profile()
        .map_err(|e| (e.field.to_string(), e.message))?;
    plan(&profile, catalog).map(|p| p.document).map_err(|e| {
        let text = e.to_string();
        let (field, message) = text.split_once(": ").unwrap_or(("profile", &text));
        (field.to_string(), message.to_string())
    })
}

/// Reads lines for batch mode from a file or standard input (`-`).
pub fn open_lines(path: &std::path::Path) -> CliResult<Box<dyn BufRead>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::BufReader::new(std::io::stdin())));
    }
    let f = std::fs::File::open(path)
        .map_err(|e| CliError::bad(format!("batch: cannot read '{}': {e}", path.display())))?;
    Ok(Box::new(std::io::BufReader::new(f)))
}
