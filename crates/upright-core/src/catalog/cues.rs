//! Form cues and common faults of the built-in exercises (S-FORM), kept in
//! `data/cues.toml` beside the catalog so the exercise tables stay short.
//!
//! The file is laid over the catalog at load: an exercise that already carries
//! `cues` or `faults` inline (a user catalog may) keeps its own, the file fills
//! the rest. Each list is filled on its own, so inline cues with no inline faults
//! still get the built-in faults.

use super::{field_of_error, line_of, toml_key_before, Catalog, CatalogError};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The cues shipped with upright, written in our own words.
pub const BUILTIN_CUES_TOML: &str = include_str!("../../data/cues.toml");
pub(super) const BUILTIN_CUES_NAME: &str = "<built-in cues>";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(default)]
    cues: Vec<String>,
    #[serde(default)]
    faults: Vec<String>,
}

impl Catalog {
    /// Lays a cues file (`[exercise-id]` tables with `cues` and `faults`) over the
    /// catalog, filling only empty lists. An ID the catalog lacks is an error naming it,
    /// so a renamed exercise cannot silently lose its cues.
    pub(super) fn apply_cues(&mut self, text: &str, file: &str) -> Result<(), CatalogError> {
        let raw: BTreeMap<String, toml::Spanned<Entry>> = toml::from_str(text).map_err(|e| {
            let at = e.span().map(|s| s.start);
            CatalogError {
                file: file.into(),
                line: at.map(|b| line_of(text, b)).unwrap_or(0),
                field: field_of_error(e.message(), at.and_then(|b| toml_key_before(text, b))),
                message: e.message().split_whitespace().collect::<Vec<_>>().join(" "),
            }
        })?;
        for (id, spanned) in raw {
            let line = line_of(text, spanned.span().start);
            let err = |field: &str, message: String| CatalogError {
                file: file.into(),
                line,
                field: field.into(),
                message,
            };
            let entry = spanned.into_inner();
            for (field, list) in [("cues", &entry.cues), ("faults", &entry.faults)] {
                if let Some(n) = list.iter().position(|s| s.trim().is_empty()) {
                    return Err(err(field, format!("entry {} of '{id}' is empty", n + 1)));
                }
            }
            let Some(ex) = self.exercises.get_mut(&id) else {
                return Err(err(
                    "id",
                    format!("cues for '{id}', which is not in the catalog"),
                ));
            };
            if ex.cues.is_empty() {
                ex.cues = entry.cues;
            }
            if ex.faults.is_empty() {
                ex.faults = entry.faults;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::{Grade, Loading, Pattern};
    use std::collections::BTreeMap;

    /// Heavy technical lifts: loaded hinges, squats and rows that take real skill
    /// (technique moderate or high) or load the spine hard. Their faults must name
    /// rounding under load (E-MCGILL-FLEXION).
    fn is_heavy_technical(e: &crate::catalog::Exercise) -> bool {
        e.loading == Loading::Loaded
            && matches!(
                e.pattern,
                Pattern::Hinge | Pattern::Squat | Pattern::HorizontalPull
            )
            && (e.spinal_load == Grade::High
                || (e.spinal_load == Grade::Moderate && e.technique >= Grade::Moderate))
    }

    #[test]
    fn every_builtin_exercise_has_two_to_four_cues_and_one_to_three_faults() {
        let c = Catalog::builtin();
        assert!(c.len() >= 81);
        for e in c.iter() {
            assert!(
                (2..=4).contains(&e.cues.len()),
                "{}: {} cues",
                e.id,
                e.cues.len()
            );
            assert!(
                (1..=3).contains(&e.faults.len()),
                "{}: {} faults",
                e.id,
                e.faults.len()
            );
        }
    }

    #[test]
    fn no_two_exercises_share_a_cue_or_fault_word_for_word() {
        let c = Catalog::builtin();
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for e in c.iter() {
            for text in e.cues.iter().chain(&e.faults) {
                // Case and spacing do not make a copy original.
                let key = text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase();
                if let Some(other) = seen.insert(key, &e.id) {
                    panic!("'{text}' appears in both '{other}' and '{}'", e.id);
                }
            }
        }
    }

    #[test]
    fn cues_are_not_the_catalog_one_liner_again() {
        for e in Catalog::builtin().iter() {
            for cue in &e.cues {
                assert!(
                    !e.cue.contains(cue.as_str()),
                    "{}: cue copies the `cue` sentence: {cue}",
                    e.id
                );
            }
        }
    }

    #[test]
    fn heavy_technical_lifts_name_rounding_under_load() {
        let c = Catalog::builtin();
        let heavy: Vec<_> = c.iter().filter(|e| is_heavy_technical(e)).collect();
        // The set the rule is meant for; if the catalog's grades change, revisit the list.
        for id in [
            "deadlift",
            "romanian-deadlift",
            "rack-pull",
            "good-morning",
            "back-squat",
            "front-squat",
            "bent-over-row",
            "kettlebell-swing",
            "dumbbell-romanian-deadlift",
            "dumbbell-bent-over-row",
            "suitcase-deadlift",
        ] {
            assert!(
                heavy.iter().any(|e| e.id == id),
                "{id} is not classed heavy and technical"
            );
        }
        for e in heavy {
            let first = &e.faults[0];
            assert!(
                first.to_lowercase().contains("round") && first.contains("E-MCGILL-FLEXION"),
                "{}: first fault should be rounding under load citing E-MCGILL-FLEXION, got '{first}'",
                e.id
            );
        }
    }

    #[test]
    fn rule_ids_quoted_in_cues_and_faults_exist() {
        // The rulebook's ID prefixes (RULEBOOK.md) and the evidence prefix; "Y-T-W" is no rule.
        let prefixes = ["G", "S", "M", "P", "T", "A", "R", "PO", "GE", "W", "F", "E"];
        let mut quoted = 0;
        for e in Catalog::builtin().iter() {
            for text in e.cues.iter().chain(&e.faults) {
                for word in text.split(|c: char| !(c.is_ascii_uppercase() || c == '-')) {
                    let word = word.trim_matches('-');
                    let prefix = word.split('-').next().unwrap_or("");
                    if word.contains('-') && prefixes.contains(&prefix) {
                        quoted += 1;
                        assert!(
                            crate::rules::is_known(word),
                            "{}: unknown rule '{word}' in '{text}'",
                            e.id
                        );
                    }
                }
            }
        }
        assert!(
            quoted >= 11,
            "the heavy lifts quote E-MCGILL-FLEXION; found {quoted} IDs"
        );
    }

    #[test]
    fn unknown_id_in_a_cues_file_is_an_error_naming_it() {
        let mut c = Catalog::builtin();
        let text = "[bird-dog]\ncues = [\"a\", \"b\"]\nfaults = [\"c\"]\n\n[bird-cat]\ncues = [\"x\", \"y\"]\n";
        let e = c.apply_cues(text, "cues.toml").unwrap_err();
        assert_eq!(
            (e.file.as_str(), e.line, e.field.as_str()),
            ("cues.toml", 5, "id"),
            "{e}"
        );
        assert!(e.message.contains("'bird-cat'"), "{e}");
    }

    #[test]
    fn bad_cues_files_name_the_field() {
        let mut c = Catalog::builtin();
        let e = c
            .apply_cues("[plank]\ncues = [\"a\"]\nfault = [\"b\"]\n", "cues.toml")
            .unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (3, "fault"), "{e}");
        let e = c
            .apply_cues("[plank]\ncues = [\"a\", \"  \"]\n", "cues.toml")
            .unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (1, "cues"), "{e}");
        assert!(e.message.contains("entry 2 of 'plank'"), "{e}");
        let e = c
            .apply_cues("[plank]\ncues = \"just one\"\n", "cues.toml")
            .unwrap_err();
        assert_eq!(e.field, "cues", "{e}");
    }

    #[test]
    fn inline_cues_in_a_user_catalog_win_and_the_rest_is_filled() {
        let builtin = Catalog::builtin();
        let plank = builtin.get("plank").unwrap();
        let user = r#"
[[exercise]]
id = "plank"
name = "Plank, my way"
primary = ["abs"]
mechanic = "isolation"
pattern = "anti-extension"
level = "beginner"
technique = "low"
spinal_load = "low"
loading = "bodyweight"
dosing = "hold"
cues = ["Elbows under shoulders.", "Squeeze everything."]

[[exercise]]
id = "bird-dog"
name = "Bird dog, same again"
primary = ["spinal_erectors"]
mechanic = "isolation"
pattern = "extension"
level = "beginner"
technique = "low"
spinal_load = "low"
loading = "bodyweight"
dosing = "hold"
"#;
        let c = Catalog::builtin_with_overrides(user, "mine.toml").unwrap();
        let mine = c.get("plank").unwrap();
        assert_eq!(
            mine.cues,
            vec!["Elbows under shoulders.", "Squeeze everything."]
        );
        assert_eq!(
            mine.faults, plank.faults,
            "faults not given inline come from the built-in file"
        );
        assert_eq!(
            c.get("bird-dog").unwrap().cues,
            builtin.get("bird-dog").unwrap().cues
        );

        let json = r#"[{"id": "new-move", "name": "New move", "primary": ["abs"], "mechanic": "isolation",
            "pattern": "flexion", "level": "beginner", "technique": "low", "spinal_load": "low",
            "loading": "bodyweight", "dosing": "reps", "cues": ["One.", "Two."], "faults": ["Three."]}]"#;
        let c = Catalog::builtin_with_overrides(json, "mine.json").unwrap();
        assert_eq!(c.get("new-move").unwrap().faults, vec!["Three."]);
    }

    #[test]
    fn blank_inline_cue_is_rejected_at_its_exercise() {
        let user = "[[exercise]]\nid = \"x\"\nname = \"X\"\nprimary = [\"abs\"]\nmechanic = \"isolation\"\npattern = \"flexion\"\nlevel = \"beginner\"\ntechnique = \"low\"\nspinal_load = \"low\"\nloading = \"bodyweight\"\ndosing = \"reps\"\nfaults = [\"\"]\n";
        let e = Catalog::builtin_with_overrides(user, "mine.toml").unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (1, "faults"), "{e}");
    }

    #[test]
    fn catalog_json_carries_cues_and_faults() {
        let c = Catalog::builtin();
        let v = serde_json::to_value(c.get("deadlift").unwrap()).unwrap();
        assert!(v["cues"].as_array().is_some_and(|a| a.len() >= 2), "{v}");
        assert!(v["faults"].as_array().is_some_and(|a| !a.is_empty()), "{v}");
    }
}
