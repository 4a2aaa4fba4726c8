//! The SETS argument of `upright log`: what was done, written the way a lifter
//! writes it, parsed into one [`SetEntry`] per set.
//!
//! # Grammar
//!
//! Case and whitespace do not matter; `×` may stand for `x`.
//!
//! ```text
//! SETS   := ITEM { "," ITEM }
//! ITEM   := DOSE { NOTE }
//! DOSE   := REPS                 one set of REPS reps                     5
//!         | SECS "s"             one hold of SECS seconds                 30s
//!         | A "x" REPS           A sets of REPS, or one set at load A     3x5, 100x5
//!         | A "x" SECS "s"       A holds, or one hold at load A           3x10s
//! NOTE   := "@" LOAD             load: NUMBER with "kg"/"lb" or none      @100kg, @225lb, @100
//!         | "@bw"                explicitly no external load
//!         | "@" SECS "s"         each rep is a hold of SECS seconds       6,4,2@10s (McGill)
//!         | ["@"] "rpe" NUMBER   RPE of this item's sets                  @rpe8, rpe 8.5
//! ```
//!
//! A load without a unit is in the person's default unit. `kgs`, `lbs`,
//! `sec`, `secs` are accepted spellings.
//!
//! ## Which number is which in `AxB`
//!
//! `3x5` (sets x reps) and `100x5` (load x reps) look alike. The rule:
//!
//! 1. If `A` is unmistakably a load (it carries a unit, `100kgx5`; has a
//!    decimal point, `12.5x10`; or exceeds 20, the most sets a log may hold,
//!    `100x5`), the item is one set of `B` at load `A`.
//! 2. Otherwise, if the log contains any `@LOAD`, `@bw` or `@SECSs` note,
//!    loads are written there, so every such `AxB` is sets x reps
//!    (`3x5@100kg`, `3x5,1x3@100`, `3x6@10s`).
//! 3. Otherwise, `A x SECSs` is sets x hold (`3x10s`).
//! 4. Otherwise, a lone item `AxB` with `A` ≤ 10 is sets x reps (`3x12`,
//!    `10x10`); with `A` from 11 to 20 it is rejected as ambiguous.
//! 5. Otherwise (a comma list of `AxB` items with no notes): a comma list is
//!    one set per item, all read alike, so the list is load x reps when at
//!    least one item's `A` is unmistakably a load (`100x5,100x5,95x6`,
//!    `20x5,60x5,100x5`); if none is, the list is rejected as ambiguous
//!    (`2x10,1x8` could be 2 kg or 2 sets): write `10,10,8` or `2kgx10,...`.
//!
//! ## Shared notes
//!
//! A load (`@LOAD`/`@bw`) or a hold (`@SECSs`) on the **last** item is
//! shared by every item that has none of its own: `5,5,4@100` is three sets
//! at 100, `6,4,2@10s` three sets of 10 s holds. RPE is never shared: it
//! belongs to the item it follows (`100x5,100x5,95x6@rpe9` is RPE 9 on the
//! last set; `3x5@100@rpe8` is RPE 8 on all three). A log may not mix
//! loaded with unloaded sets (use `@bw` on the unloaded ones) nor plain rep
//! sets with holds.
//!
//! ## Limits
//!
//! reps 1..=100 (whole), hold 1..=600 s (whole), load above 0 and at most
//! 1000 kg (stored to the gram), RPE 1..=10 in half steps, at most 20 sets.

use super::units::{trim_number, Unit};
use serde::{Deserialize, Serialize};

pub const MAX_SETS: u32 = 20;
pub const MAX_REPS: u32 = 100;
pub const MAX_HOLD_S: u32 = 600;
pub const MAX_LOAD_KG: f64 = 1000.0;
/// A lone `AxB` reads as sets x reps only up to this many sets (rule 4).
pub const MAX_LONE_SETS: u32 = 10;

const EXAMPLE: &str = "3x5@100kg";

/// One set as it was done. A rep set has `reps`; a hold has `hold_s` (and
/// `reps` = how many holds, McGill style, when written `6@10s`; None for a
/// single hold written `30s`). `load_kg` is the external load, None for body weight.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SetEntry {
    pub reps: Option<u32>,
    pub load_kg: Option<f64>,
    pub hold_s: Option<u32>,
    pub rpe: Option<f64>,
}

impl SetEntry {
    /// How many reps (or holds) the set counts: a single hold counts 1.
    pub fn count(&self) -> u32 {
        self.reps
            .unwrap_or(if self.hold_s.is_some() { 1 } else { 0 })
    }
}

/// Why SETS was refused: always names SETS and shows how to write it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SetsError {
    #[error("SETS: nothing to log; write e.g. {EXAMPLE}")]
    Empty,
    /// A problem inside one comma-separated item.
    #[error("SETS: '{item}' {problem}; write e.g. {example}")]
    Item {
        item: String,
        problem: String,
        example: &'static str,
    },
    /// A number outside its limits.
    #[error("SETS: {what} must be {range}, got '{got}'; write e.g. {example}")]
    OutOfRange {
        what: &'static str,
        range: &'static str,
        got: String,
        example: &'static str,
    },
    /// `AxB` that could be sets x reps or load x reps.
    #[error("SETS: '{input}' is ambiguous: {why}; write {fix}")]
    Ambiguous {
        input: String,
        why: String,
        fix: String,
    },
    /// A problem of the whole list.
    #[error("SETS: '{input}' {problem}; write e.g. {example}")]
    List {
        input: String,
        problem: String,
        example: &'static str,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Word {
    Kg,
    Lb,
    Sec,
    Bw,
    Rpe,
    X,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num { value: f64, text: String },
    Word(Word, &'static str),
    At,
}

impl Tok {
    fn show(&self) -> String {
        match self {
            Tok::Num { text, .. } => text.clone(),
            Tok::Word(_, w) => (*w).to_string(),
            Tok::At => "@".into(),
        }
    }
}

/// Longest spellings first so `kgs` is not read as `kg` + `s`.
const WORDS: &[(&str, Word)] = &[
    ("secs", Word::Sec),
    ("sec", Word::Sec),
    ("kgs", Word::Kg),
    ("lbs", Word::Lb),
    ("rpe", Word::Rpe),
    ("kg", Word::Kg),
    ("lb", Word::Lb),
    ("bw", Word::Bw),
    ("s", Word::Sec),
    ("x", Word::X),
];

fn item_err(item: &str, problem: impl Into<String>) -> SetsError {
    SetsError::Item {
        item: item.to_string(),
        problem: problem.into(),
        example: EXAMPLE,
    }
}

fn lex(item: &str) -> Result<Vec<Tok>, SetsError> {
    let lower: String = item.to_lowercase().replace('×', "x");
    let bytes = lower.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == b'.' {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i < bytes.len() && bytes[i] == b'.' {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
            }
            let text = &lower[start..i];
            if !text.bytes().any(|b| b.is_ascii_digit()) {
                return Err(item_err(item, "has a '.' that is not part of a number"));
            }
            if text.len() > 12 {
                return Err(item_err(
                    item,
                    format!("has a number too long to be a set ('{text}')"),
                ));
            }
            let value: f64 = text
                .parse()
                .map_err(|_| item_err(item, format!("has an unreadable number '{text}'")))?;
            toks.push(Tok::Num {
                value,
                text: text.to_string(),
            });
        } else if c == b'@' {
            toks.push(Tok::At);
            i += 1;
        } else if c.is_ascii_alphabetic() {
            let rest = &lower[i..];
            match WORDS.iter().find(|(w, _)| rest.starts_with(w)) {
                Some((w, word)) => {
                    toks.push(Tok::Word(*word, w));
                    i += w.len();
                }
                None => {
                    let word: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphabetic())
                        .collect();
                    return Err(item_err(
                        item,
                        format!("has '{word}', which is not kg, lb, s, x, bw or rpe"),
                    ));
                }
            }
        } else {
            let ch = lower[i..].chars().next().unwrap_or('?');
            return Err(item_err(item, format!("has '{ch}', which SETS does not use (numbers, x, @, kg, lb, s, bw, rpe and commas)")));
        }
    }
    Ok(toks)
}

/// A number as written, with what follows it.
#[derive(Debug, Clone, PartialEq)]
struct Quantity {
    value: f64,
    text: String,
    unit: Option<Word>,
}

impl Quantity {
    fn decimal(&self) -> bool {
        self.text.contains('.')
    }
    fn is_load_unit(&self) -> bool {
        matches!(self.unit, Some(Word::Kg | Word::Lb))
    }
    /// Rule 1: a unit, a decimal point, or more than the most sets a log may hold.
    fn unmistakably_load(&self) -> bool {
        self.is_load_unit() || self.decimal() || self.value > f64::from(MAX_SETS)
    }
    fn shown(&self) -> String {
        match self.unit {
            Some(Word::Kg) => format!("{}kg", self.text),
            Some(Word::Lb) => format!("{}lb", self.text),
            Some(Word::Sec) => format!("{}s", self.text),
            _ => self.text.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum LoadNote {
    Load(Quantity),
    Bodyweight,
}

#[derive(Debug, Clone, PartialEq)]
struct RawItem {
    text: String,
    a: Option<Quantity>,
    b: Quantity,
    load: Option<LoadNote>,
    hold: Option<Quantity>,
    rpe: Option<Quantity>,
}

fn quantity(toks: &[Tok], i: &mut usize) -> Option<Quantity> {
    let Some(Tok::Num { value, text }) = toks.get(*i) else {
        return None;
    };
    *i += 1;
    let unit = match toks.get(*i) {
        Some(Tok::Word(w @ (Word::Kg | Word::Lb | Word::Sec), _)) => {
            *i += 1;
            Some(*w)
        }
        _ => None,
    };
    Some(Quantity {
        value: *value,
        text: text.clone(),
        unit,
    })
}

fn parse_item(text: &str) -> Result<RawItem, SetsError> {
    let toks = lex(text)?;
    let mut i = 0;
    let first = quantity(&toks, &mut i).ok_or_else(|| match toks.first() {
        Some(Tok::At) => item_err(text, "has a note after '@' but no sets before it"),
        Some(t) => item_err(
            text,
            format!(
                "starts with '{}' where the reps, sets or seconds go",
                t.show()
            ),
        ),
        None => item_err(text, "is empty"),
    })?;
    let (a, b) = if matches!(toks.get(i), Some(Tok::Word(Word::X, _))) {
        i += 1;
        let b = quantity(&toks, &mut i)
            .ok_or_else(|| item_err(text, "is missing the reps after 'x'"))?;
        if b.is_load_unit() {
            return Err(item_err(
                text,
                format!(
                    "has a load '{}' after 'x'; put the load after '@'",
                    b.shown()
                ),
            ));
        }
        if first.unit == Some(Word::Sec) {
            return Err(item_err(
                text,
                "has seconds before 'x'; seconds go after it (3x10s)",
            ));
        }
        (Some(first), b)
    } else if first.is_load_unit() {
        return Err(item_err(
            text,
            format!(
                "has a load '{}' but no reps (5@{} is 5 reps at that load)",
                first.shown(),
                first.shown()
            ),
        ));
    } else {
        (None, first)
    };
    let mut item = RawItem {
        text: text.to_string(),
        a,
        b,
        load: None,
        hold: None,
        rpe: None,
    };
    while i < toks.len() {
        let at = matches!(toks[i], Tok::At);
        if at {
            i += 1;
        }
        match toks.get(i) {
            Some(Tok::Word(Word::Rpe, _)) => {
                i += 1;
                let q = quantity(&toks, &mut i)
                    .ok_or_else(|| item_err(text, "is missing the number after 'rpe'"))?;
                if q.unit.is_some() {
                    return Err(item_err(
                        text,
                        format!(
                            "has RPE '{}' with a unit; RPE is a plain number (rpe8)",
                            q.shown()
                        ),
                    ));
                }
                if item.rpe.replace(q).is_some() {
                    return Err(item_err(text, "gives the RPE twice"));
                }
            }
            Some(Tok::Word(Word::Bw, _)) if at => {
                i += 1;
                if item.load.replace(LoadNote::Bodyweight).is_some() {
                    return Err(item_err(text, "gives the load twice"));
                }
            }
            Some(Tok::Num { .. }) if at => {
                let q = quantity(&toks, &mut i).expect("a number is next");
                if q.unit == Some(Word::Sec) {
                    if item.hold.replace(q).is_some() {
                        return Err(item_err(text, "gives the hold time twice"));
                    }
                } else if item.load.replace(LoadNote::Load(q)).is_some() {
                    return Err(item_err(text, "gives the load twice"));
                }
            }
            None if at => return Err(item_err(text, "ends with '@' and nothing after it")),
            Some(t) if at => {
                return Err(item_err(
                    text,
                    format!(
                        "has '{}' after '@', where a load (100kg), bw, a hold (10s) or rpe8 goes",
                        t.show()
                    ),
                ))
            }
            Some(t) => {
                let t = t.show();
                let hint = if matches!(toks[i], Tok::Num { .. }) {
                    " (a load goes after '@')"
                } else {
                    ""
                };
                return Err(item_err(
                    text,
                    format!("has '{t}' where only '@' notes may follow{hint}"),
                ));
            }
            None => unreachable!("loop guard"),
        }
    }
    Ok(item)
}

fn whole(
    q: &Quantity,
    what: &'static str,
    lo: u32,
    hi: u32,
    range: &'static str,
    example: &'static str,
) -> Result<u32, SetsError> {
    let ok = !q.decimal() && q.value >= f64::from(lo) && q.value <= f64::from(hi);
    if ok {
        Ok(q.value as u32)
    } else {
        Err(SetsError::OutOfRange {
            what,
            range,
            got: q.shown(),
            example,
        })
    }
}

fn sets_count(q: &Quantity) -> Result<u32, SetsError> {
    whole(
        q,
        "the number of sets",
        1,
        MAX_SETS,
        "a whole number from 1 to 20",
        EXAMPLE,
    )
}

fn reps(q: &Quantity) -> Result<u32, SetsError> {
    whole(
        q,
        "reps",
        1,
        MAX_REPS,
        "a whole number from 1 to 100",
        EXAMPLE,
    )
}

fn hold(q: &Quantity) -> Result<u32, SetsError> {
    whole(
        q,
        "a hold",
        1,
        MAX_HOLD_S,
        "whole seconds from 1 to 600",
        "3x30s",
    )
}

fn load_kg(q: &Quantity, default: Unit) -> Result<f64, SetsError> {
    let unit = match q.unit {
        Some(Word::Lb) => Unit::Lb,
        Some(Word::Kg) => Unit::Kg,
        _ => default,
    };
    let kg = quantise_kg(unit.to_kg(q.value));
    if kg > 0.0 && kg <= MAX_LOAD_KG {
        Ok(kg)
    } else {
        Err(SetsError::OutOfRange {
            what: "a load",
            range: "above 0 and at most 1000 kg (2204 lb)",
            got: q.shown(),
            example: EXAMPLE,
        })
    }
}

fn rpe(q: &Quantity) -> Result<f64, SetsError> {
    let half_steps = (q.value * 2.0).fract() == 0.0;
    if (1.0..=10.0).contains(&q.value) && half_steps {
        Ok(q.value)
    } else {
        Err(SetsError::OutOfRange {
            what: "RPE",
            range: "1 to 10 in whole or half steps",
            got: q.text.clone(),
            example: "3x5@100kg@rpe8",
        })
    }
}

/// Loads are stored to the gram so that formatting and re-parsing is exact.
fn quantise_kg(kg: f64) -> f64 {
    (kg * 1000.0).round() / 1000.0
}

/// What one item resolved to before shared notes are applied.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Load {
    Unset,
    Bodyweight,
    Kg(f64),
}

struct Resolved {
    count: u32,
    reps: Option<u32>,
    hold: Option<u32>,
    load: Load,
    rpe: Option<f64>,
}

/// Parses SETS (see the module documentation for the grammar) into one entry
/// per set. Loads without a unit are in `default_unit`.
pub fn parse_sets(input: &str, default_unit: Unit) -> Result<Vec<SetEntry>, SetsError> {
    if input.trim().is_empty() {
        return Err(SetsError::Empty);
    }
    let texts: Vec<&str> = input.split(',').map(str::trim).collect();
    if texts.iter().any(|t| t.is_empty()) {
        return Err(SetsError::List {
            input: input.trim().to_string(),
            problem: "has an empty set between commas".into(),
            example: "5,5,4@100kg",
        });
    }
    let items = texts
        .iter()
        .map(|t| parse_item(t))
        .collect::<Result<Vec<_>, _>>()?;
    let noted = items
        .iter()
        .any(|it| it.load.is_some() || it.hold.is_some());
    let lone = items.len() == 1;
    let list_of_loads = items.iter().any(|it| {
        it.a.as_ref()
            .is_some_and(|a| a.unmistakably_load() && it.b.unit != Some(Word::Sec))
    });

    let mut resolved = Vec::with_capacity(items.len());
    for it in &items {
        let is_hold = it.b.unit == Some(Word::Sec);
        let (dose_reps, dose_hold) = if is_hold {
            (None, Some(hold(&it.b)?))
        } else {
            (Some(reps(&it.b)?), None)
        };
        let mut load = match &it.load {
            None => Load::Unset,
            Some(LoadNote::Bodyweight) => Load::Bodyweight,
            Some(LoadNote::Load(q)) => Load::Kg(load_kg(q, default_unit)?),
        };
        let count = match &it.a {
            None => 1,
            Some(a) if a.unmistakably_load() => {
                if it.load.is_some() && !a.is_load_unit() && !a.decimal() {
                    // `21x5@100`: a set count over the limit, not a second load.
                    sets_count(a)?;
                }
                if it.load.is_some() {
                    return Err(item_err(
                        &it.text,
                        format!(
                            "gives the load twice ('{}' before 'x' and again after '@')",
                            a.shown()
                        ),
                    ));
                }
                load = Load::Kg(load_kg(a, default_unit)?);
                1
            }
            Some(a) if noted || is_hold => sets_count(a)?,
            Some(a) if lone => {
                if a.value <= f64::from(MAX_LONE_SETS) {
                    sets_count(a)?
                } else {
                    let (n, b) = (&a.text, &it.b.text);
                    return Err(SetsError::Ambiguous {
                        input: it.text.clone(),
                        why: format!("{n} could be sets or a load"),
                        fix: format!("{n}x{b}@bw for {n} sets, or {n}kgx{b} for one set at {n} kg"),
                    });
                }
            }
            Some(a) if list_of_loads => {
                load = Load::Kg(load_kg(a, default_unit)?);
                1
            }
            Some(_) => {
                return Err(SetsError::Ambiguous {
                    input: input.trim().to_string(),
                    why: "each AxB could be sets x reps or load x reps".into(),
                    fix: "single sets for sets of reps (10,10,8), or loads with a unit (10kgx10,10kgx10,10kgx8), or the load after '@' (2x10,1x8@20kg)".into(),
                });
            }
        };
        let hold_note = it.hold.as_ref().map(hold).transpose()?;
        if dose_hold.is_some() && hold_note.is_some() {
            return Err(item_err(&it.text, "gives the hold time twice"));
        }
        let rpe = it.rpe.as_ref().map(rpe).transpose()?;
        resolved.push(Resolved {
            count,
            reps: dose_reps,
            hold: dose_hold.or(hold_note),
            load,
            rpe,
        });
    }

    // Shared notes from the last item.
    let last = items.last().expect("at least one item");
    let shared_load = last
        .load
        .as_ref()
        .map(|_| resolved.last().expect("same length").load);
    let shared_hold = last.hold.as_ref().map(hold).transpose()?;
    for r in &mut resolved {
        if let (Load::Unset, Some(l)) = (r.load, shared_load) {
            r.load = l;
        }
        if let (None, Some(_), Some(h)) = (r.hold, r.reps, shared_hold) {
            r.hold = Some(h);
        }
    }
    let loaded = resolved
        .iter()
        .filter(|r| matches!(r.load, Load::Kg(_)))
        .count();
    if loaded > 0 && resolved.iter().any(|r| r.load == Load::Unset) {
        return Err(SetsError::List {
            input: input.trim().to_string(),
            problem: "gives a load to some sets but not to others; put a shared load last (5,5,4@100kg) or mark unloaded sets @bw".into(),
            example: "5,5,4@100kg",
        });
    }
    let holds = resolved.iter().filter(|r| r.hold.is_some()).count();
    if holds > 0 && holds < resolved.len() {
        return Err(SetsError::List {
            input: input.trim().to_string(),
            problem: "mixes rep sets with holds; log them separately".into(),
            example: "30s,30s,25s",
        });
    }
    let total: u32 = resolved.iter().map(|r| r.count).sum();
    if total > MAX_SETS {
        return Err(SetsError::OutOfRange {
            what: "the number of sets",
            range: "at most 20",
            got: total.to_string(),
            example: EXAMPLE,
        });
    }
    let mut out = Vec::with_capacity(total as usize);
    for r in resolved {
        let load_kg = match r.load {
            Load::Kg(kg) => Some(kg),
            _ => None,
        };
        for _ in 0..r.count {
            out.push(SetEntry {
                reps: r.reps,
                load_kg,
                hold_s: r.hold,
                rpe: r.rpe,
            });
        }
    }
    Ok(out)
}

/// The canonical text of a list of sets, in kg to the gram: `parse_sets` of it
/// gives the same list back (whatever the default unit). Consecutive equal sets are
/// grouped (`3x5@100kg,1x6@95kg`).
pub fn format_sets(entries: &[SetEntry]) -> String {
    write_sets(entries, Unit::Kg, 3)
}

/// The same grammar for a person to read: loads in `unit`, two decimals at most.
/// Re-parsing it is exact when the loads were entered in `unit` (to 0.01).
pub fn display_sets(entries: &[SetEntry], unit: Unit) -> String {
    write_sets(entries, unit, 2)
}

fn write_sets(entries: &[SetEntry], unit: Unit, decimals: usize) -> String {
    let mut groups: Vec<(u32, &SetEntry)> = Vec::new();
    for e in entries {
        match groups.last_mut() {
            Some((n, g)) if *g == e => *n += 1,
            _ => groups.push((1, e)),
        }
    }
    let any_load = entries.iter().any(|e| e.load_kg.is_some());
    let single_group = groups.len() == 1;
    let mut items = Vec::new();
    for (n, e) in groups {
        let mut notes = String::new();
        if any_load {
            match e.load_kg {
                Some(kg) => notes.push_str(&format!(
                    "@{}{}",
                    trim_number(unit.from_kg(kg), decimals),
                    unit.as_str()
                )),
                None => notes.push_str("@bw"),
            }
        }
        let dose = match (e.reps, e.hold_s) {
            (Some(r), Some(h)) => {
                notes.push_str(&format!("@{h}s"));
                r.to_string()
            }
            (None, Some(h)) => format!("{h}s"),
            (Some(r), None) => r.to_string(),
            (None, None) => "0".into(),
        };
        if let Some(rpe) = e.rpe {
            notes.push_str(&format!("@rpe{}", trim_number(rpe, 1)));
        }
        // A bare `NxR` with no load or hold note is only read as sets x reps when alone and N <= 10.
        let plain = !any_load && e.hold_s.is_none();
        let grouped = n > 1 && !(plain && (!single_group || n > MAX_LONE_SETS));
        if grouped {
            items.push(format!("{n}x{dose}{notes}"));
        } else {
            for _ in 0..n {
                items.push(format!("{dose}{notes}"));
            }
        }
    }
    items.join(",")
}

#[cfg(test)]
mod tests;
