//! The columnar batch path equals the per-mission path.
//!
//! Random batches (revenues from 0 to `i64::MAX` cents, revenues that land on
//! half cents under 5 %, 4.5 %, 1.25 % and 3.33333 %, dates across parameter
//! changes, every lead origin and count bucket, declarations valid or missing,
//! every negotiation state, donations) are evaluated both ways under every
//! built-in policy, with and without behaviour model, under the shipped
//! parameters and two custom ones: several flat-rate and guide periods with
//! rates of up to 7 decimals (integer kernels at scale 7), and a flat rate of
//! 19 decimals (per-row Decimal path). Each row must give the same amount,
//! status, provenance, situation, in-kind credit and explanation codes; a
//! batch with an invalid row must fail on the row where the per-mission path
//! first fails, with the per-mission error code in the message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::policy::batch::{
    evaluate_columns, provenance_code, status_code, BatchEvaluator, BatchOutput, BuiltinPolicy, MissionColumns,
    MissionTable, NegotiationColumns, Outputs, Ticks, WideColumns, WideMoney, WonOn, PRICED,
};
use coopetition::policy::{BehaviourModel, ContributionPolicy, Parameters};
use coopetition::prelude::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::sync::OnceLock;

const SHIPPED_GUIDE: &str = include_str!("../data/guide.json");

/// Three flat-rate periods (4.5 %, 1.25 %, 3.33333 %) and two guides, the
/// second with rates of up to 7 decimals, in-kind rates and other thresholds.
fn custom() -> &'static Parameters {
    static CELL: OnceLock<Parameters> = OnceLock::new();
    CELL.get_or_init(|| {
        let guide = r#"{"schema":1,"name":"custom","situations":[
            {"id":"default","title":{"fr":"d","en":"d"},"rate":"0.0333333"},
            {"id":"event_small","title":{"fr":"e","en":"e"},"criteria":{"lead_origin":["network_event"],"partners":{"max":1}},"rate":"0.045","in_kind_rate":"0.01"},
            {"id":"shared","title":{"fr":"s","en":"s"},"criteria":{"shared_resources":{"min":3}},"rate":"0.0125"},
            {"id":"steward_informed","title":{"fr":"w","en":"w"},"criteria":{"steward_workstream":true,"client_informed":true,"shared_resources":{"max":2}},"rate":"0.005","in_kind_rate":"0.0333333"},
            {"id":"referral_team","title":{"fr":"r","en":"r"},"criteria":{"lead_origin":["network_referral"],"partners":{"min":2},"client_informed":false},"rate":"0.07"}
        ]}"#;
        let json = format!(
            r#"{{"flat_rate":[{{"from":"2020-01-01","until":"2022-01-01","value":"0.045"}},
                             {{"from":"2022-01-01","until":"2023-07-01","value":"0.0125"}},
                             {{"from":"2023-07-01","value":"0.0333333"}}],
                "guide":[{{"from":"2020-01-01","until":"2022-06-01","value":{SHIPPED_GUIDE}}},
                         {{"from":"2022-06-01","value":{guide}}}]}}"#
        );
        Parameters::load(&json).unwrap()
    })
}

/// A flat rate of 19 decimals before 2022 (per-row path), 5 % after.
fn precise() -> &'static Parameters {
    static CELL: OnceLock<Parameters> = OnceLock::new();
    CELL.get_or_init(|| {
        Parameters::load(
            r#"{"flat_rate":[{"from":"2020-01-01","until":"2022-01-01","value":"0.0333333333333333333"},
                             {"from":"2022-01-01","value":"0.05"}]}"#,
        )
        .unwrap()
    })
}

fn policies() -> Vec<BuiltinPolicy> {
    let model = BehaviourModel::default();
    let odd =
        BehaviourModel { declared_share_of_guide: Decimal::new(75, 2), negotiated_toward_flat: Decimal::new(333, 3) };
    vec![
        BuiltinPolicy::Flat,
        BuiltinPolicy::Guide,
        BuiltinPolicy::SelfAssessed(None),
        BuiltinPolicy::SelfAssessed(Some(model)),
        BuiltinPolicy::SelfAssessed(Some(odd)),
        BuiltinPolicy::Negotiated(None),
        BuiltinPolicy::Negotiated(Some(model)),
        BuiltinPolicy::Negotiated(Some(odd)),
    ]
}

#[derive(Debug, Clone)]
struct Row {
    revenue: i64,
    day: i32,
    origin: u8,
    partners: u32,
    shared: u32,
    steward: bool,
    informed: bool,
    /// Share of the revenue declared, in thousandths, if declared.
    declared: Option<u16>,
    /// Negotiation status, share of the revenue agreed or offered (thousandths), offers, day.
    negotiation: (u8, Option<u16>, u32, i32),
    donations: i64,
}

/// 2019-12-01 ..= 2024-12-31, mostly from 2020-01-01.
fn day() -> impl Strategy<Value = i32> {
    prop_oneof![9 => 18_262..=20_088i32, 1 => 18_231..18_262i32]
}

fn revenue() -> impl Strategy<Value = i64> {
    prop_oneof![
        4 => 0..2_000_000i64,
        1 => Just(0i64),
        // Half cents: 5 % of 20k+10, 1.25 % of 80k+40, 4.5 % of 200k+100 cents.
        1 => (0..100_000i64).prop_map(|k| 20 * k + 10),
        1 => (0..100_000i64).prop_map(|k| 80 * k + 40),
        1 => (0..100_000i64).prop_map(|k| 200 * k + 100),
        1 => (i64::MAX - 1_000_000)..=i64::MAX,
        1 => 1_000_000_000_000..10_000_000_000_000_000i64,
        1 => 0..=i64::MAX,
    ]
}

fn row() -> impl Strategy<Value = Row> {
    let categories = (0..5u8, 0..4u32, 0..5u32, any::<bool>(), any::<bool>());
    let negotiation = (0..4u8, proptest::option::of(0..=1000u16), 0..6u32, day());
    let donations = prop_oneof![3 => Just(0i64), 1 => 1..100_000i64];
    (revenue(), day(), categories, proptest::option::of(0..=1000u16), negotiation, donations).prop_map(
        |(revenue, day, (origin, partners, shared, steward, informed), declared, negotiation, donations)| Row {
            revenue,
            day,
            origin,
            partners,
            shared,
            steward,
            informed,
            declared,
            negotiation,
            donations,
        },
    )
}

/// How a case breaks one row, if it does.
#[derive(Debug, Clone, Copy)]
enum Breakage {
    NegativeRevenue,
    OriginOutOfRange,
    BeforeParameters,
    UnrepresentableDay,
    DeclarationAboveRevenue,
    NegativeDeclaration,
    AgreedAboveRevenue,
    AgreedWithoutAmount,
    StatusOutOfRange,
    StalemateUnrepresentableDay,
    NegativeDonation,
    OfferAboveRevenue,
    NegativeOffer,
    /// An agreed or stalled negotiation whose day is null.
    ConcludedWithoutDay,
}

fn breakage() -> impl Strategy<Value = Option<(Breakage, usize)>> {
    use Breakage::*;
    let kind = prop_oneof![
        Just(NegativeRevenue),
        Just(OriginOutOfRange),
        Just(BeforeParameters),
        Just(UnrepresentableDay),
        Just(DeclarationAboveRevenue),
        Just(NegativeDeclaration),
        Just(AgreedAboveRevenue),
        Just(AgreedWithoutAmount),
        Just(StatusOutOfRange),
        Just(StalemateUnrepresentableDay),
        Just(NegativeDonation),
        Just(OfferAboveRevenue),
        Just(NegativeOffer),
        Just(ConcludedWithoutDay),
    ];
    prop_oneof![3 => Just(None), 1 => (kind, any::<usize>()).prop_map(Some)]
}

fn share(revenue: i64, thousandths: u16) -> i64 {
    (i128::from(revenue) * i128::from(thousandths) / 1000) as i64
}

fn table(rows: &[Row], broken: Option<(Breakage, usize)>) -> MissionTable {
    let mut t = MissionTable::default();
    for r in rows {
        t.provider.push(0);
        t.revenue_cents.push(r.revenue);
        t.won_on.push(r.day);
        t.lead_origin.push(r.origin);
        t.partners.push(r.partners);
        t.shared_resources.push(r.shared);
        t.steward_workstream.push(r.steward);
        t.client_informed.push(r.informed);
        t.declared_cents.push(r.declared.map(|s| share(r.revenue, s)).unwrap_or(0));
        t.declared_valid.push(r.declared.is_some());
        let (status, amount, offers, on) = r.negotiation;
        t.negotiation_status.push(status);
        t.negotiation_amount_cents.push(amount.map(|s| share(r.revenue, s)).unwrap_or(0));
        // An agreed negotiation always has an amount.
        t.negotiation_amount_valid.push(amount.is_some() || status == NegotiationColumns::AGREED);
        t.negotiation_offers.push(offers);
        t.negotiation_on.push(on);
        t.donations_cents.push(r.donations);
    }
    t.provider_names.push("p".into());
    if let Some((kind, at)) = broken {
        if rows.is_empty() {
            return t;
        }
        let i = at % rows.len();
        match kind {
            Breakage::NegativeRevenue => t.revenue_cents[i] = -1 - (t.revenue_cents[i] % 1000),
            Breakage::OriginOutOfRange => t.lead_origin[i] = 5 + (at % 200) as u8,
            Breakage::BeforeParameters => t.won_on[i] = 17_000,
            Breakage::UnrepresentableDay => t.won_on[i] = if at % 2 == 0 { i32::MAX } else { i32::MIN },
            Breakage::DeclarationAboveRevenue => {
                t.declared_valid[i] = true;
                t.declared_cents[i] = t.revenue_cents[i].saturating_add(1);
            }
            Breakage::NegativeDeclaration => {
                t.declared_valid[i] = true;
                t.declared_cents[i] = -1;
            }
            Breakage::AgreedAboveRevenue => {
                t.negotiation_status[i] = NegotiationColumns::AGREED;
                t.negotiation_amount_valid[i] = true;
                t.negotiation_amount_cents[i] = t.revenue_cents[i].saturating_add(1);
            }
            Breakage::AgreedWithoutAmount => {
                t.negotiation_status[i] = NegotiationColumns::AGREED;
                t.negotiation_amount_valid[i] = false;
            }
            Breakage::StatusOutOfRange => t.negotiation_status[i] = 4 + (at % 100) as u8,
            Breakage::StalemateUnrepresentableDay => {
                t.negotiation_status[i] = NegotiationColumns::STALEMATE;
                t.negotiation_on[i] = i32::MAX;
            }
            Breakage::NegativeDonation => t.donations_cents[i] = -1 - (at % 1000) as i64,
            Breakage::OfferAboveRevenue => {
                t.negotiation_status[i] = NegotiationColumns::OPEN;
                t.negotiation_amount_valid[i] = true;
                t.negotiation_amount_cents[i] = t.revenue_cents[i].saturating_add(1);
            }
            Breakage::NegativeOffer => {
                t.negotiation_status[i] = NegotiationColumns::OPEN;
                t.negotiation_amount_valid[i] = true;
                t.negotiation_amount_cents[i] = -1;
            }
            // The null itself is set by `dated`.
            Breakage::ConcludedWithoutDay => {
                t.negotiation_status[i] = NegotiationColumns::AGREED + (at % 2) as u8;
                t.negotiation_amount_valid[i] = true;
            }
        }
    }
    t
}

/// Checks the columnar results equal the per-mission ones, row by row.
fn check(policy: &BuiltinPolicy, params: &Parameters, cols: &MissionColumns) -> Result<(), TestCaseError> {
    let provider = ActorId::new("p").unwrap();
    // The per-mission path: the first failing row, or every assessment.
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
    let got = evaluate_columns(policy, params, cols);
    let name = policy.name();
    // The amounts alone: the same amounts and statuses, or the same error.
    let lean = BatchEvaluator::new(policy, params).and_then(|e| e.with_outputs(Outputs::Amounts).evaluate(cols));
    match (&got, &lean) {
        (Ok(all), Ok(lean)) => {
            prop_assert_eq!(&lean.due_cents, &all.due_cents, "{}: amounts only", name);
            prop_assert_eq!(&lean.status, &all.status, "{}: amounts only", name);
            if matches!(policy, BuiltinPolicy::Flat | BuiltinPolicy::Guide) {
                let empty = lean.explanation.is_empty() && lean.in_kind_cents.is_empty();
                prop_assert!(empty && lean.situation.is_empty() && lean.provenance.is_empty(), "{}", name);
            } else {
                prop_assert_eq!(lean, all, "{}: every column", name);
            }
        }
        (Err(all), Err(lean)) => prop_assert_eq!(all.to_string(), lean.to_string(), "{}: amounts only", name),
        _ => prop_assert!(false, "{name}: amounts only gives {lean:?}, every column {got:?}"),
    }
    // The money read as 128-bit cents: the same amounts when it vouches for every row.
    let wide = |v: &[i64]| v.iter().map(|&c| i128::from(c)).collect::<Vec<i128>>();
    let (revenue, donations) = (wide(cols.revenue_cents), cols.donations_cents.map(wide));
    let wide_cols = WideColumns::with_money(cols, &revenue, donations.as_deref());
    // Against the same columns (no declaration nor negotiation: those policies do not read them).
    let same = MissionColumns { declared_cents: None, negotiation: None, ..*cols };
    let evaluator = BatchEvaluator::new(policy, params).unwrap();
    let same_out = evaluator.evaluate(&same);
    let mut due = vec![7];
    if evaluator.append_amounts(&wide_cols, &mut due) {
        prop_assert!(matches!(policy, BuiltinPolicy::Flat | BuiltinPolicy::Guide), "{}", name);
        let all = same_out
            .as_ref()
            .map_err(|e| TestCaseError::fail(format!("{name}: wide passed where the batch failed: {e}")))?;
        prop_assert_eq!(due.first(), Some(&7), "{}: appended", name);
        prop_assert_eq!(&due[1..], &wide(&all.due_cents)[..], "{}: wide amounts", name);
        prop_assert!(all.status.iter().all(|&s| s == PRICED), "{}", name);
    } else {
        prop_assert_eq!(due, vec![7], "{}: nothing appended", name);
    }
    // 64-bit cents, and days as timestamps of every unit in a zone (each
    // tick somewhere in its day): vouched for exactly when the days are,
    // with the same amounts.
    let mut in_days = Vec::new();
    let days_ok = evaluator.append_amounts(&wide_cols, &mut in_days);
    let narrow = WideColumns { revenue_cents: WideMoney::I64(cols.revenue_cents), ..wide_cols };
    let units =
        [(86_400_000_i64, 0_i64, true), (86_400, 3_600, false), (86_400_000_000_000, -18_000_000_000_000, false)];
    for (per_day, offset, midnight) in units {
        // Days whose ticks do not fit 64 bits (ns beyond 2262) are not tried.
        let Some(ticks) = (0_i64..)
            .zip(cols.won_on)
            .map(|(i, &d)| {
                let within = if midnight { 0 } else { (i * 7_919_993) % per_day };
                i64::from(d).checked_mul(per_day)?.checked_sub(offset)?.checked_add(within)
            })
            .collect::<Option<Vec<i64>>>()
        else {
            continue;
        };
        let at = WideColumns { won_on: WonOn::Ticks(Ticks { ticks: &ticks, per_day, offset, midnight }), ..narrow };
        let mut in_ticks = Vec::new();
        let ticks_ok = evaluator.append_amounts(&at, &mut in_ticks);
        prop_assert_eq!(ticks_ok, days_ok, "{}: ticks of {} a day", name, per_day);
        prop_assert_eq!(&in_ticks, &in_days, "{}: ticks of {} a day", name, per_day);
        let at_days = WideColumns { revenue_cents: WideMoney::I64(cols.revenue_cents), ..wide_cols };
        let mut narrow_due = Vec::new();
        prop_assert_eq!(evaluator.append_amounts(&at_days, &mut narrow_due), days_ok, "{}: 64-bit cents", name);
        prop_assert_eq!(&narrow_due, &in_days, "{}: 64-bit cents", name);
        // A date64 that is not a midnight is flagged.
        if midnight && !ticks.is_empty() {
            let mut late = ticks.clone();
            late[0] += 1;
            let at = WideColumns { won_on: WonOn::Ticks(Ticks { ticks: &late, per_day, offset, midnight }), ..narrow };
            prop_assert!(!evaluator.append_amounts(&at, &mut Vec::new()), "{}: not a midnight", name);
        }
    }
    // Money in larger units (a decimal of scale 1 or 0): each revenue taken
    // down to a whole number of units gives the amounts of those cents.
    for unit in [10_i64, 100] {
        let whole: Vec<i64> = cols.revenue_cents.iter().map(|&c| c - c.rem_euclid(unit)).collect();
        let units: Vec<i128> = whole.iter().map(|&c| i128::from(c / unit)).collect();
        let coarse = WideColumns::with_money(cols, &units, donations.as_deref()).in_units_of(unit);
        let in_cents = evaluator.evaluate(&MissionColumns { revenue_cents: &whole, ..same });
        let mut in_units = Vec::new();
        if evaluator.append_amounts(&coarse, &mut in_units) {
            let all = in_cents.map_err(|e| TestCaseError::fail(format!("{name}: units of {unit}: {e}")))?;
            prop_assert_eq!(&in_units, &wide(&all.due_cents), "{}: units of {} cents", name, unit);
            prop_assert!(all.status.iter().all(|&s| s == PRICED), "{}", name);
        } else {
            prop_assert!(in_units.is_empty());
            // Declined where cents are declined too.
            let whole_wide = wide(&whole);
            let cents = WideColumns::with_money(cols, &whole_wide, donations.as_deref());
            prop_assert!(!evaluator.append_amounts(&cents, &mut Vec::new()), "{}: units of {}", name, unit);
        }
    }
    prop_assert!(!evaluator.append_amounts(&wide_cols.in_units_of(1000), &mut Vec::new()), "{}", name);
    match (failure, got) {
        (None, Ok(out)) => {
            prop_assert_eq!(out.len(), cols.len());
            for (row, a) in expected.iter().enumerate() {
                let at = format!("{name}, row {row}: {a:?}");
                prop_assert_eq!(out.status[row], status_code(a.status), "{}", at);
                prop_assert_eq!(out.due(row), a.cents(), "{}", at);
                if a.amount.is_none() {
                    prop_assert_eq!(out.due_cents[row], 0, "{}", at);
                }
                prop_assert_eq!(out.provenance[row], provenance_code(a.provenance), "{}", at);
                prop_assert_eq!(out.situation_id(row), a.situation.as_deref(), "{}", at);
                prop_assert_eq!(Some(out.in_kind_cents[row]), a.in_kind_credit.to_cents(), "{}", at);
                prop_assert_eq!(out.codes(row), Some(&a.explanation.codes()[..]), "{}", at);
            }
        }
        (Some((row, e)), Err(got)) => {
            prop_assert_eq!(got.code(), "batch.row.invalid", "{}: {}", name, got);
            match &got {
                Error::BatchRow { row: got_row, message, .. } => {
                    prop_assert_eq!(*got_row, row, "{}: {} vs {}", name, got, e);
                    let inner = match &e {
                        Error::BatchRow { message, .. } => message.clone(),
                        other => format!("{}: {other}", other.code()),
                    };
                    prop_assert_eq!(message, &inner, "{}", name);
                }
                other => prop_assert!(false, "{name}: {other}"),
            }
        }
        (None, Err(e)) => prop_assert!(false, "{name}: the batch failed where every mission passed: {e}"),
        (Some((row, e)), Ok(_)) => prop_assert!(false, "{name}: the batch passed where row {row} fails: {e}"),
    }
    Ok(())
}

#[test]
fn columnar_results_equal_per_mission_results() {
    let config = Config { cases: 1000, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new(config);
    let strategy = (proptest::collection::vec(row(), 0..24), breakage(), 0..3usize, any::<bool>());
    runner
        .run(&strategy, |(rows, broken, which, optional)| {
            let params = [Parameters::shipped(), custom(), precise()][which];
            let t = table(&rows, broken);
            let mut cols = t.columns();
            // The days of negotiations, null on the row of a concluded negotiation without day.
            let dated: Vec<bool> = (0..rows.len())
                .map(|i| !matches!(broken, Some((Breakage::ConcludedWithoutDay, at)) if at % rows.len() == i))
                .collect();
            if let Some(n) = &mut cols.negotiation {
                n.on_valid = Some(&dated);
            }
            if optional {
                // Absent optional columns mean: nothing declared, nothing negotiated, no donation.
                cols.declared_cents = None;
                cols.negotiation = None;
                cols.donations_cents = None;
            }
            for policy in policies() {
                check(&policy, params, &cols)?;
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_integer_kernels_serve_rates_of_up_to_twelve_decimals() {
    for policy in policies() {
        assert!(BatchEvaluator::new(&policy, Parameters::shipped()).unwrap().is_fast(), "{policy:?}");
        assert!(BatchEvaluator::new(&policy, custom()).unwrap().is_fast(), "{policy:?}");
        let uses_flat = matches!(policy, BuiltinPolicy::Flat | BuiltinPolicy::Negotiated(Some(_)));
        assert_eq!(BatchEvaluator::new(&policy, precise()).unwrap().is_fast(), !uses_flat, "{policy:?}");
    }
}

fn small_table() -> MissionTable {
    let rows: Vec<Row> = (0..5)
        .map(|i| Row {
            revenue: 1_234_550 + i,
            day: 18_687,
            origin: i as u8,
            partners: 1,
            shared: 2,
            steward: i == 4,
            informed: true,
            declared: None,
            negotiation: (0, None, 0, 0),
            donations: 0,
        })
        .collect();
    table(&rows, None)
}

#[test]
fn buffers_are_reused_and_emptied_on_error() {
    let t = small_table();
    let evaluator = BatchEvaluator::new(&BuiltinPolicy::Guide, Parameters::shipped()).unwrap();
    let mut out = BatchOutput::default();
    evaluator.evaluate_into(&t.columns(), &mut out).unwrap();
    assert_eq!(out, evaluator.evaluate(&t.columns()).unwrap());
    assert_eq!(out.len(), 5);
    let mut broken = t.clone();
    broken.lead_origin[3] = 9;
    let err = evaluator.evaluate_into(&broken.columns(), &mut out).unwrap_err();
    assert_eq!(err.code(), "batch.row.invalid");
    assert!(matches!(&err, Error::BatchRow { column, row: 3, .. } if column == "lead_origin"), "{err}");
    assert!(out.is_empty());
}

#[test]
fn columns_of_different_lengths_are_refused() {
    let t = small_table();
    let mut cols = t.columns();
    cols.partners = &t.partners[..4];
    for policy in policies() {
        let err = evaluate_columns(&policy, Parameters::shipped(), &cols).unwrap_err();
        assert_eq!(err.code(), "batch.column.invalid");
        assert!(matches!(&err, Error::BatchColumn { column, .. } if column == "partners"), "{err}");
    }
}

#[test]
fn the_first_offending_row_is_named() {
    let mut t = small_table();
    t.revenue_cents[4] = -5;
    t.won_on[2] = 17_000; // 2016: no parameter in force
    let err = evaluate_columns(&BuiltinPolicy::Flat, Parameters::shipped(), &t.columns()).unwrap_err();
    assert!(matches!(&err, Error::BatchRow { column, row: 2, .. } if column == "won_on"), "{err}");
    assert!(err.to_string().contains("policy.parameters.not_in_force"), "{err}");
    // The negotiated policy without model reads no parameter: row 4 fails.
    let err = evaluate_columns(&BuiltinPolicy::Negotiated(None), Parameters::shipped(), &t.columns()).unwrap_err();
    assert!(matches!(&err, Error::BatchRow { column, row: 4, .. } if column == "revenue"), "{err}");
    assert!(err.to_string().contains("money.amount.negative"), "{err}");
}

#[test]
fn a_concluded_negotiation_without_day_is_refused_where_it_is_read() {
    let mut t = small_table();
    t.negotiation_status[1] = NegotiationColumns::STALEMATE;
    t.negotiation_status[3] = NegotiationColumns::AGREED;
    t.negotiation_amount_valid[3] = true;
    let dated = [true, false, true, false, true];
    let mut cols = t.columns();
    if let Some(n) = &mut cols.negotiation {
        n.on_valid = Some(&dated);
    }
    // The per-mission path refuses a stalemate without day: so does the batch, naming the column.
    let err = evaluate_columns(&BuiltinPolicy::Negotiated(None), Parameters::shipped(), &cols).unwrap_err();
    assert!(matches!(&err, Error::BatchRow { column, row: 1, .. } if column == "negotiation_on"), "{err}");
    assert!(err.to_string().contains("needs a date"), "{err}");
    // The flat rate reads no negotiation but the row must still describe a mission.
    let err = evaluate_columns(&BuiltinPolicy::Flat, Parameters::shipped(), &cols).unwrap_err();
    assert!(matches!(&err, Error::BatchRow { column, row: 1, .. } if column == "negotiation_on"), "{err}");
}

#[test]
fn errors_name_the_columns_of_the_missions() {
    let mut t = small_table();
    t.declared_valid[2] = true;
    t.declared_cents[2] = t.revenue_cents[2] + 1;
    let err = evaluate_columns(&BuiltinPolicy::SelfAssessed(None), Parameters::shipped(), &t.columns()).unwrap_err();
    assert!(matches!(&err, Error::BatchRow { column, row: 2, .. } if column == "declared"), "{err}");
    let mut t = small_table();
    t.negotiation_status[0] = NegotiationColumns::AGREED;
    t.negotiation_amount_valid[0] = false;
    let err = evaluate_columns(&BuiltinPolicy::Negotiated(None), Parameters::shipped(), &t.columns()).unwrap_err();
    assert!(matches!(&err, Error::BatchRow { column, row: 0, .. } if column == "negotiation_amount"), "{err}");
}

#[test]
fn provider_ids_follow_the_per_mission_rule() {
    use coopetition::policy::compare::compare_columns;
    let t = small_table();
    let provider = [0, 0, 1, 1, 0];
    let names = ["ana".to_owned(), "ben bis".to_owned()];
    let err =
        compare_columns(&t.columns(), &provider, &names, &[BuiltinPolicy::Flat], Parameters::shipped()).unwrap_err();
    assert!(matches!(&err, Error::BatchRow { column, row: 2, .. } if column == "provider"), "{err}");
    assert!(err.to_string().contains("input.id.invalid"), "{err}");
    assert!(ActorId::new("ben bis").is_err());
}

proptest! {
    #![proptest_config(Config { cases: 2000, failure_persistence: None, ..Config::default() })]

    /// Money stored as a decimal of any scale is read as the per-mission path reads the same
    /// decimal: whole cents that fit 64 bits, or refused.
    #[test]
    fn stored_decimals_read_as_the_decimal_they_are(raw in prop_oneof![
        any::<i64>().prop_map(i128::from),
        any::<i128>(),
        (0..1_000_000i128),
    ], scale in 0i8..=6) {
        use coopetition::policy::batch_input::cents_from_decimal;
        let expected = Decimal::try_from_i128_with_scale(raw, scale as u32)
            .ok()
            .and_then(|d| Money::eur(d).to_cents());
        let got = cents_from_decimal(raw, scale);
        match expected {
            Some(c) => prop_assert_eq!(got.ok(), Some(c)),
            // Beyond the 96-bit decimal range, or not whole cents: refused either way.
            None => prop_assert!(got.is_err(), "{raw}e-{scale}: {got:?}"),
        }
    }

    /// Integers of any width hold cents; those beyond 64 bits are refused, never wrapped.
    #[test]
    fn stored_integers_never_wrap(v in any::<u64>()) {
        use coopetition::policy::batch_input::{cents_from_integer, count_from_integer};
        prop_assert_eq!(cents_from_integer(i128::from(v)).ok(), i64::try_from(v).ok());
        prop_assert_eq!(count_from_integer(i128::from(v)).ok(), u32::try_from(v).ok());
    }

    /// A float written from whole cents reads back as those cents; any float
    /// reads as its shortest decimal form rounded half away from zero.
    #[test]
    fn floats_read_as_their_shortest_form(cents in -1_000_000_000_000i64..1_000_000_000_000, x in any::<f64>()) {
        use coopetition::policy::batch_input::cents_from_f64;
        prop_assert_eq!(cents_from_f64(cents as f64 / 100.0).ok(), Some(cents));
        let expected = format!("{x}").parse::<Decimal>().ok().and_then(|d| {
            Money::eur(d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)).to_cents()
        });
        if x.is_finite() && x.abs() > 1e-3 {
            prop_assert_eq!(cents_from_f64(x).ok(), expected, "{}", x);
        } else if !x.is_finite() {
            prop_assert!(cents_from_f64(x).is_err());
        }
    }
}

/// Timestamps around a change of rate, in zones far from UTC: the day is
/// taken in the zone, so the first and last tick of each local day fall on
/// that day's rate. Worked out by hand: 5 % until 2023-12-31, 6 % from
/// 2024-01-01 (day 19,723), 10,000 cents each: 500 then 600 cents.
#[test]
fn timestamps_take_the_rate_of_their_local_day() {
    let params = Parameters::load(
        r#"{"flat_rate":[{"from":"2020-01-01","until":"2024-01-01","value":"0.05"},
                         {"from":"2024-01-01","value":"0.06"}]}"#,
    )
    .unwrap();
    let evaluator = BatchEvaluator::new(&BuiltinPolicy::Flat, &params).unwrap();
    let revenue = [10_000_i64; 4];
    let days = [19_722_i32, 19_722, 19_723, 19_723];
    let base = WideColumns {
        revenue_cents: WideMoney::I64(&revenue),
        cents_per_unit: 1,
        won_on: WonOn::Days(&days),
        lead_origin: &[],
        partners: &[],
        shared_resources: &[],
        steward_workstream: &[],
        client_informed: &[],
        donations_cents: None,
    };
    for per_day in [86_400_i64, 86_400_000, 86_400_000_000, 86_400_000_000_000] {
        let hour = per_day / 24;
        for offset in [14 * hour, -12 * hour, 0] {
            // First and last tick of local 2023-12-31, then of 2024-01-01.
            let first = |day: i64| day * per_day - offset;
            let ticks = [first(19_722), first(19_723) - 1, first(19_723), first(19_724) - 1];
            let at =
                WideColumns { won_on: WonOn::Ticks(Ticks { ticks: &ticks, per_day, offset, midnight: false }), ..base };
            let mut due = Vec::new();
            assert!(evaluator.append_amounts(&at, &mut due), "{per_day} {offset}");
            assert_eq!(due, [500, 500, 600, 600], "{per_day} {offset}");
            // Before the first period: flagged.
            let early = [first(18_261) - 1, first(19_723), first(19_723), first(19_723)];
            let at =
                WideColumns { won_on: WonOn::Ticks(Ticks { ticks: &early, per_day, offset, midnight: false }), ..base };
            assert!(!evaluator.append_amounts(&at, &mut Vec::new()), "{per_day} {offset}");
        }
    }
    // The last nanosecond 64 bits hold (2262, in the open last period) is
    // left to the per-row path rather than read past the clamped bound.
    let ns = 86_400_000_000_000_i64;
    let ticks = [i64::MAX, 19_723 * ns, 19_723 * ns, 19_723 * ns];
    let at =
        WideColumns { won_on: WonOn::Ticks(Ticks { ticks: &ticks, per_day: ns, offset: 0, midnight: false }), ..base };
    assert!(!evaluator.append_amounts(&at, &mut Vec::new()));
    let at = WideColumns {
        won_on: WonOn::Ticks(Ticks { ticks: &ticks[1..], per_day: ns, offset: 0, midnight: false }),
        ..base
    };
    assert!(!evaluator.append_amounts(&at, &mut Vec::new()), "columns of different lengths");
    // The guide too: the shipped guide's rate for a mission met at a network
    // event and done alone (`event_solo` in data/guide.json, 4 %: 400 cents),
    // on the last tick of a local day and the first of the next.
    let guide = BatchEvaluator::new(&BuiltinPolicy::Guide, Parameters::shipped()).unwrap();
    let origins = [0_u8; 2];
    let (zeros, no) = ([0_u32; 2], [false; 2]);
    let (per_day, offset) = (86_400_000_000_i64, 14 * 3_600_000_000);
    let ticks = [19_723 * per_day - offset - 1, 19_723 * per_day - offset];
    let at = WideColumns {
        revenue_cents: WideMoney::I64(&revenue[..2]),
        won_on: WonOn::Ticks(Ticks { ticks: &ticks, per_day, offset, midnight: false }),
        lead_origin: &origins,
        partners: &zeros,
        shared_resources: &zeros,
        steward_workstream: &no,
        client_informed: &no,
        ..base
    };
    let mut due = Vec::new();
    assert!(guide.append_amounts(&at, &mut due));
    assert_eq!(due, [400, 400]);
    // Whole euros: 100 euros are 10,000 cents.
    let euros = [100_i128; 4];
    let at = WideColumns { revenue_cents: WideMoney::I128(&euros), ..base }.in_units_of(100);
    let mut due = Vec::new();
    assert!(evaluator.append_amounts(&at, &mut due));
    assert_eq!(due, [500, 500, 600, 600]);
}
