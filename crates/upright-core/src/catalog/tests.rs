use super::*;
use crate::vocab::{Dosing, Grade, Level, Loading, Pattern};
use std::collections::{BTreeSet, VecDeque};

/// The IDs DESIGN.md section 4 says must exist.
const DESIGN_IDS: &[&str] = &[
    "deadlift",
    "back-squat",
    "good-morning",
    "bent-over-row",
    "one-arm-row",
    "reverse-fly",
    "face-pull",
    "pull-up",
    "superman",
    "bird-dog",
    "back-extension",
    "kettlebell-swing",
    "lat-pulldown",
    "seated-cable-row",
    "machine-row",
    "assisted-pull-up",
    "inverted-row",
    "negative-pull-up",
    "band-assisted-pull-up",
    "scapular-pull-up",
    "dead-hang",
    "plank",
    "side-plank",
    "curl-up",
    "dead-bug",
    "pallof-press",
    "prone-y-t-w",
    "band-pull-apart",
];

/// Rule and evidence IDs of RULEBOOK.md and EVIDENCE.md (a copy, until the catalog
/// tests use the `rules` module's list directly).
const KNOWN_RULES: &[&str] = &[
    "G-GOALS",
    "G-NEED",
    "G-DESK",
    "G-LABOUR",
    "S-ACUTE",
    "S-REDFLAG",
    "S-RECOVERY",
    "S-FORM",
    "S-RISK",
    "M-ERECTORS",
    "M-CORE",
    "M-UPPER",
    "M-MANY",
    "P-BASE",
    "P-VOLUME",
    "P-ISO",
    "P-BOTH",
    "T-REPS",
    "T-STRENGTH",
    "T-BEGINNER",
    "T-PULLUP",
    "A-LINK",
    "A-WEAK",
    "A-SPORT",
    "A-PUSH",
    "R-ENDURE",
    "PO-WHOLE",
    "GE-BASIC",
    "W-HOME",
    "W-GYM",
    "F-ONEDAY",
    "F-HOURS",
    "E-NSCA-GOALS",
    "E-ACSM-LEVELS",
    "E-ACSM-ENDURE",
    "E-PROGRESS",
    "E-FREQ",
    "E-VOLUME",
    "E-LANDMARKS",
    "E-MCGILL-BIG3",
    "E-MCGILL-PYRAMID",
    "E-MCGILL-FLEXION",
    "E-EXERCISE-LBP",
    "E-PAIN-MONITOR",
    "E-REDFLAGS",
    "E-POSTURE",
    "E-PULLPUSH",
    "E-1RM",
    "E-RPE",
    "E-RTS",
    "E-SETTIME",
];

fn cat() -> Catalog {
    let mut c = Catalog::from_toml(BUILTIN_TOML, "catalog.toml")
        .unwrap_or_else(|e| panic!("built-in catalog: {e}"));
    c.apply_cues(BUILTIN_CUES_TOML, "cues.toml")
        .unwrap_or_else(|e| panic!("built-in cues: {e}"));
    c
}

fn ex<'a>(c: &'a Catalog, id: &str) -> &'a Exercise {
    c.get(id)
        .unwrap_or_else(|| panic!("'{id}' is not in the catalog"))
}

/// IDs reachable from `from` by following progressions.
fn reachable(c: &Catalog, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([from.to_string()]);
    while let Some(id) = queue.pop_front() {
        for next in &ex(c, &id).progressions {
            if seen.insert(next.clone()) {
                queue.push_back(next.clone());
            }
        }
    }
    seen
}

fn progresses(c: &Catalog, from: &str, to: &str) {
    assert!(
        ex(c, from).progressions.iter().any(|p| p == to),
        "{from} should progress to {to}"
    );
    assert!(
        ex(c, to).regressions.iter().any(|r| r == from),
        "{to} should regress to {from}"
    );
}

// ------------------------------------------------------------------ the data

#[test]
fn builtin_loads_and_is_big_enough() {
    let c = cat();
    assert!(c.len() >= 60, "only {} exercises", c.len());
    assert_eq!(Catalog::builtin(), c);
}

#[test]
fn every_design_id_exists() {
    let c = cat();
    let missing: Vec<_> = DESIGN_IDS.iter().filter(|id| c.get(id).is_none()).collect();
    assert!(missing.is_empty(), "missing: {missing:?}");
}

#[test]
fn neighbours_exist_and_the_graph_is_symmetric_and_acyclic() {
    let c = cat();
    for e in c.iter() {
        for id in e.regressions.iter().chain(&e.progressions) {
            assert!(c.get(id).is_some() && id != &e.id, "{} names '{id}'", e.id);
        }
        for p in &e.progressions {
            assert!(
                ex(&c, p).regressions.contains(&e.id),
                "{} -> {p} but {p} does not regress to {}",
                e.id,
                e.id
            );
        }
        for r in &e.regressions {
            assert!(
                ex(&c, r).progressions.contains(&e.id),
                "{} <- {r} but {r} does not progress to {}",
                e.id,
                e.id
            );
        }
        assert!(
            !reachable(&c, &e.id).contains(&e.id),
            "progressions from {} loop back to it",
            e.id
        );
    }
}

#[test]
fn pull_up_is_reached_from_dead_hang() {
    let c = cat();
    let from_hang = reachable(&c, "dead-hang");
    for id in [
        "scapular-pull-up",
        "negative-pull-up",
        "band-assisted-pull-up",
        "pull-up",
        "chin-up",
        "weighted-pull-up",
    ] {
        assert!(
            from_hang.contains(id),
            "{id} not reachable from dead-hang: {from_hang:?}"
        );
    }
    progresses(&c, "dead-hang", "scapular-pull-up");
    progresses(&c, "scapular-pull-up", "negative-pull-up");
    progresses(&c, "scapular-pull-up", "band-assisted-pull-up");
    progresses(&c, "negative-pull-up", "pull-up");
    progresses(&c, "band-assisted-pull-up", "pull-up");
    progresses(&c, "assisted-pull-up", "pull-up");
    progresses(&c, "pull-up", "weighted-pull-up");
    progresses(&c, "chin-up", "weighted-chin-up");
    assert!(reachable(&c, "lat-pulldown").contains("pull-up"));
}

#[test]
fn the_other_progression_paths_exist() {
    let c = cat();
    progresses(&c, "superman", "back-extension");
    progresses(&c, "bird-dog", "back-extension");
    progresses(&c, "back-extension", "weighted-back-extension");
    progresses(&c, "plank", "long-lever-plank");
    progresses(&c, "long-lever-plank", "ab-wheel-rollout");
    progresses(&c, "side-plank-knees", "side-plank");
    progresses(&c, "side-plank", "side-plank-reach");
    progresses(&c, "curl-up", "curl-up-elbows-raised");
    progresses(&c, "high-bar-inverted-row", "inverted-row");
    progresses(&c, "inverted-row", "feet-elevated-inverted-row");
    progresses(&c, "goblet-squat", "front-squat");
    progresses(&c, "goblet-squat", "back-squat");
    progresses(&c, "band-row", "one-arm-row");
    progresses(&c, "band-row", "machine-row");
    progresses(&c, "machine-row", "bent-over-row");
    progresses(&c, "romanian-deadlift", "deadlift");
    progresses(&c, "dumbbell-romanian-deadlift", "romanian-deadlift");
    progresses(&c, "kettlebell-deadlift", "dumbbell-romanian-deadlift");
    for (from, to) in [
        ("hip-hinge-drill", "deadlift"),
        ("band-row", "bent-over-row"),
        ("wall-plank", "ab-wheel-rollout"),
        ("reverse-crunch", "hanging-leg-raise"),
    ] {
        assert!(
            reachable(&c, from).contains(to),
            "{to} not reachable from {from}"
        );
    }
}

#[test]
fn fields_are_well_formed() {
    let c = cat();
    let mut names = BTreeSet::new();
    for e in c.iter() {
        assert!(
            names.insert(e.name.as_str()),
            "name '{}' used twice",
            e.name
        );
        assert!(!e.cue.trim().is_empty(), "{} has no cue", e.id);
        assert!(
            e.cue.matches(". ").count() <= 1 && e.cue.len() <= 260,
            "{}: cue should be one or two sentences",
            e.id
        );
        assert!(!e.rules.is_empty(), "{} cites no rule", e.id);
        for r in &e.rules {
            assert!(
                KNOWN_RULES.contains(&r.as_str()),
                "{} cites unknown rule '{r}'",
                e.id
            );
        }
        if e.loading == Loading::Bodyweight {
            // (A band may assist a bodyweight move, so bands do not count here.)
            let weights = [
                Equipment::Dumbbells,
                Equipment::Kettlebell,
                Equipment::Cable,
            ];
            assert!(
                e.equipment
                    .iter()
                    .all(|n| !n.options().iter().all(|o| weights.contains(o))),
                "{} is bodyweight but needs added resistance",
                e.id
            );
        }
    }
}

// ------------------------------------------------------- safety and grading

#[test]
fn beginner_exercises_are_never_highly_technical_or_heavy_on_the_spine() {
    for e in cat().iter().filter(|e| e.level == Level::Beginner) {
        assert_ne!(e.technique, Grade::High, "{} (T-BEGINNER)", e.id);
        assert_ne!(e.spinal_load, Grade::High, "{} (T-BEGINNER)", e.id);
    }
}

#[test]
fn heavy_barbell_compounds_are_graded_as_such() {
    let c = cat();
    for id in [
        "deadlift",
        "back-squat",
        "front-squat",
        "good-morning",
        "bent-over-row",
    ] {
        let e = ex(&c, id);
        assert_eq!(
            (e.spinal_load, e.technique, e.level),
            (Grade::High, Grade::High, Level::Intermediate),
            "{id}"
        );
        assert!(e.is_heavy_compound(), "{id}");
        assert!(
            e.equipment
                .iter()
                .any(|n| n.options() == [Equipment::Barbell]),
            "{id} needs a barbell"
        );
    }
    let swing = ex(&c, "kettlebell-swing");
    assert_eq!(
        (swing.spinal_load, swing.technique),
        (Grade::Moderate, Grade::Moderate)
    );
    assert!(swing
        .regressions
        .contains(&"kettlebell-deadlift".to_string()));
}

#[test]
fn mcgill_big_three_and_planks_are_holds() {
    let c = cat();
    for id in ["curl-up", "side-plank", "bird-dog"] {
        let e = ex(&c, id);
        assert_eq!(e.dosing, Dosing::Hold, "{id}");
        assert!(
            e.rules.iter().any(|r| r == "E-MCGILL-BIG3"),
            "{id} cites E-MCGILL-BIG3"
        );
        assert_eq!(e.spinal_load, Grade::Low, "{id}");
    }
    for id in [
        "plank",
        "knee-plank",
        "wall-plank",
        "long-lever-plank",
        "side-plank-knees",
        "dead-hang",
    ] {
        assert_eq!(ex(&c, id).dosing, Dosing::Hold, "{id}");
    }
    let cat_camel = ex(&c, "cat-camel");
    assert_eq!(
        (cat_camel.pattern, cat_camel.spinal_load, cat_camel.loading),
        (Pattern::Mobility, Grade::Low, Loading::Bodyweight)
    );
    assert!(cat_camel.rules.iter().any(|r| r == "E-MCGILL-FLEXION"));
}

#[test]
fn muscle_mapping_is_honest() {
    let c = cat();
    let dl = ex(&c, "deadlift");
    assert_eq!(
        dl.primary,
        [Muscle::SpinalErectors, Muscle::Glutes, Muscle::Hamstrings]
    );
    for m in [Muscle::Lats, Muscle::Traps, Muscle::Quads, Muscle::Forearms] {
        assert!(dl.secondary.contains(&m), "deadlift secondary {m}");
    }
    assert!(ex(&c, "face-pull").primary.contains(&Muscle::RearDelts));
    assert!(ex(&c, "reverse-fly").primary.contains(&Muscle::RearDelts));
    assert!(ex(&c, "pull-up").primary.contains(&Muscle::Lats));
    assert!(ex(&c, "superman").primary.contains(&Muscle::SpinalErectors));
    let carry = ex(&c, "suitcase-carry");
    assert_eq!(
        (carry.pattern, carry.primary.as_slice()),
        (Pattern::AntiLateralFlexion, [Muscle::Obliques].as_slice())
    );
    assert_eq!(ex(&c, "dumbbell-shrug").pattern, Pattern::Shrug);
}

// ------------------------------------------------------------------ coverage

const MAT: &[Equipment] = &[Equipment::Mat];

fn group(name: &str) -> fn(Muscle) -> bool {
    match name {
        "erectors" => |m| m == Muscle::SpinalErectors,
        "abs" => |m| m == Muscle::Abs,
        "obliques" => |m| m == Muscle::Obliques,
        "upper back" => Muscle::is_upper_back,
        "back" => |m| m == Muscle::Lats || m.is_upper_back(),
        _ => unreachable!(),
    }
}

/// Beginner exercises that train the group as a primary muscle with what the person has.
fn options<'a>(c: &'a Catalog, g: &str, have: &[Equipment]) -> Vec<&'a Exercise> {
    let works = group(g);
    c.iter()
        .filter(|e| {
            e.level == Level::Beginner
                && e.available_with(have)
                && e.primary.iter().any(|&m| works(m))
        })
        .collect()
}

/// Does some exercise for the group ask for this piece of equipment (alone or as an alternative)?
fn uses(c: &Catalog, g: &str, piece: Equipment) -> bool {
    let works = group(g);
    c.iter().any(|e| {
        e.primary.iter().any(|&m| works(m))
            && e.equipment.iter().any(|n| n.options().contains(&piece))
    })
}

#[test]
fn a_beginner_can_train_every_key_group_with_mat_home_or_gym() {
    let c = cat();
    for (setting, have) in [
        ("mat only", MAT),
        ("home", Equipment::HOME),
        ("gym", Equipment::ALL),
    ] {
        for g in ["erectors", "abs", "obliques", "upper back"] {
            let found = options(&c, g, have);
            assert!(
                !found.is_empty(),
                "a beginner with {setting} has nothing for {g}"
            );
            if setting != "mat only" {
                assert!(
                    found.len() >= 2,
                    "a beginner with {setting} has only {:?} for {g}",
                    found.iter().map(|e| &e.id).collect::<Vec<_>>()
                );
            }
        }
    }
}

#[test]
fn erectors_have_floor_moderate_loaded_and_no_equipment_options() {
    let c = cat();
    let floor: Vec<_> = options(&c, "erectors", MAT)
        .into_iter()
        .filter(|e| {
            e.loading == Loading::Bodyweight
                && e.spinal_load == Grade::Low
                && !e.equipment.is_empty()
        })
        .collect();
    assert!(
        floor.len() >= 3,
        "low-load mat options: {:?}",
        floor.iter().map(|e| &e.id).collect::<Vec<_>>()
    );
    for id in ["superman", "bird-dog"] {
        assert!(
            floor.iter().any(|e| e.id == id),
            "{id} is a mat-only erector option"
        );
    }
    let back_ext = ex(&c, "back-extension");
    // A 45-degree bench or GHD is gym kit: a flat bench does not hold the feet.
    assert_eq!(
        back_ext.equipment,
        [EquipmentNeed::One(Equipment::Machines)]
    );
    assert_eq!(back_ext.spinal_load, Grade::Moderate);
    let works = group("erectors");
    assert!(c.iter().any(|e| e.primary.iter().any(|&m| works(m))
        && e.spinal_load == Grade::High
        && e.loading == Loading::Loaded));
    assert!(
        !options(&c, "erectors", &[]).is_empty(),
        "an erector option needing nothing at all"
    );
}

#[test]
fn core_has_mat_band_cable_bar_and_no_equipment_options() {
    let c = cat();
    for g in ["abs", "obliques"] {
        assert!(
            !options(&c, g, &[]).is_empty(),
            "{g}: an option needing nothing at all"
        );
        assert!(options(&c, g, MAT).len() >= 2, "{g}: mat options");
        for piece in [Equipment::Bands, Equipment::Cable] {
            assert!(uses(&c, g, piece), "{g}: an option with {piece}");
        }
    }
    assert!(
        uses(&c, "abs", Equipment::PullupBar),
        "abs: a pull-up bar option"
    );
    assert_eq!(
        ex(&c, "pallof-press").equipment,
        [EquipmentNeed::AnyOf(vec![
            Equipment::Bands,
            Equipment::Cable
        ])]
    );
}

#[test]
fn upper_back_has_every_kind_of_option() {
    let c = cat();
    for piece in [
        Equipment::Machines,
        Equipment::Cable,
        Equipment::Dumbbells,
        Equipment::Bands,
        Equipment::Barbell,
        Equipment::PullupBar,
        Equipment::Mat,
    ] {
        assert!(
            uses(&c, "back", piece),
            "upper back / lats: no option with {piece}"
        );
    }
    let works = group("back");
    assert!(
        c.iter().any(|e| e.primary.iter().any(|&m| works(m))
            && e.loading == Loading::Bodyweight
            && e.available_with(&[Equipment::Barbell, Equipment::Rack])),
        "a bodyweight row under a bar"
    );
    for id in ["lat-pulldown", "machine-row", "seated-cable-row"] {
        assert!(
            ex(&c, id).available_with(&[Equipment::Machines]),
            "{id} works with machines"
        );
    }
    assert!(ex(&c, "prone-y-t-w").available_with(MAT));
}

// ----------------------------------------------------------- user files

const USER: &str = r#"# a user's own catalog
[[exercise]]
id = "towel-row"
name = "Towel row on a door"
primary = ["rhomboids", "lats"]
mechanic = "compound"
pattern = "horizontal-pull"
equipment = []
level = "beginner"
technique = "low"
spinal_load = "low"
loading = "bodyweight"
dosing = "reps"
regressions = ["band-row"]

[[exercise]]
id = "superman"
name = "Superman, my way"
primary = ["spinal_erectors"]
mechanic = "isolation"
pattern = "extension"
equipment = ["mat"]
level = "beginner"
technique = "low"
spinal_load = "low"
loading = "bodyweight"
dosing = "hold"
"#;

/// Line (1-based) of the first line of `text` containing `needle`, searching from line `after`.
fn line_with(text: &str, needle: &str, after: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(after.saturating_sub(1))
        .find(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .unwrap()
}

fn user_error(text: &str, file: &str) -> CatalogError {
    Catalog::builtin_with_overrides(text, file).expect_err("should be rejected")
}

#[test]
fn a_user_file_adds_and_replaces() {
    let c = Catalog::builtin_with_overrides(USER, "mine.toml").unwrap();
    assert_eq!(c.len(), cat().len() + 1);
    assert_eq!(ex(&c, "towel-row").regressions, ["band-row"]);
    let superman = ex(&c, "superman");
    assert_eq!(
        (superman.name.as_str(), superman.dosing),
        ("Superman, my way", Dosing::Hold)
    );
    assert!(
        superman.progressions.is_empty(),
        "the whole exercise is replaced"
    );
}

#[test]
fn unknown_muscle_names_file_line_and_field() {
    let text = USER.replace(
        r#"primary = ["spinal_erectors"]"#,
        r#"primary = ["spinal_erectors", "calves"]"#,
    );
    let err = user_error(&text, "mine.toml");
    assert_eq!(err.file, "mine.toml");
    assert_eq!(err.field, "primary", "{err}");
    let second = line_with(&text, r#"id = "superman""#, 1);
    assert_eq!(err.line, line_with(&text, "calves", second), "{err}");
    assert!(
        err.message.contains("calves") && err.message.contains("spinal_erectors"),
        "{err}"
    );
    assert!(
        err.to_string()
            .starts_with(&format!("mine.toml:{}: primary: ", err.line)),
        "{err}"
    );

    let text = USER.replace(
        r#"mechanic = "isolation""#,
        r#"mechanic = "isolation"
secondary = [
  "glutes",
  "calf",
]"#,
    );
    let err = user_error(&text, "mine.toml");
    assert_eq!(
        (err.field.as_str(), err.line),
        ("secondary", line_with(&text, "\"calf\"", 1)),
        "{err}"
    );
}

#[test]
fn other_bad_values_name_their_field() {
    for (from, to, field) in [
        (
            r#"level = "beginner"
technique = "low"
spinal_load = "low"
loading = "bodyweight"
dosing = "hold""#,
            r#"level = "pro"
technique = "low"
spinal_load = "low"
loading = "bodyweight"
dosing = "hold""#,
            "level",
        ),
        (
            r#"equipment = ["mat"]"#,
            r#"equipment = ["sofa"]"#,
            "equipment",
        ),
        (
            r#"equipment = ["mat"]"#,
            r#"equipment = [["mat", "sofa"]]"#,
            "equipment",
        ),
        (r#"dosing = "hold""#, r#"dosage = "hold""#, "dosage"),
        (r#"name = "Superman, my way""#, "name = 3", "name"),
    ] {
        let text = USER.replace(from, to);
        assert_ne!(text, USER, "{from}");
        let err = user_error(&text, "mine.toml");
        assert_eq!(err.field, field, "{err}");
        assert!(
            err.line > line_with(&text, r#"id = "superman""#, 1) - 2,
            "{err}"
        );
        if field == "equipment" {
            assert!(
                err.message.contains("sofa") && err.message.contains("pullup-bar"),
                "{err}"
            );
        }
    }
}

#[test]
fn missing_name_points_at_the_exercise() {
    let text = USER.replace("name = \"Superman, my way\"\n", "");
    let err = user_error(&text, "mine.toml");
    assert_eq!(
        (err.file.as_str(), err.field.as_str()),
        ("mine.toml", "name"),
        "{err}"
    );
    let header = line_with(&text, "[[exercise]]", line_with(&text, "towel-row", 1));
    let id_line = line_with(&text, r#"id = "superman""#, 1);
    assert!(
        (header..=id_line).contains(&err.line),
        "line {} not at the second exercise ({header})",
        err.line
    );
}

#[test]
fn duplicate_id_in_one_file_is_rejected() {
    let text = USER.replace(r#"id = "superman""#, r#"id = "towel-row""#);
    let err = user_error(&text, "mine.toml");
    assert_eq!(err.field, "id");
    assert_eq!(err.line, line_with(&text, "[[exercise]]", 5), "{err}");
    assert!(err.message.contains("towel-row"), "{err}");
}

#[test]
fn unknown_neighbour_is_rejected_at_its_exercise() {
    let text = USER.replace(
        r#"regressions = ["band-row"]"#,
        r#"regressions = ["band-rowing"]"#,
    );
    let err = user_error(&text, "mine.toml");
    assert_eq!(
        (err.file.as_str(), err.field.as_str()),
        ("mine.toml", "regressions"),
        "{err}"
    );
    assert_eq!(err.line, line_with(&text, "[[exercise]]", 1));
    assert!(err.message.contains("band-rowing"), "{err}");
}

#[test]
fn bad_toml_syntax_gives_the_line() {
    let text = USER.replace(
        r#"name = "Towel row on a door""#,
        r#"name = "Towel row on a door"#,
    );
    let err = user_error(&text, "mine.toml");
    assert_eq!(err.file, "mine.toml");
    assert_eq!(err.line, line_with(&text, "name = \"Towel", 1), "{err}");
    assert_eq!(err.field, "name", "{err}");
    assert!(!err.message.is_empty());
}

#[test]
fn bad_id_and_empty_name_are_rejected() {
    let err = user_error(
        &USER.replace(r#"id = "towel-row""#, r#"id = "Towel Row""#),
        "mine.toml",
    );
    assert_eq!((err.field.as_str(), err.line), ("id", 2), "{err}");
    let err = user_error(&USER.replace("Towel row on a door", " "), "mine.toml");
    assert_eq!(err.field, "name", "{err}");
}

const USER_JSON: &str = r#"{"exercise": [
  {
    "id": "towel-row",
    "name": "Towel row on a door",
    "primary": ["rhomboids", "lats"],
    "mechanic": "compound",
    "pattern": "horizontal-pull",
    "equipment": [],
    "level": "beginner",
    "technique": "low",
    "spinal_load": "low",
    "loading": "bodyweight",
    "dosing": "reps",
    "regressions": ["band-row"]
  }
]}"#;

#[test]
fn json_files_load_and_report_errors_like_toml() {
    let c = Catalog::builtin_with_overrides(USER_JSON, "mine.json").unwrap();
    assert_eq!(c.len(), cat().len() + 1);
    let bare = USER_JSON
        .trim_start_matches(r#"{"exercise": "#)
        .trim_end_matches('}');
    assert_eq!(
        Catalog::builtin_with_overrides(bare, "mine.json").unwrap(),
        c
    );

    let text = USER_JSON.replace(r#"["rhomboids", "lats"]"#, r#"["rhomboids", "calves"]"#);
    let err = user_error(&text, "mine.json");
    assert_eq!(
        (err.file.as_str(), err.field.as_str()),
        ("mine.json", "primary"),
        "{err}"
    );
    assert_eq!(err.line, line_with(&text, "calves", 1), "{err}");
    assert!(
        err.message.contains("calves") && !err.message.contains(" at line "),
        "{err}"
    );

    let err = user_error(
        &USER_JSON.replace("\"name\": \"Towel row on a door\",\n", ""),
        "mine.json",
    );
    assert_eq!(err.field, "name", "{err}");
    assert!(err.line >= 2, "{err}");

    let text = USER_JSON.replace(r#"["band-row"]"#, r#"["nope"]"#);
    let err = user_error(&text, "mine.json");
    assert_eq!(
        (err.field.as_str(), err.line),
        ("regressions", line_with(&text, "\"towel-row\"", 1)),
        "{err}"
    );

    let two = USER_JSON.replacen("  {", "  {\n    \"id\": \"towel-row\", \"name\": \"Again\", \"primary\": [\"lats\"], \"mechanic\": \"compound\", \"pattern\": \"horizontal-pull\", \"level\": \"beginner\", \"technique\": \"low\", \"spinal_load\": \"low\", \"loading\": \"bodyweight\", \"dosing\": \"reps\"\n  },\n  {", 1);
    let err = user_error(&two, "mine.json");
    assert_eq!(
        (err.field.as_str(), err.line),
        ("id", line_with(&two, "\"towel-row\"", 4)),
        "duplicate reported at the second one: {err}"
    );

    let err = user_error(
        &USER_JSON.replace(r#""level": "beginner","#, r#""level": "beginner""#),
        "mine.json",
    );
    assert_eq!(err.line, line_with(USER_JSON, "\"technique\"", 1), "{err}");
}

#[test]
fn stored_exercises_are_added_where_the_catalog_has_none_of_that_id() {
    let base = cat();
    let mut mine: Exercise = base.get("plank").unwrap().clone();
    mine.id = "fedb-plank".into();
    mine.name = "Plank (imported)".into();
    let mut clash = base.get("deadlift").unwrap().clone();
    clash.name = "Not the built-in deadlift".into();
    let c = base
        .with_added(vec![mine.clone(), clash], "stored catalog")
        .unwrap();
    assert_eq!(c.len(), base.len() + 1);
    assert_eq!(c.get("fedb-plank"), Some(&mine));
    assert_eq!(
        c.get("deadlift"),
        base.get("deadlift"),
        "the catalog in use wins"
    );
    let mut bad = mine.clone();
    bad.id = "fedb-x".into();
    bad.regressions = vec!["nope".into()];
    let err = base.with_added(vec![bad], "stored catalog").unwrap_err();
    assert_eq!(
        (err.file.as_str(), err.field.as_str()),
        ("stored catalog", "regressions"),
        "{err}"
    );
}

/// Cues and faults are true with every implement the exercise accepts: no
/// "bell" where a dumbbell will do, and a bench only where one is needed or
/// offered beside another support ("a bench, chair or sturdy box").
#[test]
fn s_form_cues_name_only_kit_the_exercise_always_has() {
    use crate::vocab::Equipment;
    let word = |t: &str, w: &str| {
        t.split(|ch: char| !ch.is_ascii_alphanumeric() && ch != '-')
            .any(|x| x.eq_ignore_ascii_case(w))
    };
    let c = cat();
    for e in c.iter() {
        let always = |k: Equipment| e.equipment.iter().any(|n| n.options() == [k]);
        let texts = std::iter::once(&e.cue).chain(&e.cues).chain(&e.faults);
        for t in texts {
            if !always(Equipment::Kettlebell) {
                assert!(!word(t, "bell"), "{}: {t}", e.id);
            }
            if !always(Equipment::Bench) && word(t, "bench") {
                assert!(word(t, "or"), "{}: a bench it may not have: {t}", e.id);
            }
        }
    }
    for (id, kit) in [("one-arm-row", "chair"), ("kettlebell-swing", "weight")] {
        assert!(ex(&c, id).cues.iter().any(|t| t.contains(kit)), "{id}");
    }
}

#[test]
fn a_top_level_below_the_level_names_the_field_and_the_exercise() {
    let text = USER.replace(
        "level = \"beginner\"\ntechnique = \"low\"\nspinal_load = \"low\"\nloading = \"bodyweight\"\ndosing = \"reps\"",
        "level = \"intermediate\"\ntop_level = \"beginner\"\ntechnique = \"low\"\nspinal_load = \"low\"\nloading = \"bodyweight\"\ndosing = \"reps\"",
    );
    assert_ne!(text, USER);
    let err = user_error(&text, "mine.toml");
    assert_eq!(err.field, "top_level", "{err}");
    assert!(
        err.message.contains("towel-row") && err.message.contains("intermediate"),
        "{err}"
    );
    assert_eq!(err.file, "mine.toml", "{err}");
    // A top level at or above the level is accepted, and the built-in ceilings hold.
    let ok = USER.replace(
        "level = \"beginner\"\ntechnique",
        "level = \"beginner\"\ntop_level = \"beginner\"\ntechnique",
    );
    assert_ne!(ok, USER);
    let c = Catalog::builtin_with_overrides(&ok, "mine.toml").expect("accepted");
    assert_eq!(ex(&c, "towel-row").top_level, Some(Level::Beginner));
    assert!(Catalog::builtin()
        .get("wall-plank")
        .is_some_and(|e| e.top_level == Some(Level::Beginner)));
}
