//! The error table's codes, families and messages.

use super::*;

#[test]
fn codes_are_dotted_and_listed() {
    let samples = [Error::InvalidId("a b".into()), Error::UnknownMission("m1".into()), Error::TruncatedLine(3)];
    for e in samples {
        assert!(Error::CODES.contains(&e.code()), "{} not listed", e.code());
        assert_eq!(e.code().split('.').count(), 3);
    }
    let mut sorted = Error::CODES.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), Error::CODES.len(), "duplicate code");
}

#[test]
fn every_code_has_one_family_and_every_family_has_codes() {
    for code in Error::CODES {
        let families = Error::FAMILIES.iter().filter(|f| f.name == family_of(code)).count();
        assert_eq!(families, 1, "{code}");
    }
    for family in Error::FAMILIES {
        assert!(Error::CODES.iter().any(|c| family_of(c) == family.name), "{} has no code", family.name);
        assert!(family.python_class.ends_with("Error") && !family.doc.ends_with('.'), "{}", family.name);
    }
}

#[test]
fn variants_sharing_a_code_agree_on_its_input_flag() {
    for (code, input) in VARIANT_CODES {
        assert_eq!(Error::is_input_code(code), *input, "{code}");
    }
    assert_eq!(
        Error::CODES.len(),
        VARIANT_CODES.len() - 1,
        "one code, `journal.sequence.invalid`, serves two variants"
    );
}

#[test]
fn input_errors_by_family() {
    let input = |name: &str| Error::FAMILIES.iter().find(|f| f.name == name).map(Family::input);
    assert_eq!(input("money"), Some(FamilyInput::All));
    assert_eq!(input("journal"), Some(FamilyInput::All));
    assert_eq!(input("policy"), Some(FamilyInput::Some));
    assert_eq!(input("auth"), Some(FamilyInput::None));
    assert!(Error::InvalidRate { what: "rate".into(), rate: "2".into() }.is_input_error());
    assert!(!Error::MissionNotWon("m".into()).is_input_error());
    // A replayed error is classed as the live one was.
    let replayed = Error::Replay { seq: 2, source: Box::new(Error::NoContribution) };
    assert!(replayed.is_input_error());
    assert_eq!(replayed.family(), "contract");
}

#[test]
fn replay_error_keeps_the_underlying_code() {
    let e = Error::Replay { seq: 4, source: Box::new(Error::UnknownActor("x".into())) };
    assert_eq!(e.code(), "actor.id.unknown");
    assert!(e.to_string().contains("event 4"));
}
