//! From an app's exercise name to a catalog ID.
//!
//! In order, first hit wins:
//! 1. the person's own mappings, then the alias table (`data/aliases.toml`),
//!    on the normalised name;
//! 2. the catalog's IDs and names (with and without their own parentheses);
//! 3. for `Base (Equipment)`: `equipment base` and then `base`, through the
//!    alias table and the catalog, kept only when the catalog exercise uses
//!    that equipment (so `Reverse Fly (Cable)` does not become the dumbbell
//!    reverse fly, whose loads differ).
//!
//! Normalised means: lower case, accents folded, apostrophes dropped, other
//! punctuation as spaces, a plural `s`/`es` dropped from each word, and then
//! the spaces removed ("Pull-Ups", "pull ups" and "Pullup" are one name).
//!
//! A name that maps to nothing stays unmapped: the caller keeps it as the
//! person's own exercise, and a later mapping re-points it.

use crate::catalog::Catalog;
use crate::vocab::{Equipment, Loading};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The alias table shipped with upright.
pub const BUILTIN_ALIASES_TOML: &str = include_str!("../../data/aliases.toml");

/// An alias file that failed to load or names an ID the catalog lacks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {field}: {message}")]
pub struct AliasError {
    pub file: String,
    pub field: String,
    pub message: String,
}

/// App name → catalog ID, keyed by the normalised name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AliasTable {
    map: BTreeMap<String, (String, String)>,
}

impl AliasTable {
    /// The built-in table. It is tested to load and to name only catalog IDs.
    pub fn builtin() -> AliasTable {
        AliasTable::from_toml(BUILTIN_ALIASES_TOML, "<built-in aliases>")
            .expect("built-in aliases are valid (tested)")
    }

    /// Parses `[alias]` `"App Name" = "catalog-id"` lines.
    pub fn from_toml(text: &str, file: &str) -> Result<AliasTable, AliasError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            #[serde(default)]
            alias: BTreeMap<String, String>,
        }
        let raw: Raw = toml::from_str(text).map_err(|e| AliasError {
            file: file.into(),
            field: "alias".into(),
            message: e.message().to_string(),
        })?;
        let mut table = AliasTable::default();
        for (name, id) in raw.alias {
            let key = normalise(&name);
            if key.is_empty() {
                return Err(AliasError {
                    file: file.into(),
                    field: name,
                    message: "has no letters or digits".into(),
                });
            }
            if let Some((other, other_id)) = table.map.get(&key) {
                if *other_id != id {
                    return Err(AliasError {
                        file: file.into(),
                        field: name.clone(),
                        message: format!(
                            "reads the same as '{other}', which maps to '{other_id}', not '{id}'"
                        ),
                    });
                }
            }
            table.map.insert(key, (name, id));
        }
        Ok(table)
    }

    /// Adds or replaces one mapping (a person's `import map NAME ID`).
    pub fn insert(&mut self, name: &str, id: &str) {
        self.map
            .insert(normalise(name), (name.to_string(), id.to_string()));
    }

    /// Every ID must be in the catalog; the error names the first that is not.
    pub fn check(&self, catalog: &Catalog, file: &str) -> Result<(), AliasError> {
        for (name, id) in self.map.values() {
            if catalog.get(id).is_none() {
                let hint = catalog.suggest(id);
                let hint = if hint.is_empty() {
                    String::new()
                } else {
                    format!("; did you mean {}?", hint.join(", "))
                };
                return Err(AliasError {
                    file: file.into(),
                    field: name.clone(),
                    message: format!("'{id}' is not a catalog ID{hint}"),
                });
            }
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// (name as written, ID) pairs, in normalised-name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.values().map(|(n, i)| (n.as_str(), i.as_str()))
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(|(_, id)| id.as_str())
    }
}

/// How a name was mapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchedBy {
    /// The person's own mapping.
    User,
    /// The alias table.
    Alias,
    /// A catalog ID or name.
    Catalog,
    /// A catalog ID or name once the equipment suffix was read.
    Equipment,
}

/// The result of mapping one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// The catalog ID, or None: keep the name as the person's own exercise.
    pub id: Option<String>,
    pub by: Option<MatchedBy>,
    /// The name says "assisted": its weight is assistance (Strong writes it
    /// as a positive number), to be stored as such and never as added load.
    pub assisted: bool,
}

#[derive(Debug, Clone)]
struct Known {
    equipment: Vec<Equipment>,
    bodyweight: bool,
}

/// Maps app exercise names onto one catalog.
#[derive(Debug, Clone)]
pub struct ExerciseMatcher {
    user: AliasTable,
    aliases: AliasTable,
    /// Normalised catalog ID/name → ID; None where two exercises read the same.
    keys: BTreeMap<String, Option<String>>,
    known: BTreeMap<String, Known>,
}

impl ExerciseMatcher {
    /// A matcher over `catalog` with the built-in aliases.
    pub fn new(catalog: &Catalog) -> ExerciseMatcher {
        ExerciseMatcher::with_aliases(catalog, AliasTable::builtin(), AliasTable::default())
    }

    /// With explicit tables; `user` (the person's mappings) wins over `aliases`.
    /// Entries naming an ID the catalog lacks are ignored here (see [`AliasTable::check`]).
    pub fn with_aliases(
        catalog: &Catalog,
        aliases: AliasTable,
        user: AliasTable,
    ) -> ExerciseMatcher {
        let mut keys: BTreeMap<String, Option<String>> = BTreeMap::new();
        let mut add = |key: String, id: &str| {
            if key.is_empty() {
                return;
            }
            keys.entry(key)
                .and_modify(|v| {
                    if v.as_deref() != Some(id) {
                        *v = None;
                    }
                })
                .or_insert_with(|| Some(id.to_string()));
        };
        let mut known = BTreeMap::new();
        for ex in catalog.iter() {
            add(normalise(&ex.id), &ex.id);
            add(normalise(&ex.name), &ex.id);
            if let Some((base, _)) = split_suffix(&ex.name) {
                add(normalise(base), &ex.id);
            }
            let equipment = ex
                .equipment
                .iter()
                .flat_map(|n| n.options().iter().copied())
                .collect();
            known.insert(
                ex.id.clone(),
                Known {
                    equipment,
                    bodyweight: ex.loading == Loading::Bodyweight,
                },
            );
        }
        ExerciseMatcher {
            user,
            aliases,
            keys,
            known,
        }
    }

    /// Maps one exercise name as the app wrote it.
    pub fn resolve(&self, name: &str) -> Mapping {
        let assisted = normalised_words(name)
            .iter()
            .any(|w| w == "assisted" || w == "assist");
        let found = self.find(name);
        Mapping {
            id: found.as_ref().map(|(id, _)| id.clone()),
            by: found.map(|(_, by)| by),
            assisted,
        }
    }

    fn find(&self, name: &str) -> Option<(String, MatchedBy)> {
        let key = normalise(name);
        if key.is_empty() {
            return None;
        }
        if let Some(id) = self
            .user
            .get(&key)
            .filter(|id| self.known.contains_key(*id))
        {
            return Some((id.to_string(), MatchedBy::User));
        }
        if let Some(id) = self
            .aliases
            .get(&key)
            .filter(|id| self.known.contains_key(*id))
        {
            return Some((id.to_string(), MatchedBy::Alias));
        }
        if let Some(Some(id)) = self.keys.get(&key) {
            return Some((id.clone(), MatchedBy::Catalog));
        }
        let (base, suffix) = split_suffix(name)?;
        let fits = equipment_word(suffix)?;
        let tries = [format!("{} {base}", fits.prefix()), base.to_string()];
        for attempt in &tries {
            let key = normalise(attempt);
            let hit = self
                .user
                .get(&key)
                .or_else(|| self.aliases.get(&key))
                .or_else(|| self.keys.get(&key).and_then(|v| v.as_deref()));
            if let Some(id) = hit.filter(|id| self.uses(id, fits)) {
                return Some((id.to_string(), MatchedBy::Equipment));
            }
        }
        None
    }

    fn uses(&self, id: &str, fits: Fits) -> bool {
        self.known.get(id).is_some_and(|k| match fits {
            Fits::Bodyweight => k.bodyweight,
            Fits::Any(options) => options.iter().any(|e| k.equipment.contains(e)),
        })
    }
}

/// What an equipment suffix says.
#[derive(Debug, Clone, Copy)]
enum Fits {
    Any(&'static [Equipment]),
    Bodyweight,
}

impl Fits {
    /// The word catalog names put first ("Dumbbell shrug").
    fn prefix(self) -> &'static str {
        match self {
            Fits::Bodyweight => "bodyweight",
            Fits::Any([Equipment::Barbell, ..]) => "barbell",
            Fits::Any([Equipment::Dumbbells, ..]) => "dumbbell",
            Fits::Any([Equipment::Kettlebell, ..]) => "kettlebell",
            Fits::Any([Equipment::Cable, ..]) => "cable",
            Fits::Any([Equipment::Machines, ..]) => "machine",
            Fits::Any([Equipment::Bands, ..]) => "band",
            Fits::Any(_) => "",
        }
    }
}

/// The equipment a suffix names; None for suffixes that change the exercise
/// (assisted, weighted, Smith machine, a grip, a brand).
fn equipment_word(suffix: &str) -> Option<Fits> {
    use Equipment as E;
    Some(match normalise(suffix).as_str() {
        "barbell" | "bar" | "barra" | "ezbar" => Fits::Any(&[E::Barbell]),
        "dumbbell" | "mancuerna" | "dambil" => Fits::Any(&[E::Dumbbells]),
        "kettlebell" => Fits::Any(&[E::Kettlebell]),
        "cable" | "polea" => Fits::Any(&[E::Cable]),
        "machine" | "maquina" | "plateloaded" => Fits::Any(&[E::Machines]),
        "band" | "resistanceband" => Fits::Any(&[E::Bands]),
        "bodyweight" => Fits::Bodyweight,
        _ => return None,
    })
}

/// `"Lat Pulldown (Cable)"` → `("Lat Pulldown", "Cable")`.
fn split_suffix(name: &str) -> Option<(&str, &str)> {
    let name = name.trim();
    let inner = name.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let base = inner[..open].trim();
    (!base.is_empty()).then(|| (base, inner[open + 1..].trim()))
}

/// The words of a name: lower case, accents folded, apostrophes dropped,
/// other punctuation a separator, plurals singular.
fn normalised_words(name: &str) -> Vec<String> {
    let mut folded = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            '\'' | '’' | '`' => {}
            c if c.is_alphanumeric() => folded.push(fold_char(c)),
            _ => folded.push(' '),
        }
    }
    folded.split_whitespace().map(singular).collect()
}

/// The matching key of a name (see the module docs).
pub fn normalise(name: &str) -> String {
    normalised_words(name).concat()
}

fn singular(w: &str) -> String {
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..n - 3]);
    }
    for ending in ["ches", "shes", "sses", "xes"] {
        if n > ending.len() + 1 && w.ends_with(ending) {
            return w[..n - 2].to_string();
        }
    }
    if n > 2 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return w[..n - 1].to_string();
    }
    w.to_string()
}

fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ą' | 'ă' => 'a',
        'ç' | 'č' | 'ć' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ğ' => 'g',
        'ş' | 'ś' | 'š' | 'ș' => 's',
        'ł' => 'l',
        'ř' => 'r',
        'ž' | 'ź' | 'ż' => 'z',
        'ț' => 't',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> ExerciseMatcher {
        ExerciseMatcher::new(&Catalog::builtin())
    }

    fn id(m: &ExerciseMatcher, name: &str) -> Option<String> {
        m.resolve(name).id
    }

    #[test]
    fn builtin_aliases_name_only_catalog_ids() {
        let table = AliasTable::builtin();
        assert!(table.len() > 80);
        table.check(&Catalog::builtin(), "aliases.toml").unwrap();
    }

    #[test]
    fn normalising_ignores_case_punctuation_accents_and_plurals() {
        assert_eq!(normalise("Pull-Ups"), "pullup");
        assert_eq!(normalise("pull ups"), "pullup");
        assert_eq!(normalise("Pullup"), "pullup");
        assert_eq!(normalise("Farmer's Walk"), normalise("Farmers walk"));
        assert_eq!(normalise("Hyperextensions"), "hyperextension");
        assert_eq!(normalise("Cable Crunches"), "cablecrunch");
        assert_eq!(normalise("Reverse Flies"), "reversefly");
        assert_eq!(normalise("Jalón al Pecho"), "jalonalpecho");
        assert_eq!(normalise("Press"), "press");
        assert_eq!(normalise("  ()- "), "");
    }

    #[test]
    fn the_issue_names_map() {
        let m = matcher();
        for (name, want) in [
            ("Deadlift (Barbell)", "deadlift"),
            ("Bent Over Row (Barbell)", "bent-over-row"),
            ("Lat Pulldown (Cable)", "lat-pulldown"),
            ("Face Pull (Cable)", "face-pull"),
            ("Pull Up", "pull-up"),
            ("Plank", "plank"),
            ("Back Extension", "back-extension"),
        ] {
            assert_eq!(id(&m, name).as_deref(), Some(want), "{name}");
        }
    }

    #[test]
    fn matching_by_catalog_name_and_equipment_suffix() {
        let m = matcher();
        // Catalog names and IDs, any spelling.
        assert_eq!(m.resolve("goblet squat").by, Some(MatchedBy::Catalog));
        assert_eq!(id(&m, "GOBLET-SQUATS").as_deref(), Some("goblet-squat"));
        assert_eq!(id(&m, "Side Plank").as_deref(), Some("side-plank"));
        assert_eq!(
            id(&m, "Hanging Leg Raises").as_deref(),
            Some("hanging-leg-raise")
        );
        // The suffix read as equipment, put first as catalog names do.
        let shrug = m.resolve("Trap Shrug (Kettlebell)");
        assert_eq!(shrug.id, None, "no such catalog name");
        assert_eq!(
            id(&m, "Kettlebell Swing (Kettlebell)").as_deref(),
            Some("kettlebell-swing")
        );
        assert_eq!(
            id(&m, "Pallof Press (Cable)").as_deref(),
            Some("pallof-press")
        );
        assert_eq!(
            id(&m, "Straight-Arm Pulldown (Band)").as_deref(),
            Some("straight-arm-pulldown")
        );
        assert_eq!(
            m.resolve("Band Pull-Apart (Band)").by,
            Some(MatchedBy::Equipment)
        );
        // A suffix that does not fit the catalog exercise leaves the name unmapped.
        assert_eq!(
            id(&m, "Reverse Fly (Cable)"),
            None,
            "the catalog's reverse fly is dumbbells"
        );
        assert_eq!(id(&m, "Deadlift (Smith Machine)"), None);
        assert_eq!(id(&m, "Deadlift (Dumbbell)"), None);
        assert_eq!(
            id(&m, "Plank (Weighted)"),
            None,
            "weighted changes the exercise"
        );
    }

    #[test]
    fn unknown_and_localised_names_stay_unmapped() {
        let m = matcher();
        for name in [
            "Bench Press (Barbell)",
            "Ring dip",
            "Lower Back",
            "",
            "((()))",
            "Squat (Smith Machine)",
        ] {
            let r = m.resolve(name);
            assert_eq!((r.id, r.by), (None, None), "{name}");
        }
        // Spanish names seen in real exports are listed.
        assert_eq!(id(&m, "Peso Muerto (Barra)").as_deref(), Some("deadlift"));
        assert_eq!(
            id(&m, "Jalon al pecho (cable)").as_deref(),
            Some("lat-pulldown")
        );
    }

    #[test]
    fn assisted_names_are_marked() {
        let m = matcher();
        let r = m.resolve("Chin Up (Assisted)");
        assert_eq!(r.id.as_deref(), Some("assisted-pull-up"));
        assert!(r.assisted);
        assert!(!m.resolve("Pull Up").assisted);
        assert!(m.resolve("Assisted Dip").assisted);
    }

    #[test]
    fn the_persons_mapping_wins() {
        let catalog = Catalog::builtin();
        let mut user = AliasTable::default();
        user.insert("Deadlift (Barbell)", "rack-pull");
        user.insert("Ring dip", "no-such-id");
        let m = ExerciseMatcher::with_aliases(&catalog, AliasTable::builtin(), user.clone());
        assert_eq!(
            m.resolve("deadlift (barbell)"),
            Mapping {
                id: Some("rack-pull".into()),
                by: Some(MatchedBy::User),
                assisted: false
            }
        );
        assert_eq!(id(&m, "Ring dip"), None, "an unknown ID is ignored");
        let err = user.check(&catalog, "mine").unwrap_err();
        assert_eq!(err.field, "Ring dip");
        assert!(
            err.message.contains("'no-such-id' is not a catalog ID"),
            "{err}"
        );
    }

    #[test]
    fn alias_files_are_checked() {
        let err = AliasTable::from_toml(
            "[alias]\n\"Pull Up\" = \"pull-up\"\n\"pull-ups\" = \"chin-up\"\n",
            "f",
        )
        .unwrap_err();
        assert!(err.message.contains("reads the same as"), "{err}");
        let err = AliasTable::from_toml("[aliases]\n", "f").unwrap_err();
        assert_eq!(err.field, "alias");
        assert!(AliasTable::from_toml("", "f").unwrap().is_empty());
    }
}
