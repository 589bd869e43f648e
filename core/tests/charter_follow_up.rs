//! The charter follow-up: compliance article by article, standing
//! and sanctions, the public directory and the documents.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use coopetition::mission::MissionUpdate;
use coopetition::negotiation::Payment;
use coopetition::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    date(y, m, day).unwrap()
}

fn id(s: &str) -> ActorId {
    ActorId::new(s).unwrap()
}

fn mid(s: &str) -> MissionId {
    MissionId::new(s).unwrap()
}

fn cmd(by: &str, on: NaiveDate, action: Action) -> Command {
    Command::new(&id(by), on, action)
}

fn accept(network: &mut Network, command: Command) -> u64 {
    let label = command.action.label();
    match network.execute(command) {
        Ok(e) => e.seq,
        Err(e) => panic!("`{label}` rejected: {e} ({})", e.code()),
    }
}

/// Rejects with `code`, and checks that nothing changed.
fn reject(network: &mut Network, command: Command, code: &str) -> Error {
    let before = network.clone();
    let err = network.execute(command).expect_err("the command should be rejected");
    assert_eq!(err.code(), code, "{err}");
    assert_eq!(*network, before, "a rejected command changed the network");
    err
}

fn provider_terms(signatory: &str) -> ContractTerms {
    ContractTerms {
        needs: vec![
            Choice::item("network_work"),
            Choice::with_detail("other", "un groupe de pairs sur la tarification"),
        ],
        extra_engagements: vec![],
        contributions: vec![
            Choice::item("revenue_share_5pct"),
            Choice::with_detail("own_proposal", "animer un atelier par trimestre"),
        ],
        place: "Lille".into(),
        signatory: signatory.into(),
    }
}

fn citizen_terms() -> ContractTerms {
    ContractTerms {
        needs: vec![Choice::item("discover_places")],
        extra_engagements: vec![],
        contributions: vec![Choice::item("volunteering")],
        place: "Lille".into(),
        signatory: "Cécile".into(),
    }
}

fn join(network: &mut Network, who: &str, name: &str, kind: ActorKind, public: bool, sign: bool) {
    let actor = Actor::new(id(who), kind, name, public).unwrap();
    accept(network, cmd(who, d(2020, 1, 7), Action::RegisterActor { actor }));
    let terms = if kind == ActorKind::Provider { provider_terms(name) } else { citizen_terms() };
    let contract = ContractId::new(format!("c-{who}")).unwrap();
    accept(network, cmd(who, d(2020, 1, 8), Action::ProposeContract { contract: contract.clone(), terms }));
    if sign {
        accept(network, cmd(who, d(2020, 1, 9), Action::SignCharter { version: 1 }));
    }
    accept(network, cmd("alice", d(2020, 1, 10), Action::ValidateContract { contract }));
}

/// Alice founds the network; Paul and Nadia are providers who signed the
/// charter; Cécile is a citizen member who does not want to be listed.
fn network_with(structure: fn(&str) -> NetworkSettings) -> Network {
    let mut network = Network::new();
    let alice = Actor {
        level: InvolvementLevel::Steward,
        ..Actor::new(id("alice"), ActorKind::Association, "Alice Fondatrice", true).unwrap()
    };
    accept(
        &mut network,
        cmd(
            "alice",
            d(2020, 1, 6),
            Action::FoundNetwork { settings: structure("La Compagnie des Tiers-Lieux"), founders: vec![alice] },
        ),
    );
    join(&mut network, "paul", "Paul Accompagnement", ActorKind::Provider, true, true);
    join(&mut network, "nadia", "Nadia Conseil", ActorKind::Provider, true, true);
    join(&mut network, "cecile", "Cécile Discrète", ActorKind::Citizen, false, false);
    network
}

fn network() -> Network {
    network_with(|n| NetworkSettings::two_tier(n))
}

fn outside(name: &str) -> Client {
    Client::Outside { name: name.into(), kind: ActorKind::LocalAuthority }
}

fn solicited(client: Client) -> MissionStep {
    MissionStep::Solicited { client, lead_origin: LeadOrigin::NetworkReferral, title: "Préfiguration".into() }
}

fn report(
    network: &mut Network,
    by: &str,
    mission: &str,
    occurred: NaiveDate,
    reported: NaiveDate,
    step: MissionStep,
    update: MissionUpdate,
) -> u64 {
    accept(
        network,
        cmd(by, reported, Action::ReportMission { mission: mid(mission), occurred_on: occurred, step, update }),
    )
}

fn step(network: &mut Network, by: &str, mission: &str, on: NaiveDate, step: MissionStep) -> u64 {
    report(network, by, mission, on, on, step, MissionUpdate::default())
}

fn won() -> MissionStep {
    MissionStep::Won { revenue: Money::parse_eur("10000").unwrap() }
}

fn progress() -> MissionStep {
    MissionStep::Progress { note: "atelier".into() }
}

/// A mission solicited on 1 Feb, won on 1 Mar, started on 10 Mar.
fn started_mission(network: &mut Network, by: &str, mission: &str, client: Client) -> u64 {
    step(network, by, mission, d(2020, 2, 1), solicited(client));
    step(network, by, mission, d(2020, 2, 10), MissionStep::Proposed);
    step(network, by, mission, d(2020, 3, 1), won());
    step(network, by, mission, d(2020, 3, 10), MissionStep::Started)
}

/// The engagements of `member` under `rule` (for `mission`, if given) on `as_of`.
fn checks(
    network: &Network,
    member: &str,
    rule: Rule,
    mission: Option<&str>,
    as_of: NaiveDate,
) -> Vec<EngagementCheck> {
    let compliance = network.member_compliance(&id(member), as_of).unwrap().expect("bound by the charter");
    compliance
        .engagements
        .into_iter()
        .filter(|e| e.rule == rule && mission.is_none_or(|m| e.mission.as_ref().is_some_and(|x| x.as_str() == m)))
        .collect()
}

fn status(network: &Network, member: &str, rule: Rule, mission: &str, as_of: NaiveDate) -> ComplianceStatus {
    let found = checks(network, member, rule, Some(mission), as_of);
    assert_eq!(found.len(), 1, "{rule} of {mission}: {found:?}");
    found[0].status
}

// ---- article 1 ----------------------------------------------------------------------------

#[test]
fn art1_a_solicitation_is_reported_within_the_deadline() {
    let mut n = network();
    let on_time =
        report(&mut n, "paul", "m-on-time", d(2020, 2, 1), d(2020, 2, 10), solicited(outside("A")), Default::default());
    let late =
        report(&mut n, "paul", "m-late", d(2020, 2, 1), d(2020, 3, 1), solicited(outside("B")), Default::default());
    let as_of = d(2020, 3, 2);
    let c = &checks(&n, "paul", Rule::SolicitationReported, Some("m-on-time"), as_of)[0];
    assert_eq!(
        (c.status, c.article, c.due_on, c.done_on),
        (ComplianceStatus::Met, 1, Some(d(2020, 2, 16)), Some(d(2020, 2, 10)))
    );
    assert_eq!(c.evidence, [on_time]);
    let c = &checks(&n, "paul", Rule::SolicitationReported, Some("m-late"), as_of)[0];
    assert_eq!(c.status, ComplianceStatus::Late);
    assert_eq!(c.evidence, [late]);
    // Missing: a solicitation never reported is unknown to the network, so
    // nothing is judged; and a report dated before the event does not see it.
    assert!(checks(&n, "nadia", Rule::SolicitationReported, None, as_of).is_empty());
    assert!(checks(&n, "paul", Rule::SolicitationReported, Some("m-late"), d(2020, 2, 20)).is_empty());
}

#[test]
fn art1_the_start_of_a_won_mission_is_reported() {
    let mut n = network();
    for m in ["m-on-time", "m-late", "m-missing"] {
        step(&mut n, "paul", m, d(2020, 2, 1), solicited(outside(m)));
        step(&mut n, "paul", m, d(2020, 2, 10), MissionStep::Proposed);
        step(&mut n, "paul", m, d(2020, 3, 1), won());
    }
    let start = step(&mut n, "paul", "m-on-time", d(2020, 3, 20), MissionStep::Started);
    report(&mut n, "paul", "m-late", d(2020, 3, 15), d(2020, 4, 15), MissionStep::Started, Default::default());
    let as_of = d(2020, 4, 20);
    let c = &checks(&n, "paul", Rule::StartReported, Some("m-on-time"), as_of)[0];
    assert_eq!(c.status, ComplianceStatus::Met);
    assert!(c.evidence.contains(&start));
    assert_eq!(status(&n, "paul", Rule::StartReported, "m-late", as_of), ComplianceStatus::Late);
    assert_eq!(status(&n, "paul", Rule::StartReported, "m-missing", as_of), ComplianceStatus::Breached);
    assert_eq!(status(&n, "paul", Rule::StartReported, "m-missing", d(2020, 3, 31)), ComplianceStatus::Pending);
    // A cancellation reported in time also informs the network.
    step(&mut n, "paul", "m-missing", d(2020, 5, 1), MissionStep::Cancelled { reason: "budget".into() });
    assert_eq!(status(&n, "paul", Rule::StartReported, "m-missing", d(2020, 5, 2)), ComplianceStatus::Late);
}

#[test]
fn art1_progress_is_reported_at_least_every_m_days() {
    let mut n = network();
    for m in ["m-on-time", "m-late", "m-missing"] {
        started_mission(&mut n, "paul", m, outside(m));
    }
    // On time: every gap within 60 days, then completed.
    step(&mut n, "paul", "m-on-time", d(2020, 5, 1), progress());
    let done = step(&mut n, "paul", "m-on-time", d(2020, 6, 20), MissionStep::Completed);
    // Late: 97 days without news, then a report.
    step(&mut n, "paul", "m-late", d(2020, 6, 15), progress());
    let as_of = d(2020, 6, 30);
    let c = &checks(&n, "paul", Rule::ProgressReported, Some("m-on-time"), as_of)[0];
    assert_eq!(c.status, ComplianceStatus::Met);
    assert!(c.evidence.contains(&done));
    let late = &checks(&n, "paul", Rule::ProgressReported, Some("m-late"), as_of)[0];
    assert_eq!((late.status, late.due_on), (ComplianceStatus::Late, Some(d(2020, 5, 9))));
    // Missing: no report since the start on 10 March.
    assert_eq!(status(&n, "paul", Rule::ProgressReported, "m-missing", as_of), ComplianceStatus::Breached);
    assert_eq!(status(&n, "paul", Rule::ProgressReported, "m-missing", d(2020, 4, 1)), ComplianceStatus::Pending);
    // A report long after the last one is breached again until news come.
    assert_eq!(status(&n, "paul", Rule::ProgressReported, "m-late", d(2020, 9, 1)), ComplianceStatus::Breached);
}

#[test]
fn a_report_on_a_closed_mission_is_refused() {
    let mut n = network();
    started_mission(&mut n, "paul", "m1", outside("Fives"));
    step(&mut n, "paul", "m1", d(2020, 4, 1), MissionStep::Completed);
    let late_news = Action::ReportMission {
        mission: mid("m1"),
        occurred_on: d(2020, 4, 2),
        step: progress(),
        update: MissionUpdate { client_informed: true, ..Default::default() },
    };
    reject(&mut n, cmd("paul", d(2020, 4, 2), late_news), "mission.transition.invalid");
}

// ---- article 2 ----------------------------------------------------------------------------

#[test]
fn art2_the_client_is_told_how_to_take_part() {
    let mut n = network();
    let informed = MissionUpdate { client_informed: true, ..Default::default() };
    for m in ["m-on-time", "m-late", "m-missing", "m-open"] {
        started_mission(&mut n, "paul", m, outside(m));
    }
    let told = report(&mut n, "paul", "m-on-time", d(2020, 4, 1), d(2020, 4, 1), progress(), informed.clone());
    step(&mut n, "paul", "m-on-time", d(2020, 5, 1), MissionStep::Completed);
    report(&mut n, "paul", "m-late", d(2020, 7, 1), d(2020, 7, 1), MissionStep::Completed, informed);
    let completed = step(&mut n, "paul", "m-missing", d(2020, 5, 1), MissionStep::Completed);
    let as_of = d(2020, 7, 2);
    let c = &checks(&n, "paul", Rule::ClientInformed, Some("m-on-time"), as_of)[0];
    assert_eq!((c.status, c.article), (ComplianceStatus::Met, 2));
    assert!(c.evidence.contains(&told));
    assert_eq!(status(&n, "paul", Rule::ClientInformed, "m-late", as_of), ComplianceStatus::Late);
    let missing = &checks(&n, "paul", Rule::ClientInformed, Some("m-missing"), as_of)[0];
    assert_eq!((missing.status, missing.due_on), (ComplianceStatus::Breached, Some(d(2020, 5, 1))));
    assert!(missing.evidence.contains(&completed));
    assert_eq!(status(&n, "paul", Rule::ClientInformed, "m-open", d(2020, 4, 1)), ComplianceStatus::Pending);
    assert_eq!(status(&n, "paul", Rule::ClientInformed, "m-open", as_of), ComplianceStatus::Breached);
}

// ---- article 3 ----------------------------------------------------------------------------

fn resource(name: &str, licence: Option<&str>) -> Resource {
    Resource { name: name.into(), licence: licence.map(Into::into), workstream: None }
}

#[test]
fn art3_shared_resources_used_are_open() {
    let mut n = network();
    started_mission(&mut n, "paul", "m1", outside("Fives"));
    let used = |rs: Vec<Resource>| MissionUpdate { shared_resources_used: rs, ..Default::default() };
    let first = report(
        &mut n,
        "paul",
        "m1",
        d(2020, 4, 1),
        d(2020, 4, 1),
        progress(),
        used(vec![resource("guide", Some("CC-BY-SA-4.0")), resource("kit", None), resource("grille", None)]),
    );
    let licence = report(
        &mut n,
        "paul",
        "m1",
        d(2020, 4, 20),
        d(2020, 4, 20),
        progress(),
        used(vec![resource("kit", Some("CC0-1.0"))]),
    );
    let by_name = |name: &str| {
        checks(&n, "paul", Rule::ResourceOpen, Some("m1"), d(2020, 5, 1))
            .into_iter()
            .find(|c| c.resource.as_deref() == Some(name))
            .unwrap()
    };
    let guide = by_name("guide");
    assert_eq!((guide.status, guide.article, guide.evidence.clone()), (ComplianceStatus::Met, 3, vec![first]));
    let kit = by_name("kit");
    assert_eq!((kit.status, kit.evidence.clone()), (ComplianceStatus::Late, vec![first, licence]));
    assert_eq!(by_name("grille").status, ComplianceStatus::Breached);
}

#[test]
fn art3_resources_developed_are_shared_after_the_mission() {
    let mut n = network();
    let developed =
        |name: &str| MissionUpdate { resources_developed: vec![resource(name, None)], ..Default::default() };
    for (m, r) in [("m-on-time", "fiche"), ("m-late", "trame"), ("m-missing", "outil")] {
        started_mission(&mut n, "paul", m, outside(m));
        report(&mut n, "paul", m, d(2020, 4, 1), d(2020, 4, 1), progress(), developed(r));
    }
    assert_eq!(status(&n, "paul", Rule::ResourceShared, "m-on-time", d(2020, 4, 2)), ComplianceStatus::Pending);
    for m in ["m-on-time", "m-late", "m-missing"] {
        step(&mut n, "paul", m, d(2020, 5, 1), MissionStep::Completed);
    }
    let share = |mission: &str, resource: &str| Action::ShareResource {
        mission: mid(mission),
        resource: resource.into(),
        licence: "CC-BY-SA-4.0".into(),
        location: "https://ressources.example/".into(),
    };
    // Only the provider, only a resource the mission developed, only once.
    reject(&mut n, cmd("nadia", d(2020, 6, 1), share("m-on-time", "fiche")), "auth.owner.required");
    reject(&mut n, cmd("paul", d(2020, 6, 1), share("m-on-time", "autre")), "compliance.resource.not_developed");
    let shared = accept(&mut n, cmd("paul", d(2020, 6, 1), share("m-on-time", "fiche")));
    reject(&mut n, cmd("paul", d(2020, 6, 2), share("m-on-time", "fiche")), "compliance.resource.already_shared");
    accept(&mut n, cmd("paul", d(2020, 9, 1), share("m-late", "trame")));
    let as_of = d(2020, 9, 2);
    let c = &checks(&n, "paul", Rule::ResourceShared, Some("m-on-time"), as_of)[0];
    assert_eq!((c.status, c.due_on), (ComplianceStatus::Met, Some(d(2020, 7, 30))));
    assert!(c.evidence.contains(&shared));
    assert_eq!(status(&n, "paul", Rule::ResourceShared, "m-late", as_of), ComplianceStatus::Late);
    assert_eq!(status(&n, "paul", Rule::ResourceShared, "m-missing", as_of), ComplianceStatus::Breached);
    assert_eq!(status(&n, "paul", Rule::ResourceShared, "m-missing", d(2020, 7, 1)), ComplianceStatus::Pending);
}

// ---- article 4 ----------------------------------------------------------------------------

#[test]
fn art4_prior_work_creates_an_obligation_to_inform() {
    let mut n = network();
    let fives = outside("Mairie de Fives");
    let prior = accept(
        &mut n,
        cmd(
            "nadia",
            d(2020, 1, 15),
            Action::RecordPriorWork { member: id("nadia"), local_actor: fives.clone(), since: d(2019, 6, 1) },
        ),
    );
    assert_eq!(n.prior_work_with(&fives).len(), 1);
    // Paul starts missions with the same actor, however its name is spelt.
    for m in ["m-on-time", "m-late", "m-missing"] {
        started_mission(&mut n, "paul", m, outside("mairie  de FIVES"));
    }
    assert_eq!(n.open_obligations().len(), 3);
    let inform = |m: &str| Action::RecordMemberInformed { mission: mid(m), member: id("nadia") };
    reject(&mut n, cmd("nadia", d(2020, 3, 15), inform("m-on-time")), "auth.owner.required");
    let informed = accept(&mut n, cmd("paul", d(2020, 3, 15), inform("m-on-time")));
    reject(&mut n, cmd("paul", d(2020, 3, 16), inform("m-on-time")), "compliance.obligation.not_open");
    let wrong = Action::RecordMemberInformed { mission: mid("m-late"), member: id("cecile") };
    reject(&mut n, cmd("paul", d(2020, 3, 16), wrong), "compliance.obligation.not_open");
    accept(&mut n, cmd("paul", d(2020, 4, 30), inform("m-late")));
    let as_of = d(2020, 5, 1);
    let c = &checks(&n, "paul", Rule::PriorMemberInformed, Some("m-on-time"), as_of)[0];
    assert_eq!((c.status, c.article, c.member_to_inform.clone()), (ComplianceStatus::Met, 4, Some(id("nadia"))));
    assert!(c.evidence.contains(&prior) && c.evidence.contains(&informed));
    assert_eq!(status(&n, "paul", Rule::PriorMemberInformed, "m-late", as_of), ComplianceStatus::Late);
    assert_eq!(status(&n, "paul", Rule::PriorMemberInformed, "m-missing", as_of), ComplianceStatus::Breached);
    assert_eq!(status(&n, "paul", Rule::PriorMemberInformed, "m-missing", d(2020, 3, 20)), ComplianceStatus::Pending);
}

#[test]
fn art4_a_started_mission_adds_to_the_registry() {
    let mut n = network();
    let roubaix = outside("Ville de Roubaix");
    started_mission(&mut n, "paul", "m-paul", roubaix.clone());
    let entries = n.prior_work_with(&roubaix);
    assert_eq!(entries.len(), 1);
    assert_eq!((entries[0].member.as_str(), entries[0].since), ("paul", d(2020, 3, 10)));
    // Nadia starts later with the same client: she must inform Paul.
    step(&mut n, "nadia", "m-nadia", d(2020, 4, 1), solicited(roubaix.clone()));
    step(&mut n, "nadia", "m-nadia", d(2020, 4, 2), MissionStep::Proposed);
    step(&mut n, "nadia", "m-nadia", d(2020, 4, 3), won());
    assert!(n.open_obligations().is_empty(), "the obligation arises when the mission starts");
    step(&mut n, "nadia", "m-nadia", d(2020, 4, 4), MissionStep::Started);
    let open = n.open_obligations();
    assert_eq!(open.len(), 1);
    assert_eq!((open[0].provider.as_str(), open[0].member.as_str()), ("nadia", "paul"));
    // Paul's own later missions with Roubaix create no obligation towards himself.
    step(&mut n, "paul", "m-paul-2", d(2020, 5, 1), solicited(roubaix));
    step(&mut n, "paul", "m-paul-2", d(2020, 5, 2), MissionStep::Proposed);
    step(&mut n, "paul", "m-paul-2", d(2020, 5, 3), won());
    step(&mut n, "paul", "m-paul-2", d(2020, 5, 4), MissionStep::Started);
    assert_eq!(
        n.open_obligations().iter().filter(|o| o.provider.as_str() == "paul" && o.member.as_str() == "nadia").count(),
        1
    );
    assert!(n.open_obligations().iter().all(|o| o.provider != o.member));
}

// ---- article 5 ----------------------------------------------------------------------------

#[test]
fn art5_attendance_at_the_yearly_meeting() {
    let mut n = network();
    let attend = |year: i32| Action::RecordAttendance { member: id("paul"), year, meeting: "journée qualité".into() };
    let y2020 = accept(&mut n, cmd("alice", d(2020, 11, 20), attend(2020)));
    accept(&mut n, cmd("alice", d(2022, 3, 1), attend(2021)));
    reject(&mut n, cmd("paul", d(2022, 3, 1), attend(2022)), "auth.steward.required");
    reject(&mut n, cmd("alice", d(2022, 3, 1), attend(2023)), "compliance.attendance.future_year");
    reject(&mut n, cmd("alice", d(2022, 3, 2), attend(2020)), "compliance.attendance.duplicate");
    let as_of = d(2023, 3, 1);
    let years = checks(&n, "paul", Rule::QualityMeeting, None, as_of);
    let by_year = |y: i32| years.iter().find(|c| c.year == Some(y)).unwrap();
    assert_eq!((by_year(2020).status, by_year(2020).article), (ComplianceStatus::Met, 5));
    assert_eq!(by_year(2020).evidence, [y2020]);
    assert_eq!(by_year(2021).status, ComplianceStatus::Late);
    assert_eq!(by_year(2022).status, ComplianceStatus::Breached);
    assert_eq!(by_year(2023).status, ComplianceStatus::Pending);
    assert_eq!(by_year(2022).due_on, Some(d(2023, 1, 31)));
}

// ---- report, configuration --------------------------------------------------------------

#[test]
fn the_network_report_lists_bound_members_with_evidence_from_the_journal() {
    let mut n = network();
    started_mission(&mut n, "paul", "m1", outside("Fives"));
    let report = n.compliance_report(d(2020, 12, 31));
    let members: Vec<&str> = report.members.iter().map(|m| m.member.as_str()).collect();
    assert_eq!(members, ["nadia", "paul"], "only providers who signed the charter");
    let total = report.counts.met + report.counts.pending + report.counts.late + report.counts.breached;
    assert_eq!(total as usize, report.members.iter().map(|m| m.engagements.len()).sum::<usize>());
    for e in report.members.iter().flat_map(|m| &m.engagements) {
        for seq in &e.evidence {
            let event = &n.journal()[(*seq - 1) as usize];
            assert_eq!(event.seq, *seq);
            let label = event.action.label();
            assert!(
                [
                    "report_mission",
                    "record_attendance",
                    "share_resource",
                    "record_prior_work",
                    "record_member_informed"
                ]
                .contains(&label),
                "{label}"
            );
        }
    }
    // The per-member view agrees with the network-wide report.
    let paul = n.member_compliance(&id("paul"), d(2020, 12, 31)).unwrap().unwrap();
    assert_eq!(report.member(&id("paul")), Some(&paul));
    assert_eq!(n.member_compliance(&id("cecile"), d(2020, 12, 31)).unwrap(), None);
    assert_eq!(n.member_compliance(&id("ghost"), d(2020, 12, 31)).unwrap_err().code(), "actor.id.unknown");
}

#[test]
fn deadlines_are_configured_over_time_and_negative_days_are_refused() {
    let mut n = network();
    let mut rules = FollowUpRules::default();
    rules.deadlines.solicitation_report_days = -3;
    let configure = |rules: &FollowUpRules, from| Action::ConfigureFollowUp { from, rules: rules.clone() };
    let err =
        reject(&mut n, cmd("alice", d(2020, 6, 1), configure(&rules, d(2020, 7, 1))), "compliance.deadline.invalid");
    assert!(err.to_string().contains("solicitation_report_days"));
    rules.deadlines.solicitation_report_days = 40;
    reject(&mut n, cmd("paul", d(2020, 6, 1), configure(&rules, d(2020, 7, 1))), "auth.steward.required");
    let mut bad = rules.clone();
    bad.levels.demote_months = bad.levels.promote_months;
    reject(&mut n, cmd("alice", d(2020, 6, 1), configure(&bad, d(2020, 7, 1))), "standing.thresholds.invalid");
    accept(&mut n, cmd("alice", d(2020, 6, 1), configure(&rules, d(2020, 7, 1))));
    // Not again from the same date or earlier: periods follow each other.
    reject(&mut n, cmd("alice", d(2020, 6, 2), configure(&rules, d(2020, 7, 1))), "policy.parameters.overlap");
    assert_eq!(n.follow_up_rules(d(2020, 6, 30)).deadlines.solicitation_report_days, 15);
    assert_eq!(n.follow_up_rules(d(2020, 7, 1)).deadlines.solicitation_report_days, 40);
    // A solicitation received before 1 July keeps the 15 days of its time.
    report(&mut n, "paul", "m-june", d(2020, 6, 20), d(2020, 7, 25), solicited(outside("A")), Default::default());
    report(&mut n, "paul", "m-july", d(2020, 7, 1), d(2020, 8, 5), solicited(outside("B")), Default::default());
    assert_eq!(status(&n, "paul", Rule::SolicitationReported, "m-june", d(2020, 9, 1)), ComplianceStatus::Late);
    assert_eq!(status(&n, "paul", Rule::SolicitationReported, "m-july", d(2020, 9, 1)), ComplianceStatus::Met);
    // Rules also load from JSON, partially, with the defaults elsewhere.
    let parsed = coopetition::compliance::parse_rules(r#"{"deadlines": {"progress_interval_days": 30}}"#).unwrap();
    assert_eq!(parsed.deadlines.progress_interval_days, 30);
    assert_eq!(parsed.deadlines.start_report_days, 30);
    let negative = coopetition::compliance::parse_rules(r#"{"deadlines": {"hearing_answer_days": -1}}"#);
    assert_eq!(negative.unwrap_err().code(), "compliance.deadline.invalid");
}

// ---- standing and sanctions ------------------------------------------------------------

fn decide(member: &str, standing: Standing, taken_on: NaiveDate) -> Action {
    Action::DecideStanding {
        member: id(member),
        standing,
        decision: Decision::new("manquements répétés à l'article 1", taken_on, DecisionVenue::CoordinationMeeting),
    }
}

#[test]
fn standing_changes_only_by_a_stewards_decision() {
    let mut n = network();
    assert_eq!(n.standing(&id("paul")), Standing::GoodStanding);
    reject(
        &mut n,
        cmd("nadia", d(2020, 6, 1), decide("paul", Standing::Reminder, d(2020, 6, 1))),
        "auth.steward.required",
    );
    reject(
        &mut n,
        cmd("alice", d(2020, 6, 1), decide("alice", Standing::Reminder, d(2020, 6, 1))),
        "standing.decision.self",
    );
    reject(
        &mut n,
        cmd("alice", d(2020, 6, 1), decide("paul", Standing::Reminder, d(2020, 6, 2))),
        "date.order.invalid",
    );
    reject(
        &mut n,
        cmd("alice", d(2020, 6, 1), decide("paul", Standing::GoodStanding, d(2020, 6, 1))),
        "standing.decision.unchanged",
    );
    let blank = Action::DecideStanding {
        member: id("paul"),
        standing: Standing::Warning,
        decision: Decision::new(" ", d(2020, 6, 1), DecisionVenue::OnlineVote),
    };
    reject(&mut n, cmd("alice", d(2020, 6, 1), blank), "input.text.empty");
    let seq = accept(&mut n, cmd("alice", d(2020, 6, 3), decide("paul", Standing::Warning, d(2020, 6, 1))));
    assert_eq!(n.standing(&id("paul")), Standing::Warning);
    let decision = &n.standing_decisions(&id("paul"))[0];
    assert_eq!(
        (decision.from, decision.to, decision.taken_on),
        (Standing::GoodStanding, Standing::Warning, d(2020, 6, 1))
    );
    assert_eq!((decision.venue, decision.recorded.seq), (Some(DecisionVenue::CoordinationMeeting), seq));
    assert!(decision.reason.contains("article 1"));
    // Reinstatement is a decision too.
    accept(&mut n, cmd("alice", d(2020, 9, 1), decide("paul", Standing::GoodStanding, d(2020, 9, 1))));
    assert_eq!(n.standing(&id("paul")), Standing::GoodStanding);
}

#[test]
fn an_exclusion_needs_a_hearing_and_ends_the_contract() {
    let mut n = network();
    let exclude = |on| decide("paul", Standing::Excluded, on);
    reject(&mut n, cmd("alice", d(2020, 6, 1), exclude(d(2020, 6, 1))), "standing.hearing.required");
    let contract = Action::ExcludeMember { contract: ContractId::new("c-paul").unwrap(), reason: "manquement".into() };
    reject(&mut n, cmd("alice", d(2020, 6, 1), contract.clone()), "standing.hearing.required");
    reject(
        &mut n,
        cmd("alice", d(2020, 6, 1), Action::AnswerHearing { member: id("paul"), answer: "?".into() }),
        "standing.hearing.not_open",
    );
    let notify = Action::NotifyHearing { member: id("paul"), grounds: "aucun rapport depuis six mois".into() };
    reject(&mut n, cmd("nadia", d(2020, 6, 1), notify.clone()), "auth.steward.required");
    let notice = accept(&mut n, cmd("alice", d(2020, 6, 1), notify.clone()));
    reject(&mut n, cmd("alice", d(2020, 6, 2), notify), "standing.hearing.already_open");
    // The member may answer for 15 days: no decision without its answer before that.
    let err = reject(&mut n, cmd("alice", d(2020, 6, 10), exclude(d(2020, 6, 10))), "standing.hearing.pending");
    assert!(err.to_string().contains("2020-06-16"));
    reject(&mut n, cmd("alice", d(2020, 6, 10), contract), "standing.hearing.pending");
    let answer = Action::AnswerHearing { member: id("paul"), answer: "j'étais malade".into() };
    reject(&mut n, cmd("nadia", d(2020, 6, 11), answer.clone()), "auth.steward.required");
    accept(&mut n, cmd("paul", d(2020, 6, 11), answer.clone()));
    reject(&mut n, cmd("paul", d(2020, 6, 12), answer), "standing.hearing.answered");
    reject(&mut n, cmd("alice", d(2020, 6, 12), exclude(d(2020, 6, 10))), "date.order.invalid");
    accept(&mut n, cmd("alice", d(2020, 6, 12), exclude(d(2020, 6, 12))));
    assert_eq!(n.standing(&id("paul")), Standing::Excluded);
    let decision = n.standing_decisions(&id("paul")).last().unwrap();
    assert_eq!(decision.hearing, Some(notice));
    assert!(n.hearings(&id("paul"))[0].closed_seq.is_some());
    let c = n.contract(&ContractId::new("c-paul").unwrap()).unwrap();
    assert_eq!((c.status, c.ended_on), (ContractStatus::Excluded, Some(d(2020, 6, 12))));
    assert!(!n.is_member(&id("paul")));
    // Excluded: no new application, no other sanction, until reinstated.
    let again =
        Action::ProposeContract { contract: ContractId::new("c-paul-2").unwrap(), terms: provider_terms("Paul") };
    reject(&mut n, cmd("paul", d(2020, 7, 1), again.clone()), "standing.member.excluded");
    reject(
        &mut n,
        cmd("alice", d(2020, 7, 1), decide("paul", Standing::Warning, d(2020, 7, 1))),
        "standing.transition.invalid",
    );
    accept(&mut n, cmd("alice", d(2021, 1, 10), decide("paul", Standing::GoodStanding, d(2021, 1, 10))));
    accept(&mut n, cmd("paul", d(2021, 1, 11), again));
}

#[test]
fn without_an_answer_the_exclusion_waits_for_the_end_of_the_answer_period() {
    let mut n = network();
    accept(
        &mut n,
        cmd("alice", d(2020, 6, 1), Action::NotifyHearing { member: id("nadia"), grounds: "art. 4".into() }),
    );
    let contract = Action::ExcludeMember { contract: ContractId::new("c-nadia").unwrap(), reason: "art. 4".into() };
    reject(&mut n, cmd("alice", d(2020, 6, 15), contract.clone()), "standing.hearing.pending");
    accept(&mut n, cmd("alice", d(2020, 6, 16), contract));
    // `exclude_member` records the standing too, without a venue.
    assert_eq!(n.standing(&id("nadia")), Standing::Excluded);
    assert_eq!(n.standing_decisions(&id("nadia"))[0].venue, None);
}

#[test]
fn thresholds_propose_the_next_step_but_do_not_apply_it() {
    let mut n = network();
    for m in ["m1", "m2"] {
        started_mission(&mut n, "paul", m, outside(m));
    }
    // No progress report: breached engagements pile up (progress, client informed).
    let as_of = d(2020, 9, 1);
    let p = n.standing_proposal(&id("paul"), as_of).unwrap();
    assert!(p.breached >= 2, "{p:?}");
    assert_eq!((p.current, p.proposed, p.hearing_required), (Standing::GoodStanding, Some(Standing::Reminder), false));
    assert!(!p.evidence.is_empty());
    assert_eq!(n.standing(&id("paul")), Standing::GoodStanding, "a proposal is not a decision");
    let proposals = n.standing_proposals(as_of);
    assert_eq!(proposals.iter().map(|p| p.member.as_str()).collect::<Vec<_>>(), ["paul"]);
    // After a reminder, the next proposal is a warning, one step at a time.
    accept(&mut n, cmd("alice", as_of, decide("paul", Standing::Reminder, as_of)));
    assert_eq!(n.standing_proposal(&id("paul"), as_of).unwrap().proposed, Some(Standing::Warning));
    // Nadia has nothing late: nothing to propose.
    assert_eq!(n.standing_proposal(&id("nadia"), as_of).unwrap().proposed, None);
}

// ---- involvement levels -----------------------------------------------------------------

#[test]
fn activity_suggests_a_level_with_hysteresis_and_only_a_decision_changes_it() {
    let mut n = network();
    let pay = |month: u32| {
        let payment = Payment {
            member: id("paul"),
            amount: Money::parse_eur("50").unwrap(),
            on: d(2020, month, 5),
            reference: String::new(),
        };
        cmd("alice", d(2020, month, 6), Action::RecordPayment { payment })
    };
    for month in [2, 3, 4] {
        accept(&mut n, pay(month));
    }
    let s = n.level_suggestion(&id("paul"), d(2020, 4, 30)).unwrap();
    assert_eq!((s.current, s.suggested, s.active_months), (InvolvementLevel::Supporter, None, 3));
    accept(&mut n, pay(5));
    let s = n.level_suggestion(&id("paul"), d(2020, 5, 31)).unwrap();
    assert_eq!(s.suggested, Some(InvolvementLevel::Contributor));
    assert_eq!(n.actor(&id("paul")).unwrap().level, InvolvementLevel::Supporter, "shown, not applied");
    let decide_level = Action::DecideLevel {
        actor: id("paul"),
        level: InvolvementLevel::Contributor,
        decision: Decision::new("contributions régulières", d(2020, 6, 1), DecisionVenue::OnlineVote),
    };
    reject(&mut n, cmd("nadia", d(2020, 6, 2), decide_level.clone()), "auth.steward.required");
    accept(&mut n, cmd("alice", d(2020, 6, 2), decide_level));
    assert_eq!(n.actor(&id("paul")).unwrap().level, InvolvementLevel::Contributor);
    assert_eq!(n.state().follow_up.level_decisions[0].venue, Some(DecisionVenue::OnlineVote));
    // Activity fades: with two active months in the window, no flicker back.
    let s = n.level_suggestion(&id("paul"), d(2021, 3, 31)).unwrap();
    assert_eq!((s.active_months, s.suggested), (2, None));
    // With one, the suggestion is to go back to supporter.
    let s = n.level_suggestion(&id("paul"), d(2021, 4, 30)).unwrap();
    assert_eq!((s.active_months, s.suggested), (1, Some(InvolvementLevel::Supporter)));
    assert!(n.level_suggestions(d(2021, 4, 30)).iter().any(|s| s.actor.as_str() == "paul"));
}

// ---- directory ---------------------------------------------------------------------------

#[test]
fn the_directory_shows_consenting_members_only() {
    let mut n = network();
    let directory = n.public_directory();
    let ids: Vec<&str> = directory.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["alice", "nadia", "paul"]);
    let paul = directory.entries.iter().find(|e| e.id.as_str() == "paul").unwrap();
    assert_eq!(
        (paul.kind, paul.level, paul.charter),
        (ActorKind::Provider, InvolvementLevel::Supporter, Some(CharterStatus::Signed))
    );
    assert_eq!(paul.member_since, Some(d(2020, 1, 10)));
    assert_eq!(directory.entries.iter().find(|e| e.id.as_str() == "alice").unwrap().charter, None);
    // Nothing about Cécile, in any form.
    let json = serde_json::to_string(&directory).unwrap();
    for text in [json, directory.to_markdown(Lang::Fr), directory.to_markdown(Lang::En)] {
        assert!(
            !text.contains("cecile")
                && !text.contains("Cécile")
                && !text.contains("citizen")
                && !text.contains("citoyen")
        );
        assert!(text.contains("Paul Accompagnement"));
    }
    // Withdrawn consent, suspension: out of the directory.
    accept(&mut n, cmd("nadia", d(2020, 3, 1), Action::SetPublicListing { actor: id("nadia"), public_listing: false }));
    accept(&mut n, cmd("alice", d(2020, 3, 1), decide("paul", Standing::Suspended, d(2020, 3, 1))));
    let ids: Vec<String> = n.public_directory().entries.iter().map(|e| e.id.to_string()).collect();
    assert_eq!(ids, ["alice"]);
}

// ---- documents ---------------------------------------------------------------------------

#[test]
fn a_contract_renders_in_french_following_the_seed() {
    let n = network();
    let md = n.contract_markdown(&ContractId::new("c-paul").unwrap(), None, Lang::Fr).unwrap();
    for expected in [
        "# Contrat d'adhésion — La Compagnie des Tiers-Lieux",
        "Paul Accompagnement (prestataire)",
        "version 1, validée le 10 janvier 2020 par alice",
        "## La Communauté",
        "## Sa gouvernance",
        "## Ses ressources",
        "## Ses coûts",
        "## Ses recettes",
        "## Ses besoins",
        "## La contribution",
        "### Votre besoin",
        "En tant que prestataire de service",
        "- pouvoir profiter du travail de communication",
        "- Autre : un groupe de pairs sur la tarification",
        "### L'engagement",
        "La Compagnie des Tiers-Lieux vous fait signer une charte",
        "Vous honorez vos engagements",
        "### Votre contribution",
        "Comment souhaitez-vous contribuer",
        "- Je verse 5% du chiffre d'affaire",
        "- Votre proposition : animer un atelier par trimestre",
        "Lille, le 8 janvier 2020",
        "Signature : Paul Accompagnement",
    ] {
        assert!(md.contains(expected), "missing `{expected}` in\n{md}");
    }
    // Items not chosen do not appear; two-tier: the charter is separate.
    assert!(!md.contains("compagnonnage") && !md.contains("Je m'engage à informer"));
}

#[test]
fn an_all_in_one_contract_includes_the_charter_and_renders_in_english() {
    let n = network_with(|n| NetworkSettings::all_in_one(n));
    let contract = ContractId::new("c-paul").unwrap();
    let en = n.contract_markdown(&contract, Some(1), Lang::En).unwrap();
    for expected in [
        "# Membership contract — La Compagnie des Tiers-Lieux",
        "version 1, validated on 10 January 2020 by alice",
        "## The community",
        "### Your needs",
        "- Other: un groupe de pairs sur la tarification",
        "This contract includes the cooperation charter, version 1",
        "## Cooperation charter",
        "1. I commit to informing the network",
        "Lille, 8 January 2020",
        "Signature: Paul Accompagnement",
    ] {
        assert!(en.contains(expected), "missing `{expected}` in\n{en}");
    }
    let fr = n.contract_markdown(&contract, None, Lang::Fr).unwrap();
    assert!(fr.contains("## Charte de coopération") && fr.contains("5. Je m'engage à participer"));
    assert_eq!(n.contract_markdown(&contract, Some(2), Lang::Fr).unwrap_err().code(), "contract.version.unknown");
    let signed = n.signed_charter_markdown(&id("paul"), Lang::Fr).unwrap();
    assert!(signed.contains("Lille, le 9 janvier 2020") && signed.contains("Signature : Paul Accompagnement"));
    let charter = n.charter_markdown(None, Lang::Fr).unwrap();
    assert!(charter.contains("J'accepte que mon appartenance au collectif soit communiquée"));
    assert_eq!(n.charter_markdown(Some(9), Lang::Fr).unwrap_err().code(), "charter.version.unknown");
}

// ---- journal ----------------------------------------------------------------------------

#[test]
fn the_follow_up_replays_and_old_snapshots_still_load() {
    let mut n = network();
    started_mission(&mut n, "paul", "m1", outside("Fives"));
    accept(
        &mut n,
        cmd(
            "alice",
            d(2020, 4, 1),
            Action::RecordAttendance { member: id("paul"), year: 2020, meeting: String::new() },
        ),
    );
    accept(&mut n, cmd("alice", d(2020, 4, 2), Action::NotifyHearing { member: id("paul"), grounds: "art. 1".into() }));
    accept(&mut n, cmd("alice", d(2020, 4, 20), decide("paul", Standing::Excluded, d(2020, 4, 20))));
    let replayed = Network::replay(&n.journal_jsonl()).unwrap();
    assert_eq!(replayed, n);
    assert_eq!(replayed.compliance_report(d(2020, 12, 31)), n.compliance_report(d(2020, 12, 31)));
    let loaded = Network::from_snapshot_json(&n.snapshot_json()).unwrap();
    assert_eq!(loaded.state(), n.state());
    // A snapshot written before the follow-up existed (schema 1) has no `follow_up`: it still loads.
    let mut old: serde_json::Value = serde_json::from_str(&network().snapshot_json()).unwrap();
    let document = old.as_object_mut().unwrap();
    for field in ["chain", "seq", "hash", "digest"] {
        document.remove(field);
    }
    old["schema_version"] = 1.into();
    old["state"].as_object_mut().unwrap().remove("follow_up");
    let loaded = Network::from_snapshot_json(&old.to_string()).unwrap();
    assert_eq!(loaded.standing(&id("paul")), Standing::GoodStanding);
}
