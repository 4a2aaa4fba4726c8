//! Builds the base week's integer program (problem.rs) from the person's slots,
//! candidates and targets, and solves it exactly (`Problem::solve`, the branch
//! and bound of solver/).
//!
//! The plan's objective is lexicographic: first, every slot holds the best
//! exercise its pool offers (slots.rs; on a light day, variety first: an
//! exercise the other day uses gives way to one ranked within
//! `VARIETY_MARGIN`, and a group's second slot never repeats it); then, among
//! plans of such exercises, the weighted sum of problem.rs. The first part
//! needs no search: the slots of one session draw from disjoint pools (or take
//! a shared pool's best in order), so filling each with its pool's best is the
//! unique best choice, and every hard constraint that a worse exercise could
//! relax (time, count) is also relaxed by not using the slot, which the second
//! part already weighs. One exception: where the best cannot be done beside
//! the daily Big 3 at all, the slot also offers the best that can
//! (`add_fitting_alternatives`), as the best would only ever be left out. The
//! model `--emit-model` writes is that second part: the proven optimum of the
//! plan printed, which an independent solver must reproduce.

use super::candidates::Candidate;
use super::dosing::Role;
use super::problem::{Cover, MuscleGoal, Problem, SessionLimit, Solution, Use};
use super::slots::{self, Fill, Group, Kind, Slot};
use super::targets::{Targets, TARGETED};
use crate::profile::Profile;
use crate::vocab::{Equipment, Goal, Loading, Mechanic, Muscle};
use std::collections::BTreeMap;

/// P-VOLUME: weekly sets of heavy compounds in a physique plan, and in any other.
const PHYSIQUE_HEAVY_SET_CAP: f64 = 4.0;
const HEAVY_SET_CAP: f64 = 10.0;
/// Seconds to move to the next exercise and set it up.
pub const CHANGEOVER_S: f64 = 30.0;
/// E-WARMUP ramp before a heavy lift: 50% x 5, 70% x 3, 85% x 1, a minute between.
pub const RAMP: [(u32, u32); 3] = [(50, 5), (70, 3), (85, 1)];
pub const RAMP_REST_S: f64 = 60.0;
/// Most and fewest exercises a session holds.
pub const MAX_EXERCISES: u32 = 7;
pub const MIN_EXERCISES: u32 = 3;

/// One kind of session of the base week.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionKind {
    /// Day 1 (the heavy day), or the other days, which are alike.
    pub heavy_day: bool,
    pub days: Vec<u8>,
    pub fills: Vec<Fill>,
    /// Seconds of general warm-up before the first exercise.
    pub warmup_seconds: f64,
}

/// The optimiser's answer.
#[derive(Debug, Clone)]
pub struct Selection {
    pub slots: Vec<Slot>,
    pub kinds: Vec<SessionKind>,
    /// For each use of the problem: (session kind, fill index).
    pub uses: Vec<(usize, usize)>,
    pub solution: Solution,
    pub problem: Problem,
    /// Hard rules and coverage the model enforced.
    pub enforced: Vec<&'static str>,
}

impl Selection {
    /// Units (sets, or pyramids) of a fill on a session kind.
    pub fn units(&self, kind: usize, fill: usize) -> u32 {
        self.uses
            .iter()
            .position(|u| *u == (kind, fill))
            .map(|i| self.solution.units[i])
            .unwrap_or(0)
    }
}

/// Why no base week exists (kept for callers; a valid profile always gets one).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OptimiseError {
    #[error("{0}")]
    CannotTrain(String),
}

/// General warm-up (E-WARMUP: 5-10 minutes of light activity, with cat-camel for
/// the spine, E-MCGILL-FLEXION), shortened for short sessions so the work fits.
pub fn warmup_seconds(minutes: u16) -> f64 {
    match minutes {
        // E-WARMUP asks 5-10 min of light activity; short sessions keep
        // some of it (the plan's note says so), never under a minute.
        0..=14 => 90.0,
        15..=24 => 180.0,
        25..=39 => 240.0,
        _ => 360.0,
    }
}

/// Hangs and scapular pulls open the session for someone working toward a
/// pull-up (T-PULLUP), where the session has room for the pulling they
/// prepare: in under 15 minutes the minute goes to the work itself (the
/// daily Big 3 of a recovering back, first of all).
pub fn pullup_warmup(p: &Profile) -> bool {
    !super::candidates::can_do_pullups(p)
        && p.has(crate::vocab::Equipment::PullupBar)
        && p.minutes >= 15
}

/// The whole warm-up of a session, in seconds.
pub fn session_warmup_seconds(p: &Profile) -> f64 {
    warmup_seconds(p.minutes) + if pullup_warmup(p) { 60.0 } else { 0.0 }
}

/// Does this exercise get ramp sets before its working sets (S-FORM, E-WARMUP)?
/// A heavy compound always; another compound only when it is a barbell lift
/// done for 8 reps or fewer: a dumbbell row or a loaded chin-up warms up with
/// its first set, not three ramp sets before two working ones.
pub fn needs_ramp(c: &Candidate) -> bool {
    let barbell = c
        .exercise
        .equipment
        .iter()
        .any(|n| n.options() == [Equipment::Barbell]);
    c.dose.role == Role::HeavyCompound
        || (c.exercise.loading == Loading::Loaded
            && c.exercise.mechanic == Mechanic::Compound
            && barbell
            && c.dose.reps_max <= 8
            && c.dose.role == Role::Compound)
}

pub fn ramp_seconds() -> f64 {
    RAMP.iter()
        .map(|(_, r)| 5.0 + 3.0 * f64::from(*r))
        .sum::<f64>()
        + RAMP.len() as f64 * RAMP_REST_S
}

/// Seconds per unit and seconds for using an exercise at all (changeover and
/// ramp sets, minus the rest not taken after the last set).
/// A beginner's technique weeks do the easier neighbour in this place; when it
/// takes longer (a one-arm row done each side), the session is checked with
/// the longer of the two, so it fits then too.
fn use_seconds(c: &Candidate, cands: &[Candidate], p: &Profile) -> (f64, f64) {
    let stand_in = (super::schedule::technique_weeks(p) > 0)
        .then(|| super::schedule::technique_stand_in(c, cands))
        .flatten()
        .map(|k| &cands[k]);
    let unit_seconds = stand_in
        .map(|x| x.dose.unit_seconds(x.exercise.unilateral))
        .unwrap_or(0.0)
        .max(c.dose.unit_seconds(c.exercise.unilateral));
    let ramp = if needs_ramp(c) || stand_in.is_some_and(needs_ramp) {
        ramp_seconds()
    } else {
        0.0
    };
    (unit_seconds, CHANGEOVER_S + ramp - f64::from(c.dose.rest_s))
}

/// Seconds an exercise takes at its fewest units.
fn min_seconds(c: &Candidate, cands: &[Candidate], p: &Profile) -> f64 {
    let (unit, fixed) = use_seconds(c, cands, p);
    unit * f64::from(unit_range(c, p).0) + fixed
}

/// A slot whose exercise cannot be done beside the daily Big 3 in the
/// session's minutes also offers the best one of its pool that can (a band
/// row where a one-arm row, done each side, would not fit). The model only
/// grows: every week it held is still there, so its optimum can only be as
/// good or better, and an exercise that could never be used no longer
/// decides that the movement is left out.
fn add_fitting_alternatives(
    p: &Profile,
    cands: &[Candidate],
    slots: &[Slot],
    kinds: &mut [SessionKind],
) {
    for kind in kinds.iter_mut() {
        let seconds = f64::from(p.minutes) * 60.0 - kind.warmup_seconds;
        let daily: f64 = kind
            .fills
            .iter()
            .filter(|f| slots[f.slot].daily)
            .map(|f| min_seconds(&cands[f.cand], cands, p))
            .sum();
        if kind.fills.is_empty() || daily > seconds {
            continue;
        }
        let fits = |k: usize| daily + min_seconds(&cands[k], cands, p) <= seconds + 1e-9;
        let mut extra = Vec::new();
        for f in kind.fills.iter().filter(|f| !slots[f.slot].daily) {
            if fits(f.cand) {
                continue;
            }
            let taken: Vec<usize> = kind.fills.iter().chain(&extra).map(|f| f.cand).collect();
            if let Some(k) = slots::best_fitting(slots, f.slot, cands, kind.heavy_day, &taken, fits)
            {
                extra.push(Fill {
                    slot: f.slot,
                    cand: k,
                    beat: vec![f.cand],
                });
            }
        }
        kind.fills.extend(extra);
    }
}

/// Units per session an exercise gets when used (E-NSCA-GOALS: 2-6 sets; a lone
/// working set never). A strength or athletic plan's main lifts get at least
/// three working sets (T-STRENGTH): two heavy sets are a warm-up, not a strength
/// stimulus. A physique-only plan keeps two, its heavy sets being capped (P-VOLUME).
pub fn unit_range(c: &Candidate, p: &Profile) -> (u32, u32) {
    match c.dose.role {
        Role::Big3 => (1, 1),
        Role::Hold => (2, 4),
        Role::HeavyCompound if p.has_goal(Goal::Strength) || p.has_goal(Goal::Athletic) => (3, 5),
        Role::HeavyCompound => (2, 5),
        // Accessories: 2-4 sets a session, as a coach writes them; a fifth set of
        // a pull-through or an external rotation is volume bookkeeping, not coaching.
        _ => (2, 4),
    }
}

fn round16(x: f64) -> f64 {
    (x * 16.0).round() / 16.0
}

/// The set value of a coach's rank: better exercises earn their sets first. It
/// doubles with each rank (an accessory ~0.3, a good exercise ~0.7, a staple
/// ~1.7 a set), so a staple's set outweighs a secondary muscle tag's half set
/// of volume (weights 1-3.75 per set, half of that for a secondary tag).
fn set_value(c: &Candidate) -> f64 {
    round16(0.25 * 2f64.powf(c.score.clamp(0.0, 4.5) - 1.0))
}

const USE_COST: f64 = 0.5;

/// What `build` returns: the problem, its slots and session kinds, each use's
/// (slot, kind), and the rules the problem enforces.
type Built = (
    Problem,
    Vec<Slot>,
    Vec<SessionKind>,
    Vec<(usize, usize)>,
    Vec<&'static str>,
);

/// The model's name for a session kind.
fn session_tag(t: usize) -> &'static str {
    ["day1", "light_b", "light_c"][t.min(2)]
}

/// Groups a coach puts in every session, not just somewhere in the week: a
/// horizontal row (M-UPPER: the pull that balances a day of sitting and
/// pressing), and for size, strength and sport a vertical pull too (T-PULLUP,
/// P-BASE), so one pattern never stands in for the other all week.
fn per_session(g: Group, p: &Profile) -> bool {
    match g {
        // A recovering back's small weekly ranges (S-RECOVERY) hold a row or
        // two a week, not one on each of five days beside the daily Big 3.
        Group::Row => !p.recovering(),
        Group::Vertical => {
            p.has_goal(Goal::Physique) || p.has_goal(Goal::Strength) || p.has_goal(Goal::Athletic)
        }
        _ => false,
    }
}

/// Builds the selection problem for this person.
pub fn build(p: &Profile, cands: &[Candidate], targets: &Targets) -> Built {
    build_closing(p, cands, targets, &[])
}

/// `build`, with the light session kinds in `closed` left empty: their days
/// are rest days, and an empty session is not short of exercises.
fn build_closing(p: &Profile, cands: &[Candidate], targets: &Targets, closed: &[usize]) -> Built {
    let slots = slots::slots_for(p);
    let mut kinds = vec![SessionKind {
        heavy_day: true,
        days: vec![1],
        fills: slots::fill(&slots, cands, true),
        warmup_seconds: session_warmup_seconds(p),
    }];
    if p.days >= 2 {
        // Light days alternate two sessions (B, C) from three days a week, so the
        // movements vary; with two days there is one light day.
        let light: Vec<u8> = (2..=p.days).collect();
        let b_days: Vec<u8> = light.iter().copied().filter(|d| d % 2 == 0).collect();
        let c_days: Vec<u8> = light.iter().copied().filter(|d| d % 2 == 1).collect();
        // Day B varies from day 1 where an equal exercise allows (M-MANY).
        let day1: Vec<usize> = kinds[0].fills.iter().map(|f| f.cand).collect();
        let b = slots::fill_avoiding(&slots, cands, false, &day1);
        let avoid: Vec<usize> = b.iter().map(|f| f.cand).collect();
        let c = slots::fill_avoiding(&slots, cands, false, &avoid);
        // Identical light days are one kind of session: splitting them would only
        // give the search symmetric copies of every plan.
        if !c_days.is_empty() && c != b {
            kinds.push(SessionKind {
                heavy_day: false,
                days: b_days,
                fills: b,
                warmup_seconds: session_warmup_seconds(p),
            });
            kinds.push(SessionKind {
                heavy_day: false,
                days: c_days,
                fills: c,
                warmup_seconds: session_warmup_seconds(p),
            });
        } else {
            kinds.push(SessionKind {
                heavy_day: false,
                days: light,
                fills: b,
                warmup_seconds: session_warmup_seconds(p),
            });
        }
    }
    for t in closed {
        if let Some(k) = kinds.get_mut(*t).filter(|k| !k.heavy_day) {
            k.fills.clear();
        }
    }
    add_fitting_alternatives(p, cands, &slots, &mut kinds);
    let mut enforced: Vec<&'static str> = Vec::new();
    // A needed group, for the whole week (None) or for one session kind.
    let mut groups: Vec<(Group, Option<usize>)> = Vec::new();
    for s in slots.iter().filter(|s| s.needed) {
        let si = slots.iter().position(|x| x == s).unwrap_or(usize::MAX);
        let holds = |k: &SessionKind| k.fills.iter().any(|f| f.slot == si);
        let fillable = kinds.iter().any(holds);
        // A hinge or squat is required only when the kit loads it (a bodyweight
        // hinge drill is no strength or whole-back basic).
        let kit =
            !matches!(s.kind, Kind::Hinge | Kind::Squat) || slots::loaded_option(s.kind, cands);
        if !(fillable && kit) {
            continue;
        }
        let g = s.kind.group();
        if per_session(g, p) {
            for (t, k) in kinds.iter().enumerate() {
                if holds(k) && !groups.contains(&(g, Some(t))) {
                    groups.push((g, Some(t)));
                }
            }
        } else if !groups.contains(&(g, None)) {
            groups.push((g, None));
        }
        if !enforced.contains(&s.rule) {
            enforced.push(s.rule);
        }
    }
    let mut pr = Problem {
        // A physique plan caps heavy sets (P-VOLUME); a strength or athletic goal
        // beside it keeps the strength cap, its main lifts being heavy (T-STRENGTH).
        heavy_cap: if p.has_goal(Goal::Physique)
            && !(p.has_goal(Goal::Strength) || p.has_goal(Goal::Athletic))
        {
            PHYSIQUE_HEAVY_SET_CAP
        } else {
            HEAVY_SET_CAP
        },
        ..Default::default()
    };
    // A strength or athletic lifter's hinge and squat outrank the other
    // needed movements (T-STRENGTH: the main lifts), so where time is short
    // a carry or an accessory gives way, not the deadlift.
    let strength_like = p.has_goal(Goal::Strength) || p.has_goal(Goal::Athletic);
    pr.group_weights = groups
        .iter()
        .map(|(g, _)| {
            if strength_like && matches!(g, Group::Hinge | Group::Squat) {
                2.0
            } else {
                1.0
            }
        })
        .collect();
    pr.groups = groups
        .iter()
        .map(|(g, t)| match t {
            None => format!("{g:?}").to_lowercase(),
            Some(t) => format!("{g:?}_{}", session_tag(*t)).to_lowercase(),
        })
        .collect();
    let mut uses = Vec::new();
    for (t, kind) in kinds.iter().enumerate() {
        let tag = session_tag(t);
        pr.sessions.push(SessionLimit {
            name: tag.into(),
            seconds: f64::from(p.minutes) * 60.0 - kind.warmup_seconds,
            max_exercises: MAX_EXERCISES,
            min_exercises: if kind.fills.is_empty() {
                0
            } else {
                MIN_EXERCISES
            },
            days: kind.days.len() as u32,
        });
        for (fi, f) in kind.fills.iter().enumerate() {
            let c = &cands[f.cand];
            let slot = &slots[f.slot];
            let (min_units, max_units) = unit_range(c, p);
            let unit_sets = if c.dose.role == Role::Big3 { 3 } else { 1 };
            let (unit_seconds, fixed_seconds) = use_seconds(c, cands, p);
            // Strength and athletic plans get their hinge and squat as the heavy-day lifts
            // where the kit has them (T-STRENGTH, A-LINK): a light hinge elsewhere does not count.
            let main_lift = matches!(slot.kind, Kind::Hinge | Kind::Squat)
                && (p.has_goal(Goal::Strength) || p.has_goal(Goal::Athletic))
                && p.level != crate::vocab::Level::Beginner
                && kinds[0]
                    .fills
                    .iter()
                    .any(|f| f.slot == kind.fills[fi].slot && cands[f.cand].is_heavy());
            // Where the kit loads the hinge and squat, a bodyweight one (a glute
            // bridge, an air squat) does not stand in for the loaded basic.
            let loaded_basic = !matches!(slot.kind, Kind::Hinge | Kind::Squat)
                || c.exercise.loading == Loading::Loaded;
            let counts = loaded_basic && (!main_lift || (kind.heavy_day && c.is_heavy()));
            let group = groups
                .iter()
                .position(|(g, on)| *g == slot.kind.group() && on.is_none_or(|on| on == t))
                .filter(|_| counts);
            pr.uses.push(Use {
                name: format!(
                    "{}_{}_{}",
                    slot.kind.tag(),
                    tag,
                    c.exercise.id.replace('-', "_")
                ),
                session: t,
                weekly: kind.days.len() as u32,
                unit_sets,
                min_units,
                max_units,
                unit_seconds,
                fixed_seconds,
                use_cost: USE_COST,
                set_value: set_value(c),
                stim: c.stimulus.to_vec(),
                heavy: c.is_heavy(),
                group,
                daily: slot.daily,
            });
            uses.push((t, fi));
        }
    }
    if slots.iter().any(|s| s.daily) {
        enforced.push("E-MCGILL-BIG3");
    }
    for m in TARGETED.iter() {
        let t = targets.by_muscle[m];
        pr.muscles.push(MuscleGoal {
            name: m.as_str().to_string(),
            lo: t.lo,
            hi: t.hi,
            weight: round16(t.weight),
        });
    }
    let idx = |m: Muscle| TARGETED.iter().position(|x| *x == m).expect("targeted");
    pr.covers.push(Cover {
        name: "M_ERECTORS".into(),
        muscles: vec![idx(Muscle::SpinalErectors)],
        need: 2.0,
    });
    pr.covers.push(Cover {
        name: "M_CORE_abs".into(),
        muscles: vec![idx(Muscle::Abs)],
        need: 2.0,
    });
    pr.covers.push(Cover {
        name: "M_CORE_obliques".into(),
        muscles: vec![idx(Muscle::Obliques)],
        need: 1.0,
    });
    enforced.extend(["M-ERECTORS", "M-CORE"]);
    if p.has_goal(Goal::Posture) || p.desk_job {
        pr.covers.push(Cover {
            name: "M_UPPER".into(),
            muscles: vec![
                idx(Muscle::Rhomboids),
                idx(Muscle::Traps),
                idx(Muscle::RearDelts),
            ],
            need: 4.0,
        });
        if !enforced.contains(&"M-UPPER") {
            enforced.push("M-UPPER");
        }
    }
    if pr.uses.iter().any(|u| u.heavy) {
        enforced.push("P-VOLUME");
    }
    let mut seen = Vec::new();
    enforced.retain(|r| {
        if seen.contains(r) {
            false
        } else {
            seen.push(*r);
            true
        }
    });
    (pr, slots, kinds, uses, enforced)
}

/// Builds and solves the base week.
pub fn optimise(
    p: &Profile,
    cands: &[Candidate],
    targets: &Targets,
) -> Result<Selection, OptimiseError> {
    // M-ERECTORS and M-CORE cannot be waived: with nothing that trains them there is no plan to make.
    for (rule, muscle, label) in [
        ("M-ERECTORS", Muscle::SpinalErectors, "the spinal erectors"),
        ("M-CORE", Muscle::Abs, "the abs"),
    ] {
        if !cands.iter().any(|c| c.stim(muscle) > 0.0) {
            return Err(OptimiseError::CannotTrain(format!(
                "equipment: nothing you have trains {label}, which every plan must ({rule}); add at least 'mat' (accepted: {})",
                crate::vocab::EQUIPMENT_WORDS_WITH_PRESETS.join(", ")
            )));
        }
    }
    let solve = |closed: &[usize]| -> Result<(Built, Solution), OptimiseError> {
        let built = build_closing(p, cands, targets, closed);
        // Every use may be left out and every soft row has its slack, so the model is
        // always feasible; an error here is the solver's, not the person's.
        let solution = built
            .0
            .solve()
            .map_err(|e| OptimiseError::CannotTrain(format!("optimiser: {e}")))?;
        Ok((built, solution))
    };
    let (mut built, mut solution) = solve(&[])?;
    // A light session left with one or two exercises (the week's volume is
    // already at the top of its ranges on the other days) is better as rest
    // days: the week is solved again without it, and the better of the two
    // optima is kept (3-7 exercises a session; E-FREQ, E-VOLUME).
    let mut closed: Vec<usize> = Vec::new();
    while let Some(t) = thin_session(&built.0, &solution.units, &closed) {
        closed.push(t);
        let (b, s) = solve(&closed)?;
        if s.objective < solution.objective - 1e-9 {
            (built, solution) = (b, s);
        } else {
            break;
        }
    }
    let (problem, slots, kinds, uses, enforced) = built;
    // Among equal optima, the one with the work spread over the sessions.
    solution.units = super::balance::even_out(&problem, &solution.units);
    Ok(Selection {
        slots,
        kinds,
        uses,
        solution,
        problem,
        enforced,
    })
}

/// What the week holds per needed group and slot, for notes: (slot, used anywhere).
pub fn coverage(sel: &Selection) -> BTreeMap<usize, bool> {
    let mut out = BTreeMap::new();
    for (i, (t, fi)) in sel.uses.iter().enumerate() {
        let slot = sel.kinds[*t].fills[*fi].slot;
        *out.entry(slot).or_insert(false) |= sel.solution.units[i] > 0;
    }
    out
}

/// Training days a week that closing a thin session never goes below.
const MIN_OPEN_DAYS: u32 = 3;

/// The light session kind with the fewest exercises, when it has 1 or 2, or
/// 3 while some muscle is already past the top of its range (the session then
/// holds work the week does not need), while three training days stay open.
/// Never one that holds the daily Big 3 (E-MCGILL-BIG3: every day, however short).
fn thin_session(pr: &Problem, units: &[u32], closed: &[usize]) -> Option<usize> {
    let past_top = (0..pr.muscles.len()).any(|m| pr.volume(units, m) > pr.muscles[m].hi + 1e-9);
    let most = if past_top {
        MIN_EXERCISES
    } else {
        MIN_EXERCISES - 1
    };
    // Three training days stay (E-FREQ: each muscle twice a week or more, and a
    // beginner learns the lifts by doing them often).
    let open_days = |t: usize| -> u32 {
        (0..pr.sessions.len())
            .filter(|u| *u != t && !closed.contains(u))
            .map(|u| pr.sessions[u].days)
            .sum()
    };
    (1..pr.sessions.len())
        .filter(|t| !closed.contains(t))
        .filter(|t| !pr.uses.iter().any(|k| k.session == *t && k.daily))
        .filter(|t| open_days(*t) >= MIN_OPEN_DAYS)
        .map(|t| (pr.count(units, t), t))
        .filter(|(n, _)| (1..=most).contains(n))
        .min()
        .map(|(_, t)| t)
}
