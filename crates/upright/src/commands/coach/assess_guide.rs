//! The guided battery on a terminal: core's `assess::guide` read out hold by
//! hold (set-up, when to start, what ends the hold), a stopwatch started and
//! stopped with Enter, a question about pain after each hold, the rest
//! between holds, and the sex the norms are read for. Prompts go to stderr,
//! so stdout carries only the report.
//!
//! The Sørensen's stopwatch stops by itself at its 240 s cap. For tests,
//! `UPRIGHT_STOPWATCH_SCRIPT=120,150,80,90` makes the stopwatch read those
//! seconds in turn instead of the wall clock (still started and stopped with
//! Enter) and counts every rest as full: the flow is the same, the times are
//! deterministic.

use crate::error::{CliError, CliResult};
use std::collections::VecDeque;
use std::io::{BufRead, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};
use upright_app::assess::PainStop;
use upright_core::assess::{Guide, GuideStep, Test};

/// The environment variable that scripts the stopwatch (tests only).
pub const SCRIPT_VAR: &str = "UPRIGHT_STOPWATCH_SCRIPT";

/// What the walk collected.
#[derive(Debug, Default)]
pub struct Answers {
    /// Seconds per test, in `Test::ALL` order.
    pub times: [Option<u32>; 4],
    pub pain: Vec<PainStop>,
    pub sex: Option<String>,
}

/// The wall clock, or the script of `UPRIGHT_STOPWATCH_SCRIPT`.
enum Clock {
    Wall,
    Script(VecDeque<u32>),
}

impl Clock {
    fn from_env() -> CliResult<Clock> {
        let Ok(text) = std::env::var(SCRIPT_VAR) else {
            return Ok(Clock::Wall);
        };
        let mut times = VecDeque::new();
        for w in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            times.push_back(
                w.parse::<u32>().map_err(|_| {
                    CliError::bad(format!("{SCRIPT_VAR}: '{w}' is not whole seconds"))
                })?,
            );
        }
        Ok(Clock::Script(times))
    }
}

struct Walk {
    lines: Receiver<String>,
    clock: Clock,
    err: std::io::Stderr,
}

fn ended() -> CliError {
    CliError::bad("input: ended before the battery was done; nothing was recorded")
}

impl Walk {
    fn say(&mut self, text: &str) {
        let mut e = self.err.lock();
        let _ = writeln!(e, "{text}");
        let _ = e.flush();
    }

    fn prompt(&mut self, text: &str) -> CliResult<String> {
        {
            let mut e = self.err.lock();
            let _ = write!(e, "{text} ");
            let _ = e.flush();
        }
        self.lines.recv().map_err(|_| ended())
    }

    /// Enter starts, Enter stops (or the cap does). Whole seconds, at least 1.
    fn stopwatch(&mut self, cap: Option<u32>) -> CliResult<(u32, bool)> {
        self.prompt("Press Enter to START the stopwatch.")?;
        self.say("  Holding... press Enter to STOP the moment the position is lost.");
        match &mut self.clock {
            Clock::Script(times) => {
                self.lines.recv().map_err(|_| ended())?;
                let t = times
                    .pop_front()
                    .ok_or_else(|| CliError::bad(format!("{SCRIPT_VAR}: fewer times than holds")))?
                    .max(1);
                Ok(match cap {
                    Some(c) if t >= c => (c, true),
                    _ => (t, false),
                })
            }
            Clock::Wall => {
                let start = Instant::now();
                let got = match cap {
                    Some(c) => match self.lines.recv_timeout(Duration::from_secs(u64::from(c))) {
                        Ok(_) => None,
                        Err(RecvTimeoutError::Timeout) => Some(c),
                        Err(RecvTimeoutError::Disconnected) => return Err(ended()),
                    },
                    None => {
                        self.lines.recv().map_err(|_| ended())?;
                        None
                    }
                };
                match got {
                    Some(c) => {
                        self.prompt(&format!(
                            "  {c} s: the cap of this test. Come down now; press Enter to go on."
                        ))?;
                        Ok((c, true))
                    }
                    None => Ok(((start.elapsed().as_secs_f64().round() as u32).max(1), false)),
                }
            }
        }
    }

    fn yes(&mut self, question: &str) -> CliResult<bool> {
        loop {
            let a = self.prompt(question)?;
            match a.trim().to_ascii_lowercase().as_str() {
                "" | "n" | "no" => return Ok(false),
                "y" | "yes" => return Ok(true),
                _ => self.say("  Please answer y or n."),
            }
        }
    }

    fn pain_score(&mut self) -> CliResult<String> {
        loop {
            let a = self.prompt("  How bad was the pain, 0 (none) to 10 (worst)?")?;
            match upright_app::pain::parse_score(&a) {
                Ok(_) => return Ok(a.trim().to_string()),
                Err(e) => self.say(&format!("  {}", e.message)),
            }
        }
    }

    fn rest(&mut self, seconds: u32) -> CliResult<()> {
        let m = seconds / 60;
        let start = Instant::now();
        self.prompt(&format!("\nRest {m} minutes: one maximal hold must not shorten the next. Press Enter when rested."))?;
        if let Clock::Wall = self.clock {
            let rested = start.elapsed().as_secs();
            if rested < u64::from(seconds) {
                self.prompt(&format!(
                    "  That was {}:{:02} of {m}:00; a short rest shortens the next hold and skews the ratios. Press Enter again to go on anyway.",
                    rested / 60,
                    rested % 60
                ))?;
            }
        }
        Ok(())
    }

    fn step(&mut self, n: usize, of: usize, s: &GuideStep, answers: &mut Answers) -> CliResult<()> {
        self.say(&format!("\n== Hold {n} of {of}: {} ==", s.title));
        if let Some(note) = &s.note {
            self.say(&format!("  Why this variant: {note}"));
        }
        self.say("  Set-up:");
        for (i, line) in s.setup.iter().enumerate() {
            self.say(&format!("    {}. {line}", i + 1));
        }
        self.say(&format!("  Start: {}", s.start));
        self.say("  The hold ends when:");
        for line in &s.ends_when {
            self.say(&format!("    - {line}"));
        }
        if let Some(c) = s.cap_seconds {
            self.say(&format!("  The stopwatch stops by itself at {c} s."));
        }
        let (secs, _) = self.stopwatch(s.cap_seconds)?;
        self.say(&format!("  Time: {secs} s."));
        answers.times[s.test as usize] = Some(secs);
        if self.yes("  Did pain (in the back or down a leg) stop it? [y/N]")? {
            let score = self.pain_score()?;
            answers.pain.push(PainStop {
                test: s.test.as_str().to_string(),
                score,
            });
            self.say("  Logged as pain, not scored. If it hurt, skip the rest of the battery and see how the back is tomorrow.");
            if !self.yes("  Go on with the next hold? [y/N]")? {
                return Err(CliError::bad("battery: stopped after pain; nothing was recorded (record what you did with --flexor/--extensor/--side-right/--side-left and --stopped-by-pain)"));
            }
        }
        Ok(())
    }

    fn sex(&mut self) -> CliResult<Option<String>> {
        loop {
            let a = self.prompt("\nThe norm tables differ for men and women. Sex: male, female, or Enter to prefer not to say (both are shown)?")?;
            let a = a.trim().to_ascii_lowercase();
            match a.as_str() {
                "" => return Ok(Some("unspecified".into())),
                "male" | "female" | "unspecified" => return Ok(Some(a)),
                _ => self.say("  Please answer male, female, or press Enter."),
            }
        }
    }
}

/// Walks the person through `guide` on the terminal.
pub fn walk(guide: &Guide, ask_sex: bool) -> CliResult<Answers> {
    let (tx, rx) = std::sync::mpsc::channel();
    // Reads lines off the terminal so the stopwatch can time out at a cap.
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut lock = stdin.lock();
        loop {
            let mut line = String::new();
            match lock.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {
                    if tx
                        .send(line.trim_end_matches(['\r', '\n']).to_string())
                        .is_err()
                    {
                        return;
                    }
                }
            }
        }
    });
    let mut w = Walk {
        lines: rx,
        clock: Clock::from_env()?,
        err: std::io::stderr(),
    };
    let mut answers = Answers::default();
    w.say("Torso endurance battery (E-MCGILL-ENDURANCE): four holds, each timed to the moment form goes.");
    for line in &guide.before {
        w.say(&format!("  - {line}"));
    }
    for t in &guide.skipped {
        w.say(&format!(
            "  Left out today: {} ({}).",
            t.test.describe(),
            t.reason.as_deref().unwrap_or("skipped")
        ));
    }
    let of = guide.steps.len();
    for (i, s) in guide.steps.iter().enumerate() {
        w.step(i + 1, of, s, &mut answers)?;
        if let Some(r) = s.rest_after_seconds {
            w.rest(r)?;
        }
    }
    if ask_sex {
        answers.sex = w.sex()?;
    }
    let done: Vec<String> = Test::ALL
        .iter()
        .filter_map(|t| answers.times[*t as usize].map(|s| format!("{} {s} s", t.describe())))
        .collect();
    w.say(&format!("\nRecorded: {}.\n", done.join(", ")));
    Ok(answers)
}
