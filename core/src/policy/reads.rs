//! The built-in policies by name, and which columns of missions each reads:
//! a columnar reader (Arrow, a binding) reads only those, so a column a
//! policy never reads is neither required nor checked.

use super::batch::{BuiltinPolicy, NegotiationColumns};
use super::{BehaviourModel, NegotiationStage};
use crate::labels::Labelled;
use crate::error::{Error, Result};

/// The optional groups of columns a set of built-in policies reads, beyond
/// what every policy reads (revenue, the day won, donations).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reads {
    /// The guide's inputs: lead origin, partners, shared resources, steward
    /// workstream, client informed.
    pub guide: bool,
    /// The declared contribution.
    pub declared: bool,
    /// The negotiation: state, amount, offers, day concluded.
    pub negotiation: bool,
}

impl Reads {
    /// Every column (what a comparison of all four policies reads).
    pub const ALL: Reads = Reads { guide: true, declared: true, negotiation: true };

    /// What `policies` read together.
    pub fn of(policies: &[BuiltinPolicy]) -> Reads {
        policies.iter().fold(Reads::default(), |r, p| r.with(p.reads()))
    }

    /// What both read.
    pub fn with(self, other: Reads) -> Reads {
        Reads {
            guide: self.guide | other.guide,
            declared: self.declared | other.declared,
            negotiation: self.negotiation | other.negotiation,
        }
    }
}

/// The names [`BuiltinPolicy::from_name`] takes, in the order of [`BuiltinPolicy::ALL`].
pub const POLICY_NAMES: [&str; 4] = ["flat", "guide", "self_assessed", "negotiated"];

impl BuiltinPolicy {
    /// The built-in policy named `name` (`flat`, `guide`, `self_assessed`,
    /// `negotiated`), the last two with the behaviour model `model` if any
    /// (the flat and guide policies have none to take).
    ///
    /// # Errors
    /// `input.label.unknown` for any other name; `policy.rate.invalid` for a
    /// behaviour model whose factors are outside 0..=1.
    pub fn from_name(name: &str, model: Option<BehaviourModel>) -> Result<BuiltinPolicy> {
        if let Some(m) = &model {
            m.check()?;
        }
        match name {
            "flat" => Ok(BuiltinPolicy::Flat),
            "guide" => Ok(BuiltinPolicy::Guide),
            "self_assessed" => Ok(BuiltinPolicy::SelfAssessed(model)),
            "negotiated" => Ok(BuiltinPolicy::Negotiated(model)),
            other => {
                Err(Error::UnknownLabel { what: "policy", value: other.to_owned(), expected: POLICY_NAMES.join(", ") })
            }
        }
    }

    /// The columns the policy reads: the flat rate none beyond revenue and
    /// day; the guide its inputs; self-assessment the declaration and, for
    /// its suggestion, the guide's inputs; negotiation its columns, and the
    /// guide's inputs only when a behaviour model stands in (from the guide's
    /// suggestion).
    pub fn reads(&self) -> Reads {
        match self {
            BuiltinPolicy::Flat => Reads::default(),
            BuiltinPolicy::Guide => Reads { guide: true, ..Reads::default() },
            BuiltinPolicy::SelfAssessed(_) => Reads { guide: true, declared: true, negotiation: false },
            BuiltinPolicy::Negotiated(model) => Reads { guide: model.is_some(), declared: false, negotiation: true },
        }
    }
}

impl NegotiationColumns<'_> {
    /// The code of a negotiation state's label (`not_opened`, `open`,
    /// `agreed`, `stalemate`): the position of its [`NegotiationStage`].
    ///
    /// # Errors
    /// `input.label.unknown` for any other label.
    pub fn status_from_label(label: &str) -> Result<u8> {
        // Four stages: the position always fits a byte.
        Ok(NegotiationStage::from_label(label)?.index() as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_gives_its_policy_and_no_other_name_does() {
        let model = Some(BehaviourModel::default());
        for (name, policy) in POLICY_NAMES.iter().zip(BuiltinPolicy::ALL) {
            assert_eq!(BuiltinPolicy::from_name(name, None).unwrap(), policy);
            assert_eq!(BuiltinPolicy::from_name(name, None).unwrap().name(), *name);
        }
        assert_eq!(BuiltinPolicy::from_name("negotiated", model).unwrap(), BuiltinPolicy::Negotiated(model));
        let e = BuiltinPolicy::from_name("Flat", None).unwrap_err();
        assert_eq!(e.code(), "input.label.unknown");
        assert_eq!(e.to_string(), "unknown policy `Flat`; expected one of: flat, guide, self_assessed, negotiated");
        let bad = BehaviourModel { declared_share_of_guide: rust_decimal::Decimal::TWO, ..BehaviourModel::default() };
        assert_eq!(BuiltinPolicy::from_name("self_assessed", Some(bad)).unwrap_err().code(), "policy.rate.invalid");
    }

    #[test]
    fn each_policy_reads_what_its_rule_uses() {
        let model = Some(BehaviourModel::default());
        assert_eq!(BuiltinPolicy::Flat.reads(), Reads::default());
        assert_eq!(BuiltinPolicy::Guide.reads(), Reads { guide: true, declared: false, negotiation: false });
        assert_eq!(
            BuiltinPolicy::SelfAssessed(None).reads(),
            Reads { guide: true, declared: true, negotiation: false }
        );
        assert_eq!(BuiltinPolicy::Negotiated(None).reads(), Reads { guide: false, declared: false, negotiation: true });
        assert_eq!(BuiltinPolicy::Negotiated(model).reads(), Reads { guide: true, declared: false, negotiation: true });
        assert_eq!(Reads::of(&BuiltinPolicy::ALL), Reads::ALL);
        assert_eq!(Reads::of(&[]), Reads::default());
    }

    #[test]
    fn negotiation_states_read_by_label() {
        assert_eq!(NegotiationColumns::status_from_label("not_opened").unwrap(), NegotiationColumns::NOT_OPENED);
        assert_eq!(NegotiationColumns::status_from_label("open").unwrap(), NegotiationColumns::OPEN);
        assert_eq!(NegotiationColumns::status_from_label("agreed").unwrap(), NegotiationColumns::AGREED);
        assert_eq!(NegotiationColumns::status_from_label("stalemate").unwrap(), NegotiationColumns::STALEMATE);
        let e = NegotiationColumns::status_from_label("closed").unwrap_err();
        assert_eq!(e.code(), "input.label.unknown");
        assert_eq!(
            e.to_string(),
            "unknown negotiation state `closed`; expected one of: not_opened, open, agreed, stalemate"
        );
    }
}
