//! Applying an accepted event to the state.
//!
//! Apart from the checks because an event reaches [`Network::apply`] only
//! once [`Network::check`] has accepted it: applying decides nothing and
//! never fails, it writes what the event says (and the follow-up it
//! entails).

use super::{Action, Event, Network};
use crate::actor::ActorKind;
use crate::charter::{shipped_charter, CharterSignature};
use crate::contract::{Contract, ContractStatus, ContractVersion, DiscussionNote, PendingTerms};
use crate::ids::{ActorId, ContractId, MissionId};
use crate::mission::{Mission, MissionRecord, MissionStatus, MissionStep, MissionUpdate};
use crate::negotiation::{Agreement, Declaration, Negotiation, NegotiationStatus, Offer, Party};
use chrono::NaiveDate;

impl Network {
    /// Applies a checked event. Never fails: every condition was checked.
    pub(super) fn apply(&mut self, event: &Event) {
        let Event { seq, by, on, action } = event;
        let on = *on;
        self.state.last_seq = *seq;
        match action {
            Action::FoundNetwork { settings, founders } => {
                self.state.settings = Some(settings.clone());
                self.state.founded_on = Some(on);
                self.state.charter = shipped_charter().to_vec();
                for f in founders {
                    self.state.founders.push(f.id.clone());
                    self.state.actors.insert(f.id.clone(), f.clone());
                }
            }
            Action::RegisterActor { actor } => {
                self.state.actors.insert(actor.id.clone(), actor.clone());
                super::follow_up::record_registration(&mut self.state, event);
            }
            Action::SetPublicListing { actor, public_listing } => {
                if let Some(a) = self.state.actors.get_mut(actor) {
                    a.public_listing = *public_listing;
                }
            }
            Action::ChangeLevel { actor, level, reason } => {
                let from = self.state.actors.get_mut(actor).map(|a| std::mem::replace(&mut a.level, *level));
                if let Some(from) = from {
                    super::follow_up::record_level_change(&mut self.state, event, actor, from, reason);
                }
            }
            Action::ProposeContract { contract, terms } => {
                let kind = self.state.actors.get(by).map_or(ActorKind::Citizen, |a| a.kind);
                self.state.contracts.insert(
                    contract.clone(),
                    Contract {
                        id: contract.clone(),
                        member: by.clone(),
                        kind,
                        status: ContractStatus::Proposed,
                        applied_on: on,
                        pending: Some(PendingTerms { terms: terms.clone(), proposed_on: on }),
                        versions: Vec::new(),
                        discussion: Vec::new(),
                        ended_on: None,
                        end_reason: None,
                    },
                );
                self.live.insert(by.clone(), contract.clone());
            }
            Action::DiscussContract { contract, note } => {
                if let Some(c) = self.state.contracts.get_mut(contract) {
                    c.discussion.push(DiscussionNote { by: by.clone(), on, note: note.clone() });
                    if c.status == ContractStatus::Proposed {
                        c.status = ContractStatus::InDiscussion;
                    }
                }
            }
            Action::ReviseProposal { contract, terms } | Action::ProposeAmendment { contract, terms } => {
                if let Some(c) = self.state.contracts.get_mut(contract) {
                    c.pending = Some(PendingTerms { terms: terms.clone(), proposed_on: on });
                }
            }
            Action::ValidateContract { contract } => {
                let includes_charter = self
                    .state
                    .contracts
                    .get(contract)
                    .filter(|c| self.charter_required(c))
                    .and_then(|_| self.charter().map(|t| t.version));
                if let Some(c) = self.state.contracts.get_mut(contract) {
                    if let Some(p) = c.pending.take() {
                        let version = u32::try_from(c.versions.len()).unwrap_or(u32::MAX - 1) + 1;
                        c.versions.push(ContractVersion {
                            version,
                            terms: p.terms,
                            proposed_on: p.proposed_on,
                            validated_on: on,
                            validated_by: by.clone(),
                            includes_charter,
                        });
                        c.status = ContractStatus::Active;
                    }
                }
            }
            Action::DeclineContract { contract, reason } => {
                if let Some(c) = self.state.contracts.get_mut(contract) {
                    c.pending = None;
                    if c.status != ContractStatus::Active {
                        c.status = ContractStatus::Declined;
                        c.ended_on = Some(on);
                        c.end_reason = Some(reason.clone());
                        self.live.remove(&c.member);
                    }
                }
            }
            Action::Resign { contract } => self.end_contract(contract, ContractStatus::Resigned, on, None),
            Action::ExcludeMember { contract, reason } => {
                if let Some(member) = self.state.contracts.get(contract).map(|c| c.member.clone()) {
                    super::follow_up::record_exclusion(&mut self.state, event, &member, reason);
                }
                self.end_contract(contract, ContractStatus::Excluded, on, Some(reason.clone()));
            }
            Action::PublishCharter { text } => self.state.charter.push(text.clone()),
            Action::SignCharter { version } => {
                self.state.signatures.entry(by.clone()).or_default().push(CharterSignature {
                    provider: by.clone(),
                    version: *version,
                    signed_on: on,
                });
            }
            Action::RecordLead { .. }
            | Action::OfferLead { .. }
            | Action::AnswerLead { .. }
            | Action::CloseLead { .. } => {
                self.apply_lead(event);
                self.origins.after(event, &self.state);
            }
            Action::CallForPartners { .. } | Action::AnswerCall { .. } | Action::RecordCallPartner { .. } => {
                self.apply_call(event);
            }
            Action::RecordNetworkEvent { .. } => {
                self.apply_network_event(event);
                self.origins.after(event, &self.state);
            }
            Action::SetFiscalYear { start } => {
                let changes = &self.state.fiscal_years;
                if let Ok(change) = crate::fiscal_year::change_on(changes, on, *start) {
                    self.state.fiscal_years = crate::fiscal_year::with_change(changes, change);
                }
            }
            Action::ReportMission { mission, occurred_on, step, update } => {
                self.apply_report(by, on, mission, *occurred_on, step, update);
                super::follow_up::after_report(&mut self.state, &self.live, event, mission, step, update);
            }
            Action::DeclareContribution { mission, amount } => {
                self.state.declarations.insert(mission.clone(), Declaration { amount: *amount, on });
            }
            Action::OfferContribution { mission, amount } => {
                let party = match self.state.missions.get(mission) {
                    Some(m) if &m.provider == by => Party::Provider,
                    _ => Party::Network,
                };
                let n = self.state.negotiations.entry(mission.clone()).or_insert_with(|| Negotiation {
                    mission: mission.clone(),
                    status: NegotiationStatus::Open,
                    offers: Vec::new(),
                    agreed: None,
                    stalemate_on: None,
                });
                n.offers.push(Offer { party, by: by.clone(), amount: *amount, on });
            }
            Action::AcceptOffer { mission } => {
                if let Some(n) = self.state.negotiations.get_mut(mission) {
                    n.agreed = n.offers.last().map(|o| Agreement { amount: o.amount, on });
                    n.status = NegotiationStatus::Agreed;
                }
            }
            Action::DeclareStalemate { mission } => {
                if let Some(n) = self.state.negotiations.get_mut(mission) {
                    n.status = NegotiationStatus::Stalemate;
                    n.stalemate_on = Some(on);
                }
            }
            Action::ReopenNegotiation { mission } => {
                if let Some(n) = self.state.negotiations.get_mut(mission) {
                    n.status = NegotiationStatus::Open;
                }
            }
            Action::RecordPayment { payment } => {
                self.state.payments.push(payment.clone());
                super::follow_up::record_issuer(&mut self.state, event);
            }
            Action::RecordDonation { donation } => {
                self.state.donations.push(donation.clone());
                super::follow_up::record_issuer(&mut self.state, event);
            }
            Action::RecordDelivery { delivery } => {
                self.state.deliveries.push(delivery.clone());
                super::follow_up::record_issuer(&mut self.state, event);
            }
            Action::ConfigureFollowUp { .. }
            | Action::ShareResource { .. }
            | Action::RecordPriorWork { .. }
            | Action::RecordMemberInformed { .. }
            | Action::RecordAttendance { .. }
            | Action::NotifyHearing { .. }
            | Action::AnswerHearing { .. }
            | Action::DecideStanding { .. }
            | Action::DecideLevel { .. } => {
                if let Some(end) = super::follow_up::apply(&mut self.state, &self.live, event) {
                    self.end_contract(&end.contract, ContractStatus::Excluded, end.on, Some(end.reason));
                }
            }
        }
    }

    fn end_contract(&mut self, contract: &ContractId, status: ContractStatus, on: NaiveDate, reason: Option<String>) {
        if let Some(c) = self.state.contracts.get_mut(contract) {
            c.status = status;
            c.pending = None;
            c.ended_on = Some(on);
            c.end_reason = reason;
            self.live.remove(&c.member);
        }
    }

    fn apply_report(
        &mut self,
        by: &ActorId,
        on: NaiveDate,
        id: &MissionId,
        occurred_on: NaiveDate,
        step: &MissionStep,
        update: &MissionUpdate,
    ) {
        let record = |note: &str| MissionRecord {
            step: step.label().to_owned(),
            occurred_on,
            reported_on: on,
            note: note.to_owned(),
        };
        if let MissionStep::Solicited { client, lead_origin, title } = step {
            // The check accepted the declared origin: it is the record's, if any.
            let origin_record = self.recorded_origin(by, client, occurred_on).map(|(_, record)| record);
            let mut mission = Mission::opened(
                id.clone(),
                by.clone(),
                client.clone(),
                *lead_origin,
                title.clone(),
                MissionStatus::Solicited,
                vec![record("")],
                origin_record,
            );
            mission.absorb(update);
            self.state.missions.insert(id.clone(), mission);
            return;
        }
        if let Some(m) = self.state.missions.get_mut(id) {
            let note = match step {
                MissionStep::Progress { note } => note.as_str(),
                MissionStep::Lost { reason } | MissionStep::Cancelled { reason } => reason.as_str(),
                _ => "",
            };
            m.history.push(record(note));
            if let MissionStep::Won { revenue } = step {
                m.revenue = Some(*revenue);
            }
            m.status = step.target();
            m.absorb(update);
        }
    }
}
