//! The leads the network receives and refers: one method per command
//! (`recordLead`, `offerLead`, `answerLead`, `closeLead`) and the queries
//! (`lead`, `leadsFor`, `leadRecipients`, `referralReport`, `benefitsStatement`). The records and their rules are
//! the core's (`coopetition::lead`).

use crate::commands::{Action, Event};
use crate::error::Result;
use crate::network::Network;
use crate::types::Client;
use chrono::NaiveDate;
use coopetition::benefits::BenefitsStatement;
use coopetition::ids::{ActorId, LeadId};
use coopetition::lead::{Lead, LeadClosing, LeadVisibility, OfferMode};
use coopetition::referrals::ReferralReport;
use coopetition::text::Lang;

#[uniffi::export]
impl Network {
    /// A steward records a request the network received on `received_on`
    /// (the day of the record by default).
    ///
    /// # Errors
    /// `auth.steward.required`, `lead.id.duplicate`, `input.text.empty`,
    /// `actor.id.unknown`, `date.order.invalid`.
    #[uniffi::method(default(received_on = None, visibility = None))]
    #[allow(clippy::too_many_arguments)]
    pub fn record_lead(
        &self,
        by: ActorId,
        on: NaiveDate,
        lead: LeadId,
        client: Client,
        need: String,
        received_on: Option<NaiveDate>,
        visibility: Option<LeadVisibility>,
    ) -> Result<Event> {
        let visibility = visibility.unwrap_or_default();
        self.act(by, on, Action::RecordLead { lead, client, need, received_on: received_on.unwrap_or(on), visibility })
    }

    /// A steward offers a lead, to answer by `deadline`: an open call (no
    /// `members`) or a direct referral to `members`.
    ///
    /// # Errors
    /// `lead.id.unknown`, `lead.state.invalid`, `lead.recipient.invalid`, `date.order.invalid`.
    #[uniffi::method(default(members = []))]
    pub fn offer_lead(
        &self,
        by: ActorId,
        on: NaiveDate,
        lead: LeadId,
        mode: OfferMode,
        deadline: NaiveDate,
        members: Vec<ActorId>,
    ) -> Result<Event> {
        self.act(by, on, Action::OfferLead { lead, mode, members, deadline })
    }

    /// A member the lead was offered to answers it.
    ///
    /// # Errors
    /// `lead.answer.not_offered`, `lead.answer.late`, `lead.answer.duplicate`,
    /// `lead.state.invalid`, `lead.recipient.invalid`.
    #[uniffi::method(default(proposal = ""))]
    pub fn answer_lead(
        &self,
        by: ActorId,
        on: NaiveDate,
        lead: LeadId,
        interested: bool,
        proposal: String,
    ) -> Result<Event> {
        self.act(by, on, Action::AnswerLead { lead, interested, proposal })
    }

    /// A steward closes a lead: `LeadClosing.Taken` creates the chosen
    /// member's mission from it; `LeadClosing.NotTaken` says why nobody took it.
    ///
    /// # Errors
    /// `lead.state.invalid`, `lead.choice.invalid`, `lead.recipient.invalid`,
    /// `mission.id.duplicate`, `input.text.empty`.
    pub fn close_lead(&self, by: ActorId, on: NaiveDate, lead: LeadId, outcome: LeadClosing) -> Result<Event> {
        self.act(by, on, Action::CloseLead { lead, outcome })
    }

    /// The lead with this id.
    ///
    /// # Errors
    /// `lead.id.unknown`.
    pub fn lead(&self, id: LeadId) -> Result<Lead> {
        Ok(self.read().lead(&id)?.clone())
    }

    /// The leads whose details `viewer` may see, in id order: all for an
    /// acting steward, those offered to a member or open to every member.
    pub fn leads_for(&self, viewer: ActorId) -> Vec<Lead> {
        self.read().leads_for(&viewer).into_iter().cloned().collect()
    }

    /// The referral report of a calendar year: per provider, the leads
    /// offered, answered, won and lost, its share of the leads won, and the
    /// Herfindahl–Hirschman index of leads won.
    pub fn referral_report(&self, year: i32) -> ReferralReport {
        self.read().referral_report(year)
    }

    /// What the network brought `member` in `year`: the leads offered to it
    /// and won, the partners and resources its calls found, the shared
    /// resources its missions used, the network events it attended; with
    /// `document`, the statement as Markdown in `lang`.
    ///
    /// # Errors
    /// `network.founding.invalid` before founding; `actor.id.unknown`.
    pub fn benefits_statement(&self, member: ActorId, year: i32, lang: Lang) -> Result<BenefitsStatement> {
        Ok(self.read().benefits_statement(&member, year, lang)?)
    }

    /// The providers an open call of this lead would go to now, in id order.
    ///
    /// # Errors
    /// `lead.id.unknown`.
    pub fn lead_recipients(&self, id: LeadId) -> Result<Vec<ActorId>> {
        let network = self.read();
        let lead = network.lead(&id)?;
        Ok(network.lead_recipients(lead))
    }
}
