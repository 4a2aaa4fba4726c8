//! The movement slots of a plan: what a coach makes sure a programme covers for
//! these goals and this kit (a hinge and a squat for strength, a row and a
//! vertical pull, the three core functions, upper-back work for posture and
//! physique, the Big 3 daily for a back that needs them), and which exercise
//! fills each slot.
//!
//! Each slot is filled with the best-ranked exercise its pool offers
//! (`candidates::score`: the catalog's per-goal rank, adjusted for this person),
//! two slots of one pool taking its two best. That is the first, lexicographic
//! part of the plan's objective: no exercise is worse than another that could
//! have filled its slot (see optimizer.rs for why this choice is optimal for the
//! whole model). The optimiser then decides which slots are used on which
//! session and with how many sets.

use super::candidates::Candidate;
use super::dosing::{is_big3, PullupStep, Role};
use super::sport;
use crate::catalog::Exercise;
use crate::profile::Profile;
use crate::vocab::{Goal, Loading, Mechanic, Pattern};

/// What a slot holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Hinge,
    Squat,
    Row,
    Row2,
    Vertical,
    Vertical2,
    Upper,
    Upper2,
    BirdDog,
    CurlUp,
    SideBridge,
    Erector,
    AntiExtension,
    AntiRotation,
    AntiLateral,
    Carry,
    Flexion,
}

/// Slots counted together for coverage ("a row" is either row slot).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Hinge,
    Squat,
    Row,
    Vertical,
    Upper,
    Erector,
    AntiExtension,
    AntiRotation,
    AntiLateral,
    Carry,
    Flexion,
}

impl Kind {
    /// Is a prescription's slot (in the words the plan document keeps) one of
    /// the daily Big 3 (E-MCGILL-BIG3)?
    pub fn is_big3_words(words: &str) -> bool {
        [Kind::BirdDog, Kind::CurlUp, Kind::SideBridge]
            .iter()
            .any(|k| k.words() == words)
    }

    pub fn group(self) -> Group {
        match self {
            Kind::Hinge => Group::Hinge,
            Kind::Squat => Group::Squat,
            Kind::Row | Kind::Row2 => Group::Row,
            Kind::Vertical | Kind::Vertical2 => Group::Vertical,
            Kind::Upper | Kind::Upper2 => Group::Upper,
            Kind::BirdDog | Kind::Erector => Group::Erector,
            Kind::CurlUp | Kind::AntiExtension => Group::AntiExtension,
            Kind::AntiRotation => Group::AntiRotation,
            Kind::SideBridge | Kind::AntiLateral => Group::AntiLateral,
            Kind::Carry => Group::Carry,
            Kind::Flexion => Group::Flexion,
        }
    }

    /// Order inside a session: main lifts, pulls, upper back, erectors, carries, then core, the Big 3 last.
    pub fn session_order(self) -> u8 {
        match self {
            Kind::Hinge => 0,
            Kind::Squat => 1,
            Kind::Row => 2,
            Kind::Vertical => 3,
            Kind::Row2 => 4,
            Kind::Vertical2 => 5,
            Kind::Upper => 6,
            Kind::Upper2 => 7,
            Kind::Erector => 8,
            Kind::Carry => 9,
            Kind::Flexion => 10,
            Kind::AntiExtension => 11,
            Kind::AntiRotation => 12,
            Kind::AntiLateral => 13,
            Kind::CurlUp => 14,
            Kind::SideBridge => 15,
            Kind::BirdDog => 16,
        }
    }

    /// The slot's short name (model variable names, --explain).
    pub fn tag(self) -> &'static str {
        match self {
            Kind::Hinge => "hinge",
            Kind::Squat => "squat",
            Kind::Row => "row",
            Kind::Row2 => "row2",
            Kind::Vertical => "vertical",
            Kind::Vertical2 => "vertical2",
            Kind::Upper => "upper",
            Kind::Upper2 => "upper2",
            Kind::BirdDog => "bird_dog",
            Kind::CurlUp => "curl_up",
            Kind::SideBridge => "side_bridge",
            Kind::Erector => "erector",
            Kind::AntiExtension => "anti_extension",
            Kind::AntiRotation => "anti_rotation",
            Kind::AntiLateral => "anti_lateral",
            Kind::Carry => "carry",
            Kind::Flexion => "flexion",
        }
    }

    /// The slot in plain words.
    pub fn words(self) -> &'static str {
        match self {
            Kind::Hinge => "the hip hinge",
            Kind::Squat => "the squat",
            Kind::Row | Kind::Row2 => "a horizontal row",
            Kind::Vertical | Kind::Vertical2 => "a vertical pull",
            Kind::Upper | Kind::Upper2 => "upper-back (shoulder-blade) work",
            Kind::BirdDog => "the bird dog of the Big 3",
            Kind::CurlUp => "the curl-up of the Big 3",
            Kind::SideBridge => "the side bridge of the Big 3",
            Kind::Erector => "back-extensor work",
            Kind::AntiExtension => "core that resists arching (anti-extension)",
            Kind::AntiRotation => "core that resists twisting (anti-rotation)",
            Kind::AntiLateral => "core that resists side bending (anti-lateral flexion)",
            Kind::Carry => "a loaded carry",
            Kind::Flexion => "direct ab work",
        }
    }

    /// Is this candidate in the slot's pool?
    pub fn admits(self, c: &Candidate) -> bool {
        let e = c.exercise;
        let big3 = c.dose.role == Role::Big3;
        // Hangs and scapular pulls are warm-up steps toward the pull-up, not working sets.
        let warmup_step =
            c.step == PullupStep::Ladder && matches!(e.pattern, Pattern::Scapular | Pattern::Hang);
        match self {
            Kind::Hinge => e.pattern == Pattern::Hinge,
            Kind::Squat => e.pattern == Pattern::Squat,
            Kind::Row | Kind::Row2 => e.pattern == Pattern::HorizontalPull,
            Kind::Vertical => {
                e.pattern == Pattern::VerticalPull && e.mechanic == Mechanic::Compound
            }
            // The second vertical pull is a different movement from the first: a pulldown, not another pull-up.
            Kind::Vertical2 => e.pattern == Pattern::VerticalPull && c.step != PullupStep::PullUp,
            Kind::Upper | Kind::Upper2 => {
                matches!(e.pattern, Pattern::Scapular | Pattern::Shrug) && !warmup_step
            }
            Kind::BirdDog => big3 && e.pattern == Pattern::Extension,
            Kind::CurlUp => big3 && e.pattern == Pattern::AntiExtension,
            Kind::SideBridge => big3 && e.pattern == Pattern::AntiLateralFlexion,
            // The Big 3 serve these slots too (the article's bird dog for a
            // posture beginner); where the plan has the daily Big 3, `fill`
            // keeps them to their own slots.
            Kind::Erector => e.pattern == Pattern::Extension,
            Kind::AntiExtension => e.pattern == Pattern::AntiExtension,
            Kind::AntiRotation => e.pattern == Pattern::AntiRotation,
            Kind::AntiLateral => e.pattern == Pattern::AntiLateralFlexion,
            Kind::Carry => e.pattern == Pattern::Carry,
            Kind::Flexion => e.pattern == Pattern::Flexion,
        }
    }
}

/// One slot of this person's plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub kind: Kind,
    /// The week must hold it at least once (coverage), when the pool allows.
    pub needed: bool,
    /// In every session (E-MCGILL-BIG3: daily).
    pub daily: bool,
    /// The rule that asks for it.
    pub rule: &'static str,
}

/// Does this person do the Big 3 every training day?
pub fn wants_big3(p: &Profile) -> bool {
    p.has_goal(Goal::Prevention) || p.recovering()
}

/// The slots this person's plan has, in priority order.
pub fn slots_for(p: &Profile) -> Vec<Slot> {
    let s = |kind, needed, rule| Slot {
        kind,
        needed,
        daily: false,
        rule,
    };
    let strength_like = p.has_goal(Goal::Strength) || p.has_goal(Goal::Athletic);
    let whole_back = p.has_goal(Goal::Posture) || p.has_goal(Goal::General);
    let physique = p.has_goal(Goal::Physique);
    let upper_needed = physique || p.has_goal(Goal::Posture) || p.desk_job;
    let demands = p.sport.map(sport::demands);
    let mut out = Vec::new();
    // The whole-back basics: posture and general strength want a loaded hinge
    // and squat as much as strength does (PO-WHOLE: deadlifts, squats, swings;
    // GE-BASIC), when the kit loads them (optimizer.rs checks the kit).
    let basics_rule = if strength_like {
        "T-STRENGTH"
    } else if p.has_goal(Goal::Posture) {
        "PO-WHOLE"
    } else if p.has_goal(Goal::General) {
        "GE-BASIC"
    } else {
        // Prevention or recovery alone: the hinge trains the muscles around the spine.
        "R-ENDURE"
    };
    if strength_like || whole_back || !physique {
        out.push(s(Kind::Hinge, strength_like || whole_back, basics_rule));
    }
    if strength_like || whole_back {
        out.push(s(
            Kind::Squat,
            true,
            if strength_like { "A-LINK" } else { basics_rule },
        ));
    }
    // Rowing is the horizontal pull, thousands of strokes a week: its plan
    // balances it instead of adding rows (A-SPORT), as a climber's does
    // without pull-ups below.
    let rows_already = p.sport == Some(crate::vocab::Sport::Rowing);
    if !rows_already {
        out.push(s(Kind::Row, true, "M-UPPER"));
    }
    // A pulling sport (climbing, rowing, swimming) trains the vertical pull
    // hard already: its plan balances it instead of adding more (A-SPORT).
    let pulling_sport = demands.is_some_and(|d| d.pulling);
    if !pulling_sport {
        out.push(s(Kind::Vertical, true, "T-PULLUP"));
    }
    if physique && !rows_already {
        out.push(s(Kind::Row2, false, "P-BASE"));
        if !pulling_sport {
            out.push(s(Kind::Vertical2, false, "M-MANY"));
        }
    }
    let overhead = demands.is_some_and(|d| d.overhead || d.pulling);
    if upper_needed || overhead || p.pushing_sport() {
        out.push(s(
            Kind::Upper,
            true,
            if physique { "P-ISO" } else { "M-UPPER" },
        ));
        out.push(s(Kind::Upper2, false, "M-MANY"));
    } else {
        out.push(s(Kind::Upper, false, "M-UPPER"));
    }
    if wants_big3(p) {
        for kind in [Kind::CurlUp, Kind::SideBridge, Kind::BirdDog] {
            out.push(Slot {
                kind,
                needed: true,
                daily: true,
                rule: "E-MCGILL-BIG3",
            });
        }
    }
    out.push(s(Kind::Erector, !wants_big3(p), "M-ERECTORS"));
    out.push(s(Kind::AntiExtension, !wants_big3(p), "M-CORE"));
    // The bird dog and side bridge of the daily Big 3 resist rotation too:
    // beside them another anti-rotation exercise is welcome, not required.
    out.push(s(Kind::AntiRotation, !wants_big3(p), "M-CORE"));
    out.push(s(Kind::AntiLateral, !wants_big3(p), "M-CORE"));
    if p.has_goal(Goal::General) || strength_like || demands.is_some_and(|d| d.carries) {
        out.push(s(
            Kind::Carry,
            demands.is_some_and(|d| d.carries),
            "GE-BASIC",
        ));
    }
    if physique {
        out.push(s(Kind::Flexion, false, "M-MANY"));
    }
    out
}

/// One filled slot on one kind of session.
#[derive(Debug, Clone, PartialEq)]
pub struct Fill {
    pub slot: usize,
    /// Candidate index.
    pub cand: usize,
    /// Candidates of the same pool it was preferred to, best first.
    pub beat: Vec<usize>,
}

/// A pool: the candidates a slot admits on a session, best first (score, then
/// the quicker set, then ID: deterministic).
fn pool(kind: Kind, cands: &[Candidate], heavy_day: bool) -> Vec<usize> {
    let mut ks: Vec<usize> = (0..cands.len())
        .filter(|k| kind.admits(&cands[*k]) && (heavy_day || !cands[*k].is_heavy()))
        .collect();
    ks.sort_by(|a, b| {
        let (ca, cb) = (&cands[*a], &cands[*b]);
        cb.score
            .total_cmp(&ca.score)
            .then(easier_first(ca, cb))
            .then(ca.seconds_per_set().total_cmp(&cb.seconds_per_set()))
            .then(ca.exercise.id.cmp(&cb.exercise.id))
    });
    ks
}

/// Between equals, the one the other progresses from comes first: start easier, graduate later.
fn easier_first(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    if a.exercise.progressions.contains(&b.exercise.id) {
        std::cmp::Ordering::Less
    } else if b.exercise.progressions.contains(&a.exercise.id) {
        std::cmp::Ordering::Greater
    } else {
        std::cmp::Ordering::Equal
    }
}

/// Fills every slot for one kind of session: heavy compounds only on the heavy day
/// (F-ONEDAY), each exercise at most once a session.
pub fn fill(slots: &[Slot], cands: &[Candidate], heavy_day: bool) -> Vec<Fill> {
    fill_avoiding(slots, cands, heavy_day, &[])
}

/// Points within which the next exercise of a pool may stand in for variety.
pub const VARIETY_MARGIN: f64 = 1.0;

/// Like `fill`, but a slot takes the next best of its pool instead of an
/// exercise in `avoid` when that one ranks within `VARIETY_MARGIN` of it: the
/// alternate light day varies the movements (M-MANY, E-FREQ) without a worse fit.
/// A group's second slot (a second row, pull or upper-back exercise) never
/// takes an exercise in `avoid`: were it to, the week could repeat the other
/// day's exercise through it and the variety of the first slot would be lost.
pub fn fill_avoiding(
    slots: &[Slot],
    cands: &[Candidate],
    heavy_day: bool,
    avoid: &[usize],
) -> Vec<Fill> {
    let mut taken: Vec<usize> = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut out = Vec::new();
    for (i, s) in slots.iter().enumerate() {
        // One carry a session: a suitcase carry already holding the
        // side-bending slot leaves no room for a farmer's walk beside it.
        let walk_taken = taken.iter().any(|k| cands[*k].exercise.walk);
        if s.kind == Kind::Carry && !s.needed && walk_taken {
            continue;
        }
        let second = groups.contains(&s.kind.group());
        groups.push(s.kind.group());
        // A second slot leaves the other day's exercises to the first.
        let repeat = |k: &usize| second && !s.daily && avoid.contains(k);
        let mut ranked: Vec<usize> = pool(s.kind, cands, heavy_day)
            .into_iter()
            .filter(|k| !taken.contains(k) && !repeat(k))
            .filter(|k| open_to(slots, i, &cands[*k]))
            .collect();
        // A first step (a plank from the knees) is not mixed into a week with
        // its harder version (a plank): the pair counts as one exercise, for
        // variety as for a repeat.
        let versions = |a: &Exercise, b: &Exercise| {
            (a.top_level.is_some() && a.progressions.contains(&b.id))
                || (b.top_level.is_some() && b.progressions.contains(&a.id))
        };
        let same = |k: &usize| {
            avoid.contains(k)
                || avoid
                    .iter()
                    .any(|a| versions(cands[*a].exercise, cands[*k].exercise))
        };
        if !s.daily && ranked.first().is_some_and(same) {
            let best = cands[ranked[0]].score;
            let other = ranked
                .iter()
                .position(|k| !same(k) && cands[*k].score >= best - VARIETY_MARGIN);
            // With no other movement near it, the very exercise of the other
            // day beats a version of it.
            let that_exercise = || ranked.iter().position(|k| avoid.contains(k));
            if let Some(pos) = other.or_else(that_exercise) {
                let alt = ranked.remove(pos);
                ranked.insert(0, alt);
            }
        }
        if let Some((first, rest)) = ranked.split_first() {
            taken.push(*first);
            out.push(Fill {
                slot: i,
                cand: *first,
                beat: rest.iter().copied().take(3).collect(),
            });
        }
    }
    out
}

/// The best of slot `slot`'s pool on a session that is not in `taken` and that `fits`.
pub fn best_fitting(
    slots: &[Slot],
    slot: usize,
    cands: &[Candidate],
    heavy_day: bool,
    taken: &[usize],
    fits: impl Fn(usize) -> bool,
) -> Option<usize> {
    pool(slots[slot].kind, cands, heavy_day)
        .into_iter()
        .find(|k| !taken.contains(k) && open_to(slots, slot, &cands[*k]) && fits(*k))
}

/// May slot `slot` take this candidate? A Big 3 exercise goes to its own
/// daily slot in a plan that has them; without the daily Big 3 it may serve
/// the erector and core slots too.
fn open_to(slots: &[Slot], slot: usize, c: &Candidate) -> bool {
    c.dose.role != Role::Big3 || slots[slot].daily || !slots.iter().any(|s| s.daily)
}

/// Is a slot's group one the person's kit can fill with resistance (for "who have the kit")?
pub fn loaded_option(kind: Kind, cands: &[Candidate]) -> bool {
    cands
        .iter()
        .any(|c| kind.admits(c) && c.exercise.loading == Loading::Loaded)
}

/// True for McGill's Big 3 exercises.
pub fn is_big3_candidate(c: &Candidate) -> bool {
    is_big3(c.exercise)
}
