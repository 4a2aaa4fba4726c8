//! The rulebook and evidence IDs (shared/RULEBOOK.md, shared/EVIDENCE.md).
//!
//! Plans cite these IDs for every choice; a plan citing an ID not listed here
//! is a defect (a property test guards it).

/// One citable rule or evidence fact: its ID and a one-line summary in our words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub summary: &'static str,
}

macro_rules! rules {
    ($($id:literal => $summary:literal,)+) => {
        /// Every citable ID, rulebook first, then evidence.
        pub const RULES: &[Rule] = &[$(Rule { id: $id, summary: $summary }),+];
    };
}

rules! {
    "G-GOALS" => "Goals blend: physique, strength, athletic, prevention, recovery, posture, general.",
    "G-NEED" => "How much back work follows from the goals; never one fixed routine.",
    "G-DESK" => "A desk job raises the priority of erectors, mid/upper back and core.",
    "G-LABOUR" => "Unless the person lifts heavy things daily at work, the back is assumed under-trained.",
    "S-ACUTE" => "Acute injury or severe pain: no plan, seek medical advice first.",
    "S-REDFLAG" => "Clinical red flags: urgent medical assessment, no plan.",
    "S-RECOVERY" => "Recovering back: low spinal load, endurance before load, slower progression.",
    "S-FORM" => "Good form and reasonable load; capped progression; technique before load.",
    "S-RISK" => "All movement carries some risk; an untrained back carries more.",
    "M-ERECTORS" => "Every plan trains the spinal erectors.",
    "M-CORE" => "Every plan trains abs and obliques; core strength comes before heavy back lifts.",
    "M-UPPER" => "Posture plans train the mid and upper back.",
    "M-MANY" => "A fully developed back needs many muscles targeted, some in isolation.",
    "P-BASE" => "Physique: isolation work on a base of compounds.",
    "P-VOLUME" => "Physique: volume from lighter work; heavy-compound volume is capped.",
    "P-ISO" => "Upper-back isolation: one-arm rows, reverse flies, face pulls.",
    "P-BOTH" => "Blend size and strength unless one alone is asked for.",
    "T-REPS" => "Heavy compounds, low reps for strength; lighter isolation, more reps for size.",
    "T-STRENGTH" => "Strength: heavy compounds, heavy weights, low reps.",
    "T-BEGINNER" => "Beginners: machines and floor work first; heavy barbell work waits.",
    "T-PULLUP" => "Pull-ups only if you can do them; otherwise a progression toward them.",
    "A-LINK" => "Athletic: back and core link upper and lower body; compounds suit most athletes.",
    "A-WEAK" => "Athletic: extra back work only where the back is a weak point.",
    "A-SPORT" => "Athletic: add movements that mimic the sport.",
    "A-PUSH" => "Pushing sports: add pulling work to restore balance.",
    "R-ENDURE" => "Prevention and recovery: build strength and endurance around the spine.",
    "PO-WHOLE" => "Posture: train the whole back, heavy-for-you compounds and bodyweight work.",
    "GE-BASIC" => "General strength: a basic, sufficient level, not maximal lifts.",
    "W-HOME" => "At home a mat is enough for floor work; strength needs resistance.",
    "W-GYM" => "Only the equipment the person has is used.",
    "F-ONEDAY" => "One heavy back day a week is usually enough.",
    "F-HOURS" => "Gym sessions only inside the gym's opening hours.",
    "E-NSCA-GOALS" => "NSCA: strength 1-6 reps 2-5 min rest; hypertrophy 6-12 reps 30-90 s; endurance 12+ reps.",
    "E-ACSM-LEVELS" => "ACSM: novices 8-12RM; intermediate/advanced 1-12RM periodised.",
    "E-ACSM-ENDURE" => "ACSM: endurance 10-25 reps, rest under 90 s.",
    "E-PROGRESS" => "Add 2-10% load after 1-2 reps over target; NSCA 2-for-2.",
    "E-FREQ" => "Training a muscle twice a week beats once for growth.",
    "E-MESOCYCLE" => "A block starts near the minimum effective volume, adds 1-2 sets a week, then deloads to about half.",
    "E-WARMUP" => "5-10 min of light activity, then ramp sets of the lift (about 50% x 5, 70% x 3, 85% x 1).",
    "E-VOLUME" => "More weekly sets, more growth; 10-20 sets practical, ~4 a working minimum.",
    "E-LANDMARKS" => "Back: maintenance 6-8, minimum effective ~10, productive 14-22 sets a week.",
    "E-MCGILL-BIG3" => "Curl-up, side bridge, bird dog for spine stability.",
    "E-MCGILL-PYRAMID" => "Big 3 dosing: ~10 s holds in a descending pyramid; progress by reps.",
    "E-MCGILL-FLEXION" => "Avoid repeated loaded flexion, especially soon after waking.",
    "E-EXERCISE-LBP" => "Exercise therapy helps chronic non-specific low back pain.",
    "E-PAIN-MONITOR" => "Pain 0-2 safe, 3-5 acceptable, above 5 not; worse next morning: reduce load.",
    "E-REDFLAGS" => "Cauda equina signs: emergency; cancer, fever, trauma and others: urgent.",
    "E-POSTURE" => "No promise that posture prevents pain; strengthening reduces kyphosis.",
    "E-PULLPUSH" => "Pull:push set ratio 1:1 to 2:1 (practice, not trial).",
    "E-1RM" => "Estimated 1RM: Epley, Brzycki, Lombardi; unreliable above ~12 reps.",
    "E-RPE" => "RPE by reps in reserve: RPE 10 = 0 RIR.",
    "E-RTS" => "%1RM for reps + RIR (RTS chart).",
    "E-SETTIME" => "Set time ~3 s a rep + 5 s set-up + rest between sets.",
    "E-MCGILL-ENDURANCE" => "Torso endurance battery: norms by sex; flexion:extension < 1.0, right:left within 0.05, side:extension < 0.75.",
    "E-BIERING-SORENSEN" => "Poor back-extensor endurance predicted first-time low back trouble; the hold stops at 240 s.",
}

/// Looks a rule up by ID.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// True when `id` is a rulebook or evidence ID.
pub fn is_known(id: &str) -> bool {
    find(id).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        assert_eq!(RULES.len(), 55);
        assert!(is_known("S-REDFLAG") && is_known("E-RTS") && !is_known("X-NOPE"));
    }
}
