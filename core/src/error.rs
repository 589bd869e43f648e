//! Errors of the whole crate, each with a stable machine code.
//!
//! Every variant carries the offending value and renders a lowercase message
//! with user input in backticks. [`Error::code`] gives a dotted code such as
//! `mission.transition.invalid` that never changes once published: bindings
//! expose it so apps can translate messages, and tests match on it.
//!
//! The table below is the one declaration of the errors: each variant is
//! written once with its message, its code and whether it comes from bad
//! input (`as input`); [`Error::code`], [`Error::CODES`] and
//! [`Error::is_input_error`] come from it. The families of codes (their first
//! segment) are declared once too, in [`error_families!`](crate::error_families),
//! from which [`Error::FAMILIES`] and the bindings' exception classes come.

use thiserror::Error;

mod families;
pub use families::{family_of, Family, FamilyInput};

macro_rules! families_table {
    ($($ident:ident = $name:literal, $python:literal, $doc:literal;)*) => {
        /// Every family of codes, in the order of the table.
        pub const FAMILIES: &'static [Family] = &[$(Family { name: $name, python_class: $python, doc: $doc }),*];
    };
}

/// Whether a variant marked `as input` in the table comes from bad input.
macro_rules! input_flag {
    () => {
        false
    };
    (input) => {
        true
    };
}

/// Declares [`Error`] from the table of variants (see the module's doc), with
/// the [`Error::Replay`] wrapper, whose code is that of the error it wraps.
macro_rules! error_table {
    ($(
        $(#[$meta:meta])*
        $variant:ident
        $(( $($tuple:ty),* $(,)? ))?
        $({ $($(#[$field_meta:meta])* $field:ident : $field_ty:ty),* $(,)? })?
        => $code:literal $(as $input:ident)?
    ),* $(,)?) => {
        /// Everything that can go wrong in this crate.
        #[derive(Debug, Clone, PartialEq, Eq, Error)]
        #[non_exhaustive]
        pub enum Error {
            $(
                $(#[$meta])*
                $variant $(( $($tuple),* ))? $({ $($(#[$field_meta])* $field: $field_ty),* })?,
            )*
            /// A journal event is rejected when replayed.
            #[error("journal event {seq} cannot be replayed: {source}")]
            Replay {
                /// The event's sequence number.
                seq: u64,
                /// Why it was rejected.
                source: Box<Error>,
            },
        }

        /// The code of every variant but [`Error::Replay`], in the order of the
        /// table, and whether it comes from bad input.
        const VARIANT_CODES: &[(&str, bool)] = &[$(($code, input_flag!($($input)?))),*];

        impl Error {
            /// The stable machine code of this error, e.g. `mission.transition.invalid`.
            ///
            /// For [`Error::Replay`] it is the code of the underlying rejection, so that
            /// a replayed journal fails with the same code as the live command did.
            pub fn code(&self) -> &'static str {
                match self {
                    Error::Replay { source, .. } => source.code(),
                    $(Error::$variant { .. } => $code,)*
                }
            }
        }
    };
}

error_table! {
    // ---- identifiers and input values -------------------------------------------
    /// An identifier is empty, too long or holds characters outside `[A-Za-z0-9._:-]`.
    #[error("invalid identifier `{0}`: use 1 to 64 letters, digits, `.`, `_`, `:` or `-`")]
    InvalidId(String) => "input.id.invalid" as input,
    /// A text field that must not be empty is empty.
    #[error("`{field}` must not be empty")]
    EmptyText {
        /// Name of the field.
        field: &'static str,
    } => "input.text.empty" as input,
    /// An amount of money is not in euros.
    #[error("unsupported currency `{0}`: only `EUR` is accepted")]
    UnsupportedCurrency(String) => "money.currency.unsupported" as input,
    /// An amount of money that must not be negative is negative.
    #[error("negative amount `{amount}` for `{field}`")]
    NegativeAmount {
        /// Name of the field.
        field: &'static str,
        /// The amount as given.
        amount: String,
    } => "money.amount.negative" as input,
    /// An arithmetic result does not fit the decimal range.
    #[error("amount overflow while computing `{0}`")]
    AmountOverflow(String) => "money.amount.overflow" as input,
    /// An amount of money given as input is not a whole number of cents.
    #[error(
        "amount `{amount}` has more than two decimals: money is given in whole cents, never rounded on the way in"
    )]
    AmountPrecision {
        /// The amount as given.
        amount: String,
    } => "money.amount.precision" as input,
    /// An amount of money given as input is beyond the range of money.
    #[error("amount `{amount}` is beyond the range of money: at most 792281625142643375935439503.35 either way")]
    AmountRange {
        /// The amount as given.
        amount: String,
    } => "money.amount.range" as input,
    /// A text holds a control or format character, invisible or misleading on screen.
    #[error("`{field}` holds the control or format character {code_point}: write visible text")]
    InvalidText {
        /// Name of the field.
        field: &'static str,
        /// The offending character, as `U+200B`.
        code_point: String,
    } => "input.text.invalid" as input,
    /// A decimal or date string could not be parsed.
    #[error("cannot parse `{value}` as {expected}")]
    Parse {
        /// The text given.
        value: String,
        /// What was expected (`a decimal amount`, `an ISO date`…).
        expected: &'static str,
    } => "input.parse.invalid" as input,
    /// A label (actor kind, lead origin…) is not one of the known values.
    #[error("unknown {what} `{value}`; expected one of: {expected}")]
    UnknownLabel {
        /// What the label names (`actor kind`, `lead origin`…).
        what: &'static str,
        /// The label given.
        value: String,
        /// The accepted labels, comma separated.
        expected: String,
    } => "input.label.unknown" as input,
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
    } => "date.order.invalid" as input,

    // ---- actors -----------------------------------------------------------------
    /// No actor has this id.
    #[error("unknown actor `{0}`")]
    UnknownActor(String) => "actor.id.unknown",
    /// An actor with this id already exists.
    #[error("actor `{0}` already exists")]
    DuplicateActor(String) => "actor.id.duplicate",
    /// The last steward cannot leave the steward level: nobody could validate anything.
    #[error("`{0}` is the last steward; name another steward first")]
    LastSteward(String) => "actor.level.last_steward",
    /// The network was already founded, or a command came before its founding.
    #[error("{0}")]
    Founding(&'static str) => "network.founding.invalid",

    // ---- authorisation ------------------------------------------------------------
    /// Only a steward may do this.
    #[error("`{actor}` is not a steward and cannot {action}")]
    NotSteward {
        /// Who tried.
        actor: String,
        /// What was attempted.
        action: &'static str,
    } => "auth.steward.required",
    /// An actor acted on behalf of another one.
    #[error("`{actor}` cannot {action} for `{owner}`")]
    NotOwner {
        /// Who tried.
        actor: String,
        /// Whose thing it was.
        owner: String,
        /// What was attempted.
        action: &'static str,
    } => "auth.owner.required",
    /// A suspended steward has no steward power until reinstated.
    #[error("`{actor}` is suspended and cannot {action} until reinstated")]
    StewardSuspended {
        /// Who tried.
        actor: String,
        /// What was attempted.
        action: &'static str,
    } => "auth.steward.suspended",
    /// A steward acted for the network on their own case: another steward must.
    #[error("`{actor}` cannot {action} on their own case; another steward must")]
    OwnCase {
        /// Who tried.
        actor: String,
        /// What was attempted.
        action: &'static str,
    } => "auth.own_case.refused",

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
    } => "contract.item.unknown" as input,
    /// An item was chosen twice.
    #[error("`{item}` is chosen twice in {section}")]
    DuplicateCatalogueItem {
        /// Section of the catalogue.
        section: &'static str,
        /// The item id given.
        item: String,
    } => "contract.item.duplicate" as input,
    /// A free-text item ("other", "own proposal") has no text.
    #[error("`{0}` needs a free-text detail")]
    MissingDetail(String) => "contract.item.detail_missing" as input,
    /// A contract proposal chooses no contribution.
    #[error("a contract must choose at least one contribution")]
    NoContribution => "contract.contribution.missing" as input,
    /// The shipped or supplied catalogue data is invalid.
    #[error("invalid catalogue: {0}")]
    InvalidCatalogue(String) => "catalogue.invalid" as input,
    /// No contract has this id.
    #[error("unknown contract `{0}`")]
    UnknownContract(String) => "contract.id.unknown",
    /// A contract with this id already exists.
    #[error("contract `{0}` already exists")]
    DuplicateContract(String) => "contract.id.duplicate",
    /// The member already has a live (proposed, discussed or active) contract.
    #[error("`{member}` already has a live contract `{contract}`")]
    ContractAlreadyLive {
        /// The member.
        member: String,
        /// The live contract.
        contract: String,
    } => "contract.member.already_live",
    /// A contract step is not allowed in the contract's current status.
    #[error("cannot {action} contract `{contract}` while it is {status}")]
    ContractTransition {
        /// The contract.
        contract: String,
        /// What was attempted.
        action: &'static str,
        /// Its current status.
        status: &'static str,
    } => "contract.transition.invalid",
    /// No such version of a contract.
    #[error("contract `{contract}` has no version {version}")]
    UnknownContractVersion {
        /// The contract.
        contract: String,
        /// The version asked for.
        version: u32,
    } => "contract.version.unknown",
    /// Under the all-in-one structure a provider's contract needs the charter signed.
    #[error("contract `{contract}` of provider `{provider}` includes the charter and cannot be validated before `{provider}` signs charter version {version}")]
    CharterUnsigned {
        /// The contract.
        contract: String,
        /// The provider.
        provider: String,
        /// The charter version in force.
        version: u32,
    } => "contract.charter.unsigned",

    // ---- charter ----------------------------------------------------------------
    /// No such charter version.
    #[error("unknown charter version {0}")]
    UnknownCharterVersion(u32) => "charter.version.unknown",
    /// Signing a charter version that is no longer in force.
    #[error("charter version {signed} is outdated; version {current} is in force")]
    OutdatedCharterVersion {
        /// The version signed.
        signed: u32,
        /// The version in force.
        current: u32,
    } => "charter.version.outdated",
    /// Only providers sign the cooperation charter.
    #[error("`{actor}` is a {kind}; only providers sign the cooperation charter")]
    CharterNotProvider {
        /// Who tried.
        actor: String,
        /// Its kind.
        kind: String,
    } => "charter.signatory.not_provider",
    /// The charter version is already signed by this provider.
    #[error("`{actor}` already signed charter version {version}")]
    CharterAlreadySigned {
        /// The provider.
        actor: String,
        /// The version.
        version: u32,
    } => "charter.signature.duplicate",
    /// Acting as a member without a live contract.
    #[error("`{0}` has no live membership contract")]
    NotMember(String) => "membership.required",

    // ---- missions ---------------------------------------------------------------
    /// No mission has this id.
    #[error("unknown mission `{0}`")]
    UnknownMission(String) => "mission.id.unknown",
    /// A mission with this id already exists.
    #[error("mission `{0}` already exists")]
    DuplicateMission(String) => "mission.id.duplicate",
    /// A mission step is not allowed in the mission's current status.
    #[error("mission `{mission}` cannot go from {from} to {to}")]
    MissionTransition {
        /// The mission.
        mission: String,
        /// Current status.
        from: &'static str,
        /// Requested status.
        to: &'static str,
    } => "mission.transition.invalid",
    /// Only a provider reports missions.
    #[error("`{actor}` is a {kind}; only providers report missions")]
    MissionNotProvider {
        /// Who tried.
        actor: String,
        /// Its kind.
        kind: String,
    } => "mission.provider.not_provider",
    /// A mission names a partner twice, or the provider itself as a partner.
    #[error("`{0}` cannot be a partner of this mission")]
    InvalidPartner(String) => "mission.partner.invalid" as input,
    /// A declared lead origin the network's records contradict.
    #[error(
        "mission `{mission}`: the network's records give the lead origin {recorded} ({record}), not the declared {declared}"
    )]
    OriginContradicted {
        /// The mission.
        mission: String,
        /// The origin declared.
        declared: &'static str,
        /// The origin the records give.
        recorded: &'static str,
        /// The record: `lead L-12`, `network event E-3`.
        record: String,
    } => "mission.origin.contradicted",
    /// A provider reports a mission for a client of a lead offered to it and
    /// still open: the mission comes from the lead.
    #[error(
        "mission `{mission}`: lead `{lead}` offered this client to `{provider}` and is still open; \
         the mission is created when a steward records the lead's outcome (close_lead)"
    )]
    OriginLeadOpen {
        /// The mission.
        mission: String,
        /// The lead.
        lead: String,
        /// The provider.
        provider: String,
    } => "mission.origin.lead_open",

    // ---- leads --------------------------------------------------------------------
    /// No lead has this id.
    #[error("unknown lead `{0}`")]
    UnknownLead(String) => "lead.id.unknown",
    /// A lead with this id already exists.
    #[error("lead `{0}` already exists")]
    DuplicateLead(String) => "lead.id.duplicate",
    /// A lead cannot go to this member: not a member, not a provider,
    /// suspended or excluded, or the lead's own client.
    #[error("lead `{lead}` cannot go to `{member}`: {why}")]
    LeadRecipient {
        /// The lead.
        lead: String,
        /// The member named (empty when no provider can receive it).
        member: String,
        /// Why.
        why: &'static str,
    } => "lead.recipient.invalid",
    /// A step a lead's status does not allow (an offer of a lead offered
    /// already, an answer or an outcome of a closed lead…).
    #[error("cannot {action} lead `{lead}` while it is {status}")]
    LeadState {
        /// The lead.
        lead: String,
        /// What was attempted.
        action: &'static str,
        /// Its status.
        status: &'static str,
    } => "lead.state.invalid",
    /// An answer from a member the lead was not offered to.
    #[error("lead `{lead}` was not offered to `{member}`")]
    LeadNotOffered {
        /// The lead.
        lead: String,
        /// Who answered.
        member: String,
    } => "lead.answer.not_offered",
    /// An answer after the lead's deadline.
    #[error("lead `{lead}` was to be answered by {deadline}, not on {on}")]
    LeadAnswerLate {
        /// The lead.
        lead: String,
        /// The last day to answer.
        deadline: chrono::NaiveDate,
        /// The day of the answer.
        on: chrono::NaiveDate,
    } => "lead.answer.late",
    /// A member answers a lead twice.
    #[error("`{member}` already answered lead `{lead}`")]
    LeadAnswered {
        /// The lead.
        lead: String,
        /// The member.
        member: String,
    } => "lead.answer.duplicate",
    /// The member chosen did not answer the lead with interest.
    #[error("`{member}` did not answer lead `{lead}` with interest: it cannot be chosen")]
    LeadChoice {
        /// The lead.
        lead: String,
        /// The member.
        member: String,
    } => "lead.choice.invalid",

    // ---- calls for partners -------------------------------------------------------
    /// No call for partners has this id.
    #[error("unknown call for partners `{0}`")]
    UnknownCall(String) => "call.id.unknown",
    /// A call for partners with this id already exists.
    #[error("call for partners `{0}` already exists")]
    DuplicateCall(String) => "call.id.duplicate",
    /// This member cannot answer this call: its own call, or not a member
    /// in good standing.
    #[error("`{member}` cannot answer call `{call}`: {why}")]
    CallAnswer {
        /// The call.
        call: String,
        /// Who tried.
        member: String,
        /// Why.
        why: &'static str,
    } => "call.answer.invalid",
    /// A member answers a call twice.
    #[error("`{member}` already answered call `{call}`")]
    CallAnswered {
        /// The call.
        call: String,
        /// The member.
        member: String,
    } => "call.answer.duplicate",
    /// This member cannot be recorded as joining through this call.
    #[error("`{member}` cannot join through call `{call}`: {why}")]
    CallPartner {
        /// The call.
        call: String,
        /// The member.
        member: String,
        /// Why.
        why: &'static str,
    } => "call.partner.invalid",

    // ---- network events -----------------------------------------------------------
    /// No network event has this id.
    #[error("unknown network event `{0}`")]
    UnknownNetworkEvent(String) => "event.id.unknown",
    /// A network event with this id already exists.
    #[error("network event `{0}` already exists")]
    DuplicateNetworkEvent(String) => "event.id.duplicate",
    /// An attendee a network event cannot list: an unknown actor, an
    /// outside actor without a name, or someone listed twice.
    #[error("network event `{event}` cannot list `{attendee}`: {why}")]
    EventAttendee {
        /// The event.
        event: String,
        /// The attendee.
        attendee: String,
        /// Why.
        why: &'static str,
    } => "event.attendee.invalid" as input,

    // ---- policies -----------------------------------------------------------------
    /// A mission is evaluated before it is won.
    #[error("mission `{0}` is not won: only won missions owe a contribution")]
    MissionNotWon(String) => "policy.mission.not_won",
    /// A self-assessed declaration is below zero or above the revenue.
    #[error("declared contribution `{declared}` must be between 0 and the revenue `{revenue}`")]
    DeclarationOutOfRange {
        /// The declared amount.
        declared: String,
        /// The mission's revenue.
        revenue: String,
    } => "policy.declaration.out_of_range" as input,
    /// A rate is outside 0..=1.
    #[error("invalid {what} `{rate}`: a rate is a fraction between 0 and 1")]
    InvalidRate {
        /// Which rate.
        what: String,
        /// The rate given.
        rate: String,
    } => "policy.rate.invalid" as input,
    /// Two validity periods of a parameter overlap.
    #[error("{what}: the period from {from} overlaps the period before it")]
    ParameterOverlap {
        /// Which parameter.
        what: &'static str,
        /// Start of the offending period.
        from: chrono::NaiveDate,
    } => "policy.parameters.overlap" as input,
    /// Validity periods of a parameter leave a gap.
    #[error("{what}: no value is in force from {from} to {until}")]
    ParameterGap {
        /// Which parameter.
        what: &'static str,
        /// Start of the gap.
        from: chrono::NaiveDate,
        /// End of the gap (exclusive).
        until: chrono::NaiveDate,
    } => "policy.parameters.gap" as input,
    /// No parameter value is in force on a date.
    #[error("{what}: no value is in force on {on}")]
    ParameterNotInForce {
        /// Which parameter.
        what: &'static str,
        /// The date.
        on: chrono::NaiveDate,
    } => "policy.parameters.not_in_force",
    /// A guide is malformed (empty, bad range, duplicate id…).
    #[error("invalid guide: {0}")]
    InvalidGuide(String) => "policy.guide.invalid" as input,
    /// Two equally specific situations of a guide can match the same mission.
    #[error("situations `{first}` and `{second}` are equally specific and can both match {example}")]
    GuideOverlap {
        /// One situation.
        first: String,
        /// The other.
        second: String,
        /// A mission both match.
        example: String,
    } => "policy.guide.overlap" as input,
    /// A guide without default leaves some missions unmatched.
    #[error("the guide has no default situation and matches no situation for {0}")]
    GuideGap(String) => "policy.guide.gap" as input,
    /// A situation named by a parameter variant is in no guide of the parameters.
    #[error("no guide has the situation `{situation}`; the situations are: {known}")]
    UnknownSituation {
        /// The name given.
        situation: String,
        /// The situations of the parameters' guides, comma-separated.
        known: String,
    } => "policy.situation.unknown" as input,
    /// No value of a solved setting in its range gives a total close to the target.
    #[error("no {setting} from {range} gives a total due of {target} €: the closest is {closest}")]
    TargetUnreachable {
        /// The setting solved (`flat_rate`, `guide_scale`).
        setting: String,
        /// The values tried, `low to high`.
        range: String,
        /// The target total, in euros.
        target: String,
        /// The closest total reached and where: `12500.50 €, at flat_rate 1`.
        closest: String,
    } => "policy.target.unreachable" as input,
    /// A guide holds more situations than a guide may.
    #[error("the guide holds {count} situations; a guide holds at most {max}")]
    GuideTooLarge {
        /// Situations given.
        count: usize,
        /// The most accepted.
        max: usize,
    } => "policy.guide.too_large" as input,
    /// A policy implemented outside the crate failed.
    #[error("policy `{policy}` failed on mission `{mission}`: {message}")]
    PolicyFailed {
        /// The policy's name.
        policy: String,
        /// The mission.
        mission: String,
        /// What it said.
        message: String,
    } => "policy.custom.failed",
    /// An assessment read from JSON contradicts itself (an amount beside a
    /// pending status, an amount not rounded to the cent…).
    #[error("inconsistent assessment: {0}")]
    AssessmentInconsistent(&'static str) => "policy.assessment.inconsistent" as input,
    /// A row of a columnar batch is invalid.
    #[error("column `{column}`, row {row}: {message}")]
    BatchRow {
        /// The column.
        column: String,
        /// 0-based row.
        row: usize,
        /// What is wrong.
        message: String,
    } => "batch.row.invalid" as input,
    /// Columns of a batch have different lengths, or one is missing.
    #[error("column `{column}`: {message}")]
    BatchColumn {
        /// The column.
        column: String,
        /// What is wrong.
        message: String,
    } => "batch.column.invalid" as input,
    /// Summaries of comparisons made with other parameters, policies or
    /// guide situations are merged together.
    #[error("summaries of different comparisons cannot be merged: {0}")]
    SummaryMismatch(String) => "batch.summary.mismatch" as input,
    /// The per-mission results of a comparison over a stream are asked for:
    /// they are not kept (the memory would grow with the stream).
    #[error(
        "the per-mission results of a comparison over a stream are not kept: pass to= a Parquet path to write them \
         as they are computed"
    )]
    StreamedResults => "batch.results.streamed" as input,
    /// A summary read from outside is not one, or its counts do not add up.
    #[error("not a valid comparison summary: {0}")]
    SummaryInvalid(String) => "batch.summary.invalid" as input,

    // ---- negotiations and ledger ------------------------------------------------------
    /// Someone who is not a party makes an offer or agrees.
    #[error("`{actor}` is not a party to the negotiation of mission `{mission}`")]
    NotAParty {
        /// Who tried.
        actor: String,
        /// The mission.
        mission: String,
    } => "negotiation.party.invalid",
    /// A negotiation step is not allowed in its current state.
    #[error("cannot {action} the negotiation of mission `{mission}` while it is {state}")]
    NegotiationState {
        /// The mission.
        mission: String,
        /// What was attempted.
        action: &'static str,
        /// The negotiation's state.
        state: &'static str,
    } => "negotiation.state.invalid",
    /// An in-kind delivery of a contribution the member's contract does not choose.
    #[error("`{member}` has not chosen the in-kind contribution `{contribution}` in its contract")]
    DeliveryNotChosen {
        /// The member.
        member: String,
        /// The contribution option.
        contribution: String,
    } => "ledger.delivery.not_chosen",

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
    } => "compliance.deadline.invalid" as input,
    /// Thresholds of the standing ladder or of the involvement levels are inconsistent.
    #[error("invalid thresholds: {0}")]
    InvalidThresholds(String) => "standing.thresholds.invalid" as input,
    /// An attendance is recorded for a year that has not started yet.
    #[error("attendance for year {year} cannot be recorded in {current}: that year has not started")]
    FutureAttendance {
        /// The year given.
        year: i32,
        /// The year of the command.
        current: i32,
    } => "compliance.attendance.future_year" as input,
    /// The attendance of a member for a year is already recorded.
    #[error("the attendance of `{member}` for {year} is already recorded")]
    DuplicateAttendance {
        /// The member.
        member: String,
        /// The year.
        year: i32,
    } => "compliance.attendance.duplicate",
    /// A resource shared is not one the mission reported as developed.
    #[error("mission `{mission}` reported no developed resource named `{resource}`")]
    UnknownDevelopedResource {
        /// The mission.
        mission: String,
        /// The resource name given.
        resource: String,
    } => "compliance.resource.not_developed" as input,
    /// A developed resource is already recorded as shared.
    #[error("resource `{resource}` of mission `{mission}` is already shared")]
    ResourceAlreadyShared {
        /// The mission.
        mission: String,
        /// The resource.
        resource: String,
    } => "compliance.resource.already_shared",
    /// No open obligation to inform this member exists for this mission.
    #[error("mission `{mission}` has no open obligation to inform `{member}`")]
    NoOpenObligation {
        /// The mission.
        mission: String,
        /// The member named.
        member: String,
    } => "compliance.obligation.not_open",
    /// An exclusion is decided without a hearing of the member.
    #[error("`{0}` must be notified and heard before an exclusion is decided")]
    HearingRequired(String) => "standing.hearing.required",
    /// An exclusion is decided while the member may still answer the notice.
    #[error("`{member}` may answer the notice until {until}; the exclusion cannot be decided before")]
    HearingPending {
        /// The member.
        member: String,
        /// The first day the decision may be taken without an answer.
        until: chrono::NaiveDate,
    } => "standing.hearing.pending",
    /// A hearing is already open for the member.
    #[error("a hearing of `{0}` is already open")]
    HearingAlreadyOpen(String) => "standing.hearing.already_open",
    /// No hearing is open for the member.
    #[error("no hearing of `{0}` is open")]
    NoOpenHearing(String) => "standing.hearing.not_open",
    /// The member already answered the open hearing.
    #[error("`{0}` already answered the notice")]
    HearingAlreadyAnswered(String) => "standing.hearing.answered",
    /// A decision would leave the standing as it is.
    #[error("`{member}` is already in standing {standing}")]
    StandingUnchanged {
        /// The member.
        member: String,
        /// The standing.
        standing: &'static str,
    } => "standing.decision.unchanged",
    /// A standing decision that the ladder does not allow.
    #[error("the standing of `{member}` cannot go from {from} to {to}")]
    StandingTransition {
        /// The member.
        member: String,
        /// Current standing.
        from: &'static str,
        /// Requested standing.
        to: &'static str,
    } => "standing.transition.invalid",
    /// A steward decides on their own standing or hearing.
    #[error("`{0}` cannot take part in a decision about themselves")]
    SelfDecision(String) => "standing.decision.self",
    /// An excluded actor acts as a member before being reinstated.
    #[error("`{0}` is excluded; a reinstatement decision must come first")]
    MemberExcluded(String) => "standing.member.excluded",

    // ---- journal and snapshots --------------------------------------------------
    /// A JSON document or journal line is malformed.
    #[error("malformed JSON{}: {message}", line.map(|l| format!(" on line {l}")).unwrap_or_default())]
    MalformedJson {
        /// 1-based line in the journal, if any.
        line: Option<usize>,
        /// What the parser said.
        message: String,
    } => "journal.json.malformed" as input,
    /// A journal line ends before its JSON value does.
    #[error("journal line {0} is truncated")]
    TruncatedLine(usize) => "journal.line.truncated" as input,
    /// A journal or snapshot carries a schema version this build cannot read.
    #[error("unknown schema version `{found}`; this build reads versions up to {supported}")]
    UnknownSchemaVersion {
        /// Version found.
        found: String,
        /// Version supported.
        supported: u32,
    } => "journal.schema.unknown" as input,
    /// Journal sequence numbers are not 1, 2, 3…
    #[error("journal line {line} has sequence number {found}, expected {expected}")]
    JournalSequence {
        /// 1-based line.
        line: usize,
        /// Number found.
        found: u64,
        /// Number expected.
        expected: u64,
    } => "journal.sequence.invalid" as input,
    /// A line before the last one of a journal ends inside its JSON value: it
    /// was damaged, not cut off by an interrupted write.
    #[error("journal line {0} is corrupt: it ends inside its value and other lines follow it")]
    CorruptLine(usize) => "journal.line.corrupt" as input,
    /// No sequence number follows the last one (a state claims the largest number).
    #[error("{}no event can follow event {last}: the sequence numbers are exhausted", line.map(|l| format!("journal line {l}: ")).unwrap_or_default())]
    SequenceExhausted {
        /// 1-based journal line, if any.
        line: Option<usize>,
        /// The last sequence number.
        last: u64,
    } => "journal.sequence.invalid" as input,
    /// The facts of a snapshot contradict one another.
    #[error("inconsistent snapshot: {rule} (`{id}`)")]
    SnapshotInconsistent {
        /// The invariant broken.
        rule: &'static str,
        /// The offending id (actor, contract, mission…) or value.
        id: String,
    } => "journal.snapshot.inconsistent" as input,
    /// A line of a chained journal does not carry the hash that continues the
    /// chain: it, or a line or the header before it, was changed, removed or
    /// moved since it was written.
    #[error("the journal's hash chain is broken at line {line}{}: {reason}", seq.map(|s| format!(" (event {s})")).unwrap_or_default())]
    ChainBroken {
        /// 1-based line of the first event that does not verify.
        line: usize,
        /// Its sequence number, if the line gives one.
        seq: Option<u64>,
        /// What is wrong with the line.
        reason: &'static str,
    } => "journal.chain.broken" as input,
    /// A snapshot's digest does not match its state: the snapshot was changed
    /// since it was written (or written with another key).
    #[error("the snapshot's digest does not match its state: {0}")]
    SnapshotDigest(String) => "journal.snapshot.digest" as input,
    /// A snapshot's state in the compact binary encoding does not read as
    /// a state: cut short, of another encoding version, or with a value no
    /// state holds.
    #[error("the snapshot's binary state does not read as a state: {0}")]
    SnapshotEncoding(String) => "journal.snapshot.encoding" as input,
    /// A journal given after a snapshot does not continue the snapshot's
    /// chain: it starts at another event, or from another hash.
    #[error("the journal does not continue the snapshot's chain: {0}")]
    SnapshotContinuation(String) => "journal.snapshot.continuation" as input,

    // ---- stores ------------------------------------------------------------------
    /// A journal authenticated with a key is read without one.
    #[error("the journal is authenticated with a key: it cannot be read without it")]
    KeyRequired => "store.key.required" as input,
    /// The key given does not authenticate the journal.
    #[error("the key does not authenticate this journal: {0}")]
    KeyInvalid(String) => "store.key.invalid" as input,

    /// Another writer appended to the store since this one last read it: the
    /// command was not written; reload and retry.
    #[error("the store holds event {found} where this writer expected event {expected} last: another writer appended first; reload and retry")]
    StoreConflict {
        /// The last sequence number this writer knew.
        expected: u64,
        /// The last sequence number the store holds.
        found: u64,
    } => "store.write.conflict",
    /// A file opened as a store is not one (another database, or not a database).
    #[error("`{path}` is not a coopetition store: {reason}")]
    NotAStore {
        /// The file.
        path: String,
        /// What was found instead.
        reason: String,
    } => "store.file.not_store" as input,
    /// A store written by a newer build, with a schema this build cannot read.
    #[error("the store has schema version `{found}`; this build reads versions up to {supported}")]
    StoreSchema {
        /// Version found.
        found: String,
        /// Newest version this build reads.
        supported: u32,
    } => "store.schema.unknown" as input,
    /// The store's file or directory cannot be written.
    #[error("the store cannot be written: {0}")]
    StoreReadOnly(String) => "store.file.read_only",
    /// The disk (or the database's size limit) is full.
    #[error("the store's disk is full: {0}")]
    StoreFull(String) => "store.disk.full",
    /// Another connection holds the store's write lock beyond the wait allowed.
    #[error("the store is busy: {0}")]
    StoreBusy(String) => "store.file.busy",
    /// The database file is damaged (SQLite's own report).
    #[error("the store's file is corrupt: {0}")]
    StoreCorrupt(String) => "store.file.corrupt",
    /// Any other failure of the store's database or file system.
    #[error("the store failed: {0}")]
    StoreFailed(String) => "store.io.failed",
    /// The store was closed: its network can no longer be read or changed.
    #[error("the store `{0}` is closed")]
    StoreClosed(String) => "store.file.closed",
    /// A journal is imported into a store that already holds events.
    #[error("the store `{path}` already holds {events} events: import into a new file")]
    StoreNotEmpty {
        /// The file.
        path: String,
        /// Events it holds.
        events: u64,
    } => "store.file.not_empty" as input,
    /// A store's operation (reload, export, verify) is asked of a network
    /// held in memory only.
    #[error("this network is held in memory: it has no store to reload, export or verify")]
    NotStored => "store.file.none",
}

impl Error {
    /// The family of the error: the first segment of its code (`mission`, `journal`…).
    pub fn family(&self) -> &'static str {
        family_of(self.code())
    }

    /// Whether the error comes from bad input (as opposed to a state conflict or
    /// an authorisation refusal): the variants marked `as input` in the table.
    /// Bindings map these to `ValueError` subclasses.
    pub fn is_input_error(&self) -> bool {
        Error::is_input_code(self.code())
    }

    /// Whether errors of this code come from bad input (see [`Error::is_input_error`]).
    pub fn is_input_code(code: &str) -> bool {
        VARIANT_CODES.iter().any(|(c, input)| *input && *c == code)
    }

    /// Every code this crate can return, once each, in the order of the table.
    pub const CODES: &'static [&'static str] = &UNIQUE_CODES;

    crate::error_families!(families_table);
}

/// The codes of [`VARIANT_CODES`] without repeats (two variants may share one).
const UNIQUE_CODES: [&str; unique_count(VARIANT_CODES)] = unique_codes(VARIANT_CODES);

/// Whether two strings are equal, in a constant.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether the code at `i` is the first with its value.
const fn is_first(all: &[(&str, bool)], i: usize) -> bool {
    let mut j = 0;
    while j < i {
        if same(all[j].0, all[i].0) {
            return false;
        }
        j += 1;
    }
    true
}

/// How many distinct codes there are.
const fn unique_count(all: &[(&str, bool)]) -> usize {
    let (mut i, mut n) = (0, 0);
    while i < all.len() {
        if is_first(all, i) {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The distinct codes, in order of first appearance.
const fn unique_codes<const N: usize>(all: &[(&'static str, bool)]) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut i, mut n) = (0, 0);
    while i < all.len() {
        if is_first(all, i) {
            out[n] = all[i].0;
            n += 1;
        }
        i += 1;
    }
    out
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests;
