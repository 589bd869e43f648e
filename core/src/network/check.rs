//! Checking a command: [`Network::check`] and the rules on the content of
//! each action, with the small helpers they share.
//!
//! Apart from the declarations (`command.rs`, `state.rs`) so that the
//! commands, events and state read on their own; apart from the application
//! of events because a check only reads the state and decides, whereas
//! applying an accepted event only writes and never fails. Who may issue a
//! command is decided before, by the authorisation rule (`authority.rs`);
//! the follow-up commands are checked with their effects
//! (`follow_up.rs`), and the rules of standing they share with
//! `propose_contract` and `exclude_member` are the standing module's.

use super::{Action, Capacity, Command, Network};
use crate::actor::{Actor, ActorKind, InvolvementLevel};
use crate::calendar::not_before;
use crate::catalogue::Catalogues;
use crate::charter::CharterStatus;
use crate::contract::ContractStatus;
use crate::error::{Error, Result};
use crate::ids::{ActorId, MissionId};
use crate::mission::{Client, Mission, MissionStep, MissionUpdate};
use crate::money::Money;
use crate::negotiation::{positive, Negotiation, NegotiationStatus, Party};
use crate::text::non_empty;
use chrono::NaiveDate;
use std::collections::BTreeSet;

impl Network {
    /// Checks a command without applying it: who may issue it first
    /// ([`Network::authorise`]), then its content against the state.
    ///
    /// # Errors
    /// The reason the command would be rejected.
    pub fn check(&self, command: &Command) -> Result<()> {
        self.check_action(&command.by, command.on, &command.action)
    }

    /// [`Network::check`] of a command given by its parts: a replayed event
    /// is checked as it stands, without copying it into a command.
    pub(crate) fn check_action(&self, by: &ActorId, on: NaiveDate, action: &Action) -> Result<()> {
        match (self.state.founded_on, action) {
            (None, Action::FoundNetwork { founders, .. }) => return check_founding(by, founders),
            (None, _) => return Err(Error::Founding("the network must be founded first")),
            (Some(_), Action::FoundNetwork { .. }) => return Err(Error::Founding("the network is already founded")),
            (Some(founded), _) if on < founded => {
                return Err(Error::DateOrder {
                    earlier: "founding",
                    earlier_date: founded,
                    later: action.label(),
                    later_date: on,
                })
            }
            _ => {}
        }
        if let Action::RegisterActor { actor } = action {
            return self.check_register(by, actor);
        }
        let issuer = self.actor(by)?;
        self.authorise(issuer, action)?;
        match action {
            Action::FoundNetwork { .. } | Action::RegisterActor { .. } => Ok(()),
            Action::SetPublicListing { actor, .. } => {
                self.actor(actor)?;
                owner(by, actor, "change the listing consent")
            }
            Action::ChangeLevel { actor, level: _, reason } => {
                self.actor(actor)?;
                non_empty(reason, "reason")
            }
            Action::ProposeContract { contract, terms } => {
                if self.state.contracts.contains_key(contract) {
                    return Err(Error::DuplicateContract(contract.to_string()));
                }
                if let Some(live) = self.live_contract(by) {
                    return Err(Error::ContractAlreadyLive { member: by.to_string(), contract: live.id.to_string() });
                }
                self.state.follow_up.case(by).check_not_excluded()?;
                terms.check(issuer.kind, Catalogues::shipped().kind(issuer.kind)?)
            }
            Action::DiscussContract { contract, note } => {
                let c = self.contract(contract)?;
                non_empty(note, "note")?;
                c.pending.as_ref().ok_or_else(|| c.transition_error("discuss"))?;
                not_before(on, c.last_step_on(), "last contract step", "discussion")
            }
            Action::ReviseProposal { contract, terms } => {
                let c = self.contract(contract)?;
                owner(by, &c.member, "revise the contract")?;
                let pending = c.pending.as_ref().ok_or_else(|| c.transition_error("revise"))?;
                not_before(on, pending.proposed_on, "proposal", "revision")?;
                terms.check(c.kind, Catalogues::shipped().kind(c.kind)?)
            }
            Action::ValidateContract { contract } => {
                let c = self.contract(contract)?;
                let pending = c.pending.as_ref().ok_or_else(|| c.transition_error("validate"))?;
                not_before(on, c.last_step_on().max(pending.proposed_on), "proposal", "validation")?;
                if self.charter_required(c) && self.charter_status(&c.member) != CharterStatus::Signed {
                    return Err(Error::CharterUnsigned {
                        contract: c.id.to_string(),
                        provider: c.member.to_string(),
                        version: self.charter().map_or(1, |t| t.version),
                    });
                }
                Ok(())
            }
            Action::DeclineContract { contract, reason } => {
                non_empty(reason, "reason")?;
                let c = self.contract(contract)?;
                let pending = c.pending.as_ref().ok_or_else(|| c.transition_error("decline"))?;
                not_before(on, pending.proposed_on, "proposal", "decline")
            }
            Action::ProposeAmendment { contract, terms } => {
                let c = self.contract(contract)?;
                owner(by, &c.member, "amend the contract")?;
                if c.status != ContractStatus::Active || c.pending.is_some() {
                    return Err(c.transition_error("amend"));
                }
                not_before(on, c.last_step_on(), "last validation", "amendment")?;
                terms.check(c.kind, Catalogues::shipped().kind(c.kind)?)
            }
            Action::Resign { contract } => {
                let c = self.contract(contract)?;
                owner(by, &c.member, "resign")?;
                if !c.status.is_live() {
                    return Err(c.transition_error("resign"));
                }
                not_before(on, c.last_step_on(), "last contract step", "resignation")
            }
            Action::ExcludeMember { contract, reason } => {
                non_empty(reason, "reason")?;
                let c = self.contract(contract)?;
                if c.status != ContractStatus::Active {
                    return Err(c.transition_error("exclude"));
                }
                not_before(on, c.last_step_on(), "last contract step", "exclusion")?;
                // An exclusion is a standing decision too: the member is heard first.
                self.state.follow_up.case(&c.member).check_hearing(on)
            }
            Action::PublishCharter { text } => {
                text.check()?;
                let current = self.charter().map_or(0, |c| c.version);
                if text.version != current + 1 {
                    return Err(Error::InvalidCatalogue(format!(
                        "charter version {} does not follow version {current}",
                        text.version
                    )));
                }
                // The last version published is the one in force (signatures and
                // all-in-one validations read it), so it cannot start later:
                // meanwhile every signature would be outdated with nothing signable.
                not_before(on, text.published_on, "first day in force", "charter publication")?;
                match self.charter() {
                    Some(c) => not_before(text.published_on, c.published_on, "previous charter", "new charter"),
                    None => Ok(()),
                }
            }
            Action::SignCharter { version } => self.check_signature(issuer, on, *version),
            Action::RecordLead { .. }
            | Action::OfferLead { .. }
            | Action::AnswerLead { .. }
            | Action::CloseLead { .. } => self.check_lead(issuer, on, action),
            Action::CallForPartners { .. } | Action::AnswerCall { .. } | Action::RecordCallPartner { .. } => {
                self.check_call(issuer, on, action)
            }
            Action::RecordNetworkEvent { event, title, held_on, attendees } => {
                self.check_network_event(on, event, title, *held_on, attendees)
            }
            Action::SetFiscalYear { start } => {
                crate::fiscal_year::change_on(&self.state().fiscal_years, on, *start).map(|_| ())
            }
            Action::ReportMission { mission, occurred_on, step, update } => {
                self.check_report(issuer, on, mission, *occurred_on, step, update)
            }
            Action::DeclareContribution { mission, amount } => {
                let m = self.won_mission(mission, on)?;
                owner(by, &m.provider, "declare a contribution for this mission")?;
                within_revenue(m, *amount)
            }
            Action::OfferContribution { mission, amount } => {
                let m = self.won_mission(mission, on)?;
                self.party(issuer, m)?;
                within_revenue(m, *amount)?;
                match self.state.negotiations.get(mission) {
                    Some(n) if n.status != NegotiationStatus::Open => Err(n.state_error("offer in")),
                    Some(n) => after_last_step(on, n, "offer"),
                    None => Ok(()),
                }
            }
            Action::AcceptOffer { mission } => {
                let m = self.won_mission(mission, on)?;
                let party = self.party(issuer, m)?;
                let n = self.open_negotiation(mission, "accept an offer in")?;
                let last = n.last_offer().ok_or_else(|| n.state_error("accept an offer in"))?;
                if last.party == party {
                    return Err(Error::NotAParty { actor: by.to_string(), mission: mission.to_string() });
                }
                after_last_step(on, n, "agreement")
            }
            Action::DeclareStalemate { mission } => {
                let m = self.won_mission(mission, on)?;
                self.party(issuer, m)?;
                let n = self.open_negotiation(mission, "declare a stalemate in")?;
                after_last_step(on, n, "stalemate")
            }
            Action::ReopenNegotiation { mission } => {
                let m = self.won_mission(mission, on)?;
                self.party(issuer, m)?;
                match self.state.negotiations.get(mission) {
                    Some(n) if n.status == NegotiationStatus::Stalemate => {
                        not_before(on, n.stalemate_on.unwrap_or(on), "stalemate", "reopening")
                    }
                    Some(n) => Err(n.state_error("reopen")),
                    None => Err(Error::NegotiationState {
                        mission: mission.to_string(),
                        action: "reopen",
                        state: "not opened",
                    }),
                }
            }
            Action::RecordPayment { payment } => {
                self.actor(&payment.member)?;
                positive(payment.amount, "payment")?;
                not_before(on, payment.on, "payment", "record")
            }
            Action::RecordDonation { donation } => {
                self.actor(&donation.member)?;
                positive(donation.amount, "donation")?;
                if let Some(m) = &donation.mission {
                    // A donation tied to a mission comes from the mission's provider.
                    owner(&donation.member, &self.mission(m)?.provider, "give a donation for this mission")?;
                }
                not_before(on, donation.on, "donation", "record")
            }
            Action::RecordDelivery { delivery } => {
                if delivery.quantity <= rust_decimal::Decimal::ZERO {
                    return Err(Error::Parse { value: delivery.quantity.to_string(), expected: "a positive quantity" });
                }
                not_before(on, delivery.on, "delivery", "record")?;
                // Chosen in the version of the contract in force on the day of the delivery
                // (a delivery recorded after an amendment is judged by the terms it was made under).
                let chosen = self
                    .live_contract(&delivery.member)
                    .filter(|c| c.status == ContractStatus::Active)
                    .and_then(|c| c.version_on(delivery.on))
                    .is_some_and(|v| v.terms.contributions.iter().any(|c| c.item == delivery.contribution));
                let kind = self.actor(&delivery.member)?.kind;
                let form = Catalogues::shipped().kind(kind)?.contribution(&delivery.contribution).map(|o| o.form);
                let in_kind = form.is_some_and(|f| !f.is_money());
                if !(chosen && in_kind) {
                    return Err(Error::DeliveryNotChosen {
                        member: delivery.member.to_string(),
                        contribution: delivery.contribution.clone(),
                    });
                }
                match form {
                    Some(f) if !f.counts_in(delivery.unit) => Err(Error::UnknownLabel {
                        what: "delivery unit for this contribution",
                        value: crate::labels::Labelled::label(delivery.unit).to_owned(),
                        expected: f
                            .delivery_units()
                            .iter()
                            .map(|u| crate::labels::Labelled::label(*u))
                            .collect::<Vec<_>>()
                            .join(", "),
                    }),
                    _ => Ok(()),
                }
            }
            Action::ConfigureFollowUp { .. }
            | Action::ShareResource { .. }
            | Action::RecordPriorWork { .. }
            | Action::RecordMemberInformed { .. }
            | Action::RecordAttendance { .. }
            | Action::NotifyHearing { .. }
            | Action::AnswerHearing { .. }
            | Action::DecideStanding { .. }
            | Action::DecideLevel { .. } => super::follow_up::check(self, issuer, on, action),
        }
    }

    /// The mission, which must be won, won on or before `on`.
    fn won_mission(&self, id: &MissionId, on: NaiveDate) -> Result<&Mission> {
        let m = self.mission(id)?;
        let won_on = m.won_on().filter(|_| m.status.is_won()).ok_or_else(|| Error::MissionNotWon(id.to_string()))?;
        not_before(on, won_on, "won", "contribution step")?;
        Ok(m)
    }

    /// The party the issuer represents in the negotiation of a mission.
    fn party(&self, issuer: &Actor, mission: &Mission) -> Result<Party> {
        if issuer.id == mission.provider {
            Ok(Party::Provider)
        } else if self.capacity(&issuer.id) == Capacity::Steward {
            // Like every act for the network, only an acting steward.
            Ok(Party::Network)
        } else {
            Err(Error::NotAParty { actor: issuer.id.to_string(), mission: mission.id.to_string() })
        }
    }

    fn open_negotiation(&self, mission: &MissionId, action: &'static str) -> Result<&Negotiation> {
        match self.state.negotiations.get(mission) {
            Some(n) if n.status == NegotiationStatus::Open => Ok(n),
            Some(n) => Err(n.state_error(action)),
            None => Err(Error::NegotiationState { mission: mission.to_string(), action, state: "not opened" }),
        }
    }

    fn check_register(&self, by: &ActorId, actor: &Actor) -> Result<()> {
        actor.check()?;
        if self.state.actors.contains_key(&actor.id) {
            return Err(Error::DuplicateActor(actor.id.to_string()));
        }
        if by == &actor.id {
            if actor.level != InvolvementLevel::Supporter {
                return Err(Error::NotSteward { actor: by.to_string(), action: "register above the supporter level" });
            }
            return Ok(());
        }
        self.for_network(self.actor(by)?, "register another actor")
    }

    fn check_signature(&self, issuer: &Actor, on: NaiveDate, version: u32) -> Result<()> {
        if issuer.kind != ActorKind::Provider {
            return Err(Error::CharterNotProvider { actor: issuer.id.to_string(), kind: issuer.kind.to_string() });
        }
        let text =
            self.state.charter.iter().find(|t| t.version == version).ok_or(Error::UnknownCharterVersion(version))?;
        let current = self.charter().map_or(version, |c| c.version);
        if version != current {
            return Err(Error::OutdatedCharterVersion { signed: version, current });
        }
        // A founder signs without a contract; an applicant signs from its application on.
        match self.live_contract(&issuer.id) {
            Some(contract) => not_before(on, contract.applied_on, "application", "charter signature")?,
            None if self.is_founder(&issuer.id) && self.is_member(&issuer.id) => {}
            None => return Err(Error::NotMember(issuer.id.to_string())),
        }
        not_before(on, text.published_on, "charter publication", "charter signature")?;
        if self.charter_status(&issuer.id) == CharterStatus::Signed {
            return Err(Error::CharterAlreadySigned { actor: issuer.id.to_string(), version });
        }
        Ok(())
    }

    fn check_report(
        &self,
        issuer: &Actor,
        on: NaiveDate,
        id: &MissionId,
        occurred_on: NaiveDate,
        step: &MissionStep,
        update: &MissionUpdate,
    ) -> Result<()> {
        if issuer.kind != ActorKind::Provider {
            return Err(Error::MissionNotProvider { actor: issuer.id.to_string(), kind: issuer.kind.to_string() });
        }
        // Missions are reported to the network by its members only.
        if !self.is_member(&issuer.id) {
            return Err(Error::NotMember(issuer.id.to_string()));
        }
        match (self.state.missions.get(id), step) {
            (Some(_), MissionStep::Solicited { .. }) => return Err(Error::DuplicateMission(id.to_string())),
            (None, MissionStep::Solicited { client, title, lead_origin }) => {
                non_empty(title, "title")?;
                self.check_client(client)?;
                if matches!(client, Client::Member { id } if id == &issuer.id) {
                    return Err(Error::InvalidPartner(issuer.id.to_string()));
                }
                self.check_declared_origin(id, &issuer.id, client, *lead_origin, occurred_on)?;
            }
            (None, _) => return Err(Error::UnknownMission(id.to_string())),
            (Some(mission), step) => {
                owner(&issuer.id, &mission.provider, "report this mission")?;
                mission.check_step(step, occurred_on)?;
            }
        }
        not_before(on, occurred_on, step.label(), "report")?;
        match step {
            MissionStep::Won { revenue } => {
                revenue.ensure_input()?.ensure_not_negative("revenue")?;
            }
            MissionStep::Progress { note } => non_empty(note, "note")?,
            _ => {}
        }
        let mut seen = BTreeSet::new();
        for partner in &update.partners {
            self.actor(partner)?;
            if partner == &issuer.id || !seen.insert(partner) {
                return Err(Error::InvalidPartner(partner.to_string()));
            }
        }
        for r in update.shared_resources_used.iter().chain(&update.resources_developed) {
            non_empty(&r.name, "resource name")?;
        }
        Ok(())
    }
}

/// Checks that a negotiation step is not dated before the negotiation's latest
/// step: its last offer, or its last stalemate (a negotiation reopened after a
/// stalemate cannot agree, offer or fail again on a date before that stalemate).
fn after_last_step(on: NaiveDate, n: &Negotiation, later: &'static str) -> Result<()> {
    if let Some(last) = n.last_offer() {
        not_before(on, last.on, "last offer", later)?;
    }
    match n.stalemate_on {
        Some(stalemate) => not_before(on, stalemate, "stalemate", later),
        None => Ok(()),
    }
}

fn within_revenue(mission: &Mission, amount: Money) -> Result<()> {
    amount.ensure_input()?.ensure_within(mission.revenue.unwrap_or(Money::ZERO)).map(drop)
}

fn check_founding(by: &ActorId, founders: &[Actor]) -> Result<()> {
    if founders.is_empty() {
        return Err(Error::Founding("a network needs at least one founding steward"));
    }
    let mut seen = BTreeSet::new();
    for f in founders {
        f.check()?;
        if !seen.insert(&f.id) {
            return Err(Error::DuplicateActor(f.id.to_string()));
        }
        if !f.is_steward() {
            return Err(Error::NotSteward { actor: f.id.to_string(), action: "found the network" });
        }
    }
    if !seen.contains(by) {
        return Err(Error::NotOwner {
            actor: by.to_string(),
            owner: "the founders".into(),
            action: "found the network",
        });
    }
    Ok(())
}

impl Network {
    /// Checks a client named by a command: a member that exists, or an
    /// outside actor with a name.
    pub(super) fn check_client(&self, client: &Client) -> Result<()> {
        match client {
            Client::Member { id } => self.actor(id).map(drop),
            Client::Outside { name, .. } => non_empty(name, "client name"),
        }
    }
}

pub(super) fn owner(by: &ActorId, owner: &ActorId, action: &'static str) -> Result<()> {
    if by == owner {
        Ok(())
    } else {
        Err(Error::NotOwner { actor: by.to_string(), owner: owner.to_string(), action })
    }
}
