//! What membership gave a member in a year: the report asks to "spell out the
//! concrete benefits I get from belonging to the network". Beside the ledger's
//! statement of what a member owes, this statement lists what the network
//! brought it, from the network's own records:
//!
//! - the leads offered to it (open calls and direct referrals), with what
//!   became of each, and the leads it won;
//! - the partners and the shared resources that joined its missions through
//!   its calls for partners;
//! - the shared resources its missions used;
//! - the network events it attended, and the missions whose clients it met
//!   there (a recorded origin, see [`crate::origin`]).
//!
//! Each fact counts in the year of its own date, as in the referral report:
//! a lead in the year it was offered (its result as it stands now) or won, a
//! partner in the year it joined, a resource in the year a report first
//! mentioned it, an event in the year it was held, a mission in the year its
//! client asked. Peer mentoring, which the report also names, is not
//! recorded by any command, so the statement does not list it.

use crate::calendar::in_year;
use crate::error::{Error, Result};
use crate::ids::{ActorId, CallId, LeadId, MissionId, NetworkEventId};
use crate::labels::labelled_enum;
use crate::lead::{ChosenBy, LeadOutcome, OfferMode};
use crate::network::Network;
use crate::origin::OriginRecord;
use crate::statement_text::cell;
use crate::text::Lang;
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt::Write as _;

labelled_enum!(
    /// What became of a lead offered to a member, for that member.
    LeadResult, "lead result", {
        /// It took the lead: its mission was created from it.
        Won => "won",
        /// It wanted the lead, which went to another member or to nobody.
        Lost => "lost",
        /// It answered that it did not want the lead.
        Declined => "declined",
        /// The lead was closed without its answer.
        NotAnswered => "not_answered",
        /// The lead is still open.
        Open => "open",
    }
);

/// A lead offered to the member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct LeadOffered {
    /// The lead.
    pub lead: LeadId,
    /// What the client needs.
    pub need: String,
    /// The day it was offered.
    pub offered_on: NaiveDate,
    /// An open call or a direct referral.
    pub mode: OfferMode,
    /// What became of it for the member, as it stands now.
    pub result: LeadResult,
}

/// A lead the member won.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct LeadWon {
    /// The lead.
    pub lead: LeadId,
    /// The mission created from it.
    pub mission: MissionId,
    /// Who chose the member.
    pub chosen_by: ChosenBy,
    /// The day the lead was closed for the member.
    pub won_on: NaiveDate,
}

/// A member who joined one of the member's missions through its call for partners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct FoundThroughCall {
    /// The call.
    pub call: CallId,
    /// The mission.
    pub mission: MissionId,
    /// What the call asked for.
    pub what: String,
    /// The member who joined.
    pub partner: ActorId,
    /// The shared resource it brought, for a call for a resource.
    pub resource: Option<String>,
    /// The day it joined.
    pub joined_on: NaiveDate,
}

/// A shared resource one of the member's missions used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct ResourceUsed {
    /// The mission.
    pub mission: MissionId,
    /// The resource.
    pub name: String,
    /// The day of the report that first mentioned it.
    pub first_used_on: NaiveDate,
}

/// A network event the member attended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct EventAttended {
    /// The event.
    pub event: NetworkEventId,
    /// What it was.
    pub title: String,
    /// The day it was held.
    pub held_on: NaiveDate,
}

/// What the network brought a member in a year, as data and as a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct BenefitsStatement {
    /// The network's name.
    pub network: String,
    /// The member.
    pub member: ActorId,
    /// Its display name.
    pub member_name: String,
    /// The calendar year.
    pub year: i32,
    /// Leads offered to it in the year, in id order.
    pub leads_offered: Vec<LeadOffered>,
    /// Leads closed in the year as taken by it, in id order.
    pub leads_won: Vec<LeadWon>,
    /// Partners who joined its missions through its calls for a skill in the
    /// year, in the order they joined.
    pub partners_found: Vec<FoundThroughCall>,
    /// Members who brought a shared resource through its calls for a
    /// resource in the year, in the order they joined.
    pub resources_through_calls: Vec<FoundThroughCall>,
    /// Shared resources its missions used, first mentioned in the year, by
    /// mission then in the order first mentioned.
    pub shared_resources_used: Vec<ResourceUsed>,
    /// Network events it attended, held in the year, by date then id.
    pub events_attended: Vec<EventAttended>,
    /// Its missions whose client asked in the year, whose recorded origin is
    /// a network event it attended with the client, in id order.
    pub missions_from_events: Vec<MissionId>,
    /// The statement as a Markdown document, in the language asked for.
    pub document: String,
}

impl Network {
    /// What the network brought `member` in `year`, with the statement as a
    /// Markdown document in `lang` (see [`crate::benefits`]).
    ///
    /// # Errors
    /// `network.founding.invalid` before founding; `actor.id.unknown`.
    pub fn benefits_statement(&self, member: &ActorId, year: i32, lang: Lang) -> Result<BenefitsStatement> {
        let settings = self.settings().ok_or(Error::Founding("the network must be founded first"))?;
        let actor = self.actor(member)?;
        let state = self.state();
        let mut leads_offered = Vec::new();
        let mut leads_won = Vec::new();
        for lead in state.leads.values() {
            if let Some(offer) = lead.offer.as_ref().filter(|o| in_year(o.recorded.on, year) && lead.offered_to(member))
            {
                let answer = lead.answer_of(member);
                let result = match (&lead.outcome, answer) {
                    (Some(LeadOutcome::Taken { member: m, .. }), _) if m == member => LeadResult::Won,
                    (_, Some(a)) if !a.interested => LeadResult::Declined,
                    (Some(_), Some(_)) => LeadResult::Lost,
                    (Some(_), None) => LeadResult::NotAnswered,
                    (None, _) => LeadResult::Open,
                };
                leads_offered.push(LeadOffered {
                    lead: lead.id.clone(),
                    need: lead.need.clone(),
                    offered_on: offer.recorded.on,
                    mode: offer.mode,
                    result,
                });
            }
            if let Some(LeadOutcome::Taken { member: m, chosen_by, mission, recorded, .. }) = &lead.outcome {
                if m == member && in_year(recorded.on, year) {
                    leads_won.push(LeadWon {
                        lead: lead.id.clone(),
                        mission: mission.clone(),
                        chosen_by: *chosen_by,
                        won_on: recorded.on,
                    });
                }
            }
        }
        let mut joined: Vec<(u64, FoundThroughCall)> = Vec::new();
        for call in state.calls.values().filter(|c| &c.provider == member) {
            for j in call.joined.iter().filter(|j| in_year(j.recorded.on, year)) {
                let found = FoundThroughCall {
                    call: call.id.clone(),
                    mission: call.mission.clone(),
                    what: call.what.clone(),
                    partner: j.member.clone(),
                    resource: j.resource.clone(),
                    joined_on: j.recorded.on,
                };
                joined.push((j.recorded.seq, found));
            }
        }
        joined.sort_by_key(|(seq, _)| *seq);
        let (resources_through_calls, partners_found): (Vec<_>, Vec<_>) =
            joined.into_iter().map(|(_, f)| f).partition(|f| f.resource.is_some());
        let mut shared_resources_used = Vec::new();
        let mut missions_from_events = Vec::new();
        for m in state.missions.values().filter(|m| &m.provider == member) {
            let uses = state.follow_up.missions.get(&m.id).map(|f| f.resources_used.as_slice()).unwrap_or_default();
            for r in uses.iter().filter(|r| in_year(r.first.on, year)) {
                shared_resources_used.push(ResourceUsed {
                    mission: m.id.clone(),
                    name: r.name.clone(),
                    first_used_on: r.first.on,
                });
            }
            let asked = m.history.first().is_some_and(|h| in_year(h.occurred_on, year));
            if asked && matches!(m.origin_record, Some(OriginRecord::NetworkEvent { .. })) {
                missions_from_events.push(m.id.clone());
            }
        }
        let mut events_attended: Vec<EventAttended> = state
            .events
            .values()
            .filter(|e| in_year(e.held_on, year) && e.attended_by(member))
            .map(|e| EventAttended { event: e.id.clone(), title: e.title.clone(), held_on: e.held_on })
            .collect();
        events_attended.sort_by(|a, b| (a.held_on, &a.event).cmp(&(b.held_on, &b.event)));
        let mut statement = BenefitsStatement {
            network: settings.name.clone(),
            member: member.clone(),
            member_name: actor.display_name.clone(),
            year,
            leads_offered,
            leads_won,
            partners_found,
            resources_through_calls,
            shared_resources_used,
            events_attended,
            missions_from_events,
            document: String::new(),
        };
        statement.document = statement.to_markdown(lang);
        Ok(statement)
    }
}

impl BenefitsStatement {
    /// The statement as Markdown, in French or in English.
    pub fn to_markdown(&self, lang: Lang) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_markdown(&mut out, lang);
        out
    }

    fn write_markdown(&self, out: &mut String, lang: Lang) -> std::fmt::Result {
        let fr = lang == Lang::Fr;
        let t = |fr_text: &'static str, en_text: &'static str| if fr { fr_text } else { en_text };
        let c = t(" :", ":");
        let none = t("Aucun.", "None.");
        writeln!(
            out,
            "# {} {} — {}",
            t("Ce que le réseau m'a apporté en", "What the network brought me in"),
            self.year,
            cell(&self.network)
        )?;
        writeln!(out)?;
        writeln!(out, "- {}{c} {} (`{}`)", t("Membre", "Member"), cell(&self.member_name), self.member)?;
        writeln!(out, "- {}{c} {}", t("Année", "Year"), self.year)?;

        writeln!(out, "\n## {}\n", t("Sollicitations orientées vers moi", "Leads the network referred to me"))?;
        if self.leads_offered.is_empty() {
            writeln!(out, "{none}")?;
        } else {
            writeln!(
                out,
                "| {} |\n| --- | --- | --- | --- | --- |",
                t("Sollicitation | Besoin | Proposée le | Mode | Suite", "Lead | Need | Offered on | Mode | Result")
            )?;
            for l in &self.leads_offered {
                let mode = match (l.mode, fr) {
                    (OfferMode::OpenCall, true) => "appel ouvert",
                    (OfferMode::OpenCall, false) => "open call",
                    (OfferMode::DirectReferral, true) => "orientation directe",
                    (OfferMode::DirectReferral, false) => "direct referral",
                };
                let result = l.result.text(lang);
                writeln!(out, "| `{}` | {} | {} | {mode} | {result} |", l.lead, cell(&l.need), l.offered_on)?;
            }
        }
        let won = self.leads_won.len();
        writeln!(out, "\n{}{c} **{won}**", t("Sollicitations remportées dans l'année", "Leads won in the year"))?;
        for w in &self.leads_won {
            writeln!(out, "- `{}` → mission `{}` ({})", w.lead, w.mission, w.won_on)?;
        }

        for (title, found) in [
            (t("Partenaires trouvés par mes appels", "Partners found through my calls"), &self.partners_found),
            (
                t("Ressources apportées en réponse à mes appels", "Resources brought through my calls"),
                &self.resources_through_calls,
            ),
        ] {
            writeln!(out, "\n## {title}\n")?;
            if found.is_empty() {
                writeln!(out, "{none}")?;
            }
            for f in found {
                let brought = f.resource.as_deref().map(|r| format!(" — {}", cell(r))).unwrap_or_default();
                let what = if fr { format!("« {} »", cell(&f.what)) } else { format!("“{}”", cell(&f.what)) };
                writeln!(
                    out,
                    "- `{}`{brought} (mission `{}`, {} {what}, {})",
                    f.partner,
                    f.mission,
                    t("appel", "call"),
                    f.joined_on
                )?;
            }
        }

        writeln!(out, "\n## {}\n", t("Ressources partagées utilisées", "Shared resources used"))?;
        if self.shared_resources_used.is_empty() {
            writeln!(out, "{none}")?;
        }
        for r in &self.shared_resources_used {
            writeln!(out, "- {} (mission `{}`, {})", cell(&r.name), r.mission, r.first_used_on)?;
        }

        writeln!(out, "\n## {}\n", t("Événements du réseau", "Network events"))?;
        if self.events_attended.is_empty() {
            writeln!(out, "{none}")?;
        }
        for e in &self.events_attended {
            writeln!(out, "- {} — {} (`{}`)", e.held_on, cell(&e.title), e.event)?;
        }
        if !self.missions_from_events.is_empty() {
            let ids: Vec<String> = self.missions_from_events.iter().map(|m| format!("`{m}`")).collect();
            writeln!(
                out,
                "\n{}{c} {}",
                t(
                    "Missions dont j'ai rencontré le client lors d'un événement du réseau",
                    "Missions whose client I met at a network event"
                ),
                ids.join(", ")
            )?;
        }
        Ok(())
    }
}

impl LeadResult {
    /// The result in words, in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (LeadResult::Won, Lang::Fr) => "remportée",
            (LeadResult::Won, Lang::En) => "won",
            (LeadResult::Lost, Lang::Fr) => "confiée à un autre ou à personne",
            (LeadResult::Lost, Lang::En) => "went to another member or to nobody",
            (LeadResult::Declined, Lang::Fr) => "déclinée",
            (LeadResult::Declined, Lang::En) => "declined",
            (LeadResult::NotAnswered, Lang::Fr) => "close sans ma réponse",
            (LeadResult::NotAnswered, Lang::En) => "closed without my answer",
            (LeadResult::Open, Lang::Fr) => "en cours",
            (LeadResult::Open, Lang::En) => "open",
        }
    }
}
