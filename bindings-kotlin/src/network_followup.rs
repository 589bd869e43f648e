//! The network's charter follow-up and documents: its commands (rules,
//! shared resources, prior work, attendance, hearings, decisions) and its
//! queries (compliance, standing, suggestions, directory, Markdown documents).

use crate::commands::{Action, Event};
use crate::enums::{DecisionVenue, InvolvementLevel, Lang, Standing};
use crate::error::Result;
use crate::followup::{ComplianceReport, Decision, FollowUpRules, LevelSuggestion, MemberCompliance, StandingProposal};
use crate::network::Network;
use crate::types::{Client, DirectoryEntry};
use chrono::NaiveDate;
use coopetition::ids::{ActorId, ContractId, MissionId};

#[uniffi::export]
impl Network {
    // ---- charter follow-up: one method per action ----------------------------------

    /// A steward sets the follow-up rules (deadlines, thresholds) in force from a date.
    ///
    /// # Errors
    /// `auth.steward.required`, `compliance.deadline.invalid`, `standing.thresholds.invalid`,
    /// `policy.parameters.overlap`, `date.order.invalid` (a first day before the command's date).
    pub fn configure_follow_up(
        &self,
        by: ActorId,
        on: NaiveDate,
        from_date: NaiveDate,
        rules: FollowUpRules,
    ) -> Result<Event> {
        self.act(by, on, Action::ConfigureFollowUp { from: from_date, rules })
    }

    /// The provider records that a resource developed during a mission was shared (charter art. 3).
    ///
    /// # Errors
    /// `mission.id.unknown`, `auth.owner.required`, `input.text.empty`,
    /// `compliance.resource.not_developed`, `compliance.resource.already_shared`.
    pub fn share_resource(
        &self,
        by: ActorId,
        on: NaiveDate,
        mission: MissionId,
        resource: String,
        licence: String,
        location: String,
    ) -> Result<Event> {
        self.act(by, on, Action::ShareResource { mission, resource, licence, location })
    }

    /// A member (or a steward for it) records prior work with a local actor (charter art. 4).
    ///
    /// # Errors
    /// `actor.id.unknown`, `auth.steward.required`, `mission.partner.invalid`, `input.text.empty`.
    pub fn record_prior_work(
        &self,
        by: ActorId,
        on: NaiveDate,
        member: ActorId,
        local_actor: Client,
        since: NaiveDate,
    ) -> Result<Event> {
        self.act(by, on, Action::RecordPriorWork { member, local_actor, since })
    }

    /// The provider records that it informed a member who worked with the client before (art. 4).
    ///
    /// # Errors
    /// `mission.id.unknown`, `auth.owner.required`, `compliance.obligation.not_open`.
    pub fn record_member_informed(
        &self,
        by: ActorId,
        on: NaiveDate,
        mission: MissionId,
        member: ActorId,
    ) -> Result<Event> {
        self.act(by, on, Action::RecordMemberInformed { mission, member })
    }

    /// A steward records a member's attendance at the yearly meeting on the quality of support (art. 5).
    ///
    /// # Errors
    /// `auth.steward.required`, `actor.id.unknown`, `compliance.attendance.future_year`,
    /// `compliance.attendance.duplicate`.
    #[uniffi::method(default(meeting = ""))]
    pub fn record_attendance(
        &self,
        by: ActorId,
        on: NaiveDate,
        member: ActorId,
        year: i32,
        meeting: String,
    ) -> Result<Event> {
        self.act(by, on, Action::RecordAttendance { member, year, meeting })
    }

    /// A steward notifies a member of the grounds of a possible exclusion: the hearing opens.
    ///
    /// # Errors
    /// `auth.steward.required`, `standing.decision.self`, `standing.member.excluded`,
    /// `standing.hearing.already_open`.
    pub fn notify_hearing(&self, by: ActorId, on: NaiveDate, member: ActorId, grounds: String) -> Result<Event> {
        self.act(by, on, Action::NotifyHearing { member, grounds })
    }

    /// The member (or a steward recording it) answers the notice.
    ///
    /// # Errors
    /// `standing.hearing.not_open`, `standing.hearing.answered`, `auth.steward.required`.
    pub fn answer_hearing(&self, by: ActorId, on: NaiveDate, member: ActorId, answer: String) -> Result<Event> {
        self.act(by, on, Action::AnswerHearing { member, answer })
    }

    /// A steward records a decision on a member's standing (a sanction or a reinstatement).
    /// The decision was taken on `taken_on`, the day of the record by default.
    ///
    /// # Errors
    /// `auth.steward.required`, `standing.decision.self`, `standing.decision.unchanged`,
    /// `standing.transition.invalid`, `standing.hearing.required`, `standing.hearing.pending`.
    #[uniffi::method(default(taken_on = None, reference = None))]
    #[allow(clippy::too_many_arguments)]
    pub fn decide_standing(
        &self,
        by: ActorId,
        on: NaiveDate,
        member: ActorId,
        standing: Standing,
        reason: String,
        venue: DecisionVenue,
        taken_on: Option<NaiveDate>,
        reference: Option<String>,
    ) -> Result<Event> {
        let decision = Decision { reason, taken_on: taken_on.unwrap_or(on), venue, reference };
        self.act(by, on, Action::DecideStanding { member, standing, decision })
    }

    /// A steward records a decision on an actor's involvement level.
    /// The decision was taken on `taken_on`, the day of the record by default.
    ///
    /// # Errors
    /// As [`Network::change_level`], and `input.text.empty`, `date.order.invalid` for the decision.
    #[uniffi::method(default(taken_on = None, reference = None))]
    #[allow(clippy::too_many_arguments)]
    pub fn decide_level(
        &self,
        by: ActorId,
        on: NaiveDate,
        actor: ActorId,
        level: InvolvementLevel,
        reason: String,
        venue: DecisionVenue,
        taken_on: Option<NaiveDate>,
        reference: Option<String>,
    ) -> Result<Event> {
        let decision = Decision { reason, taken_on: taken_on.unwrap_or(on), venue, reference };
        self.act(by, on, Action::DecideLevel { actor, level, decision })
    }

    // ---- charter follow-up: queries -------------------------------------------------

    /// The compliance of every provider bound by the charter, article by article, on `as_of`.
    pub fn compliance_report(&self, as_of: NaiveDate) -> Result<ComplianceReport> {
        Ok(self.read().compliance_report(as_of))
    }

    /// The compliance of one member on `as_of`; `null` if the charter does not bind it then.
    ///
    /// # Errors
    /// `actor.id.unknown`.
    pub fn member_compliance(&self, member: ActorId, as_of: NaiveDate) -> Result<Option<MemberCompliance>> {
        Ok(self.read().member_compliance(&member, as_of)?)
    }

    /// The follow-up rules in force on a date.
    ///
    /// # Errors
    /// Typed errors for a date that cannot be lifted.
    pub fn follow_up_rules(&self, on: NaiveDate) -> Result<FollowUpRules> {
        Ok(self.read().follow_up_rules(on).clone())
    }

    /// A member's standing (good standing until a decision says otherwise).
    ///
    /// # Errors
    /// Typed errors for an invalid id.
    pub fn standing(&self, member: ActorId) -> Result<Standing> {
        Ok(self.read().standing(&member))
    }

    /// What the thresholds propose for a member's standing on `as_of` (shown, never applied).
    ///
    /// # Errors
    /// `actor.id.unknown`.
    pub fn standing_proposal(&self, member: ActorId, as_of: NaiveDate) -> Result<StandingProposal> {
        Ok(self.read().standing_proposal(&member, as_of)?)
    }

    /// The standing proposals of every member bound by the charter.
    ///
    /// # Errors
    /// Typed errors for a date that cannot be lifted.
    pub fn standing_proposals(&self, as_of: NaiveDate) -> Result<Vec<StandingProposal>> {
        Ok(self.read().standing_proposals(as_of).into_iter().collect())
    }

    /// The involvement level recorded activity suggests for an actor (shown, never applied).
    ///
    /// # Errors
    /// `actor.id.unknown`.
    pub fn level_suggestion(&self, actor: ActorId, as_of: NaiveDate) -> Result<LevelSuggestion> {
        Ok(self.read().level_suggestion(&actor, as_of)?)
    }

    /// The level suggestions of every actor.
    ///
    /// # Errors
    /// Typed errors for a date that cannot be lifted.
    pub fn level_suggestions(&self, as_of: NaiveDate) -> Result<Vec<LevelSuggestion>> {
        Ok(self.read().level_suggestions(as_of).into_iter().collect())
    }

    /// The public directory: consenting members in good standing, in id order.
    pub fn public_directory(&self) -> Vec<DirectoryEntry> {
        self.read().public_directory().entries.into_iter().collect()
    }

    /// The public directory as a Markdown table.
    pub fn directory_markdown(&self, lang: Lang) -> String {
        self.read().public_directory().to_markdown(lang)
    }

    // ---- documents ------------------------------------------------------------------

    /// A member's contract (the version in force, or `version`) as Markdown.
    ///
    /// # Errors
    /// `contract.id.unknown`, `contract.version.unknown`.
    #[uniffi::method(default(version = None))]
    pub fn contract_document(&self, contract: ContractId, version: Option<u32>, lang: Lang) -> Result<String> {
        Ok(self.read().contract_markdown(&contract, version, lang)?)
    }

    /// A charter version (the one in force by default) as Markdown.
    ///
    /// # Errors
    /// `charter.version.unknown`.
    #[uniffi::method(default(version = None))]
    pub fn charter_document(&self, version: Option<u32>, lang: Lang) -> Result<String> {
        Ok(self.read().charter_markdown(version, lang)?)
    }

    /// The charter a provider signed last, as Markdown, followed by its signature.
    ///
    /// # Errors
    /// `actor.id.unknown`; `charter.version.unknown` if it never signed.
    pub fn signed_charter_document(&self, provider: ActorId, lang: Lang) -> Result<String> {
        Ok(self.read().signed_charter_markdown(&provider, lang)?)
    }
}
