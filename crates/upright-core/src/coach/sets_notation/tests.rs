use super::*;
use proptest::prelude::*;

fn rep(reps: u32, load: Option<f64>) -> SetEntry {
    SetEntry {
        reps: Some(reps),
        load_kg: load,
        hold_s: None,
        rpe: None,
    }
}

fn hold_of(s: u32) -> SetEntry {
    SetEntry {
        reps: None,
        load_kg: None,
        hold_s: Some(s),
        rpe: None,
    }
}

fn kg(s: &str) -> Vec<SetEntry> {
    parse_sets(s, Unit::Kg).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn err(s: &str) -> String {
    parse_sets(s, Unit::Kg).expect_err(s).to_string()
}

#[test]
fn sets_x_reps_at_load() {
    assert_eq!(kg("3x5@100kg"), vec![rep(5, Some(100.0)); 3]);
    assert_eq!(kg("3x5@100"), vec![rep(5, Some(100.0)); 3]);
    assert_eq!(kg(" 3 X 5 @ 100 KG "), vec![rep(5, Some(100.0)); 3]);
    assert_eq!(kg("3×5@100kgs"), vec![rep(5, Some(100.0)); 3]);
}

#[test]
fn default_unit_applies_to_bare_loads_only() {
    let lb = parse_sets("3x5@225", Unit::Lb).unwrap();
    assert_eq!(lb[0].load_kg, Some(102.058));
    let kg_in_lb = parse_sets("3x5@100kg", Unit::Lb).unwrap();
    assert_eq!(kg_in_lb[0].load_kg, Some(100.0));
    assert_eq!(kg("3x5 @225lb")[0].load_kg, Some(102.058));
    assert_eq!(kg("3x5 @ 225 lbs").len(), 3);
}

#[test]
fn rep_list_with_shared_load() {
    assert_eq!(
        kg("5,5,4@100"),
        vec![
            rep(5, Some(100.0)),
            rep(5, Some(100.0)),
            rep(4, Some(100.0))
        ]
    );
    assert_eq!(kg("5, 5, 4 @100kg"), kg("5,5,4@100"));
    // An item's own load wins over the shared one.
    assert_eq!(
        kg("5@110,5,4@100"),
        vec![
            rep(5, Some(110.0)),
            rep(5, Some(100.0)),
            rep(4, Some(100.0))
        ]
    );
}

#[test]
fn load_x_reps_list() {
    assert_eq!(
        kg("100x5,100x5,95x6"),
        vec![rep(5, Some(100.0)), rep(5, Some(100.0)), rep(6, Some(95.0))]
    );
    // One unmistakable load makes the whole list load x reps.
    assert_eq!(
        kg("20x5,60x5,100x5"),
        vec![rep(5, Some(20.0)), rep(5, Some(60.0)), rep(5, Some(100.0))]
    );
    assert_eq!(kg("12.5x10,12.5x10"), vec![rep(10, Some(12.5)); 2]);
    assert_eq!(
        kg("10kgx12,10kgx12,8kgx12"),
        vec![rep(12, Some(10.0)), rep(12, Some(10.0)), rep(12, Some(8.0))]
    );
    assert_eq!(kg("100kgx5"), vec![rep(5, Some(100.0))]);
    assert_eq!(kg("100x5"), vec![rep(5, Some(100.0))]);
}

#[test]
fn set_groups_when_loads_are_after_at() {
    assert_eq!(kg("3x5,1x3@100").len(), 4);
    assert_eq!(kg("3x5@100,1x3@110")[3], rep(3, Some(110.0)));
    assert_eq!(kg("3x12@bw"), vec![rep(12, None); 3]);
    assert_eq!(kg("12x3@bw").len(), 12);
}

#[test]
fn holds() {
    assert_eq!(kg("3x10s"), vec![hold_of(10); 3]);
    assert_eq!(
        kg("30s,30s,25s"),
        vec![hold_of(30), hold_of(30), hold_of(25)]
    );
    assert_eq!(kg("2 x 45 secs"), vec![hold_of(45); 2]);
    // McGill pyramid: reps of 10 s holds.
    let pyramid = kg("6,4,2@10s");
    assert_eq!(
        pyramid
            .iter()
            .map(|e| (e.reps, e.hold_s))
            .collect::<Vec<_>>(),
        vec![
            (Some(6), Some(10)),
            (Some(4), Some(10)),
            (Some(2), Some(10))
        ]
    );
    assert_eq!(kg("3x6@10s").len(), 3);
    let weighted = kg("3x30s@10kg");
    assert_eq!(
        weighted[0],
        SetEntry {
            reps: None,
            load_kg: Some(10.0),
            hold_s: Some(30),
            rpe: None
        }
    );
    assert_eq!(
        kg("25x30s"),
        vec![SetEntry {
            reps: None,
            load_kg: Some(25.0),
            hold_s: Some(30),
            rpe: None
        }]
    );
}

#[test]
fn bodyweight_reps() {
    assert_eq!(kg("3x12"), vec![rep(12, None); 3]);
    assert_eq!(
        kg("12,10,8"),
        vec![rep(12, None), rep(10, None), rep(8, None)]
    );
    assert_eq!(kg("10x10").len(), 10);
    assert_eq!(kg("8"), vec![rep(8, None)]);
}

#[test]
fn rpe_notes_belong_to_their_item() {
    let v = kg("100x5,100x5,95x6@rpe9");
    assert_eq!(
        v.iter().map(|e| e.rpe).collect::<Vec<_>>(),
        vec![None, None, Some(9.0)]
    );
    assert!(kg("3x5@100kg@rpe8").iter().all(|e| e.rpe == Some(8.0)));
    assert!(kg("3x5@100kg rpe 8.5").iter().all(|e| e.rpe == Some(8.5)));
    assert!(kg("3x5 rpe8 @100")
        .iter()
        .all(|e| e.rpe == Some(8.0) && e.load_kg == Some(100.0)));
}

#[test]
fn errors_name_sets_and_show_an_example() {
    assert_eq!(
        err("3x"),
        "SETS: '3x' is missing the reps after 'x'; write e.g. 3x5@100kg"
    );
    for bad in [
        "",
        "  ",
        "3x",
        "3x5@",
        "x5",
        "abc",
        "5,,5",
        "3x5 100kg",
        "100kg",
        "3x100kg",
        "3x5@100kg@90kg",
        "3x5%",
        "30sx3",
    ] {
        let e = err(bad);
        assert!(e.starts_with("SETS: "), "{bad}: {e}");
        assert!(e.contains("write"), "{bad}: {e}");
    }
    assert!(err("3x5 100kg").contains("a load goes after '@'"));
    assert_eq!(err("100kg"), "SETS: '100kg' has a load '100kg' but no reps (5@100kg is 5 reps at that load); write e.g. 3x5@100kg");
    assert!(err("abc").contains("'abc'"));
}

#[test]
fn ambiguous_forms_are_errors_not_guesses() {
    let e = err("2x10,1x8");
    assert!(e.contains("ambiguous") && e.contains("10,10,8"), "{e}");
    let e = err("15x10");
    assert!(
        e.contains("ambiguous") && e.contains("15x10@bw") && e.contains("15kgx10"),
        "{e}"
    );
    assert!(err("100kgx5@100kg").contains("load twice"));
}

#[test]
fn limits_are_enforced() {
    assert!(err("3x101").contains("reps must be a whole number from 1 to 100"));
    assert!(err("3x0").contains("reps"));
    assert!(err("3x5.5").contains("reps"));
    assert!(err("21x5@100").contains("sets"));
    assert!(err("10x5@100,11x5@100").contains("at most 20"));
    assert!(err("3x601s").contains("hold"));
    assert!(err("3x5@1001kg").contains("load"));
    assert!(err("3x5@0").contains("load"));
    assert!(err("3x5@2205lb").contains("load"));
    assert!(err("3x5@100@rpe11").contains("RPE"));
    assert!(err("3x5@100@rpe8.3").contains("half steps"));
    assert_eq!(kg("3x5@1000kg")[0].load_kg, Some(1000.0));
    assert_eq!(kg("20x5@bw").len(), 20);
}

#[test]
fn mixing_is_refused() {
    assert!(err("5@100,5,4").contains("some sets but not to others"));
    assert!(err("5,30s").contains("mixes rep sets with holds"));
    assert_eq!(kg("5@bw,5@100").len(), 2);
}

#[test]
fn format_groups_and_round_trips() {
    let v = kg("3x5@100kg");
    assert_eq!(format_sets(&v), "3x5@100kg");
    assert_eq!(
        format_sets(&kg("100x5,100x5,95x6@rpe9")),
        "2x5@100kg,6@95kg@rpe9"
    );
    assert_eq!(format_sets(&kg("12,12,10")), "12,12,10");
    assert_eq!(format_sets(&kg("3x12")), "3x12");
    assert_eq!(format_sets(&kg("12x3@bw")), "3,3,3,3,3,3,3,3,3,3,3,3");
    assert_eq!(format_sets(&kg("6,4,2@10s")), "6@10s,4@10s,2@10s");
    assert_eq!(format_sets(&kg("3x10s")), "3x10s");
    assert_eq!(format_sets(&kg("5@bw,5@100")), "5@bw,5@100kg");
    assert_eq!(format_sets(&kg("3x5@225lb")), "3x5@102.058kg");
    assert_eq!(display_sets(&kg("3x5@225lb"), Unit::Lb), "3x5@225lb");
    for s in [
        "3x5@100kg",
        "100x5,100x5,95x6@rpe9",
        "12,12,10",
        "12x3@bw",
        "6,4,2@10s",
        "5@bw,5@100",
        "3x5@225lb",
    ] {
        let v = kg(s);
        assert_eq!(kg(&format_sets(&v)), v, "{s}");
        assert_eq!(
            parse_sets(&format_sets(&v), Unit::Lb).unwrap(),
            v,
            "{s} in lb"
        );
    }
}

#[test]
fn entries_serialize_with_field_names() {
    let json = serde_json::to_string(&rep(5, Some(100.0))).unwrap();
    assert_eq!(
        json,
        r#"{"reps":5,"load_kg":100.0,"hold_s":null,"rpe":null}"#
    );
}

/// Valid entry lists: all rep sets or all holds; loads to the gram; RPE in halves.
fn entries() -> impl Strategy<Value = Vec<SetEntry>> {
    let load = prop_oneof![
        Just(None),
        (1u32..=1_000_000).prop_map(|g| Some(f64::from(g) / 1000.0))
    ];
    let rpe = prop_oneof![
        Just(None),
        (2u32..=20).prop_map(|h| Some(f64::from(h) / 2.0))
    ];
    let kind = 0..3u8;
    (
        kind,
        prop::collection::vec((1u32..=100, 1u32..=600, load, rpe, any::<bool>()), 1..=20),
    )
        .prop_map(|(kind, raw)| {
            raw.into_iter()
                .map(|(r, h, load_kg, rpe, same)| {
                    // Repeat values often so grouping is exercised.
                    let r = if same { 5 } else { r };
                    match kind {
                        0 => SetEntry {
                            reps: Some(r),
                            load_kg,
                            hold_s: None,
                            rpe,
                        },
                        1 => SetEntry {
                            reps: None,
                            load_kg,
                            hold_s: Some(h),
                            rpe,
                        },
                        _ => SetEntry {
                            reps: Some(r),
                            load_kg,
                            hold_s: Some(if same { 10 } else { h }),
                            rpe,
                        },
                    }
                })
                .collect()
        })
}

/// Strings shaped like SETS, valid or not.
fn sets_like() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        "[0-9]{1,3}",
        "[0-9]{1,3}\\.[0-9]{1,2}",
        Just("x".to_string()),
        Just("@".to_string()),
        Just(",".to_string()),
        Just("kg".to_string()),
        Just("lb".to_string()),
        Just("s".to_string()),
        Just("bw".to_string()),
        Just("rpe".to_string()),
        Just(" ".to_string()),
    ];
    prop::collection::vec(atom, 1..12).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn format_then_parse_gives_the_same_entries(v in entries()) {
        let text = format_sets(&v);
        prop_assert_eq!(parse_sets(&text, Unit::Kg).map_err(|e| format!("{text}: {e}")), Ok(v.clone()));
        prop_assert_eq!(parse_sets(&text, Unit::Lb).map_err(|e| format!("{text}: {e}")), Ok(v));
    }

    #[test]
    fn parsed_strings_round_trip(s in sets_like(), lb in any::<bool>()) {
        let unit = if lb { Unit::Lb } else { Unit::Kg };
        if let Ok(v) = parse_sets(&s, unit) {
            prop_assert!(!v.is_empty() && v.len() <= 20);
            let text = format_sets(&v);
            prop_assert_eq!(parse_sets(&text, unit).map_err(|e| format!("{s} -> {text}: {e}")), Ok(v));
        }
    }

    #[test]
    fn parser_never_panics(s in ".{0,60}") {
        let _ = parse_sets(&s, Unit::Kg);
    }

    #[test]
    fn parser_never_panics_on_near_misses(s in sets_like()) {
        match parse_sets(&s, Unit::Lb) {
            Ok(_) => {}
            Err(e) => prop_assert!(e.to_string().starts_with("SETS: ")),
        }
    }
}
