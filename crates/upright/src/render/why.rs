//! "Why each exercise", for --explain: every distinct exercise once, grouped
//! by the movement slot it fills, with its reasons, what it was chosen over,
//! its load rule and its rules gathered over all the weeks it appears in. A
//! reason that holds only in some weeks (technique weeks, a deload, the week
//! it graduates) says which, so nothing printed under each session before is
//! lost, and nothing is printed twice.

use upright_core::plan::PlanDocument;

/// A movement slot and the exercises that fill it, in the order they first appear.
pub struct Slot<'a> {
    pub slot: &'a str,
    pub exercises: Vec<Exercise<'a>>,
}

/// One exercise of a slot, over the whole plan.
pub struct Exercise<'a> {
    pub name: &'a str,
    id: &'a str,
    /// The weeks it appears in, ascending.
    pub weeks: Vec<u8>,
    why: Vec<(String, Vec<u8>)>,
    beat: Vec<(String, Vec<u8>)>,
    progress: Vec<(String, Vec<u8>)>,
    /// Every rule cited for it in any week, in rulebook order.
    pub rules: Vec<&'static str>,
}

impl Exercise<'_> {
    /// Its reasons in words, then what it was chosen over, then how it
    /// progresses; each once, with "(weeks ...)" when it does not hold in
    /// every week the exercise appears in.
    pub fn lines(&self) -> Vec<String> {
        self.why
            .iter()
            .chain(&self.beat)
            .chain(&self.progress)
            .map(|(text, weeks)| {
                if *weeks == self.weeks {
                    text.clone()
                } else {
                    format!("{text} ({})", weeks_words(weeks))
                }
            })
            .collect()
    }
}

/// Adds `week` to the weeks of `text` in `list`, or `text` itself first.
fn note(list: &mut Vec<(String, Vec<u8>)>, text: String, week: u8) {
    match list.iter_mut().find(|(t, _)| *t == text) {
        Some((_, weeks)) => {
            if weeks.last() != Some(&week) {
                weeks.push(week);
            }
        }
        None => list.push((text, vec![week])),
    }
}

/// The plan's exercises by slot, each once (a slot or exercise in the order it
/// first appears, week by week and session by session).
pub fn gather(doc: &PlanDocument) -> Vec<Slot<'_>> {
    let mut slots: Vec<Slot> = Vec::new();
    for w in &doc.weeks {
        for e in w.sessions.iter().flat_map(|s| &s.exercises) {
            let slot = e.slot.as_str();
            let si = match slots.iter().position(|s| s.slot == slot) {
                Some(i) => i,
                None => {
                    slots.push(Slot {
                        slot,
                        exercises: Vec::new(),
                    });
                    slots.len() - 1
                }
            };
            let list = &mut slots[si].exercises;
            let ei = match list.iter().position(|x| x.id == e.id) {
                Some(i) => i,
                None => {
                    list.push(Exercise {
                        name: &e.name,
                        id: &e.id,
                        weeks: Vec::new(),
                        why: Vec::new(),
                        beat: Vec::new(),
                        progress: Vec::new(),
                        rules: Vec::new(),
                    });
                    list.len() - 1
                }
            };
            let x = &mut list[ei];
            if x.weeks.last() != Some(&w.week) {
                x.weeks.push(w.week);
            }
            for why in &e.why {
                note(&mut x.why, why.clone(), w.week);
            }
            if !e.beat.is_empty() {
                note(
                    &mut x.beat,
                    format!("chosen over {}", e.beat.join(", ")),
                    w.week,
                );
            }
            if !e.load_rule.is_empty() {
                note(
                    &mut x.progress,
                    format!("progress: {}", e.load_rule),
                    w.week,
                );
            }
            for r in &e.rules {
                if !x.rules.contains(r) {
                    x.rules.push(r);
                }
            }
        }
    }
    let order = |id: &str| {
        upright_core::rules::RULES
            .iter()
            .position(|r| r.id == id)
            .unwrap_or(usize::MAX)
    };
    for x in slots.iter_mut().flat_map(|s| &mut s.exercises) {
        x.rules.sort_by_key(|r| order(r));
    }
    slots
}

/// "week 3", "weeks 1-2", "weeks 3-5, 7".
pub fn weeks_words(weeks: &[u8]) -> String {
    let mut runs: Vec<String> = Vec::new();
    let mut i = 0;
    while i < weeks.len() {
        let mut j = i;
        while j + 1 < weeks.len() && weeks[j + 1] == weeks[j] + 1 {
            j += 1;
        }
        runs.push(if i == j {
            weeks[i].to_string()
        } else {
            format!("{}-{}", weeks[i], weeks[j])
        });
        i = j + 1;
    }
    let word = if weeks.len() == 1 { "week" } else { "weeks" };
    format!("{word} {}", runs.join(", "))
}

/// "the hip hinge" -> "Fills the hip hinge"; an exercise without a slot (an
/// older saved plan) goes under "Other exercises".
pub fn slot_heading(slot: &str) -> String {
    if slot.is_empty() {
        "Other exercises".to_string()
    } else {
        format!("Fills {slot}")
    }
}

#[cfg(test)]
mod tests {
    use super::weeks_words;

    #[test]
    fn weeks_in_runs() {
        assert_eq!(weeks_words(&[3]), "week 3");
        assert_eq!(weeks_words(&[1, 2]), "weeks 1-2");
        assert_eq!(weeks_words(&[3, 4, 5, 7]), "weeks 3-5, 7");
        assert_eq!(weeks_words(&[4, 8]), "weeks 4, 8");
    }
}
