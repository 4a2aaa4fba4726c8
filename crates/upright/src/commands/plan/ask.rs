//! The interview: with no flags on a terminal, `upright plan` asks one question
//! at a time and re-asks until the answer is accepted.

use crate::error::{CliError, CliResult};
use std::io::{BufRead, Write};
use upright_core::profile::ProfileInput;
use upright_core::vocab::{Goal, Level, Pain, RedFlag, EQUIPMENT_WORDS_WITH_PRESETS};

/// Asks every question; the answers are checked exactly as flags are.
pub fn interview(mut input: impl BufRead, mut out: impl Write) -> CliResult<ProfileInput> {
    let mut p = ProfileInput::default();
    let mut ask = |q: &str,
                   check: &dyn Fn(&str) -> Result<(), String>,
                   default: Option<&str>|
     -> CliResult<String> {
        loop {
            let shown = default.map(|d| format!(" [{d}]")).unwrap_or_default();
            write!(out, "{q}{shown}: ")
                .and_then(|_| out.flush())
                .map_err(|e| CliError::Internal(e.into()))?;
            let mut line = String::new();
            if input
                .read_line(&mut line)
                .map_err(|e| CliError::Internal(e.into()))?
                == 0
            {
                return Err(CliError::bad(
                    "input ended before every question was answered",
                ));
            }
            let answer = match (line.trim(), default) {
                ("", Some(d)) => d.to_string(),
                (a, _) => a.to_string(),
            };
            match check(&answer) {
                Ok(()) => return Ok(answer),
                Err(msg) => writeln!(out, "  {msg}").map_err(|e| CliError::Internal(e.into()))?,
            }
        }
    };
    let list = |s: &str| {
        s.split(',')
            .map(|w| w.trim().to_string())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
    };
    let vocab = |words: &'static [&'static str]| {
        move |a: &str| -> Result<(), String> {
            let items: Vec<String> = a
                .split(',')
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect();
            match items.iter().find(|w| !words.contains(&w.as_str())) {
                _ if items.is_empty() => {
                    Err(format!("please answer; accepted: {}", words.join(", ")))
                }
                Some(bad) => Err(format!(
                    "'{bad}' is not accepted; accepted: {}",
                    words.join(", ")
                )),
                None => Ok(()),
            }
        }
    };
    let number = |lo: i64, hi: i64| {
        move |a: &str| match a.parse::<i64>() {
            Ok(n) if (lo..=hi).contains(&n) => Ok(()),
            _ => Err(format!("a whole number from {lo} to {hi}, please")),
        }
    };
    let yes_no = |a: &str| match a.to_lowercase().as_str() {
        "y" | "yes" | "n" | "no" => Ok(()),
        _ => Err("y or n, please".to_string()),
    };
    let is_yes = |a: &str| a.to_lowercase().starts_with('y');

    p.pain = Some(ask(
        "Back pain now? (none, recovering, acute)",
        &vocab(Pain::WORDS),
        Some("none"),
    )?);
    let flag_question = format!(
        "Any of these red flags? (comma-separated, or none)\n  {}\n",
        RedFlag::WORDS.join(", ")
    );
    let flags = ask(
        &flag_question,
        &|a| {
            if a.eq_ignore_ascii_case("none") {
                Ok(())
            } else {
                vocab(RedFlag::WORDS)(a)
            }
        },
        Some("none"),
    )?;
    if !flags.eq_ignore_ascii_case("none") {
        p.red_flags = Some(list(&flags));
    }
    p.goals = Some(list(&ask("Goals (comma-separated: physique, strength, athletic, prevention, recovery, posture, general)", &vocab(Goal::WORDS), None)?));
    p.level = Some(ask(
        "Level (beginner, intermediate, advanced)",
        &vocab(Level::WORDS),
        None,
    )?);
    p.equipment = Some(list(&ask(
        "Equipment (comma-separated, or home / gym)",
        &vocab(EQUIPMENT_WORDS_WITH_PRESETS),
        Some("mat"),
    )?));
    p.days = ask("Days a week", &number(1, 7), Some("3"))?.parse().ok();
    p.minutes = ask("Minutes a session", &number(10, 180), Some("45"))?
        .parse()
        .ok();
    p.weeks = ask("Weeks to plan", &number(1, 52), Some("8"))?
        .parse()
        .ok();
    p.pullups = ask("Strict pull-ups you can do now", &number(0, 100), Some("0"))?
        .parse()
        .ok();
    p.desk_job = Some(is_yes(&ask(
        "Do you sit most of the day? (y/n)",
        &yes_no,
        Some("n"),
    )?));
    p.sport_push = Some(is_yes(&ask(
        "Is your sport mostly pushing (boxing, throwing, racket sports...)? (y/n)",
        &yes_no,
        Some("n"),
    )?));
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn re_asks_until_accepted() {
        let answers = "\nnone\nyoga\nposture\nbeginner\nhome\n\n\n\n\ny\nn\n";
        let mut shown = Vec::new();
        let p = interview(answers.as_bytes(), &mut shown).unwrap();
        let shown = String::from_utf8(shown).unwrap();
        assert!(shown.contains("'yoga' is not accepted"), "{shown}");
        assert_eq!(p.goals, Some(vec!["posture".to_string()]));
        assert_eq!(p.desk_job, Some(true));
        assert!(p.into_profile().is_ok());
    }
}
