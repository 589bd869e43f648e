//! Builds the sample network of `examples/data/sample_network.json` through
//! commands only, prints a summary (the seed's five situations, situation 3
//! through a lead the network referred and a call for partners; the referral
//! report; what membership gave the applicant), and proves that the journal
//! replays to the same state.
//!
//! ```text
//! cargo run --example sample_network [-- path/to/sample_network.json]
//! ```
//!
//! The sample file is plain data (see `examples/data/README.md`): this example
//! reads it into its own structs, then turns each fact into a [`Command`]. Every
//! command carries a date; they are executed in date order, so the journal reads
//! as a chronicle of the network.

use chrono::{Datelike, NaiveDate};
use coopetition::ids::{CallId, LeadId, NetworkEventId};
use coopetition::lead::{LeadClosing, LeadVisibility};
use coopetition::origin::{LeadOriginBasis, OriginRecord};
use coopetition::prelude::*;
use serde::Deserialize;
use std::path::{Path, PathBuf};

type Outcome<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// The only version of the sample format this example reads.
const SAMPLE_FORMAT: &str = "coopetition-sample-network";
const SAMPLE_FORMAT_VERSION: u32 = 1;

// ---- the sample file, as plain data ---------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SampleFile {
    format: String,
    format_version: u32,
    settings: SettingsData,
    founders: Vec<ActorData>,
    #[serde(default)]
    actors: Vec<RegistrationData>,
    applicant: ApplicantData,
    #[serde(default)]
    memberships: Vec<MembershipData>,
    #[serde(default)]
    network_events: Vec<NetworkEventData>,
    #[serde(default)]
    level_changes: Vec<LevelChangeData>,
    #[serde(default)]
    missions: Vec<MissionData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsData {
    name: String,
    membership_structure: String,
    founded_on: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorData {
    id: String,
    kind: String,
    display_name: String,
    public_listing: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistrationData {
    id: String,
    kind: String,
    display_name: String,
    public_listing: bool,
    #[serde(default)]
    level: Option<String>,
    registered_by: String,
    registered_on: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApplicantData {
    actor: ActorData,
    registered_on: String,
    contract: ContractData,
    #[serde(default)]
    discussion: Vec<NoteData>,
    validated_by: String,
    validated_on: String,
    #[serde(default)]
    charter_signed_on: Option<String>,
}

/// A provider registered among `actors` that applies and is validated.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MembershipData {
    member: String,
    contract: ContractData,
    validated_by: String,
    validated_on: String,
    #[serde(default)]
    charter_signed_on: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NetworkEventData {
    id: String,
    title: String,
    held_on: String,
    recorded_by: String,
    recorded_on: String,
    attendees: Vec<ClientData>,
}

/// The request the network received and offered, from which a mission came:
/// recorded on the mission's `solicited` date, answered on its `proposed` date.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LeadData {
    id: String,
    recorded_by: String,
    received_on: String,
    need: String,
    mode: String,
    #[serde(default)]
    members: Vec<String>,
    offered_by: String,
    offered_on: String,
    deadline: String,
    proposal: String,
    closed_by: String,
    closed_on: String,
    chosen_by: String,
}

/// A call for partners of a mission, its answers and who joined.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CallData {
    id: String,
    need: String,
    what: String,
    on: String,
    #[serde(default)]
    answers: Vec<NoteData>,
    #[serde(default)]
    joined: Vec<JoinData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JoinData {
    member: String,
    on: String,
    #[serde(default)]
    resource: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContractData {
    id: String,
    proposed_on: String,
    terms: TermsData,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermsData {
    needs: Vec<ChoiceData>,
    #[serde(default)]
    extra_engagements: Vec<String>,
    contributions: Vec<ChoiceData>,
    place: String,
    signatory: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChoiceData {
    item: String,
    #[serde(default)]
    detail: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteData {
    by: String,
    on: String,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelChangeData {
    actor: String,
    level: String,
    by: String,
    on: String,
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MissionData {
    situation: u8,
    summary: String,
    id: String,
    provider: String,
    title: String,
    client: ClientData,
    lead_origin: String,
    #[serde(default)]
    lead: Option<LeadData>,
    #[serde(default)]
    calls: Vec<CallData>,
    #[serde(default)]
    partners: Vec<String>,
    #[serde(default)]
    shared_resources_used: Vec<ResourceData>,
    #[serde(default)]
    resources_developed: Vec<ResourceData>,
    #[serde(default)]
    client_informed: bool,
    revenue: String,
    dates: MissionDates,
    #[serde(default)]
    progress: Vec<ProgressData>,
}

/// Either `{"member": "<actor id>"}` or `{"name": "...", "kind": "<actor kind>"}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClientData {
    #[serde(default)]
    member: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    kind: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResourceData {
    name: String,
    #[serde(default)]
    licence: Option<String>,
    #[serde(default)]
    workstream: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MissionDates {
    solicited: String,
    proposed: String,
    won: String,
    started: String,
    completed: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgressData {
    on: String,
    note: String,
}

// ---- from plain data to the crate's types ------------------------------------------

/// Parses an ISO date (`2020-01-06`) with the crate's own parse error.
fn day(raw: &str) -> coopetition::Result<NaiveDate> {
    raw.parse().map_err(|_| Error::Parse { value: raw.to_owned(), expected: "an ISO date (YYYY-MM-DD)" })
}

fn actor_id(raw: &str) -> coopetition::Result<ActorId> {
    ActorId::new(raw)
}

fn actor(data: &ActorData, level: InvolvementLevel) -> coopetition::Result<Actor> {
    let actor = Actor::new(actor_id(&data.id)?, data.kind.parse()?, data.display_name.as_str(), data.public_listing)?;
    Ok(Actor { level, ..actor })
}

fn choices(data: &[ChoiceData]) -> Vec<Choice> {
    data.iter().map(|c| Choice { item: c.item.clone(), detail: c.detail.clone() }).collect()
}

fn terms(data: &TermsData) -> ContractTerms {
    ContractTerms {
        needs: choices(&data.needs),
        extra_engagements: data.extra_engagements.clone(),
        contributions: choices(&data.contributions),
        place: data.place.clone(),
        signatory: data.signatory.clone(),
    }
}

fn resources(data: &[ResourceData]) -> Vec<Resource> {
    data.iter()
        .map(|r| Resource { name: r.name.clone(), licence: r.licence.clone(), workstream: r.workstream.clone() })
        .collect()
}

fn client(data: &ClientData) -> Outcome<Client> {
    match (&data.member, &data.name, &data.kind) {
        (Some(id), None, None) => Ok(Client::Member { id: actor_id(id)? }),
        (None, Some(name), Some(kind)) => Ok(Client::Outside { name: name.clone(), kind: kind.parse()? }),
        _ => Err("a client is either {\"member\": id} or {\"name\": ..., \"kind\": ...}".into()),
    }
}

/// A command waiting in the timeline.
struct Planned {
    on: NaiveDate,
    command: Command,
}

fn plan(timeline: &mut Vec<Planned>, by: &str, on: &str, action: Action) -> Outcome {
    let on = day(on)?;
    timeline.push(Planned { on, command: Command::new(&actor_id(by)?, on, action) });
    Ok(())
}

/// Turns the sample into commands, in the order the facts are listed.
fn build_timeline(sample: &SampleFile, charter_version: u32) -> Outcome<Vec<Planned>> {
    let mut timeline = Vec::new();
    for r in &sample.actors {
        let level = r.level.as_deref().map_or(Ok(InvolvementLevel::Supporter), str::parse)?;
        let data = ActorData {
            id: r.id.clone(),
            kind: r.kind.clone(),
            display_name: r.display_name.clone(),
            public_listing: r.public_listing,
        };
        plan(&mut timeline, &r.registered_by, &r.registered_on, Action::RegisterActor { actor: actor(&data, level)? })?;
    }

    // The applicant registers itself (as a supporter), then applies.
    let applicant = &sample.applicant;
    let me = applicant.actor.id.as_str();
    let contract = ContractId::new(applicant.contract.id.as_str())?;
    let registration = Action::RegisterActor { actor: actor(&applicant.actor, InvolvementLevel::Supporter)? };
    plan(&mut timeline, me, &applicant.registered_on, registration)?;
    let proposal = Action::ProposeContract { contract: contract.clone(), terms: terms(&applicant.contract.terms) };
    plan(&mut timeline, me, &applicant.contract.proposed_on, proposal)?;
    for n in &applicant.discussion {
        let note = Action::DiscussContract { contract: contract.clone(), note: n.note.clone() };
        plan(&mut timeline, &n.by, &n.on, note)?;
    }
    let validation = Action::ValidateContract { contract };
    plan(&mut timeline, &applicant.validated_by, &applicant.validated_on, validation)?;
    if let Some(on) = &applicant.charter_signed_on {
        plan(&mut timeline, me, on, Action::SignCharter { version: charter_version })?;
    }

    for m in &sample.memberships {
        let contract = ContractId::new(m.contract.id.as_str())?;
        let proposal = Action::ProposeContract { contract: contract.clone(), terms: terms(&m.contract.terms) };
        plan(&mut timeline, &m.member, &m.contract.proposed_on, proposal)?;
        plan(&mut timeline, &m.validated_by, &m.validated_on, Action::ValidateContract { contract })?;
        if let Some(on) = &m.charter_signed_on {
            plan(&mut timeline, &m.member, on, Action::SignCharter { version: charter_version })?;
        }
    }

    for e in &sample.network_events {
        let event = Action::RecordNetworkEvent {
            event: NetworkEventId::new(e.id.as_str())?,
            title: e.title.clone(),
            held_on: day(&e.held_on)?,
            attendees: e.attendees.iter().map(client).collect::<Outcome<Vec<_>>>()?,
        };
        plan(&mut timeline, &e.recorded_by, &e.recorded_on, event)?;
    }

    for c in &sample.level_changes {
        let change =
            Action::ChangeLevel { actor: actor_id(&c.actor)?, level: c.level.parse()?, reason: c.reason.clone() };
        plan(&mut timeline, &c.by, &c.on, change)?;
    }

    for m in &sample.missions {
        mission_steps(&mut timeline, m)?;
    }
    Ok(timeline)
}

/// The reports of one mission: solicited → proposed → won → started →
/// progress… → completed. Partners and shared resources are reported when the
/// work starts, the client's information with the first progress report, and
/// the resources developed on completion.
fn mission_steps(timeline: &mut Vec<Planned>, m: &MissionData) -> Outcome {
    let id = MissionId::new(m.id.as_str())?;
    let report = |occurred: &str, step: MissionStep, update: MissionUpdate| -> Outcome<(String, Action)> {
        let action = Action::ReportMission { mission: id.clone(), occurred_on: day(occurred)?, step, update };
        Ok((occurred.to_owned(), action))
    };
    let d = &m.dates;
    let solicited = MissionStep::Solicited {
        client: client(&m.client)?,
        lead_origin: m.lead_origin.parse()?,
        title: m.title.clone(),
    };
    let revenue = Money::parse_eur(&m.revenue)?;
    let partners = m.partners.iter().map(|p| actor_id(p)).collect::<coopetition::Result<Vec<_>>>()?;
    let on_start =
        MissionUpdate { partners, shared_resources_used: resources(&m.shared_resources_used), ..Default::default() };
    let mut reports = match &m.lead {
        // The network's lead opens the mission: its outcome creates it at the proposal step.
        Some(lead) => {
            lead_steps(timeline, m, lead)?;
            Vec::new()
        }
        None => vec![
            report(&d.solicited, solicited, MissionUpdate::default())?,
            report(&d.proposed, MissionStep::Proposed, MissionUpdate::default())?,
        ],
    };
    reports.push(report(&d.won, MissionStep::Won { revenue }, MissionUpdate::default())?);
    reports.push(report(&d.started, MissionStep::Started, on_start)?);
    let mut informed = m.client_informed;
    for p in &m.progress {
        let update = MissionUpdate { client_informed: std::mem::take(&mut informed), ..Default::default() };
        reports.push(report(&p.on, MissionStep::Progress { note: p.note.clone() }, update)?);
    }
    let on_completion = MissionUpdate {
        resources_developed: resources(&m.resources_developed),
        client_informed: informed,
        ..Default::default()
    };
    reports.push(report(&d.completed, MissionStep::Completed, on_completion)?);
    for (on, action) in reports {
        plan(timeline, &m.provider, &on, action)?;
    }
    for c in &m.calls {
        call_steps(timeline, m, c)?;
    }
    Ok(())
}

/// The lead a mission comes from: recorded on the day the client's request
/// is dated, offered, answered by the provider with its proposal, and closed
/// for it (which creates the mission).
fn lead_steps(timeline: &mut Vec<Planned>, m: &MissionData, lead: &LeadData) -> Outcome {
    if m.lead_origin != "network_referral" {
        return Err(format!("mission {} comes from a lead: its lead origin is network_referral", m.id).into());
    }
    let id = LeadId::new(lead.id.as_str())?;
    let record = Action::RecordLead {
        lead: id.clone(),
        client: client(&m.client)?,
        need: lead.need.clone(),
        received_on: day(&lead.received_on)?,
        visibility: LeadVisibility::default(),
    };
    plan(timeline, &lead.recorded_by, &m.dates.solicited, record)?;
    let members = lead.members.iter().map(|p| actor_id(p)).collect::<coopetition::Result<Vec<_>>>()?;
    let offer =
        Action::OfferLead { lead: id.clone(), mode: lead.mode.parse()?, members, deadline: day(&lead.deadline)? };
    plan(timeline, &lead.offered_by, &lead.offered_on, offer)?;
    let answer = Action::AnswerLead { lead: id.clone(), interested: true, proposal: lead.proposal.clone() };
    plan(timeline, &m.provider, &m.dates.proposed, answer)?;
    let outcome = LeadClosing::Taken {
        member: actor_id(&m.provider)?,
        chosen_by: lead.chosen_by.parse()?,
        mission: MissionId::new(m.id.as_str())?,
        title: m.title.clone(),
    };
    plan(timeline, &lead.closed_by, &lead.closed_on, Action::CloseLead { lead: id, outcome })
}

/// A call for partners of a mission, its answers and who joined.
fn call_steps(timeline: &mut Vec<Planned>, m: &MissionData, c: &CallData) -> Outcome {
    let call = CallId::new(c.id.as_str())?;
    let ask = Action::CallForPartners {
        call: call.clone(),
        mission: MissionId::new(m.id.as_str())?,
        need: c.need.parse()?,
        what: c.what.clone(),
    };
    plan(timeline, &m.provider, &c.on, ask)?;
    for a in &c.answers {
        plan(timeline, &a.by, &a.on, Action::AnswerCall { call: call.clone(), note: a.note.clone() })?;
    }
    for j in &c.joined {
        let joined = Action::RecordCallPartner {
            call: call.clone(),
            member: actor_id(&j.member)?,
            resource: j.resource.clone(),
        };
        plan(timeline, &m.provider, &j.on, joined)?;
    }
    Ok(())
}

/// Executes a command, turning a rejection into a message with its stable code.
fn execute(network: &mut Network, command: Command) -> Outcome {
    let what = format!("{} by `{}` on {}", command.action.label(), command.by, command.on);
    match network.execute(command) {
        Ok(_) => Ok(()),
        Err(e) => Err(format!("{what} was rejected [{}]: {e}", e.code()).into()),
    }
}

/// Founds the network, then executes the sample's commands in date order.
fn build(sample: &SampleFile) -> Outcome<Network> {
    if sample.format != SAMPLE_FORMAT || sample.format_version != SAMPLE_FORMAT_VERSION {
        return Err(format!(
            "expected format `{SAMPLE_FORMAT}` version {SAMPLE_FORMAT_VERSION}, found `{}` version {}",
            sample.format, sample.format_version
        )
        .into());
    }
    let first = sample.founders.first().ok_or("the sample has no founder")?;
    let founders =
        sample.founders.iter().map(|f| actor(f, InvolvementLevel::Steward)).collect::<coopetition::Result<Vec<_>>>()?;
    let settings = NetworkSettings {
        name: sample.settings.name.clone(),
        membership_structure: sample.settings.membership_structure.parse()?,
    };
    let mut network = Network::new();
    let founding = Action::FoundNetwork { settings, founders };
    execute(&mut network, Command::new(&actor_id(&first.id)?, day(&sample.settings.founded_on)?, founding))?;

    let charter_version = network.charter().map(|c| c.version).ok_or("the founded network has no charter")?;
    let mut timeline = build_timeline(sample, charter_version)?;
    // A stable sort: facts of the same day keep the order in which they are listed.
    timeline.sort_by_key(|p| p.on);
    for planned in timeline {
        execute(&mut network, planned.command)?;
    }
    Ok(network)
}

// ---- the summary ------------------------------------------------------------------------

fn charter_label(status: CharterStatus) -> &'static str {
    match status {
        CharterStatus::Signed => "signed",
        CharterStatus::Outdated => "outdated",
        CharterStatus::Unsigned => "unsigned",
    }
}

/// The member's contract as one cell: `founder`, `active v1`, `resigned`, `none`…
fn contract_cell(network: &Network, id: &ActorId) -> String {
    if network.state().founders.contains(id) {
        return "founder".into();
    }
    let latest = network.live_contract(id).or_else(|| network.state().contracts.values().rfind(|c| &c.member == id));
    match latest {
        Some(c) => match c.current() {
            Some(v) => format!("{} v{}", c.status, v.version),
            None => c.status.to_string(),
        },
        None => "none".into(),
    }
}

fn describe_choices(choices: &[Choice]) -> String {
    let cells: Vec<String> = choices
        .iter()
        .map(|c| match &c.detail {
            Some(detail) => format!("{} (\"{detail}\")", c.item),
            None => c.item.clone(),
        })
        .collect();
    cells.join(", ")
}

fn describe_resources(resources: &[Resource]) -> String {
    if resources.is_empty() {
        return "none".into();
    }
    let cells: Vec<String> = resources
        .iter()
        .map(|r| {
            let licence = r.licence.as_deref().unwrap_or("no licence recorded");
            match &r.workstream {
                Some(w) => format!("{} [{licence}; workstream: {w}]", r.name),
                None => format!("{} [{licence}; no workstream]", r.name),
            }
        })
        .collect();
    cells.join("; ")
}

fn describe_client(network: &Network, client: &Client) -> String {
    match client {
        Client::Member { id } => {
            let standing = if network.is_member(id) { "member" } else { "registered, not a member" };
            match network.actor(id) {
                Ok(a) => format!("{} ({}, {standing}: `{id}`)", a.display_name, a.kind),
                Err(_) => format!("`{id}` ({standing})"),
            }
        }
        Client::Outside { name, kind } => format!("{name} ({kind}, outside the network)"),
    }
}

fn print_summary(network: &Network, sample: &SampleFile) -> Outcome {
    let settings = network.settings().ok_or("the network is not founded")?;
    let founded = network.state().founded_on.map(|d| d.to_string()).unwrap_or_default();
    println!("{} ({}), founded on {founded}", settings.name, settings.membership_structure);
    if let Some(charter) = network.charter() {
        println!("Cooperation charter in force: version {} of {}", charter.version, charter.published_on);
    }

    println!();
    println!("Actors ({})", network.state().actors.len());
    println!("  {:<24} {:<16} {:<12} {:<8} {:<12} charter", "id", "kind", "level", "listing", "contract");
    for (id, a) in &network.state().actors {
        let listing = if a.public_listing { "public" } else { "private" };
        let charter = if a.kind == ActorKind::Provider { charter_label(network.charter_status(id)) } else { "-" };
        let contract = contract_cell(network, id);
        // `label()` rather than `Display`: the crate's `Display` ignores width and padding.
        let (id, kind, level) = (id.as_str(), a.kind.label(), a.level.label());
        println!("  {id:<24} {kind:<16} {level:<12} {listing:<8} {contract:<12} {charter}");
    }

    let applicant = actor_id(&sample.applicant.actor.id)?;
    if let Some(c) = network.live_contract(&applicant) {
        println!();
        println!("Contract {} of {} ({})", c.id, c.member, c.status);
        if let Some(v) = c.current() {
            println!(
                "  version {}: proposed {}, validated {} by {}",
                v.version, v.proposed_on, v.validated_on, v.validated_by
            );
            println!("  needs: {}", describe_choices(&v.terms.needs));
            println!("  contributions: {}", describe_choices(&v.terms.contributions));
            println!("  signed in {} by {}", v.terms.place, v.terms.signatory);
        }
        println!("  discussion notes: {}", c.discussion.len());
    }

    println!();
    println!("Missions ({}): the five emblematic situations", network.state().missions.len());
    let mut total = Money::ZERO;
    for data in &sample.missions {
        let m = network.mission(&MissionId::new(data.id.as_str())?)?;
        let partners: Vec<&str> = m.partners.iter().map(ActorId::as_str).collect();
        let revenue = m.revenue.map_or_else(|| "not won".to_owned(), |r| r.to_string());
        if let Some(r) = m.revenue.filter(|_| m.status.is_won()) {
            total = total.checked_add(r)?;
        }
        println!("  Situation {}: {}", data.situation, data.summary);
        println!("    {} \"{}\", by {}", m.id, m.title, m.provider);
        println!("    client: {}", describe_client(network, &m.client));
        let basis = match (&m.lead_origin_basis, &m.origin_record) {
            (LeadOriginBasis::Recorded, Some(OriginRecord::Lead { lead })) => format!("recorded: lead {lead}"),
            (LeadOriginBasis::Recorded, Some(OriginRecord::NetworkEvent { event })) => {
                format!("recorded: network event {event}")
            }
            _ => m.lead_origin_basis.label().to_owned(),
        };
        println!("    lead origin: {} ({basis}); status: {}; revenue: {revenue}", m.lead_origin, m.status);
        for call in network.calls_of(&m.id) {
            let joined: Vec<&str> = call.joined.iter().map(|j| j.member.as_str()).collect();
            println!("    call for partners {} (\"{}\"): joined by {}", call.id, call.what, joined.join(", "));
        }
        println!("    partners: {}", if partners.is_empty() { "none".to_owned() } else { partners.join(", ") });
        println!("    shared resources used: {}", describe_resources(&m.shared_resources_used));
        println!("    resources developed: {}", describe_resources(&m.resources_developed));
        let steps: Vec<String> = m.history.iter().map(|r| format!("{} {}", r.step, r.occurred_on)).collect();
        println!("    client informed: {}; steps: {}", if m.client_informed { "yes" } else { "no" }, steps.join(", "));
    }
    println!("  Revenue of the missions won: {total}");
    print_referrals(network, sample)
}

/// The network as a trusted third party: the events it held, the referral
/// report of the year of its first mission, and what membership gave the
/// applicant that year.
fn print_referrals(network: &Network, sample: &SampleFile) -> Outcome {
    println!();
    println!("Network events ({})", network.network_events().count());
    for e in network.network_events() {
        println!("  {} {} \"{}\": {} attendees", e.held_on, e.id, e.title, e.attendees.len());
    }
    let Some(first) = sample.missions.first() else { return Ok(()) };
    let year = day(&first.dates.won)?.year();
    let report = network.referral_report(year);
    println!();
    println!(
        "Referral report {year}: {} lead(s) received, {} offered, {} taken, {} not taken",
        report.leads_received, report.leads_offered, report.leads_taken, report.leads_not_taken
    );
    println!(
        "  {:<26} {:>7} {:>8} {:>10} {:>4} {:>5} {:>12}",
        "provider", "offered", "answered", "interested", "won", "lost", "share of won"
    );
    for p in &report.providers {
        println!(
            "  {:<26} {:>7} {:>8} {:>10} {:>4} {:>5} {:>12}",
            p.provider.as_str(),
            p.offered,
            p.answered,
            p.interested,
            p.won,
            p.lost,
            p.share_of_won.to_string()
        );
    }
    let hhi = report.hhi_won.map_or_else(|| "none (no lead won)".to_owned(), |h| h.to_string());
    println!("  Herfindahl-Hirschman index of leads won: {hhi}");
    let applicant = actor_id(&sample.applicant.actor.id)?;
    let statement = network.benefits_statement(&applicant, year, Lang::En)?;
    println!();
    println!("{}", statement.document.trim_end());
    Ok(())
}

// ---- journal ---------------------------------------------------------------------------

/// Replays the journal from scratch and checks it rebuilds the same network.
fn check_replay(network: &Network) -> Outcome<String> {
    let journal = network.journal_jsonl();
    let replayed = Network::replay(&journal).map_err(|e| format!("replay failed [{}]: {e}", e.code()))?;
    if replayed.state() != network.state() {
        return Err("the replayed journal rebuilt a different state".into());
    }
    if replayed.journal_jsonl() != journal {
        return Err("the replayed journal does not write back identically".into());
    }
    Ok(journal)
}

fn workspace_root() -> Outcome<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    Ok(manifest.parent().ok_or("the crate has no parent directory")?.to_path_buf())
}

/// An error as `main` shows it: Rust prints `main`'s error with `Debug`, so this
/// one's `Debug` is its message, with the crate's stable code when there is one.
struct Failure(String);

impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failure {}

fn main() -> Outcome {
    run().map_err(|e| {
        let message = match e.downcast_ref::<Error>() {
            Some(core) => format!("{core} [{}]", core.code()),
            None => e.to_string(),
        };
        Box::new(Failure(message)).into()
    })
}

fn run() -> Outcome {
    let root = workspace_root()?;
    let path = match std::env::args_os().nth(1) {
        Some(arg) => PathBuf::from(arg),
        None => root.join("examples/data/sample_network.json"),
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let sample: SampleFile =
        serde_json::from_str(&text).map_err(|e| format!("{} is not a valid sample: {e}", path.display()))?;

    let network = build(&sample)?;
    print_summary(&network, &sample)?;

    let journal = check_replay(&network)?;
    println!();
    println!("Journal: {} events (last seq {})", network.journal().len(), network.state().last_seq);
    println!("Replay: the journal replays to an identical state");

    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    std::fs::create_dir_all(&target)?;
    let out = target.join("sample_journal.jsonl");
    std::fs::write(&out, journal).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let snapshot = target.join("sample_snapshot.json");
    std::fs::write(&snapshot, network.snapshot_json())
        .map_err(|e| format!("cannot write {}: {e}", snapshot.display()))?;
    println!("Journal written to {} (snapshot beside it)", out.display());
    Ok(())
}
