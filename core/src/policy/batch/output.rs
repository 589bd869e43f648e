//! The built-in policies a batch evaluates, the columns of its results,
//! and the explanation patterns that stand for each row's steps.

use super::PRICED;
#[cfg(doc)]
use super::{COMPUTED, DECLARED, MODELLED, NEGOTIATED, NO_SITUATION, PENDING, STALEMATE, UNDECLARED};
use crate::error::Result;
use crate::labels::Labelled;
use crate::policy::explanation::MAX_STEPS;
use crate::policy::facts::MissionFacts;
use crate::policy::params::Parameters;
use crate::policy::{Assessment, BehaviourModel, ContributionPolicy, FlatRate, GuideRate, Negotiated, SelfAssessed};

// ---- policies and outputs --------------------------------------------------------------

/// One of the four built-in policies, for columnar evaluation.
///
/// It is also a [`ContributionPolicy`] (it evaluates like the policy it names),
/// so one list of policies serves both paths of [`crate::policy::compare`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuiltinPolicy {
    /// [`FlatRate`].
    Flat,
    /// [`GuideRate`].
    Guide,
    /// [`SelfAssessed`] with its optional behaviour model.
    SelfAssessed(Option<BehaviourModel>),
    /// [`Negotiated`] with its optional behaviour model.
    Negotiated(Option<BehaviourModel>),
}

impl BuiltinPolicy {
    /// The four policies without behaviour model.
    pub const ALL: [BuiltinPolicy; 4] =
        [BuiltinPolicy::Flat, BuiltinPolicy::Guide, BuiltinPolicy::SelfAssessed(None), BuiltinPolicy::Negotiated(None)];

    /// The name of the per-mission policy (`flat`, `guide`, `self_assessed`,
    /// `self_assessed_modelled`, `negotiated`, `negotiated_modelled`).
    pub fn name(&self) -> &'static str {
        match self {
            BuiltinPolicy::Flat => "flat",
            BuiltinPolicy::Guide => "guide",
            BuiltinPolicy::SelfAssessed(None) => "self_assessed",
            BuiltinPolicy::SelfAssessed(Some(_)) => "self_assessed_modelled",
            BuiltinPolicy::Negotiated(None) => "negotiated",
            BuiltinPolicy::Negotiated(Some(_)) => "negotiated_modelled",
        }
    }

    /// Every explanation pattern the policy can produce, in pattern-id order
    /// (the same list as [`BatchOutput::patterns`]).
    pub fn patterns(&self) -> Vec<Vec<&'static str>> {
        Patterns::new(self).codes
    }

    pub(super) fn kind(&self) -> Kind {
        match self {
            BuiltinPolicy::Flat => Kind::Flat,
            BuiltinPolicy::Guide => Kind::Guide,
            BuiltinPolicy::SelfAssessed(m) => Kind::SelfAssessed(*m),
            BuiltinPolicy::Negotiated(m) => Kind::Negotiated(*m),
        }
    }
}

impl ContributionPolicy for BuiltinPolicy {
    fn name(&self) -> &str {
        BuiltinPolicy::name(self)
    }

    fn identity(&self) -> String {
        match self {
            BuiltinPolicy::Flat => FlatRate.identity(),
            BuiltinPolicy::Guide => GuideRate.identity(),
            BuiltinPolicy::SelfAssessed(model) => SelfAssessed { model: *model }.identity(),
            BuiltinPolicy::Negotiated(model) => Negotiated { model: *model }.identity(),
        }
    }

    fn evaluate(&self, m: &MissionFacts, params: &Parameters) -> Result<Assessment> {
        match self {
            BuiltinPolicy::Flat => FlatRate.evaluate(m, params),
            BuiltinPolicy::Guide => GuideRate.evaluate(m, params),
            BuiltinPolicy::SelfAssessed(model) => SelfAssessed { model: *model }.evaluate(m, params),
            BuiltinPolicy::Negotiated(model) => Negotiated { model: *model }.evaluate(m, params),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    Flat,
    Guide,
    SelfAssessed(Option<BehaviourModel>),
    Negotiated(Option<BehaviourModel>),
}

/// The results of a batch: one value per row in each column vector.
///
/// `due_cents` is 0 where the status is not [`PRICED`]; `situation` is a
/// code into `situation_ids` ([`NO_SITUATION`] when the policy used no
/// situation: always under the flat policy, and under the negotiated policy
/// unless the behaviour model priced the row); `explanation` is a pattern id
/// into `patterns`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchOutput {
    /// The amount due in cents (0 unless priced).
    pub due_cents: Vec<i64>,
    /// [`PRICED`], [`PENDING`], [`UNDECLARED`] or [`STALEMATE`].
    pub status: Vec<u8>,
    /// [`COMPUTED`], [`DECLARED`], [`NEGOTIATED`] or [`MODELLED`].
    pub provenance: Vec<u8>,
    /// The situation the policy used, as a code into `situation_ids`.
    pub situation: Vec<u16>,
    /// The in-kind credit in cents (only the guide policy grants one).
    pub in_kind_cents: Vec<i64>,
    /// The explanation pattern of each row, an index into `patterns`.
    pub explanation: Vec<u16>,
    /// The step codes of every pattern the policy can produce (some may not
    /// occur in this batch).
    pub patterns: Vec<Vec<&'static str>>,
    /// The situation dictionary: see [`situation_dictionary`].
    pub situation_ids: Vec<String>,
}

impl BatchOutput {
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.due_cents.len()
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.due_cents.is_empty()
    }

    /// The explanation step codes of row `row`.
    pub fn codes(&self, row: usize) -> Option<&[&'static str]> {
        let id = *self.explanation.get(row)?;
        self.patterns.get(usize::from(id)).map(Vec::as_slice)
    }

    /// The amount due of row `row`, if priced.
    pub fn due(&self, row: usize) -> Option<i64> {
        (*self.status.get(row)? == PRICED).then(|| self.due_cents.get(row).copied()).flatten()
    }

    /// The situation id of row `row`, if any.
    pub fn situation_id(&self, row: usize) -> Option<&str> {
        let code = *self.situation.get(row)?;
        self.situation_ids.get(usize::from(code)).map(String::as_str)
    }

    pub(super) fn clear(&mut self) {
        self.due_cents.clear();
        self.status.clear();
        self.provenance.clear();
        self.situation.clear();
        self.in_kind_cents.clear();
        self.explanation.clear();
    }

    /// Gives the amounts and statuses `n` rows, and the other columns `n`
    /// rows if `all`, else none, without clearing (the kernels overwrite them).
    pub(super) fn reserve_rows(&mut self, n: usize, all: bool) {
        self.due_cents.resize(n, 0);
        self.status.resize(n, 0);
        let m = if all { n } else { 0 };
        self.provenance.resize(m, 0);
        self.situation.resize(m, 0);
        self.in_kind_cents.resize(m, 0);
        self.explanation.resize(m, 0);
    }

    /// Whether the columns beyond the amounts and statuses are filled.
    pub(super) fn has_details(&self) -> bool {
        self.explanation.len() == self.due_cents.len()
    }
}

/// The situation ids of every guide of `params`, in period then file order,
/// each once: the dictionary of [`BatchOutput::situation`] codes.
pub fn situation_dictionary(params: &Parameters) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for p in params.guide.periods() {
        for s in p.value.situations() {
            if !ids.contains(&s.id) {
                ids.push(s.id.clone());
            }
        }
    }
    ids
}

// ---- explanation patterns --------------------------------------------------------------

// Pattern bits. Flat: rounding, donations. Guide: default, rounding, in kind,
// donations (both dense: the bits are the id). Self-assessed: a case (0
// declared, 1 missing, 2 modelled), rounding, donations. Negotiated: a head (0
// agreed, 1 open with an offer, 2 open, 3 not opened, 4 stalemate), modelled,
// flat rounding, model rounding, donations.
pub(super) const FLAT_ROUNDED: usize = 1;
pub(super) const FLAT_DONATIONS: usize = 2;
pub(super) const GUIDE_DEFAULT: usize = 1;
pub(super) const GUIDE_ROUNDED: usize = 2;
pub(super) const GUIDE_IN_KIND: usize = 4;
pub(super) const GUIDE_DONATIONS: usize = 8;
pub(super) const SELF_DECLARED: usize = 0;
pub(super) const SELF_MISSING: usize = 1;
pub(super) const SELF_MODELLED: usize = 2;
pub(super) const SELF_ROUNDED: usize = 4;
pub(super) const SELF_DONATIONS: usize = 8;
pub(super) const NEG_AGREED: usize = 0;
pub(super) const NEG_OPEN_OFFER: usize = 1;
pub(super) const NEG_OPEN: usize = 2;
pub(super) const NEG_NOT_OPENED: usize = 3;
pub(super) const NEG_STALEMATE: usize = 4;
pub(super) const NEG_MODELLED: usize = 8;
pub(super) const NEG_FLAT_ROUNDED: usize = 16;
pub(super) const NEG_MODEL_ROUNDED: usize = 32;
pub(super) const NEG_DONATIONS: usize = 64;
pub(super) const PATTERN_BITS: usize = 128;

/// The explanation patterns of a policy: the codes of each dense id, and the
/// dense id of each combination of pattern bits.
#[derive(Debug, Clone)]
pub(super) struct Patterns {
    pub(super) codes: Vec<Vec<&'static str>>,
    pub(super) dense: [u16; PATTERN_BITS],
}

impl Patterns {
    pub(super) fn new(policy: &BuiltinPolicy) -> Patterns {
        let kind = policy.kind();
        let mut codes = Vec::new();
        let mut dense = [u16::MAX; PATTERN_BITS];
        for (bits, slot) in dense.iter_mut().enumerate() {
            if let Some(mut c) = pattern_codes(kind, bits) {
                // Mirror `Explanation::push`, which drops steps past MAX_STEPS.
                c.truncate(MAX_STEPS);
                *slot = u16::try_from(codes.len()).unwrap_or(u16::MAX);
                codes.push(c);
            }
        }
        Patterns { codes, dense }
    }

    #[inline(always)]
    pub(super) fn id(&self, bits: usize) -> u16 {
        self.dense.get(bits).copied().unwrap_or(u16::MAX)
    }

    /// The id of the pattern an assessment's explanation follows.
    pub(super) fn find(&self, a: &Assessment) -> Option<u16> {
        let id = self.codes.iter().position(|p| p.iter().copied().eq(a.explanation.steps().map(|s| s.code.label())))?;
        u16::try_from(id).ok()
    }
}

/// The step codes of a combination of pattern bits, `None` if the policy cannot produce it.
pub(super) fn pattern_codes(kind: Kind, bits: usize) -> Option<Vec<&'static str>> {
    let has = |b: usize| bits & b != 0;
    let mut c = Vec::new();
    match kind {
        Kind::Flat => {
            if bits >= 4 {
                return None;
            }
            c.extend(["flat.rate", "flat.amount"]);
            if has(FLAT_ROUNDED) {
                c.push("rounding.cents");
            }
            if has(FLAT_DONATIONS) {
                c.push("flat.donations_apart");
            }
        }
        Kind::Guide => {
            if bits >= 16 {
                return None;
            }
            c.push("guide.origin");
            c.push(if has(GUIDE_DEFAULT) { "guide.default" } else { "guide.match" });
            c.push("guide.amount");
            if has(GUIDE_ROUNDED) {
                c.push("rounding.cents");
            }
            if has(GUIDE_IN_KIND) {
                c.push("guide.in_kind");
            }
            if has(GUIDE_DONATIONS) {
                c.push("flat.donations_apart");
            }
        }
        Kind::SelfAssessed(model) => {
            if bits >= 16 {
                return None;
            }
            match (bits & 3, model.is_some(), has(SELF_ROUNDED)) {
                (SELF_DECLARED, _, false) => c.extend(["self.declared", "self.suggestion", "self.gap"]),
                (SELF_MISSING, false, false) => c.extend(["self.missing", "self.suggestion"]),
                (SELF_MODELLED, true, rounded) => {
                    c.extend(["self.missing", "self.suggestion", "model.applied"]);
                    if rounded {
                        c.push("rounding.cents");
                    }
                }
                _ => return None,
            }
            if has(SELF_DONATIONS) {
                c.push("flat.donations_apart");
            }
        }
        Kind::Negotiated(model) => {
            let head = bits & 7;
            let modelled = has(NEG_MODELLED);
            if modelled != (model.is_some() && head != NEG_AGREED)
                || (!modelled && (has(NEG_FLAT_ROUNDED) || has(NEG_MODEL_ROUNDED)))
            {
                return None;
            }
            match head {
                NEG_AGREED => c.extend(["negotiation.offers", "negotiation.agreed"]),
                NEG_OPEN_OFFER => c.extend(["negotiation.offers", "negotiation.pending"]),
                NEG_OPEN => c.push("negotiation.pending"),
                NEG_NOT_OPENED => c.push("negotiation.missing"),
                NEG_STALEMATE => c.push("negotiation.stalemate"),
                _ => return None,
            }
            if modelled {
                c.extend(["self.suggestion", "flat.rate", "flat.amount"]);
                if has(NEG_FLAT_ROUNDED) {
                    c.push("rounding.cents");
                }
                c.push("model.applied");
                if has(NEG_MODEL_ROUNDED) {
                    c.push("rounding.cents");
                }
            }
            if has(NEG_DONATIONS) {
                c.push("flat.donations_apart");
            }
        }
    }
    Some(c)
}
