//! The leads the network receives and refers, from Python: one method per
//! command (`record_lead`, `offer_lead`, `answer_lead`, `close_lead`) and the
//! queries (`lead`, `leads_for`, `lead_recipients`, `referral_report`,
//! `benefits_statement`). Conversions only: the
//! records and their rules are the core's (`coopetition::lead`).

use crate::convert::{actor_id, label, lead_id, Str, UserText};
use crate::errors::IntoPy;
use crate::handle::PyNetwork;
use coopetition::benefits::BenefitsStatement;
use coopetition::lead::{Lead, LeadClosing};
use coopetition::network::{Action, Event};
use coopetition::referrals::ReferralReport;
use coopetition::text::Lang;
use pyo3::prelude::*;

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyNetwork {
    /// A steward records a request the network received: its client (a
    /// member's id, or `(name, kind)` for an outside actor), the need, when
    /// it was received (the day of the record by default), and who may see
    /// its details besides the stewards: `"offered"` (the members it is
    /// offered to, the default) or `"members"` (every member).
    #[pyo3(signature = (by, on, lead, client, need, *, received_on = None, visibility = None))]
    #[allow(clippy::too_many_arguments)]
    fn record_lead(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        lead: Str<'_>,
        #[gen_stub(override_type(type_repr = "builtins.str | builtins.tuple[builtins.str, builtins.str]", imports = ("builtins")))]
        client: &Bound<'_, PyAny>,
        need: UserText,
        received_on: Option<chrono::NaiveDate>,
        visibility: Option<&str>,
    ) -> PyResult<Event> {
        let action = Action::RecordLead {
            lead: lead_id(&lead)?,
            client: crate::event::client(client)?,
            need: need.into(),
            received_on: received_on.unwrap_or(on),
            visibility: visibility.map(label).transpose()?.unwrap_or_default(),
        };
        self.run(&by, on, action)
    }

    /// A steward offers a lead, to answer by `deadline`: `mode` is
    /// `"open_call"` (every provider who may receive it; no `members`) or
    /// `"direct_referral"` (to `members`).
    #[pyo3(signature = (by, on, lead, mode, deadline, *, members = Vec::new()))]
    #[allow(clippy::too_many_arguments)]
    fn offer_lead(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        lead: Str<'_>,
        mode: &str,
        deadline: chrono::NaiveDate,
        members: Vec<String>,
    ) -> PyResult<Event> {
        let members = members.iter().map(|m| actor_id(m)).collect::<PyResult<Vec<_>>>()?;
        let action = Action::OfferLead { lead: lead_id(&lead)?, mode: label(mode)?, members, deadline };
        self.run(&by, on, action)
    }

    /// A member the lead was offered to answers it: interested or not, with
    /// its proposal (or why not).
    #[pyo3(signature = (by, on, lead, interested, *, proposal = UserText(String::new())))]
    fn answer_lead(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        lead: Str<'_>,
        interested: bool,
        proposal: UserText,
    ) -> PyResult<Event> {
        let action = Action::AnswerLead { lead: lead_id(&lead)?, interested, proposal: proposal.into() };
        self.run(&by, on, action)
    }

    /// A steward closes a lead: `LeadClosing.Taken(member, chosen_by,
    /// mission, title)` creates the chosen member's mission from it (at the
    /// proposal step); `LeadClosing.NotTaken(reason)` says why nobody took it.
    fn close_lead(&self, by: Str<'_>, on: chrono::NaiveDate, lead: Str<'_>, outcome: LeadClosing) -> PyResult<Event> {
        self.run(&by, on, Action::CloseLead { lead: lead_id(&lead)?, outcome })
    }

    /// The lead with this id.
    fn lead(&self, id: Str<'_>) -> PyResult<Lead> {
        self.read()?.lead(&lead_id(&id)?).cloned().py()
    }

    /// The leads whose details `viewer` may see, in id order: all for an
    /// acting steward, those offered to a member or open to every member.
    fn leads_for(&self, viewer: Str<'_>) -> PyResult<Vec<Lead>> {
        let network = self.read()?;
        Ok(network.leads_for(&actor_id(&viewer)?).into_iter().cloned().collect())
    }

    /// The referral report of a calendar year: per provider, the leads
    /// offered, answered, won and lost, its share of the leads won, and the
    /// Herfindahl–Hirschman index of leads won (see the README).
    fn referral_report(&self, year: i32) -> PyResult<ReferralReport> {
        Ok(self.read()?.referral_report(year))
    }

    /// What the network brought `member` in `year`: the leads offered to it
    /// and won, the partners and resources its calls found, the shared
    /// resources its missions used, the network events it attended; with
    /// `document`, the statement as Markdown in `lang` (`"en"` or `"fr"`).
    #[pyo3(signature = (member, year, lang = Lang::En))]
    fn benefits_statement(&self, member: Str<'_>, year: i32, lang: Lang) -> PyResult<BenefitsStatement> {
        self.read()?.benefits_statement(&actor_id(&member)?, year, lang).py()
    }

    /// The providers an open call of this lead would go to now, in id order.
    fn lead_recipients(&self, id: Str<'_>) -> PyResult<Vec<String>> {
        let network = self.read()?;
        let lead = network.lead(&lead_id(&id)?).py()?;
        Ok(network.lead_recipients(lead).into_iter().map(String::from).collect())
    }
}
