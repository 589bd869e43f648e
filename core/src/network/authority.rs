//! Authorisation: may this issuer, in its current state, do this action on
//! this subject? [`Network::check`] asks [`Network::authorise`] before
//! anything else about a command; the other checks are about the command's
//! content.
//!
//! The rules, in order:
//!
//! - **Membership.** A member is a founder or the holder of an active
//!   contract, and is not excluded: an exclusion decision (a standing
//!   decision, or `exclude_member`) ends membership, a founder's included,
//!   until a reinstatement. An applicant, a resigned or declined actor and a
//!   mere registered actor are not members.
//! - **Acting for the network** (validating, declining or excluding a
//!   contract, registering another actor, changing levels, publishing the
//!   charter, configuring the follow-up, recording payments, donations and
//!   attendances, hearings and standing decisions, negotiating for the
//!   network, and anything done for another member) takes a steward who is a
//!   member and not suspended: a suspended or excluded steward has no steward
//!   power ([`Capacity`]).
//! - **Own case.** A steward never acts for the network on their own case:
//!   their own contract (validate, decline, exclude), their own level
//!   (`change_level`, `decide_level`), their own payments, donations and
//!   attendances (`auth.own_case.refused`), their own hearing and standing
//!   (`standing.decision.self`). Another steward must. A network with a single
//!   acting steward is refused too, rather than allowed and marked: the
//!   remedy is always at hand (the steward names a second steward, which is
//!   not their own case), whereas a mark would leave a self-validated contract
//!   or self-recorded payment in the books for every later reader to
//!   second-guess.
//! - **A suspended member acts only on its own case**: it answers its
//!   hearing, resigns, amends or discusses its own contract, sets its own
//!   listing, signs the charter, reports its own missions and shares their
//!   resources, records its own deliveries and prior work, and negotiates its
//!   own contributions, as the follow-up requires of it. It does nothing for
//!   the network nor for another member.
//! - **The last steward stays.** No command removes the steward power of the
//!   last acting steward: not a resignation, a level change or decision, an
//!   exclusion, nor a suspension or exclusion decision
//!   (`actor.level.last_steward`). Since a steward cannot decide on their own
//!   case, a suspension or exclusion is always issued by another acting
//!   steward, who remains; the guard is kept for every path all the same.

use super::{Action, Network, NetworkState};
use crate::actor::{Actor, InvolvementLevel};
use crate::contract::ContractStatus;
use crate::error::{Error, Result};
use crate::ids::{ActorId, ContractId};
use crate::standing::Standing;
use std::collections::BTreeMap;

/// What an actor may do, given its membership, standing and level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capacity {
    /// Not a member: registered only, an applicant, resigned or declined.
    Outsider,
    /// Excluded by a decision, until reinstated: not a member.
    Excluded,
    /// A suspended member: acts only on its own case.
    Suspended,
    /// A member in good standing (or under a reminder or a warning).
    Member,
    /// A member at the steward level, not suspended: acts for the network.
    Steward,
}

/// Whether `actor` is a member, from the state and the index of live contracts.
pub(crate) fn member_in(state: &NetworkState, live: &BTreeMap<ActorId, ContractId>, actor: &ActorId) -> bool {
    let active =
        live.get(actor).and_then(|c| state.contracts.get(c)).is_some_and(|c| c.status == ContractStatus::Active);
    (active || state.founders.contains(actor)) && state.follow_up.standing_of(actor) != Standing::Excluded
}

impl Network {
    /// Whether the actor is a member: a founder or the holder of an active
    /// contract, not excluded.
    pub fn is_member(&self, actor: &ActorId) -> bool {
        member_in(&self.state, &self.live, actor)
    }

    pub(super) fn is_founder(&self, actor: &ActorId) -> bool {
        self.state.founders.contains(actor)
    }

    /// What the actor may do now (see the module's rules).
    pub fn capacity(&self, actor: &ActorId) -> Capacity {
        let standing = self.state.follow_up.standing_of(actor);
        if standing == Standing::Excluded {
            Capacity::Excluded
        } else if !self.is_member(actor) {
            Capacity::Outsider
        } else if standing == Standing::Suspended {
            Capacity::Suspended
        } else if self.state.actors.get(actor).is_some_and(Actor::is_steward) {
            Capacity::Steward
        } else {
            Capacity::Member
        }
    }

    /// The stewards who may act for the network now, in id order.
    pub fn acting_stewards(&self) -> Vec<&ActorId> {
        self.state.actors.keys().filter(|a| self.capacity(a) == Capacity::Steward).collect()
    }

    /// Checks that the issuer may act for the network.
    ///
    /// # Errors
    /// `auth.steward.suspended` for a suspended steward,
    /// `standing.member.excluded` for an excluded one, `auth.steward.required`
    /// for anyone else who is not an acting steward.
    pub(crate) fn for_network(&self, issuer: &Actor, action: &'static str) -> Result<()> {
        match self.capacity(&issuer.id) {
            Capacity::Steward => Ok(()),
            Capacity::Suspended if issuer.is_steward() => {
                Err(Error::StewardSuspended { actor: issuer.id.to_string(), action })
            }
            Capacity::Excluded if issuer.is_steward() => Err(Error::MemberExcluded(issuer.id.to_string())),
            _ => Err(Error::NotSteward { actor: issuer.id.to_string(), action }),
        }
    }

    /// Checks that the issuer may act for the network on `subject`, which is
    /// not the issuer.
    fn on_case(&self, issuer: &Actor, subject: &ActorId, action: &'static str) -> Result<()> {
        self.for_network(issuer, action)?;
        if subject == &issuer.id {
            return Err(Error::OwnCase { actor: issuer.id.to_string(), action });
        }
        Ok(())
    }

    /// Checks that the issuer may act for the network on a hearing or the
    /// standing of `member`, who is not the issuer.
    fn on_standing(&self, issuer: &Actor, member: &ActorId, action: &'static str) -> Result<()> {
        self.for_network(issuer, action)?;
        if member == &issuer.id {
            return Err(Error::SelfDecision(member.to_string()));
        }
        Ok(())
    }

    /// Checks that the issuer acts on its own behalf, or for the network on
    /// `subject`'s behalf.
    fn own_or_for_network(&self, issuer: &Actor, subject: &ActorId, action: &'static str) -> Result<()> {
        if subject == &issuer.id {
            Ok(())
        } else {
            self.for_network(issuer, action)
        }
    }

    /// Checks that `target` losing its steward power leaves an acting steward.
    ///
    /// # Errors
    /// `actor.level.last_steward`.
    fn keeps_a_steward(&self, target: &ActorId) -> Result<()> {
        if self.capacity(target) == Capacity::Steward && self.acting_stewards().len() <= 1 {
            return Err(Error::LastSteward(target.to_string()));
        }
        Ok(())
    }

    fn member_of(&self, contract: &ContractId) -> Option<&ActorId> {
        self.state.contracts.get(contract).map(|c| &c.member)
    }

    /// May `issuer` ask for `action`? The one authorisation rule of the
    /// network (see the module's documentation). Checks that need the
    /// command's content (who owns a mission, which party offered last) stay
    /// with the command's other checks.
    ///
    /// # Errors
    /// `auth.steward.required`, `auth.steward.suspended`,
    /// `standing.member.excluded`, `auth.own_case.refused`,
    /// `standing.decision.self`, `actor.level.last_steward`.
    pub fn authorise(&self, issuer: &Actor, action: &Action) -> Result<()> {
        match action {
            Action::ChangeLevel { actor, level, .. } | Action::DecideLevel { actor, level, .. } => {
                self.for_network(issuer, "change an involvement level")?;
                // The last steward's demotion of themselves says why it cannot be.
                if *level != InvolvementLevel::Steward {
                    self.keeps_a_steward(actor)?;
                }
                self.on_case(issuer, actor, "change an involvement level")
            }
            Action::DiscussContract { contract, .. } => match self.member_of(contract) {
                Some(member) => self.own_or_for_network(issuer, member, "discuss another member's contract"),
                None => Ok(()),
            },
            Action::ValidateContract { contract } => self.on_contract(issuer, contract, "validate a contract"),
            Action::DeclineContract { contract, .. } => self.on_contract(issuer, contract, "decline a contract"),
            Action::Resign { contract } => match self.member_of(contract) {
                Some(member) if member == &issuer.id => self.keeps_a_steward(member),
                _ => Ok(()),
            },
            Action::ExcludeMember { contract, .. } => {
                self.on_contract(issuer, contract, "exclude a member")?;
                self.member_of(contract).map_or(Ok(()), |m| self.keeps_a_steward(m))
            }
            Action::PublishCharter { .. } => self.for_network(issuer, "publish the charter"),
            Action::RecordPayment { payment } => self.on_case(issuer, &payment.member, "record a payment"),
            Action::RecordDonation { donation } => self.on_case(issuer, &donation.member, "record a donation"),
            Action::RecordDelivery { delivery } => {
                self.own_or_for_network(issuer, &delivery.member, "record another member's delivery")
            }
            Action::ConfigureFollowUp { .. } => self.for_network(issuer, "configure the follow-up"),
            Action::RecordPriorWork { member, .. } => {
                self.own_or_for_network(issuer, member, "record another member's prior work")
            }
            Action::RecordAttendance { member, .. } => self.on_case(issuer, member, "record an attendance"),
            Action::NotifyHearing { member, .. } => self.on_standing(issuer, member, "notify a hearing"),
            // A steward may record an answer given orally, e.g. at a coordination meeting.
            Action::AnswerHearing { member, .. } => {
                self.own_or_for_network(issuer, member, "record another member's answer")
            }
            Action::DecideStanding { member, standing, .. } => {
                self.on_standing(issuer, member, "decide a member's standing")?;
                if matches!(standing, Standing::Suspended | Standing::Excluded) {
                    self.keeps_a_steward(member)?;
                }
                Ok(())
            }
            Action::RecordLead { .. } => self.for_network(issuer, "record a lead"),
            Action::OfferLead { .. } => self.for_network(issuer, "offer a lead"),
            Action::CloseLead { .. } => self.for_network(issuer, "close a lead"),
            Action::RecordNetworkEvent { .. } => self.for_network(issuer, "record a network event"),
            Action::SetFiscalYear { .. } => self.for_network(issuer, "set the fiscal year"),
            // Owned acts: the command's checks compare the issuer with the owner.
            Action::FoundNetwork { .. }
            | Action::RegisterActor { .. }
            | Action::SetPublicListing { .. }
            | Action::ProposeContract { .. }
            | Action::ReviseProposal { .. }
            | Action::ProposeAmendment { .. }
            | Action::SignCharter { .. }
            | Action::ReportMission { .. }
            | Action::DeclareContribution { .. }
            | Action::OfferContribution { .. }
            | Action::AcceptOffer { .. }
            | Action::DeclareStalemate { .. }
            | Action::ReopenNegotiation { .. }
            | Action::ShareResource { .. }
            | Action::RecordMemberInformed { .. }
            | Action::AnswerLead { .. }
            | Action::CallForPartners { .. }
            | Action::AnswerCall { .. }
            | Action::RecordCallPartner { .. } => Ok(()),
        }
    }

    fn on_contract(&self, issuer: &Actor, contract: &ContractId, action: &'static str) -> Result<()> {
        match self.member_of(contract) {
            Some(member) => self.on_case(issuer, member, action),
            None => self.for_network(issuer, action),
        }
    }
}
