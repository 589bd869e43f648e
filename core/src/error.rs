//! Errors of the whole crate, each with a stable machine code.
//!
//! Every variant carries the offending value and renders a lowercase message
//! with user input in backticks. [`Error::code`] gives a dotted code such as
//! `mission.transition.invalid` that never changes once published: bindings
//! expose it so apps can translate messages, and tests match on it.

use thiserror::Error;

/// Everything that can go wrong in this crate.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Error {
    // ---- identifiers and input values -------------------------------------------
    /// An identifier is empty, too long or holds characters outside `[A-Za-z0-9._:-]`.
    #[error("invalid identifier `{0}`: use 1 to 64 letters, digits, `.`, `_`, `:` or `-`")]
    InvalidId(String),
    /// A text field that must not be empty is empty.
    #[error("`{field}` must not be empty")]
    EmptyText {
        /// Name of the field.
        field: &'static str,
    },
    /// An amount of money is not in euros.
    #[error("unsupported currency `{0}`: only `EUR` is accepted")]
    UnsupportedCurrency(String),
    /// An amount of money that must not be negative is negative.
    #[error("negative amount `{amount}` for `{field}`")]
    NegativeAmount {
        /// Name of the field.
        field: &'static str,
        /// The amount as given.
        amount: String,
    },
    /// An arithmetic result does not fit the decimal range.
    #[error("amount overflow while computing `{0}`")]
    AmountOverflow(String),
    /// An amount of money given as input is not a whole number of cents.
    #[error(
        "amount `{amount}` has more than two decimals: money is given in whole cents, never rounded on the way in"
    )]
    AmountPrecision {
        /// The amount as given.
        amount: String,
    },
    /// An amount of money given as input is beyond the range of money.
    #[error("amount `{amount}` is beyond the range of money: at most 792281625142643375935439503.35 either way")]
    AmountRange {
        /// The amount as given.
        amount: String,
    },
    /// A text holds a control or format character, invisible or misleading on screen.
    #[error("`{field}` holds the control or format character {code_point}: write visible text")]
    InvalidText {
        /// Name of the field.
        field: &'static str,
        /// The offending character, as `U+200B`.
        code_point: String,
    },
    /// A decimal or date string could not be parsed.
    #[error("cannot parse `{value}` as {expected}")]
    Parse {
        /// The text given.
        value: String,
        /// What was expected (`a decimal amount`, `an ISO date`…).
        expected: &'static str,
    },
    /// A label (actor kind, lead origin…) is not one of the known values.
    #[error("unknown {what} `{value}`; expected one of: {expected}")]
    UnknownLabel {
        /// What the label names (`actor kind`, `lead origin`…).
        what: &'static str,
        /// The label given.
        value: String,
        /// The accepted labels, comma separated.
        expected: String,
    },
    /// Two dates are in the wrong order.
    #[error("{later} on {later_date} cannot precede {earlier} on {earlier_date}")]
    DateOrder {
        /// The event that should come first.
        earlier: &'static str,
        /// Its date.
        earlier_date: chrono::NaiveDate,
        /// The event that should come later.
        later: &'static str,
        /// Its (offending) date.
        later_date: chrono::NaiveDate,
    },

    // ---- actors -----------------------------------------------------------------
    /// No actor has this id.
    #[error("unknown actor `{0}`")]
    UnknownActor(String),
    /// An actor with this id already exists.
    #[error("actor `{0}` already exists")]
    DuplicateActor(String),
    /// The last steward cannot leave the steward level: nobody could validate anything.
    #[error("`{0}` is the last steward; name another steward first")]
    LastSteward(String),
    /// The network was already founded, or a command came before its founding.
    #[error("{0}")]
    Founding(&'static str),

    // ---- authorisation ------------------------------------------------------------
    /// Only a steward may do this.
    #[error("`{actor}` is not a steward and cannot {action}")]
    NotSteward {
        /// Who tried.
        actor: String,
        /// What was attempted.
        action: &'static str,
    },
    /// An actor acted on behalf of another one.
    #[error("`{actor}` cannot {action} for `{owner}`")]
    NotOwner {
        /// Who tried.
        actor: String,
        /// Whose thing it was.
        owner: String,
        /// What was attempted.
        action: &'static str,
    },
    /// A suspended steward has no steward power until reinstated.
    #[error("`{actor}` is suspended and cannot {action} until reinstated")]
    StewardSuspended {
        /// Who tried.
        actor: String,
        /// What was attempted.
        action: &'static str,
    },
    /// A steward acted for the network on their own case: another steward must.
    #[error("`{actor}` cannot {action} on their own case; another steward must")]
    OwnCase {
        /// Who tried.
        actor: String,
        /// What was attempted.
        action: &'static str,
    },

    // ---- catalogues and contracts ----------------------------------------------
    /// An item chosen is not in the catalogue of the actor's kind.
    #[error("`{item}` is not in the {section} catalogue of kind `{kind}`")]
    UnknownCatalogueItem {
        /// Actor kind.
        kind: String,
        /// Section of the catalogue (`needs`, `engagements`, `contributions`).
        section: &'static str,
        /// The item id given.
        item: String,
    },
    /// An item was chosen twice.
    #[error("`{item}` is chosen twice in {section}")]
    DuplicateCatalogueItem {
        /// Section of the catalogue.
        section: &'static str,
        /// The item id given.
        item: String,
    },
    /// A free-text item ("other", "own proposal") has no text.
    #[error("`{0}` needs a free-text detail")]
    MissingDetail(String),
    /// A contract proposal chooses no contribution.
    #[error("a contract must choose at least one contribution")]
    NoContribution,
    /// The shipped or supplied catalogue data is invalid.
    #[error("invalid catalogue: {0}")]
    InvalidCatalogue(String),
    /// No contract has this id.
    #[error("unknown contract `{0}`")]
    UnknownContract(String),
    /// A contract with this id already exists.
    #[error("contract `{0}` already exists")]
    DuplicateContract(String),
    /// The member already has a live (proposed, discussed or active) contract.
    #[error("`{member}` already has a live contract `{contract}`")]
    ContractAlreadyLive {
        /// The member.
        member: String,
        /// The live contract.
        contract: String,
    },
    /// A contract step is not allowed in the contract's current status.
    #[error("cannot {action} contract `{contract}` while it is {status}")]
    ContractTransition {
        /// The contract.
        contract: String,
        /// What was attempted.
        action: &'static str,
        /// Its current status.
        status: &'static str,
    },
    /// No such version of a contract.
    #[error("contract `{contract}` has no version {version}")]
    UnknownContractVersion {
        /// The contract.
        contract: String,
        /// The version asked for.
        version: u32,
    },
    /// Under the all-in-one structure a provider's contract needs the charter signed.
    #[error("contract `{contract}` of provider `{provider}` includes the charter and cannot be validated before `{provider}` signs charter version {version}")]
    CharterUnsigned {
        /// The contract.
        contract: String,
        /// The provider.
        provider: String,
        /// The charter version in force.
        version: u32,
    },

    // ---- charter ----------------------------------------------------------------
    /// No such charter version.
    #[error("unknown charter version {0}")]
    UnknownCharterVersion(u32),
    /// Signing a charter version that is no longer in force.
    #[error("charter version {signed} is outdated; version {current} is in force")]
    OutdatedCharterVersion {
        /// The version signed.
        signed: u32,
        /// The version in force.
        current: u32,
    },
    /// Only providers sign the cooperation charter.
    #[error("`{actor}` is a {kind}; only providers sign the cooperation charter")]
    CharterNotProvider {
        /// Who tried.
        actor: String,
        /// Its kind.
        kind: String,
    },
    /// The charter version is already signed by this provider.
    #[error("`{actor}` already signed charter version {version}")]
    CharterAlreadySigned {
        /// The provider.
        actor: String,
        /// The version.
        version: u32,
    },
    /// Acting as a member without a live contract.
    #[error("`{0}` has no live membership contract")]
    NotMember(String),

    // ---- missions ---------------------------------------------------------------
    /// No mission has this id.
    #[error("unknown mission `{0}`")]
    UnknownMission(String),
    /// A mission with this id already exists.
    #[error("mission `{0}` already exists")]
    DuplicateMission(String),
    /// A mission step is not allowed in the mission's current status.
    #[error("mission `{mission}` cannot go from {from} to {to}")]
    MissionTransition {
        /// The mission.
        mission: String,
        /// Current status.
        from: &'static str,
        /// Requested status.
        to: &'static str,
    },
    /// Only a provider reports missions.
    #[error("`{actor}` is a {kind}; only providers report missions")]
    MissionNotProvider {
        /// Who tried.
        actor: String,
        /// Its kind.
        kind: String,
    },
    /// A mission names a partner twice, or the provider itself as a partner.
    #[error("`{0}` cannot be a partner of this mission")]
    InvalidPartner(String),

    // ---- policies -----------------------------------------------------------------
    /// A mission is evaluated before it is won.
    #[error("mission `{0}` is not won: only won missions owe a contribution")]
    MissionNotWon(String),
    /// A self-assessed declaration is below zero or above the revenue.
    #[error("declared contribution `{declared}` must be between 0 and the revenue `{revenue}`")]
    DeclarationOutOfRange {
        /// The declared amount.
        declared: String,
        /// The mission's revenue.
        revenue: String,
    },
    /// A rate is outside 0..=1.
    #[error("invalid {what} `{rate}`: a rate is a fraction between 0 and 1")]
    InvalidRate {
        /// Which rate.
        what: String,
        /// The rate given.
        rate: String,
    },
    /// Two validity periods of a parameter overlap.
    #[error("{what}: the period from {from} overlaps the period before it")]
    ParameterOverlap {
        /// Which parameter.
        what: &'static str,
        /// Start of the offending period.
        from: chrono::NaiveDate,
    },
    /// Validity periods of a parameter leave a gap.
    #[error("{what}: no value is in force from {from} to {until}")]
    ParameterGap {
        /// Which parameter.
        what: &'static str,
        /// Start of the gap.
        from: chrono::NaiveDate,
        /// End of the gap (exclusive).
        until: chrono::NaiveDate,
    },
    /// No parameter value is in force on a date.
    #[error("{what}: no value is in force on {on}")]
    ParameterNotInForce {
        /// Which parameter.
        what: &'static str,
        /// The date.
        on: chrono::NaiveDate,
    },
    /// A guide is malformed (empty, bad range, duplicate id…).
    #[error("invalid guide: {0}")]
    InvalidGuide(String),
    /// Two equally specific situations of a guide can match the same mission.
    #[error("situations `{first}` and `{second}` are equally specific and can both match {example}")]
    GuideOverlap {
        /// One situation.
        first: String,
        /// The other.
        second: String,
        /// A mission both match.
        example: String,
    },
    /// A guide without default leaves some missions unmatched.
    #[error("the guide has no default situation and matches no situation for {0}")]
    GuideGap(String),
    /// A guide holds more situations than a guide may.
    #[error("the guide holds {count} situations; a guide holds at most {max}")]
    GuideTooLarge {
        /// Situations given.
        count: usize,
        /// The most accepted.
        max: usize,
    },
    /// A policy implemented outside the crate failed.
    #[error("policy `{policy}` failed on mission `{mission}`: {message}")]
    PolicyFailed {
        /// The policy's name.
        policy: String,
        /// The mission.
        mission: String,
        /// What it said.
        message: String,
    },
    /// An assessment read from JSON contradicts itself (an amount beside a
    /// pending status, an amount not rounded to the cent…).
    #[error("inconsistent assessment: {0}")]
    AssessmentInconsistent(&'static str),
    /// A row of a columnar batch is invalid.
    #[error("column `{column}`, row {row}: {message}")]
    BatchRow {
        /// The column.
        column: String,
        /// 0-based row.
        row: usize,
        /// What is wrong.
        message: String,
    },
    /// Columns of a batch have different lengths, or one is missing.
    #[error("column `{column}`: {message}")]
    BatchColumn {
        /// The column.
        column: String,
        /// What is wrong.
        message: String,
    },

    // ---- negotiations and ledger ------------------------------------------------------
    /// Someone who is not a party makes an offer or agrees.
    #[error("`{actor}` is not a party to the negotiation of mission `{mission}`")]
    NotAParty {
        /// Who tried.
        actor: String,
        /// The mission.
        mission: String,
    },
    /// A negotiation step is not allowed in its current state.
    #[error("cannot {action} the negotiation of mission `{mission}` while it is {state}")]
    NegotiationState {
        /// The mission.
        mission: String,
        /// What was attempted.
        action: &'static str,
        /// The negotiation's state.
        state: &'static str,
    },
    /// An in-kind delivery of a contribution the member's contract does not choose.
    #[error("`{member}` has not chosen the in-kind contribution `{contribution}` in its contract")]
    DeliveryNotChosen {
        /// The member.
        member: String,
        /// The contribution option.
        contribution: String,
    },

    // ---- charter follow-up: compliance, prior work, standing -----------------------
    /// A deadline or a period of the follow-up rules is negative (or zero where
    /// at least one day is needed), or longer than a century.
    #[error("follow-up rule `{field}` is `{days}` days; it must be between {minimum} and {maximum}")]
    InvalidDeadline {
        /// The rule.
        field: &'static str,
        /// The value given.
        days: i64,
        /// The smallest value accepted.
        minimum: i64,
        /// The largest value accepted.
        maximum: i64,
    },
    /// Thresholds of the standing ladder or of the involvement levels are inconsistent.
    #[error("invalid thresholds: {0}")]
    InvalidThresholds(String),
    /// An attendance is recorded for a year that has not started yet.
    #[error("attendance for year {year} cannot be recorded in {current}: that year has not started")]
    FutureAttendance {
        /// The year given.
        year: i32,
        /// The year of the command.
        current: i32,
    },
    /// The attendance of a member for a year is already recorded.
    #[error("the attendance of `{member}` for {year} is already recorded")]
    DuplicateAttendance {
        /// The member.
        member: String,
        /// The year.
        year: i32,
    },
    /// A resource shared is not one the mission reported as developed.
    #[error("mission `{mission}` reported no developed resource named `{resource}`")]
    UnknownDevelopedResource {
        /// The mission.
        mission: String,
        /// The resource name given.
        resource: String,
    },
    /// A developed resource is already recorded as shared.
    #[error("resource `{resource}` of mission `{mission}` is already shared")]
    ResourceAlreadyShared {
        /// The mission.
        mission: String,
        /// The resource.
        resource: String,
    },
    /// No open obligation to inform this member exists for this mission.
    #[error("mission `{mission}` has no open obligation to inform `{member}`")]
    NoOpenObligation {
        /// The mission.
        mission: String,
        /// The member named.
        member: String,
    },
    /// An exclusion is decided without a hearing of the member.
    #[error("`{0}` must be notified and heard before an exclusion is decided")]
    HearingRequired(String),
    /// An exclusion is decided while the member may still answer the notice.
    #[error("`{member}` may answer the notice until {until}; the exclusion cannot be decided before")]
    HearingPending {
        /// The member.
        member: String,
        /// The first day the decision may be taken without an answer.
        until: chrono::NaiveDate,
    },
    /// A hearing is already open for the member.
    #[error("a hearing of `{0}` is already open")]
    HearingAlreadyOpen(String),
    /// No hearing is open for the member.
    #[error("no hearing of `{0}` is open")]
    NoOpenHearing(String),
    /// The member already answered the open hearing.
    #[error("`{0}` already answered the notice")]
    HearingAlreadyAnswered(String),
    /// A decision would leave the standing as it is.
    #[error("`{member}` is already in standing {standing}")]
    StandingUnchanged {
        /// The member.
        member: String,
        /// The standing.
        standing: &'static str,
    },
    /// A standing decision that the ladder does not allow.
    #[error("the standing of `{member}` cannot go from {from} to {to}")]
    StandingTransition {
        /// The member.
        member: String,
        /// Current standing.
        from: &'static str,
        /// Requested standing.
        to: &'static str,
    },
    /// A steward decides on their own standing or hearing.
    #[error("`{0}` cannot take part in a decision about themselves")]
    SelfDecision(String),
    /// An excluded actor acts as a member before being reinstated.
    #[error("`{0}` is excluded; a reinstatement decision must come first")]
    MemberExcluded(String),

    // ---- journal and snapshots --------------------------------------------------
    /// A JSON document or journal line is malformed.
    #[error("malformed JSON{}: {message}", line.map(|l| format!(" on line {l}")).unwrap_or_default())]
    MalformedJson {
        /// 1-based line in the journal, if any.
        line: Option<usize>,
        /// What the parser said.
        message: String,
    },
    /// A journal line ends before its JSON value does.
    #[error("journal line {0} is truncated")]
    TruncatedLine(usize),
    /// A journal or snapshot carries a schema version this build cannot read.
    #[error("unknown schema version `{found}`; this build reads version {supported}")]
    UnknownSchemaVersion {
        /// Version found.
        found: String,
        /// Version supported.
        supported: u32,
    },
    /// Journal sequence numbers are not 1, 2, 3…
    #[error("journal line {line} has sequence number {found}, expected {expected}")]
    JournalSequence {
        /// 1-based line.
        line: usize,
        /// Number found.
        found: u64,
        /// Number expected.
        expected: u64,
    },
    /// A line before the last one of a journal ends inside its JSON value: it
    /// was damaged, not cut off by an interrupted write.
    #[error("journal line {0} is corrupt: it ends inside its value and other lines follow it")]
    CorruptLine(usize),
    /// No sequence number follows the last one (a state claims the largest number).
    #[error("{}no event can follow event {last}: the sequence numbers are exhausted", line.map(|l| format!("journal line {l}: ")).unwrap_or_default())]
    SequenceExhausted {
        /// 1-based journal line, if any.
        line: Option<usize>,
        /// The last sequence number.
        last: u64,
    },
    /// The facts of a snapshot contradict one another.
    #[error("inconsistent snapshot: {rule} (`{id}`)")]
    SnapshotInconsistent {
        /// The invariant broken.
        rule: &'static str,
        /// The offending id (actor, contract, mission…) or value.
        id: String,
    },
    /// A journal event is rejected when replayed.
    #[error("journal event {seq} cannot be replayed: {source}")]
    Replay {
        /// The event's sequence number.
        seq: u64,
        /// Why it was rejected.
        source: Box<Error>,
    },
}

impl Error {
    /// The stable machine code of this error, e.g. `mission.transition.invalid`.
    ///
    /// For [`Error::Replay`] it is the code of the underlying rejection, so that
    /// a replayed journal fails with the same code as the live command did.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidId(_) => "input.id.invalid",
            Error::EmptyText { .. } => "input.text.empty",
            Error::UnsupportedCurrency(_) => "money.currency.unsupported",
            Error::NegativeAmount { .. } => "money.amount.negative",
            Error::AmountOverflow(_) => "money.amount.overflow",
            Error::AmountPrecision { .. } => "money.amount.precision",
            Error::AmountRange { .. } => "money.amount.range",
            Error::InvalidText { .. } => "input.text.invalid",
            Error::Parse { .. } => "input.parse.invalid",
            Error::UnknownLabel { .. } => "input.label.unknown",
            Error::DateOrder { .. } => "date.order.invalid",
            Error::UnknownActor(_) => "actor.id.unknown",
            Error::DuplicateActor(_) => "actor.id.duplicate",
            Error::LastSteward(_) => "actor.level.last_steward",
            Error::Founding(_) => "network.founding.invalid",
            Error::NotSteward { .. } => "auth.steward.required",
            Error::NotOwner { .. } => "auth.owner.required",
            Error::StewardSuspended { .. } => "auth.steward.suspended",
            Error::OwnCase { .. } => "auth.own_case.refused",
            Error::UnknownCatalogueItem { .. } => "contract.item.unknown",
            Error::DuplicateCatalogueItem { .. } => "contract.item.duplicate",
            Error::MissingDetail(_) => "contract.item.detail_missing",
            Error::NoContribution => "contract.contribution.missing",
            Error::InvalidCatalogue(_) => "catalogue.invalid",
            Error::UnknownContract(_) => "contract.id.unknown",
            Error::DuplicateContract(_) => "contract.id.duplicate",
            Error::ContractAlreadyLive { .. } => "contract.member.already_live",
            Error::ContractTransition { .. } => "contract.transition.invalid",
            Error::UnknownContractVersion { .. } => "contract.version.unknown",
            Error::CharterUnsigned { .. } => "contract.charter.unsigned",
            Error::UnknownCharterVersion(_) => "charter.version.unknown",
            Error::OutdatedCharterVersion { .. } => "charter.version.outdated",
            Error::CharterNotProvider { .. } => "charter.signatory.not_provider",
            Error::CharterAlreadySigned { .. } => "charter.signature.duplicate",
            Error::NotMember(_) => "membership.required",
            Error::UnknownMission(_) => "mission.id.unknown",
            Error::DuplicateMission(_) => "mission.id.duplicate",
            Error::MissionTransition { .. } => "mission.transition.invalid",
            Error::MissionNotProvider { .. } => "mission.provider.not_provider",
            Error::InvalidPartner(_) => "mission.partner.invalid",
            Error::MissionNotWon(_) => "policy.mission.not_won",
            Error::DeclarationOutOfRange { .. } => "policy.declaration.out_of_range",
            Error::InvalidRate { .. } => "policy.rate.invalid",
            Error::ParameterOverlap { .. } => "policy.parameters.overlap",
            Error::ParameterGap { .. } => "policy.parameters.gap",
            Error::ParameterNotInForce { .. } => "policy.parameters.not_in_force",
            Error::InvalidGuide(_) => "policy.guide.invalid",
            Error::GuideOverlap { .. } => "policy.guide.overlap",
            Error::GuideGap(_) => "policy.guide.gap",
            Error::GuideTooLarge { .. } => "policy.guide.too_large",
            Error::PolicyFailed { .. } => "policy.custom.failed",
            Error::AssessmentInconsistent(_) => "policy.assessment.inconsistent",
            Error::BatchRow { .. } => "batch.row.invalid",
            Error::BatchColumn { .. } => "batch.column.invalid",
            Error::NotAParty { .. } => "negotiation.party.invalid",
            Error::NegotiationState { .. } => "negotiation.state.invalid",
            Error::DeliveryNotChosen { .. } => "ledger.delivery.not_chosen",
            Error::MalformedJson { .. } => "journal.json.malformed",
            Error::TruncatedLine(_) => "journal.line.truncated",
            Error::UnknownSchemaVersion { .. } => "journal.schema.unknown",
            Error::InvalidDeadline { .. } => "compliance.deadline.invalid",
            Error::InvalidThresholds(_) => "standing.thresholds.invalid",
            Error::FutureAttendance { .. } => "compliance.attendance.future_year",
            Error::DuplicateAttendance { .. } => "compliance.attendance.duplicate",
            Error::UnknownDevelopedResource { .. } => "compliance.resource.not_developed",
            Error::ResourceAlreadyShared { .. } => "compliance.resource.already_shared",
            Error::NoOpenObligation { .. } => "compliance.obligation.not_open",
            Error::HearingRequired(_) => "standing.hearing.required",
            Error::HearingPending { .. } => "standing.hearing.pending",
            Error::HearingAlreadyOpen(_) => "standing.hearing.already_open",
            Error::NoOpenHearing(_) => "standing.hearing.not_open",
            Error::HearingAlreadyAnswered(_) => "standing.hearing.answered",
            Error::StandingUnchanged { .. } => "standing.decision.unchanged",
            Error::StandingTransition { .. } => "standing.transition.invalid",
            Error::SelfDecision(_) => "standing.decision.self",
            Error::MemberExcluded(_) => "standing.member.excluded",
            Error::JournalSequence { .. } => "journal.sequence.invalid",
            Error::CorruptLine(_) => "journal.line.corrupt",
            Error::SequenceExhausted { .. } => "journal.sequence.invalid",
            Error::SnapshotInconsistent { .. } => "journal.snapshot.inconsistent",
            Error::Replay { source, .. } => source.code(),
        }
    }

    /// The family of the error: the first segment of its code (`mission`, `journal`…).
    pub fn family(&self) -> &'static str {
        let code = self.code();
        code.split('.').next().unwrap_or(code)
    }

    /// Whether the error comes from bad input (as opposed to a state conflict or
    /// an authorisation refusal). Bindings map these to `ValueError` subclasses.
    pub fn is_input_error(&self) -> bool {
        matches!(self.family(), "input" | "money" | "date" | "journal" | "catalogue" | "batch")
            || matches!(
                self,
                Error::UnknownCatalogueItem { .. }
                    | Error::DuplicateCatalogueItem { .. }
                    | Error::MissingDetail(_)
                    | Error::NoContribution
                    | Error::InvalidPartner(_)
                    | Error::DeclarationOutOfRange { .. }
                    | Error::InvalidRate { .. }
                    | Error::ParameterOverlap { .. }
                    | Error::ParameterGap { .. }
                    | Error::InvalidGuide(_)
                    | Error::GuideOverlap { .. }
                    | Error::GuideGap(_)
                    | Error::GuideTooLarge { .. }
                    | Error::AssessmentInconsistent(_)
                    | Error::InvalidDeadline { .. }
                    | Error::InvalidThresholds(_)
                    | Error::FutureAttendance { .. }
                    | Error::UnknownDevelopedResource { .. }
            )
    }

    /// Every code this crate can return, for bindings and documentation.
    pub const CODES: &'static [&'static str] = &[
        "input.id.invalid",
        "input.text.empty",
        "money.currency.unsupported",
        "money.amount.negative",
        "money.amount.overflow",
        "money.amount.precision",
        "money.amount.range",
        "input.text.invalid",
        "input.parse.invalid",
        "input.label.unknown",
        "date.order.invalid",
        "actor.id.unknown",
        "actor.id.duplicate",
        "actor.level.last_steward",
        "network.founding.invalid",
        "auth.steward.required",
        "auth.owner.required",
        "auth.steward.suspended",
        "auth.own_case.refused",
        "contract.item.unknown",
        "contract.item.duplicate",
        "contract.item.detail_missing",
        "contract.contribution.missing",
        "catalogue.invalid",
        "contract.id.unknown",
        "contract.id.duplicate",
        "contract.member.already_live",
        "contract.transition.invalid",
        "contract.version.unknown",
        "contract.charter.unsigned",
        "charter.version.unknown",
        "charter.version.outdated",
        "charter.signatory.not_provider",
        "charter.signature.duplicate",
        "membership.required",
        "mission.id.unknown",
        "mission.id.duplicate",
        "mission.transition.invalid",
        "mission.provider.not_provider",
        "mission.partner.invalid",
        "policy.mission.not_won",
        "policy.declaration.out_of_range",
        "policy.rate.invalid",
        "policy.parameters.overlap",
        "policy.parameters.gap",
        "policy.parameters.not_in_force",
        "policy.guide.invalid",
        "policy.guide.overlap",
        "policy.guide.gap",
        "policy.guide.too_large",
        "policy.custom.failed",
        "policy.assessment.inconsistent",
        "batch.row.invalid",
        "batch.column.invalid",
        "negotiation.party.invalid",
        "negotiation.state.invalid",
        "ledger.delivery.not_chosen",
        "journal.json.malformed",
        "journal.line.truncated",
        "journal.schema.unknown",
        "compliance.deadline.invalid",
        "standing.thresholds.invalid",
        "compliance.attendance.future_year",
        "compliance.attendance.duplicate",
        "compliance.resource.not_developed",
        "compliance.resource.already_shared",
        "compliance.obligation.not_open",
        "standing.hearing.required",
        "standing.hearing.pending",
        "standing.hearing.already_open",
        "standing.hearing.not_open",
        "standing.hearing.answered",
        "standing.decision.unchanged",
        "standing.transition.invalid",
        "standing.decision.self",
        "standing.member.excluded",
        "journal.sequence.invalid",
        "journal.line.corrupt",
        "journal.snapshot.inconsistent",
    ];
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_dotted_and_listed() {
        let samples = [Error::InvalidId("a b".into()), Error::UnknownMission("m1".into()), Error::TruncatedLine(3)];
        for e in samples {
            assert!(Error::CODES.contains(&e.code()), "{} not listed", e.code());
            assert_eq!(e.code().split('.').count(), 3);
        }
        let mut sorted = Error::CODES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), Error::CODES.len(), "duplicate code");
    }

    #[test]
    fn replay_error_keeps_the_underlying_code() {
        let e = Error::Replay { seq: 4, source: Box::new(Error::UnknownActor("x".into())) };
        assert_eq!(e.code(), "actor.id.unknown");
        assert!(e.to_string().contains("event 4"));
    }
}
