//! Importer for free-exercise-db (<https://github.com/yuhonas/free-exercise-db>,
//! public domain): maps its `exercises.json` onto our [`Exercise`] schema.
//!
//! The data set is never vendored: a user runs the import on their own copy and
//! gets a catalog file to pass as `--catalog`. This module is pure (text in,
//! exercises out); reading and writing files is the caller's business.
//!
//! What is taken: names, muscles, equipment, level, mechanic, and a pattern
//! inferred from them. What is not: the instructions (prose we may not pass off
//! as ours), so `cue` stays empty, and no rule IDs, since none of our rules
//! argued for these exercises.
//!
//! # Mapping
//!
//! * **IDs**: `fedb-` + the entry's `id` (or `name`) in kebab-case, so they never
//!   collide with built-in IDs; a clash inside the import gets `-2`, `-3`, ...
//! * **Muscles**: lower back → spinal_erectors, middle back → rhomboids, lats,
//!   traps, abdominals → abs (→ obliques, with abs secondary, when the name says
//!   oblique / side / twist / windmill / chop / russian / pallof / rotation),
//!   shoulders → rear_delts when the name says rear / face pull / reverse fly /
//!   pull-apart / external rotation or the entry is a pulling row, pulldown or
//!   pull-up (not an upright row), else front_delts; glutes, hamstrings,
//!   quadriceps → quads, biceps, forearms, chest, triceps. Calves, neck,
//!   adductors and abductors are dropped; an entry left
//!   with no primary muscle is skipped.
//! * **Equipment**: body only / none → nothing, plus a mat for floor work and a
//!   pull-up bar for hanging work (by name); dumbbell → dumbbells; barbell and
//!   e-z curl bar → barbell (+ rack for squats, good mornings, rack pulls and
//!   inverted rows; + bench when the name says so); kettlebells → kettlebell;
//!   cable; machine → machines; bands. "other" is kept only where the name makes
//!   the tool clear (pull-up bar work, back-extension bench, band work, bar rows,
//!   rollouts); exercise ball, foam roll, medicine ball and the rest of "other"
//!   are skipped (our equipment vocabulary has no word for them).
//! * **Pattern** (first match wins, on the lower-cased name with punctuation
//!   read as spaces, then the muscles): stretching category → mobility; a static
//!   hang → hang; side bridge/plank → anti-lateral-flexion; carry, farmer, yoke →
//!   carry; shrug, upright (row) → shrug; scapular → scapular; pull-up, chin,
//!   pulldown, pullover, muscle up → vertical-pull; rear delt, reverse fly, face
//!   pull, pull-apart, external rotation, Y-T-W → scapular; the word row(s) →
//!   horizontal-pull; deadlift, good morning, swing, pull-through, clean, snatch,
//!   hip thrust, bridge, romanian, hinge, rack pull → hinge; hyperextension, back
//!   extension, superman, bird dog → extension; squat, lunge, step-up, leg press
//!   → squat; suitcase → anti-lateral-flexion; pallof, renegade, anti-rotation →
//!   anti-rotation; plank, rollout, ab roller, fallout, dead bug, hollow →
//!   anti-extension; crunch, sit-up, twist, side bend, leg/knee/hip raise,
//!   jackknife, v-up, windmill, chop, tuck, toe/heel touch → flexion (our
//!   vocabulary has no rotation pattern, so trunk-moving ab work counts as
//!   flexion). Otherwise by first primary muscle: spinal_erectors → extension,
//!   lats → vertical-pull, rhomboids → horizontal-pull, traps → shrug, rear_delts
//!   → scapular, abs/obliques → anti-extension when static else flexion, glutes
//!   and hamstrings → hinge, quads → squat. Pushing and arm work (a chest, front
//!   delt or arm muscle first, with press / push / dip / fly / raise / extension /
//!   curl in the name) and single-joint leg machines fit none of our patterns and
//!   are skipped.
//! * **Spinal load** (conservative): powerlifting, olympic weightlifting and
//!   strongman entries with a barbell, and barbell compounds that hinge, squat,
//!   row bent over or work the lower back (bridges and hip thrusts excepted) →
//!   high; other free-weight or cable work that hinges,
//!   squats, carries, rows bent over or works the lower back, back extensions,
//!   rollouts, other barbell compounds and other barbell-sport entries → moderate; the rest → low. A bar that
//!   only holds the body (inverted rows) or rolls (rollouts) is not a load.
//! * **Technique**: high when spinal load is high or the level is expert (or the
//!   category is a barbell sport); moderate for intermediate entries, kettlebell
//!   ballistics, and moderate-load free-weight compounds; low otherwise. A
//!   beginner entry rated high is raised to intermediate (our catalog's rule).
//! * **Dosing**: hold when the force is static (planks, bridges, hangs), else reps.
//!   **Loading**: loaded when it needs weights, cables, machines or bands (unless
//!   they assist, as in band-assisted pull-ups), or the name says weighted; else
//!   bodyweight. **Unilateral**: one-arm,
//!   single-arm/leg, one-leg, one-handed, suitcase, side bridge/plank.

use super::{EquipmentNeed, Exercise};
use crate::vocab::{Dosing, Equipment, Grade, Level, Loading, Mechanic, Muscle, Pattern};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What an import produced: the exercises kept, and how many were skipped and why.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    pub exercises: Vec<Exercise>,
    pub skipped: usize,
    /// Reason → number of entries skipped for it (sums to `skipped`).
    pub reasons: BTreeMap<String, usize>,
}

/// Which entries to keep.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Keep every mappable entry, not only those whose primary muscles include a
    /// back or core muscle (and keep stretches, as `mobility`).
    pub all: bool,
}

/// The file could not be read as free-exercise-db data.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("not a free-exercise-db exercises.json (expected an array of exercises): {0}")]
    Json(#[from] serde_json::Error),
}

/// One entry of free-exercise-db's `exercises.json`; unused fields
/// (instructions, images) are ignored on purpose.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEntry {
    #[serde(default)]
    id: Option<String>,
    name: String,
    #[serde(default)]
    force: Option<String>,
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    mechanic: Option<String>,
    #[serde(default)]
    equipment: Option<String>,
    #[serde(default)]
    primary_muscles: Vec<String>,
    #[serde(default)]
    secondary_muscles: Vec<String>,
    #[serde(default)]
    category: Option<String>,
}

/// Imports the back- and core-relevant entries (see the module docs for the mapping).
pub fn import_free_exercise_db(json: &str) -> Result<ImportReport, ImportError> {
    import_free_exercise_db_with(json, ImportOptions::default())
}

/// Imports with explicit options.
pub fn import_free_exercise_db_with(
    json: &str,
    options: ImportOptions,
) -> Result<ImportReport, ImportError> {
    let entries: Vec<RawEntry> = serde_json::from_str(json)?;
    let mut report = ImportReport {
        exercises: Vec::new(),
        skipped: 0,
        reasons: BTreeMap::new(),
    };
    let mut taken = BTreeSet::new();
    for entry in &entries {
        match map_entry(entry, options) {
            Ok(mut ex) => {
                let base = ex.id.clone();
                let mut n = 1;
                while taken.contains(&ex.id) {
                    n += 1;
                    ex.id = format!("{base}-{n}");
                }
                taken.insert(ex.id.clone());
                report.exercises.push(ex);
            }
            Err(reason) => {
                report.skipped += 1;
                *report.reasons.entry(reason).or_insert(0) += 1;
            }
        }
    }
    Ok(report)
}

/// Writes exercises as a catalog file that `Catalog::builtin_with_overrides` loads.
pub fn to_toml(exercises: &[Exercise]) -> String {
    #[derive(Serialize)]
    struct File<'a> {
        exercise: &'a [Exercise],
    }
    let body = toml::to_string(&File {
        exercise: exercises,
    })
    .expect("exercises serialise to TOML");
    format!(
        "# Imported from free-exercise-db (public domain, https://github.com/yuhonas/free-exercise-db)\n\
         # by upright's importer. Patterns, spinal load and technique are inferred\n\
         # heuristically: review them before training with these. Cues are left empty.\n\n{body}"
    )
}

const BACK_AND_CORE: &[Muscle] = &[
    Muscle::SpinalErectors,
    Muscle::Lats,
    Muscle::Traps,
    Muscle::Rhomboids,
    Muscle::RearDelts,
    Muscle::Abs,
    Muscle::Obliques,
];

fn has_any(name: &str, words: &[&str]) -> bool {
    words.iter().any(|w| name.contains(w))
}

/// Maps one entry, or says why it was skipped.
fn map_entry(e: &RawEntry, options: ImportOptions) -> Result<Exercise, String> {
    let name = e.name.trim().to_ascii_lowercase();
    if name.is_empty() {
        return Err("empty name".into());
    }
    let category = e.category.as_deref().unwrap_or("").to_ascii_lowercase();
    let force = e.force.as_deref().unwrap_or("").to_ascii_lowercase();
    let is_static = force == "static";

    let mut primary = Vec::new();
    for m in &e.primary_muscles {
        if let Some(mapped) = map_muscle(m, &name, &force) {
            push_unique(&mut primary, mapped);
        }
    }
    if primary.is_empty() {
        return Err("no mapped primary muscle".into());
    }
    let mut secondary = Vec::new();
    // An abdominal entry re-read as obliques still works the abs.
    if primary.contains(&Muscle::Obliques)
        && e.primary_muscles.iter().any(|m| m == "abdominals")
        && !primary.contains(&Muscle::Abs)
    {
        secondary.push(Muscle::Abs);
    }
    for m in &e.secondary_muscles {
        if let Some(mapped) = map_muscle(m, &name, &force) {
            if !primary.contains(&mapped) {
                push_unique(&mut secondary, mapped);
            }
        }
    }
    if !options.all && !primary.iter().any(|m| BACK_AND_CORE.contains(m)) {
        return Err("not back or core".into());
    }
    if category == "stretching" && !options.all {
        return Err("stretching".into());
    }
    if category == "cardio" {
        return Err("cardio".into());
    }

    let equipment = map_equipment(e.equipment.as_deref(), &name)?;
    let has = |x: Equipment| equipment.iter().any(|n| n.options().contains(&x));
    // A bar that only holds the body up (inverted rows) or rolls (rollouts) is not a load.
    let barbell = has(Equipment::Barbell)
        && !has_any(
            &name,
            &["inverted", "bodyweight", "rollout", "roll-out", "ab roller"],
        );
    let free_weight = barbell || has(Equipment::Dumbbells) || has(Equipment::Kettlebell);

    let pattern = infer_pattern(&name, &category, is_static, &primary)
        .ok_or_else(|| "no movement pattern (pushing or arm work)".to_string())?;
    let mechanic = match e.mechanic.as_deref() {
        Some("compound") => Mechanic::Compound,
        Some("isolation") => Mechanic::Isolation,
        _ if is_static || primary.len() + secondary.len() < 2 => Mechanic::Isolation,
        _ => Mechanic::Compound,
    };
    let mut level = match e.level.as_deref() {
        Some("beginner") => Level::Beginner,
        Some("expert") => Level::Advanced,
        _ => Level::Intermediate,
    };

    let erectors =
        primary.contains(&Muscle::SpinalErectors) || secondary.contains(&Muscle::SpinalErectors);
    let barbell_sport = matches!(
        category.as_str(),
        "powerlifting" | "olympic weightlifting" | "strongman"
    );
    let bent_over = has_any(&name, &["bent over", "bent-over"]);
    let lying_hip_work = has_any(&name, &["bridge", "hip thrust"]);
    let spinal_load = if (barbell_sport && barbell)
        || (barbell
            && !lying_hip_work
            && mechanic == Mechanic::Compound
            && (erectors || matches!(pattern, Pattern::Hinge | Pattern::Squat) || bent_over))
    {
        Grade::High
    } else if ((free_weight || has(Equipment::Cable))
        && (erectors || matches!(pattern, Pattern::Hinge | Pattern::Squat | Pattern::Carry)))
        || (pattern == Pattern::Extension && !has(Equipment::Mat) && !equipment.is_empty())
        || (free_weight && bent_over)
        || barbell_sport
        || has_any(&name, &["rollout", "roll-out", "ab roller", "fallout"])
        || (barbell && mechanic == Mechanic::Compound)
    {
        Grade::Moderate
    } else {
        Grade::Low
    };
    let ballistic =
        has(Equipment::Kettlebell) && has_any(&name, &["swing", "snatch", "clean", "jerk"]);
    let technique = if spinal_load == Grade::High || level == Level::Advanced || barbell_sport {
        Grade::High
    } else if level == Level::Intermediate
        || ballistic
        || (free_weight && mechanic == Mechanic::Compound && spinal_load == Grade::Moderate)
    {
        Grade::Moderate
    } else {
        Grade::Low
    };
    if level == Level::Beginner && technique == Grade::High {
        level = Level::Intermediate;
    }

    let resisted = [
        Equipment::Dumbbells,
        Equipment::Kettlebell,
        Equipment::Cable,
        Equipment::Machines,
        Equipment::Bands,
    ];
    let loaded = name.contains("weighted")
        || (!name.contains("assisted") && (barbell || resisted.iter().any(|&x| has(x))));

    let slug_source =
        e.id.as_deref()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(&e.name);
    Ok(Exercise {
        id: format!("fedb-{}", slugify(slug_source)),
        name: e.name.trim().to_string(),
        primary,
        secondary,
        mechanic,
        pattern,
        equipment,
        level,
        top_level: None,
        technique,
        spinal_load,
        loading: if loaded {
            Loading::Loaded
        } else {
            Loading::Bodyweight
        },
        dosing: if is_static && pattern != Pattern::Carry {
            Dosing::Hold
        } else {
            Dosing::Reps
        },
        // free-exercise-db says nothing of goals: an accessory everywhere, so the
        // built-in staples keep their slots unless the person excludes them.
        quality: super::model::default_quality(),
        regressions: Vec::new(),
        progressions: Vec::new(),
        one_weight: false,
        walk: false,
        unilateral: has_any(
            &name,
            &[
                "one-arm",
                "one arm",
                "single-arm",
                "single arm",
                "single-leg",
                "single leg",
                "one-leg",
                "one leg",
                "one handed",
                "one-handed",
                "suitcase",
                "side bridge",
                "side plank",
            ],
        ),
        cue: String::new(),
        cues: Vec::new(),
        faults: Vec::new(),
        rules: Vec::new(),
    })
}

fn push_unique(list: &mut Vec<Muscle>, m: Muscle) {
    if !list.contains(&m) {
        list.push(m);
    }
}

/// free-exercise-db muscle → ours (none for calves, neck, adductors, abductors).
fn map_muscle(m: &str, name: &str, force: &str) -> Option<Muscle> {
    let rear = has_any(
        name,
        &[
            "rear",
            "face pull",
            "reverse fl",
            "reverse machine fl",
            "pull-apart",
            "pull apart",
            "external rotation",
        ],
    ) || (force == "pull"
        && has_any(
            name,
            &["row", "pulldown", "pull-up", "pullup", "pull up", "chin"],
        )
        && !name.contains("upright"));
    Some(match m.trim().to_ascii_lowercase().as_str() {
        "lower back" => Muscle::SpinalErectors,
        "middle back" => Muscle::Rhomboids,
        "lats" => Muscle::Lats,
        "traps" => Muscle::Traps,
        "abdominals"
            if has_any(
                name,
                &[
                    "oblique", "side", "twist", "windmill", "chop", "russian", "pallof",
                    "rotation", "180",
                ],
            ) =>
        {
            Muscle::Obliques
        }
        "abdominals" => Muscle::Abs,
        "shoulders" if rear => Muscle::RearDelts,
        "shoulders" => Muscle::FrontDelts,
        "glutes" => Muscle::Glutes,
        "hamstrings" => Muscle::Hamstrings,
        "quadriceps" => Muscle::Quads,
        "biceps" => Muscle::Biceps,
        "forearms" => Muscle::Forearms,
        "chest" => Muscle::Chest,
        "triceps" => Muscle::Triceps,
        _ => return None,
    })
}

const FLOOR_WORDS: &[&str] = &[
    "lying",
    "crunch",
    "sit-up",
    "situp",
    "sit up",
    "plank",
    "bridge",
    "superman",
    "floor",
    "dead bug",
    "bird dog",
    "prone",
    "supine",
    "flutter",
    "leg raise",
    "hip raise",
    "reverse crunch",
    "heel touch",
    "toe touch",
    "jackknife",
    "v-up",
    "cocoon",
    "butt-up",
    "bottoms up",
    "bicycle",
    "air bike",
    "leg pull-in",
    "hollow",
    "tuck",
    "scissor",
    "elbow to knee",
    "spider crawl",
    "on your back",
    "kneeling",
    "russian twist",
    "mountain climber",
    "glute kickback",
    "hyperextensions with no",
];
const BAR_WORDS: &[&str] = &[
    "pull-up",
    "pullup",
    "pull up",
    "chin",
    "hanging",
    "muscle up",
    "muscle-up",
    " hang",
];

/// free-exercise-db equipment (plus hints from the name) → our needs, or a skip reason.
fn map_equipment(equipment: Option<&str>, name: &str) -> Result<Vec<EquipmentNeed>, String> {
    use Equipment as E;
    let one = EquipmentNeed::One;
    let word = equipment.unwrap_or("body only").trim().to_ascii_lowercase();
    let mut needs = match word.as_str() {
        "body only" | "" => {
            if has_any(name, BAR_WORDS) {
                vec![one(E::PullupBar)]
            } else if has_any(name, &["inverted row"]) {
                vec![one(E::Barbell), one(E::Rack)]
            } else if has_any(name, FLOOR_WORDS) {
                vec![one(E::Mat)]
            } else {
                vec![]
            }
        }
        "dumbbell" => vec![one(E::Dumbbells)],
        "barbell" | "e-z curl bar" => vec![one(E::Barbell)],
        "kettlebells" => vec![one(E::Kettlebell)],
        "cable" => vec![one(E::Cable)],
        "machine" => vec![one(E::Machines)],
        "bands" => vec![one(E::Bands)],
        "other" => {
            if has_any(
                name,
                &[
                    "suspended",
                    "rope climb",
                    "parallel bar",
                    "ring",
                    "sled",
                    "stone",
                    "keg",
                    "axle",
                    "log",
                ],
            ) {
                return Err("equipment: other".into());
            } else if has_any(name, BAR_WORDS) {
                let mut v = vec![one(E::PullupBar)];
                if name.contains("band") {
                    v.push(one(E::Bands));
                }
                if name.contains("weighted") {
                    v.push(EquipmentNeed::AnyOf(vec![E::Dumbbells, E::Kettlebell]));
                }
                v
            } else if has_any(name, &["hyperextension", "back extension"]) {
                vec![EquipmentNeed::AnyOf(vec![E::Machines, E::Bench])]
            } else if has_any(name, &["row"]) && has_any(name, &["inverted", "bodyweight"]) {
                vec![one(E::Barbell), one(E::Rack)]
            } else if has_any(name, &["ab roller", "rollout", "roll-out"]) {
                vec![one(E::Barbell), one(E::Mat)]
            } else if has_any(name, &["farmer"]) {
                vec![EquipmentNeed::AnyOf(vec![E::Dumbbells, E::Kettlebell])]
            } else if name.contains("band") {
                vec![one(E::Bands)]
            } else {
                return Err("equipment: other".into());
            }
        }
        other => return Err(format!("equipment: {other}")),
    };
    let has = |needs: &Vec<EquipmentNeed>, e: E| needs.iter().any(|n| n.options().contains(&e));
    if has(&needs, E::Barbell)
        && has_any(
            name,
            &["squat", "good morning", "rack pull", "inverted row"],
        )
        && !has(&needs, E::Rack)
    {
        needs.push(one(E::Rack));
    }
    if has_any(name, &["rollout", "roll-out", "ab roller"]) && !has(&needs, E::Mat) {
        needs.push(one(E::Mat));
    }
    if name.contains("bench")
        && !name.contains("no ")
        && !has(&needs, E::Bench)
        && !has(&needs, E::Machines)
    {
        needs.push(one(E::Bench));
    }
    Ok(needs)
}

/// The movement pattern by the heuristic of the module docs; `None` when none fits.
///
/// Keywords are matched on the name with punctuation turned into spaces and a
/// space at each end, so `" row"` finds "Row" and "Rear-Delt Rows" but not "Throw".
fn infer_pattern(
    name: &str,
    category: &str,
    is_static: bool,
    primary: &[Muscle],
) -> Option<Pattern> {
    use Pattern as P;
    let name: String = format!(
        " {} ",
        name.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
            .collect::<String>()
    );
    let name = name.as_str();
    let rules: &[(&[&str], Pattern)] = &[
        (&["side bridge", "side plank"], P::AntiLateralFlexion),
        (&[" carry", "farmer", " yoke"], P::Carry),
        (&["shrug", "upright"], P::Shrug),
        (&["scapular"], P::Scapular),
        (
            &[
                "pull up",
                "pullup",
                " chin",
                "pulldown",
                "pull down",
                "pullover",
                "muscle up",
            ],
            P::VerticalPull,
        ),
        (
            &[
                "rear delt raise",
                "rear lateral",
                "rear delt fl",
                "reverse fl",
                "reverse machine fl",
                "face pull",
                "pull apart",
                "external rotation",
                " y t w",
                " ytw",
            ],
            P::Scapular,
        ),
        (&[" row"], P::HorizontalPull),
        (
            &[
                "deadlift",
                "good morning",
                "swing",
                "pull through",
                " clean",
                "snatch",
                "hip thrust",
                "romanian",
                "hinge",
                "rack pull",
                "bridge",
            ],
            P::Hinge,
        ),
        (
            &["hyperextension", "back extension", "superman", "bird dog"],
            P::Extension,
        ),
        (&["squat", "lunge", "step up", "leg press"], P::Squat),
        (&["suitcase"], P::AntiLateralFlexion),
        (&["pallof", "renegade", "anti rotation"], P::AntiRotation),
        (
            &[
                "plank",
                "rollout",
                "roll out",
                "ab roller",
                "fallout",
                "dead bug",
                "hollow",
            ],
            P::AntiExtension,
        ),
        (
            &[
                "crunch",
                "sit up",
                "situp",
                "twist",
                "side bend",
                "leg raise",
                "knee raise",
                "hip raise",
                "jackknife",
                " v up",
                "windmill",
                "chop",
                "tuck",
                "toe touch",
                "heel touch",
                " knee ",
            ],
            P::Flexion,
        ),
    ];
    if category == "stretching" {
        return Some(P::Mobility);
    }
    // Pressing, raising and arm work led by a non-back muscle has no pattern of ours.
    let arm_or_push = [
        Muscle::Chest,
        Muscle::FrontDelts,
        Muscle::Triceps,
        Muscle::Biceps,
        Muscle::Forearms,
    ]
    .contains(&primary[0]);
    if arm_or_push
        && has_any(
            name,
            &[
                "press",
                "push",
                " dip",
                " fly",
                " flye",
                "raise",
                "extension",
                "curl",
                "twist",
            ],
        )
    {
        return None;
    }
    if has_any(
        name,
        &[
            "leg extension",
            "leg curl",
            "adduction",
            "abduction",
            "kickback",
            "calf",
        ],
    ) {
        return None;
    }
    if is_static && name.contains(" hang") {
        return Some(P::Hang);
    }
    for (words, pattern) in rules {
        if has_any(name, words) {
            return Some(*pattern);
        }
    }
    Some(match primary[0] {
        Muscle::SpinalErectors => P::Extension,
        Muscle::Lats => P::VerticalPull,
        Muscle::Rhomboids => P::HorizontalPull,
        Muscle::Traps => P::Shrug,
        Muscle::RearDelts => P::Scapular,
        Muscle::Abs | Muscle::Obliques if is_static => P::AntiExtension,
        Muscle::Abs | Muscle::Obliques => P::Flexion,
        Muscle::Glutes | Muscle::Hamstrings => P::Hinge,
        Muscle::Quads => P::Squat,
        _ => return None,
    })
}

/// Lower-case kebab-case: runs of anything but a-z/0-9 become one '-'.
fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("unnamed");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    const SAMPLE: &str = include_str!("../../tests/fixtures/free-exercise-db-sample.json");

    fn real_file() -> Option<String> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/free-exercise-db/exercises.json"
        );
        std::fs::read_to_string(path).ok()
    }

    fn find<'a>(r: &'a ImportReport, id: &str) -> &'a Exercise {
        r.exercises.iter().find(|e| e.id == id).unwrap_or_else(|| {
            panic!(
                "{id} not imported: {:?}",
                r.exercises.iter().map(|e| &e.id).collect::<Vec<_>>()
            )
        })
    }

    #[test]
    fn sample_maps_fields_and_skips_with_reasons() {
        let r = import_free_exercise_db(SAMPLE).unwrap();
        assert_eq!(r.exercises.len(), 3, "{r:#?}");
        assert_eq!(r.skipped, 2);
        assert_eq!(
            r.reasons.get("not back or core"),
            Some(&1),
            "{:?}",
            r.reasons
        );
        assert_eq!(
            r.reasons.get("equipment: exercise ball"),
            Some(&1),
            "{:?}",
            r.reasons
        );
        assert_eq!(r.reasons.values().sum::<usize>(), r.skipped);

        let hinge = find(&r, "fedb-stiff-bar-hip-hinge");
        assert_eq!(hinge.name, "Stiff Bar Hip Hinge");
        assert_eq!(hinge.primary, vec![Muscle::SpinalErectors]);
        assert_eq!(
            hinge.secondary,
            vec![Muscle::Hamstrings, Muscle::Glutes],
            "calves are dropped"
        );
        assert_eq!(hinge.pattern, Pattern::Hinge);
        assert_eq!(
            hinge.equipment,
            vec![EquipmentNeed::One(Equipment::Barbell)]
        );
        assert_eq!(
            (hinge.spinal_load, hinge.technique, hinge.level),
            (Grade::High, Grade::High, Level::Intermediate)
        );
        assert_eq!(hinge.loading, Loading::Loaded);
        assert!(
            hinge.cue.is_empty() && hinge.rules.is_empty(),
            "their instructions are never copied"
        );

        let sweep = find(&r, "fedb-rear-delt-cable-sweep");
        assert_eq!(sweep.primary, vec![Muscle::RearDelts]);
        assert_eq!(sweep.secondary, vec![Muscle::Rhomboids]);
        assert_eq!(sweep.pattern, Pattern::Scapular);
        assert_eq!(sweep.equipment, vec![EquipmentNeed::One(Equipment::Cable)]);
        assert_eq!(
            (sweep.mechanic, sweep.spinal_load, sweep.technique),
            (Mechanic::Isolation, Grade::Low, Grade::Low)
        );

        let side = find(&r, "fedb-floor-side-bridge-hold");
        assert_eq!(side.primary, vec![Muscle::Obliques]);
        assert_eq!(side.secondary, vec![Muscle::Abs, Muscle::FrontDelts]);
        assert_eq!(side.pattern, Pattern::AntiLateralFlexion);
        assert_eq!(side.equipment, vec![EquipmentNeed::One(Equipment::Mat)]);
        assert_eq!(
            (side.dosing, side.loading, side.mechanic),
            (Dosing::Hold, Loading::Bodyweight, Mechanic::Isolation)
        );
        assert!(side.unilateral);
        assert_eq!(side.level, Level::Advanced, "expert maps to advanced");
    }

    #[test]
    fn all_keeps_other_muscles() {
        let r = import_free_exercise_db_with(SAMPLE, ImportOptions { all: true }).unwrap();
        assert_eq!(r.exercises.len(), 4);
        let squat = find(&r, "fedb-goblet-box-sit");
        assert_eq!(squat.primary, vec![Muscle::Quads]);
        assert_eq!(squat.pattern, Pattern::Squat);
        assert_eq!(
            squat.equipment,
            vec![EquipmentNeed::One(Equipment::Dumbbells)]
        );
    }

    #[test]
    fn unmapped_primary_is_skipped_and_ids_stay_unique() {
        let json = r#"[
            {"name": "Neck Nod", "primaryMuscles": ["neck"], "secondaryMuscles": [], "equipment": "body only", "level": "beginner"},
            {"name": "Band Row", "force": "pull", "primaryMuscles": ["middle back"], "equipment": "bands", "level": "beginner", "mechanic": "compound"},
            {"name": "Band  Row!", "force": "pull", "primaryMuscles": ["middle back"], "equipment": "bands", "level": "beginner", "mechanic": "compound"}
        ]"#;
        let r = import_free_exercise_db(json).unwrap();
        assert_eq!(r.reasons.get("no mapped primary muscle"), Some(&1));
        let ids: Vec<_> = r.exercises.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["fedb-band-row", "fedb-band-row-2"]);
        assert_eq!(r.exercises[0].pattern, Pattern::HorizontalPull);
    }

    #[test]
    fn bad_json_is_an_error() {
        let err = import_free_exercise_db("{\"not\": \"a list\"}").unwrap_err();
        assert!(err.to_string().contains("free-exercise-db"), "{err}");
        let r =
            import_free_exercise_db("[{\"name\": \" \", \"primaryMuscles\": [\"lats\"]}]").unwrap();
        assert_eq!((r.skipped, r.reasons.get("empty name")), (1, Some(&1)));
    }

    #[test]
    fn sample_round_trips_through_the_catalog() {
        let r = import_free_exercise_db_with(SAMPLE, ImportOptions { all: true }).unwrap();
        let text = to_toml(&r.exercises);
        let cat = Catalog::builtin_with_overrides(&text, "fedb.toml").unwrap();
        assert_eq!(cat.len(), Catalog::builtin().len() + r.exercises.len());
        for ex in &r.exercises {
            assert_eq!(cat.get(&ex.id), Some(ex));
        }
    }

    #[test]
    fn real_free_exercise_db_imports_plausibly() {
        let Some(json) = real_file() else { return };
        let r = import_free_exercise_db(&json).unwrap();
        let total = r.exercises.len() + r.skipped;
        assert_eq!(total, 873, "{:?}", r.reasons);
        assert!(
            (130..=230).contains(&r.exercises.len()),
            "kept {} ({:?})",
            r.exercises.len(),
            r.reasons
        );
        for ex in &r.exercises {
            assert!(ex.id.starts_with("fedb-"));
            assert!(
                ex.primary.iter().any(|m| BACK_AND_CORE.contains(m)),
                "{}",
                ex.id
            );
            assert!(
                !(ex.level == Level::Beginner && ex.technique == Grade::High),
                "{}",
                ex.id
            );
            assert!(ex.cue.is_empty());
        }
        // Known entries land where a coach would put them.
        let by_name = |n: &str| {
            r.exercises
                .iter()
                .find(|e| e.name == n)
                .unwrap_or_else(|| panic!("{n} missing"))
        };
        let dl = by_name("Barbell Deadlift");
        assert_eq!(
            (dl.pattern, dl.spinal_load, dl.technique),
            (Pattern::Hinge, Grade::High, Grade::High)
        );
        assert_eq!(by_name("Pullups").pattern, Pattern::VerticalPull);
        assert_eq!(
            by_name("Pullups").equipment,
            vec![EquipmentNeed::One(Equipment::PullupBar)]
        );
        assert_eq!(by_name("Face Pull").primary, vec![Muscle::RearDelts]);
        assert_eq!(by_name("Plank").dosing, Dosing::Hold);
        assert_eq!(
            by_name("Plank").equipment,
            vec![EquipmentNeed::One(Equipment::Mat)]
        );
        assert_eq!(
            by_name("Seated Cable Rows").pattern,
            Pattern::HorizontalPull
        );
        assert_eq!(
            by_name("Seated Cable Rows").secondary,
            [Muscle::Biceps, Muscle::Lats, Muscle::RearDelts]
        );
        let inverted = by_name("Inverted Row");
        assert_eq!(
            (inverted.loading, inverted.spinal_load, inverted.level),
            (Loading::Bodyweight, Grade::Low, Level::Beginner)
        );
        assert_eq!(by_name("Upright Cable Row").pattern, Pattern::Shrug);
        assert_eq!(by_name("Pallof Press").primary, [Muscle::Obliques]);
        assert_eq!(by_name("Dumbbell Shrug").pattern, Pattern::Shrug);

        let text = to_toml(&r.exercises);
        let cat = Catalog::builtin_with_overrides(&text, "free-exercise-db.toml").unwrap();
        assert_eq!(cat.len(), Catalog::builtin().len() + r.exercises.len());
        for ex in &r.exercises {
            assert_eq!(cat.get(&ex.id), Some(ex), "{} did not round-trip", ex.id);
        }

        let all = import_free_exercise_db_with(&json, ImportOptions { all: true }).unwrap();
        assert!(all.exercises.len() > r.exercises.len());
        Catalog::builtin_with_overrides(&to_toml(&all.exercises), "all.toml").unwrap();
    }
}
