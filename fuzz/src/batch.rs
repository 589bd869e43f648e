//! The batch target: random mission tables, with the extremes a hostile or
//! broken table holds, evaluated under every built-in policy by the columnar
//! path and one mission at a time. Every row the batch accepts must equal the
//! per-mission amount and status; a table with a row the per-mission path
//! refuses must be refused, on that row.

use crate::rng::Rng;
use crate::{Outcome, Target};
use coopetition::ids::ActorId;
use coopetition::policy::batch::{BatchEvaluator, BuiltinPolicy, MissionColumns, MissionTable, Outputs};
use coopetition::policy::{BehaviourModel, ContributionPolicy, Parameters};
use coopetition::Error;

/// Days from 2019-06-01 to 2025-12-31, and a few beyond any calendar.
fn day(rng: &mut Rng, hostile: bool) -> i32 {
    match rng.below(if hostile { 20 } else { 1_000_000 }) {
        0 => [i32::MIN, i32::MAX, -1, 0, 2_932_896, 2_932_897][rng.below(6)],
        _ => 18_048 + rng.below(2_405) as i32,
    }
}

/// Cents: everyday amounts, half cents of common rates, and the edges of i64.
fn cents(rng: &mut Rng, hostile: bool) -> i64 {
    match rng.below(10) + usize::from(!hostile) * 4 {
        0 => [0, 1, -1, i64::MAX, i64::MIN, i64::MAX - 1, 1 << 53, 10_000_000_000_000_000][rng.below(8)],
        1 => 20 * rng.below(100_000) as i64 + 10,
        2 => (rng.next() >> 1) as i64,
        3 => -(rng.below(1_000) as i64),
        _ => rng.below(5_000_000) as i64,
    }
}

fn count(rng: &mut Rng, hostile: bool) -> u32 {
    if hostile && rng.one_in(15) {
        [u32::MAX, u32::MAX - 1, 1 << 31][rng.below(3)]
    } else {
        rng.below(6) as u32
    }
}

/// One random table of up to 16 rows; in half of them, every column may
/// hold values no valid mission has.
fn table(rng: &mut Rng) -> MissionTable {
    let hostile = rng.one_in(2);
    let mut t = MissionTable::default();
    t.provider_names.push("p".into());
    for _ in 0..rng.below(17) {
        let revenue = cents(rng, hostile);
        let share = |rng: &mut Rng| {
            if hostile && rng.one_in(8) {
                cents(rng, hostile)
            } else {
                revenue.max(0) / 1_000 * rng.below(1_001) as i64
            }
        };
        t.provider.push(0);
        t.revenue_cents.push(revenue);
        t.won_on.push(day(rng, hostile));
        t.lead_origin.push(if hostile && rng.one_in(20) { rng.below(256) as u8 } else { rng.below(5) as u8 });
        t.partners.push(count(rng, hostile));
        t.shared_resources.push(count(rng, hostile));
        t.steward_workstream.push(rng.one_in(2));
        t.client_informed.push(rng.one_in(2));
        let declared = share(rng);
        t.declared_cents.push(declared);
        t.declared_valid.push(rng.one_in(2));
        t.negotiation_status.push(if hostile && rng.one_in(20) { rng.below(256) as u8 } else { rng.below(4) as u8 });
        let offered = share(rng);
        t.negotiation_amount_cents.push(offered);
        t.negotiation_amount_valid.push(!rng.one_in(4));
        t.negotiation_offers.push(count(rng, hostile));
        t.negotiation_on.push(day(rng, hostile));
        t.donations_cents.push(if rng.one_in(3) { cents(rng, hostile) } else { 0 });
    }
    t
}

/// Every built-in policy, with and without behaviour model.
fn policies() -> Vec<BuiltinPolicy> {
    let model = Some(BehaviourModel::default());
    vec![
        BuiltinPolicy::Flat,
        BuiltinPolicy::Guide,
        BuiltinPolicy::SelfAssessed(None),
        BuiltinPolicy::SelfAssessed(model),
        BuiltinPolicy::Negotiated(None),
        BuiltinPolicy::Negotiated(model),
    ]
}

pub struct Batch {
    policies: Vec<BuiltinPolicy>,
    provider: Option<ActorId>,
    last: MissionTable,
}

impl Batch {
    pub fn new() -> Batch {
        Batch { policies: policies(), provider: ActorId::new("p").ok(), last: MissionTable::default() }
    }
}

/// The row a batch error names, if it names one.
fn row_of(e: &Error) -> Option<usize> {
    match e {
        Error::BatchRow { row, .. } => Some(*row),
        _ => None,
    }
}

/// `Ok(true)` when both paths accept the table alike, `Ok(false)` when both
/// refuse it on the same row, `Err` with what differs otherwise.
fn check(
    policy: &BuiltinPolicy,
    params: &Parameters,
    cols: &MissionColumns,
    provider: &ActorId,
) -> Result<bool, String> {
    let mut expected = Vec::new();
    let mut failure = None;
    for row in 0..cols.len() {
        match cols.facts(row, provider.clone()).and_then(|m| policy.evaluate(&m, params)) {
            Ok(a) => expected.push(a),
            Err(e) => {
                failure = Some((row, e));
                break;
            }
        }
    }
    let name = policy.name();
    let evaluator = match BatchEvaluator::new(policy, params) {
        Ok(e) => e,
        Err(e) => return Err(format!("{name}: no evaluator: {e}")),
    };
    let every = evaluator.evaluate(cols);
    let amounts = evaluator.clone().with_outputs(Outputs::Amounts).evaluate(cols);
    match (&failure, &every, &amounts) {
        (None, Ok(out), Ok(lean)) => {
            if lean.due_cents != out.due_cents || lean.status != out.status {
                return Err(format!("{name}: the amounts-only outputs differ from every column"));
            }
            for (row, a) in expected.iter().enumerate() {
                if out.due(row) != a.cents()
                    || out.status.get(row) != Some(&coopetition::policy::batch::status_code(a.status))
                {
                    return Err(format!("{name}, row {row}: batch {:?} vs per mission {a:?}", out.due(row)));
                }
            }
            Ok(true)
        }
        (Some((row, e)), Err(all), Err(lean)) => {
            if row_of(all) != Some(*row) || row_of(lean) != Some(*row) {
                return Err(format!("{name}: row {row} fails alone ({e}); the batch says `{all}` / `{lean}`"));
            }
            Ok(false)
        }
        (None, _, _) => Err(format!("{name}: every mission passes; the batch gives {every:?} / {amounts:?}")),
        (Some((row, e)), _, _) => Err(format!("{name}: row {row} fails alone ({e}) but the batch accepted it")),
    }
}

impl Target for Batch {
    fn name(&self) -> &'static str {
        "batch"
    }
    fn next_input(&mut self, rng: &mut Rng) -> String {
        self.last = table(rng);
        format!("{:?}", self.last)
    }
    fn run(&mut self, _input: &str) -> Outcome {
        let Some(provider) = &self.provider else { return Outcome::Wrong("no provider id".into()) };
        let cols = self.last.columns();
        let params = Parameters::shipped();
        let mut accepted = true;
        for policy in &self.policies {
            match check(policy, params, &cols, provider) {
                Ok(alike) => accepted &= alike,
                Err(why) => return Outcome::Wrong(why),
            }
        }
        if accepted {
            Outcome::Accepted
        } else {
            Outcome::Refused("batch.row.invalid")
        }
    }
}
