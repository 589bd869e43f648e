//! Explanations: the ordered steps by which a policy reached an amount.
//!
//! An explanation holds its steps' codes and values in one small block, so
//! evaluating a mission stays cheap; its sentences, in English or French, are
//! rendered on demand.

use crate::format;
use crate::labels::{labelled_enum, Labelled};
use crate::mission::LeadOrigin;
use crate::origin::LeadOriginBasis;
use crate::text::Lang;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::sync::Arc;

/// A value a step used.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Param {
    /// No value (unused slot).
    #[default]
    None,
    /// A rate, as a fraction (0.05 is 5%).
    Rate(Decimal),
    /// An amount in euros.
    Amount(Decimal),
    /// A date.
    Date(NaiveDate),
    /// A count.
    Count(u32),
    /// A lead origin.
    Origin(LeadOrigin),
    /// Whether a lead origin is recorded or declared.
    Basis(LeadOriginBasis),
    /// A yes/no fact.
    Flag(bool),
    /// A name: a situation, a policy, a criterion list.
    Name(Arc<str>),
}

impl Param {
    /// The value as plain text, as it appears in JSON and in bindings
    /// (rates as fractions, amounts with their exact digits, ISO dates).
    pub fn to_plain(&self) -> String {
        match self {
            Param::None => String::new(),
            Param::Rate(r) => r.normalize().to_string(),
            Param::Amount(a) => a.to_string(),
            Param::Date(d) => d.to_string(),
            Param::Count(c) => c.to_string(),
            Param::Origin(o) => o.label().to_owned(),
            Param::Basis(b) => b.label().to_owned(),
            Param::Flag(b) => b.to_string(),
            Param::Name(n) => n.to_string(),
        }
    }

    /// The value as a reader of `lang` expects it ([`crate::format`]).
    fn human(&self, lang: Lang) -> String {
        match self {
            Param::Rate(r) => format::percent(*r, lang),
            Param::Amount(a) => format::amount(*a, lang),
            Param::Date(d) => format::date(*d, lang),
            Param::Count(c) => format::number(Decimal::from(*c), lang),
            Param::Origin(o) => origin_text(*o, lang).to_owned(),
            Param::Flag(b) => match (lang, b) {
                (Lang::En, true) => "yes".into(),
                (Lang::En, false) => "no".into(),
                (Lang::Fr, true) => "oui".into(),
                (Lang::Fr, false) => "non".into(),
            },
            other => other.to_plain(),
        }
    }
}

fn origin_text(o: LeadOrigin, lang: Lang) -> &'static str {
    match (o, lang) {
        (LeadOrigin::NetworkEvent, Lang::En) => "met at a network event",
        (LeadOrigin::NetworkEvent, Lang::Fr) => "rencontre lors d'un événement du réseau",
        (LeadOrigin::NetworkAction, Lang::En) => "indirectly through a network action",
        (LeadOrigin::NetworkAction, Lang::Fr) => "indirectement via une action du réseau",
        (LeadOrigin::NetworkReferral, Lang::En) => "referred by the network",
        (LeadOrigin::NetworkReferral, Lang::Fr) => "orienté par le réseau",
        (LeadOrigin::OwnNetwork, Lang::En) => "the provider's own network or prospecting",
        (LeadOrigin::OwnNetwork, Lang::Fr) => "réseau propre ou prospection du prestataire",
        (LeadOrigin::Other, Lang::En) => "another origin",
        (LeadOrigin::Other, Lang::Fr) => "autre origine",
    }
}

labelled_enum!(
    /// What a step of an explanation did. The label is the step's stable code.
    /// New rules bring new steps: match with a wildcard arm.
    #[non_exhaustive]
    StepCode, "explanation step", {
        /// The flat rate in force on the day the mission was won.
        FlatRate => "flat.rate",
        /// Revenue times rate.
        FlatAmount => "flat.amount",
        /// Donations are recorded beside the amount due, never in it.
        DonationsApart => "flat.donations_apart",
        /// The mission's lead origin, whether the network's records give it
        /// or the provider declared it, and the record it follows from.
        GuideOrigin => "guide.origin",
        /// The guide situation that matched, with the criteria that matched.
        GuideMatch => "guide.match",
        /// The guide's default situation applied (nothing more specific matched).
        GuideDefault => "guide.default",
        /// Revenue times the situation's rate.
        GuideAmount => "guide.amount",
        /// Part of the fair contribution recognised in kind.
        GuideInKind => "guide.in_kind",
        /// The provider's declared amount.
        SelfDeclared => "self.declared",
        /// The guide's suggestion, for comparison.
        SelfSuggestion => "self.suggestion",
        /// Declared minus suggested.
        SelfGap => "self.gap",
        /// No declaration was made.
        SelfMissing => "self.missing",
        /// The offers made during the negotiation.
        NegotiationOffers => "negotiation.offers",
        /// The agreement reached.
        NegotiationAgreed => "negotiation.agreed",
        /// The negotiation is still open: the amount is pending.
        NegotiationPending => "negotiation.pending",
        /// The negotiation ended in a stalemate.
        NegotiationStalemate => "negotiation.stalemate",
        /// No negotiation was opened.
        NegotiationMissing => "negotiation.missing",
        /// A behaviour model stood in for missing data.
        Modelled => "model.applied",
        /// Rounded to the cent, half away from zero.
        Rounding => "rounding.cents",
        /// A floor raised the amount.
        Floor => "combinator.floor",
        /// A per-mission cap lowered the amount.
        Cap => "combinator.cap",
        /// A yearly cap lowered the amount.
        YearlyCap => "combinator.yearly_cap",
        /// A policy written outside the crate gave the amount.
        Custom => "custom.amount",
    }
);

impl StepCode {
    /// The names of the parameters, in slot order.
    pub fn param_names(self) -> &'static [&'static str] {
        use StepCode as S;
        match self {
            S::FlatRate => &["rate", "since"],
            S::FlatAmount | S::GuideAmount => &["revenue", "rate", "amount"],
            S::DonationsApart => &["donations"],
            S::GuideOrigin => &["origin", "basis", "record"],
            S::GuideMatch => &["situation", "criteria", "specificity"],
            S::GuideDefault => &["situation"],
            S::GuideInKind => &["rate", "amount"],
            S::SelfDeclared => &["amount", "revenue"],
            S::SelfSuggestion => &["situation", "rate", "amount"],
            S::SelfGap => &["gap"],
            S::SelfMissing | S::NegotiationMissing => &[],
            S::NegotiationOffers => &["offers", "last_offer"],
            S::NegotiationAgreed => &["amount", "on"],
            S::NegotiationPending => &["offers"],
            S::NegotiationStalemate => &["on"],
            S::Modelled => &["model", "basis", "factor"],
            S::Rounding => &["exact", "rounded"],
            S::Floor | S::Cap | S::YearlyCap => &["limit", "before", "after"],
            S::Custom => &["policy", "amount"],
        }
    }
}

/// The most parameters a step carries.
pub const MAX_PARAMS: usize = 3;
/// The most steps an explanation holds; further steps are dropped.
pub const MAX_STEPS: usize = 12;

/// One step of an explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq)
)]
pub struct Step {
    /// What the step did.
    pub code: StepCode,
    /// The values it used, named by [`StepCode::param_names`].
    pub params: [Param; MAX_PARAMS],
}

impl Step {
    /// A step with its parameters in slot order.
    #[inline]
    pub fn new(code: StepCode, params: impl IntoIterator<Item = Param>) -> Step {
        // Slots filled in place: no default to drop and overwrite (a third
        // of the per-mission flat path went to that).
        let mut it = params.into_iter();
        let params = std::array::from_fn(|_| it.next().unwrap_or_default());
        Step { code, params }
    }

    /// The named parameters of this step.
    pub fn named_params(&self) -> impl Iterator<Item = (&'static str, &Param)> {
        self.code.param_names().iter().copied().zip(self.params.iter())
    }

    /// The step as a sentence in `lang`.
    pub fn sentence(&self, lang: Lang) -> String {
        let p = |i: usize| self.params.get(i).map(|p| p.human(lang)).unwrap_or_default();
        // A count with its noun in the right number.
        let n = |i: usize| match self.params.get(i) {
            Some(Param::Count(c)) => u64::from(*c),
            _ => 0,
        };
        let counted = |i: usize, one: &str, many: &str| format::count(n(i), lang, one, many);
        let one = |i: usize| format::is_singular(n(i), lang);
        use StepCode as S;
        match (self.code, lang) {
            (S::FlatRate, Lang::En) => format!("The flat rate in force since {} is {}.", p(1), p(0)),
            (S::FlatRate, Lang::Fr) => format!("Le taux forfaitaire en vigueur depuis le {} est de {}.", p(1), p(0)),
            (S::FlatAmount | S::GuideAmount, Lang::En) => {
                format!("{} of the revenue of {} is {}.", p(1), p(0), p(2))
            }
            (S::FlatAmount | S::GuideAmount, Lang::Fr) => {
                format!("{} du chiffre d'affaires de {} font {}.", p(1), p(0), p(2))
            }
            (S::DonationsApart, Lang::En) => {
                format!("Donations of {} are recorded beside the amount due and not counted in it.", p(0))
            }
            (S::DonationsApart, Lang::Fr) => {
                format!("Les dons de {} sont enregistrés à part et ne comptent pas dans le montant dû.", p(0))
            }
            (S::GuideOrigin, lang) => self.origin_sentence(lang),
            (S::GuideMatch, Lang::En) => {
                let criteria = counted(2, "criterion", "criteria");
                format!("The mission matches the situation “{}” on {} ({criteria}).", p(0), p(1))
            }
            (S::GuideMatch, Lang::Fr) => {
                let criteria = counted(2, "critère", "critères");
                format!("La mission correspond à la situation « {} » sur {} ({criteria}).", p(0), p(1))
            }
            (S::GuideDefault, Lang::En) => {
                format!("No specific situation matches; the guide's default “{}” applies.", p(0))
            }
            (S::GuideDefault, Lang::Fr) => {
                format!(
                    "Aucune situation particulière ne correspond ; la situation par défaut « {} » s'applique.",
                    p(0)
                )
            }
            (S::GuideInKind, Lang::En) => format!("{} of the revenue, {}, is recognised as given in kind.", p(0), p(1)),
            (S::GuideInKind, Lang::Fr) => {
                format!("{} du chiffre d'affaires, soit {}, est reconnu comme contribution en nature.", p(0), p(1))
            }
            (S::SelfDeclared, Lang::En) => format!("The provider declared {} for a revenue of {}.", p(0), p(1)),
            (S::SelfDeclared, Lang::Fr) => {
                format!("Le prestataire a déclaré {} pour un chiffre d'affaires de {}.", p(0), p(1))
            }
            (S::SelfSuggestion, Lang::En) => format!("The guide suggests {} (“{}”, {}).", p(2), p(0), p(1)),
            (S::SelfSuggestion, Lang::Fr) => format!("Le guide suggère {} (« {} », {}).", p(2), p(0), p(1)),
            (S::SelfGap, Lang::En) => format!("The declaration differs from the suggestion by {}.", p(0)),
            (S::SelfGap, Lang::Fr) => format!("La déclaration s'écarte de la suggestion de {}.", p(0)),
            (S::SelfMissing, Lang::En) => "The provider has not declared a contribution yet.".into(),
            (S::SelfMissing, Lang::Fr) => "Le prestataire n'a pas encore déclaré de contribution.".into(),
            (S::NegotiationOffers, Lang::En) => {
                let verb = if one(0) { "was" } else { "were" };
                format!("{} {verb} made; the last was {}.", counted(0, "offer", "offers"), p(1))
            }
            (S::NegotiationOffers, Lang::Fr) => {
                let verb = if one(0) { "a été faite" } else { "ont été faites" };
                format!("{} {verb} ; la dernière était de {}.", counted(0, "offre", "offres"), p(1))
            }
            (S::NegotiationAgreed, Lang::En) => format!("The network and the provider agreed on {} on {}.", p(0), p(1)),
            (S::NegotiationAgreed, Lang::Fr) => {
                format!("Le réseau et le prestataire se sont accordés sur {} le {}.", p(0), p(1))
            }
            (S::NegotiationPending, Lang::En) => {
                format!("The negotiation is open after {}: the amount is pending.", counted(0, "offer", "offers"))
            }
            (S::NegotiationPending, Lang::Fr) => {
                format!("La négociation est ouverte après {} : le montant est en attente.", counted(0, "offre", "offres"))
            }
            (S::NegotiationStalemate, Lang::En) => format!("The negotiation ended without agreement on {}.", p(0)),
            (S::NegotiationStalemate, Lang::Fr) => format!("La négociation s'est close sans accord le {}.", p(0)),
            (S::NegotiationMissing, Lang::En) => "No negotiation has been opened for this mission.".into(),
            (S::NegotiationMissing, Lang::Fr) => "Aucune négociation n'a été ouverte pour cette mission.".into(),
            (S::Modelled, lang) if matches!(self.params.first(), Some(Param::Name(n)) if &**n == "negotiated_toward_flat") => match lang {
                Lang::En => format!(
                    "No agreement exists: the behaviour model “{}” settles {} of the way from the guide's {} toward the flat amount.",
                    p(0),
                    p(2),
                    p(1)
                ),
                Lang::Fr => format!(
                    "Faute d'accord, le modèle de comportement « {} » retient {} du chemin entre les {} du guide et le montant forfaitaire.",
                    p(0),
                    p(2),
                    p(1)
                ),
            },
            (S::Modelled, Lang::En) => {
                format!("No declaration exists: the behaviour model “{}” takes {} of the guide's {}.", p(0), p(2), p(1))
            }
            (S::Modelled, Lang::Fr) => {
                format!("Faute de déclaration, le modèle de comportement « {} » retient {} des {} du guide.", p(0), p(2), p(1))
            }
            (S::Rounding, Lang::En) => format!("{} is rounded to the cent, half away from zero: {}.", p(0), p(1)),
            (S::Rounding, Lang::Fr) => format!("{} est arrondi au centime le plus proche : {}.", p(0), p(1)),
            (S::Floor, Lang::En) => format!("A floor of {} raises {} to {}.", p(0), p(1), p(2)),
            (S::Floor, Lang::Fr) => format!("Un plancher de {} porte {} à {}.", p(0), p(1), p(2)),
            (S::Cap, Lang::En) => format!("A cap of {} per mission lowers {} to {}.", p(0), p(1), p(2)),
            (S::Cap, Lang::Fr) => format!("Un plafond de {} par mission ramène {} à {}.", p(0), p(1), p(2)),
            (S::YearlyCap, Lang::En) => format!("A yearly cap of {} lowers {} to {}.", p(0), p(1), p(2)),
            (S::YearlyCap, Lang::Fr) => format!("Un plafond annuel de {} ramène {} à {}.", p(0), p(1), p(2)),
            (S::Custom, Lang::En) => format!("The policy “{}” gives {}.", p(0), p(1)),
            (S::Custom, Lang::Fr) => format!("La politique « {} » donne {}.", p(0), p(1)),
        }
    }
}

impl Step {
    /// The sentence of a `guide.origin` step: the origin, and the record it
    /// follows from or that the provider declared it.
    fn origin_sentence(&self, lang: Lang) -> String {
        let origin = self.params.first().map(|p| p.human(lang)).unwrap_or_default();
        let recorded = matches!(self.params.get(1), Some(Param::Basis(LeadOriginBasis::Recorded)));
        let record = match self.params.get(2) {
            Some(Param::Name(id)) => Some(id),
            _ => None,
        };
        let referral = matches!(self.params.first(), Some(Param::Origin(LeadOrigin::NetworkReferral)));
        match (lang, recorded, record) {
            (Lang::En, false, _) => format!("The lead origin, {origin}, is as the provider declared it."),
            (Lang::Fr, false, _) => format!("L'origine du contact, {origin}, est celle que le prestataire a déclarée."),
            (Lang::En, true, None) => format!("The lead origin, {origin}, is recorded by the network."),
            (Lang::Fr, true, None) => format!("L'origine du contact, {origin}, est établie par le réseau."),
            (Lang::En, true, Some(id)) => {
                let kind = if referral { "lead" } else { "network event" };
                format!("The lead origin, {origin}, is recorded by the network: {kind} {id}.")
            }
            (Lang::Fr, true, Some(id)) => {
                let kind = if referral { "la sollicitation" } else { "l'événement du réseau" };
                format!("L'origine du contact, {origin}, est établie par le réseau : {kind} {id}.")
            }
        }
    }
}

/// The values of the flat rate's steps, kept unexpanded until the steps are
/// read: the flat policy is the one evaluated millions of times per second,
/// and this spares it a heap block per mission. It reads back as exactly the
/// steps [`FlatSteps::expand`] lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FlatSteps {
    /// The rate in force.
    pub rate: Decimal,
    /// Since when it is in force.
    pub since: NaiveDate,
    /// The mission's revenue.
    pub revenue: Decimal,
    /// Revenue times rate, before rounding.
    pub exact: Decimal,
    /// The amount rounded to the cent.
    pub rounded: Decimal,
    /// Whether rounding changed the value (a `rounding.cents` step).
    pub changed: bool,
    /// Donations recorded beside the amount (a step when not zero).
    pub donations: Decimal,
}

impl FlatSteps {
    /// The steps, in order: `flat.rate`, `flat.amount`, then `rounding.cents`
    /// and `flat.donations_apart` when they apply.
    fn expand(&self) -> impl Iterator<Item = Step> {
        let f = *self;
        [
            Some(Step::new(StepCode::FlatRate, [Param::Rate(f.rate), Param::Date(f.since)])),
            Some(Step::new(
                StepCode::FlatAmount,
                [Param::Amount(f.revenue), Param::Rate(f.rate), Param::Amount(f.exact)],
            )),
            f.changed.then(|| Step::new(StepCode::Rounding, [Param::Amount(f.exact), Param::Amount(f.rounded)])),
            (!f.donations.is_zero()).then(|| Step::new(StepCode::DonationsApart, [Param::Amount(f.donations)])),
        ]
        .into_iter()
        .flatten()
    }
}

#[derive(Debug, Clone)]
enum Repr {
    Steps(Vec<Step>),
    Flat(FlatSteps),
}

/// The ordered steps of an assessment.
///
/// Steps live in one small heap block reserved for the usual count, so an
/// `Assessment` stays small and moves cheaply; the flat rate's steps are kept
/// as their few values and expanded when read. Two explanations are equal when
/// they list the same steps.
#[derive(Debug, Clone)]
pub struct Explanation {
    repr: Repr,
}

impl Default for Explanation {
    fn default() -> Explanation {
        Explanation { repr: Repr::Steps(Vec::new()) }
    }
}

impl PartialEq for Explanation {
    fn eq(&self, other: &Explanation) -> bool {
        match (&self.repr, &other.repr) {
            (Repr::Flat(a), Repr::Flat(b)) => a == b,
            _ => self.len() == other.len() && self.steps().eq(other.steps()),
        }
    }
}

impl Eq for Explanation {}

impl Explanation {
    /// An empty explanation.
    pub fn new() -> Explanation {
        Explanation { repr: Repr::Steps(Vec::with_capacity(4)) }
    }

    /// The flat rate's steps, from their values.
    pub(crate) fn flat(steps: FlatSteps) -> Explanation {
        Explanation { repr: Repr::Flat(steps) }
    }

    /// Appends a step (dropped if [`MAX_STEPS`] are already held).
    #[inline]
    pub fn push(&mut self, step: Step) {
        if let Repr::Flat(f) = &self.repr {
            self.repr = Repr::Steps(f.expand().collect());
        }
        if let Repr::Steps(steps) = &mut self.repr {
            if steps.len() < MAX_STEPS {
                steps.push(step);
            }
        }
    }

    /// The steps, in order.
    pub fn steps(&self) -> impl Iterator<Item = Step> + '_ {
        let (held, flat) = match &self.repr {
            Repr::Steps(steps) => (steps.as_slice(), None),
            Repr::Flat(f) => (&[][..], Some(f.expand())),
        };
        held.iter().cloned().chain(flat.into_iter().flatten())
    }

    /// The stable codes of the steps, in order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.steps().map(|s| s.code.label()).collect()
    }

    /// The number of steps.
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Steps(steps) => steps.len(),
            Repr::Flat(f) => 2 + usize::from(f.changed) + usize::from(!f.donations.is_zero()),
        }
    }

    /// Whether there is no step.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The whole explanation as numbered sentences in `lang`, each followed
    /// by the title of the text it applies, in brackets, when it applies one
    /// ([`Step::source`]).
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        for (i, step) in self.steps().enumerate() {
            let _ = match step.source() {
                Some(source) => writeln!(out, "{}. {} [{}]", i + 1, step.sentence(lang), source.title(lang)),
                None => writeln!(out, "{}. {}", i + 1, step.sentence(lang)),
            };
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_in_both_languages() {
        let step = Step::new(
            StepCode::FlatAmount,
            [
                Param::Amount(Decimal::new(1200000, 2)),
                Param::Rate(Decimal::new(5, 2)),
                Param::Amount(Decimal::new(60000, 2)),
            ],
        );
        assert_eq!(step.sentence(Lang::En), "5% of the revenue of €12,000.00 is €600.00.");
        assert_eq!(
            step.sentence(Lang::Fr),
            "5\u{202F}% du chiffre d'affaires de 12\u{202F}000,00\u{A0}€ font 600,00\u{A0}€."
        );
        let names: Vec<_> = step.named_params().map(|(n, _)| n).collect();
        assert_eq!(names, ["revenue", "rate", "amount"]);
    }

    #[test]
    fn counts_take_their_number_and_dates_their_words() {
        let situation = Param::Name("event_solo".into());
        let matched = |n| {
            Step::new(StepCode::GuideMatch, [situation.clone(), Param::Name("lead_origin".into()), Param::Count(n)])
        };
        assert_eq!(
            matched(1).sentence(Lang::En),
            "The mission matches the situation “event_solo” on lead_origin (1 criterion)."
        );
        assert_eq!(
            matched(1).sentence(Lang::Fr),
            "La mission correspond à la situation « event_solo » sur lead_origin (1 critère)."
        );
        assert!(matched(3).sentence(Lang::En).ends_with("(3 criteria)."));
        assert!(matched(3).sentence(Lang::Fr).ends_with("(3 critères)."));
        let offers =
            |n| Step::new(StepCode::NegotiationOffers, [Param::Count(n), Param::Amount(Decimal::new(-70000, 2))]);
        assert_eq!(offers(1).sentence(Lang::En), "1 offer was made; the last was \u{2212}€700.00.");
        assert_eq!(offers(1).sentence(Lang::Fr), "1 offre a été faite ; la dernière était de \u{2212}700,00\u{A0}€.");
        assert_eq!(offers(2).sentence(Lang::En), "2 offers were made; the last was \u{2212}€700.00.");
        assert_eq!(offers(0).sentence(Lang::Fr), "0 offre a été faite ; la dernière était de \u{2212}700,00\u{A0}€.");
        let since = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let rate = Step::new(StepCode::FlatRate, [Param::Rate(Decimal::new(5, 2)), Param::Date(since)]);
        assert_eq!(rate.sentence(Lang::En), "The flat rate in force since 1 January 2020 is 5%.");
        assert_eq!(
            rate.sentence(Lang::Fr),
            "Le taux forfaitaire en vigueur depuis le 1er janvier 2020 est de 5\u{202F}%."
        );
    }

    #[test]
    fn every_code_renders_in_both_languages() {
        for code in StepCode::ALL {
            let step = Step::new(*code, [Param::Count(1), Param::Count(2), Param::Count(3)]);
            assert!(!step.sentence(Lang::En).is_empty());
            assert_ne!(step.sentence(Lang::En), step.sentence(Lang::Fr), "{code}");
            assert!(code.param_names().len() <= MAX_PARAMS);
        }
    }

    #[test]
    fn explanation_keeps_order_and_bounds() {
        let mut e = Explanation::new();
        for _ in 0..(MAX_STEPS + 2) {
            e.push(Step::new(StepCode::Rounding, []));
        }
        assert_eq!(e.len(), MAX_STEPS);
        assert_eq!(e.codes()[0], "rounding.cents");
        assert!(e.render(Lang::En).starts_with("1. "));
    }
}
