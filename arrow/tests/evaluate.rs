//! `evaluate` and `compare` over record batches give what the core gives
//! mission by mission, in every layout, with any thread count.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use arrow_array::cast::AsArray;
use arrow_array::types::{Decimal128Type, Int32Type, Int8Type};
use arrow_array::{Array, ArrayRef, Date32Array, Decimal128Array, Int64Array, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use common::{batch, missions, Layout};
use coopetition::labels::Labelled;
use coopetition::policy::batch::days_from_date;
use coopetition::policy::batch::BuiltinPolicy;
use coopetition::policy::compare::compare as compare_facts;
use coopetition::policy::{Assessment, BehaviourModel, ContributionPolicy, MissionFacts, Parameters};
use coopetition::prelude::Money;
use coopetition_arrow::{
    breakdown_batch, compare, evaluate, evaluate_batch, summary_batch, Breakdown, Floats, Missions, Options, Policy,
    Threads,
};
use std::sync::Arc;

fn policies() -> Vec<BuiltinPolicy> {
    let model = Some(BehaviourModel::default());
    let mut all = BuiltinPolicy::ALL.to_vec();
    all.extend([BuiltinPolicy::SelfAssessed(model), BuiltinPolicy::Negotiated(model)]);
    all
}

fn options(threads: usize) -> Options {
    Options { threads: Threads::new(threads).unwrap(), ..Options::default() }
}

/// The label of a dictionary column's row.
fn label(column: &ArrayRef, row: usize) -> Option<String> {
    if column.is_null(row) {
        return None;
    }
    let key = match column.as_any_dictionary().keys().data_type() {
        arrow_schema::DataType::Int8 => column.as_dictionary::<Int8Type>().keys().value(row) as usize,
        _ => column.as_dictionary::<Int32Type>().keys().value(row) as usize,
    };
    Some(column.as_any_dictionary().values().as_string::<i32>().value(key).to_owned())
}

fn cents(column: &ArrayRef, row: usize) -> Option<i128> {
    let d = column.as_primitive::<Decimal128Type>();
    assert_eq!(d.scale(), 2);
    d.is_valid(row).then(|| d.value(row))
}

/// Checks row `row` of the columns `prefix*` of `result` against the core's assessment.
fn check_row(result: &RecordBatch, prefix: &str, row: usize, a: &Assessment, details: bool) {
    let col = |name: &str| result.column_by_name(&format!("{prefix}{name}")).unwrap().clone();
    let what = format!("{prefix}, row {row}");
    assert_eq!(cents(&col("amount"), row), a.cents().map(i128::from), "{what}");
    if !details {
        return;
    }
    assert_eq!(label(&col("status"), row).as_deref(), Some(a.status.label()), "{what}");
    assert_eq!(label(&col("provenance"), row).as_deref(), Some(a.provenance.label()), "{what}");
    assert_eq!(label(&col("situation"), row).as_deref(), a.situation.as_deref(), "{what}");
    assert_eq!(cents(&col("in_kind"), row), a.in_kind_credit.to_cents().map(i128::from), "{what}");
    assert_eq!(label(&col("codes"), row), Some(a.explanation.codes().join(" ")), "{what}");
}

fn check(result: &RecordBatch, policy: &BuiltinPolicy, facts: &[MissionFacts], details: bool) {
    assert_eq!(result.num_rows(), facts.len());
    assert_eq!(result.num_columns(), if details { 6 } else { 1 });
    for (row, m) in facts.iter().enumerate() {
        let a = policy.evaluate(m, Parameters::shipped()).unwrap();
        check_row(result, "", row, &a, details);
    }
}

#[test]
fn a_flat_amount_worked_out_by_hand() {
    // 5% of 12,345.50 € is 617.275 €, rounded half away from zero to 617.28 €;
    // 2021-03-01 is day 18,687 since 1970-01-01.
    let revenue = Decimal128Array::from(vec![1_234_550_i128]).with_precision_and_scale(12, 2).unwrap();
    let batch = RecordBatch::try_from_iter([
        ("revenue", Arc::new(revenue) as ArrayRef),
        ("won_on", Arc::new(Date32Array::from(vec![18_687])) as ArrayRef),
    ])
    .unwrap();
    let result = evaluate_batch(&batch, &BuiltinPolicy::Flat, Parameters::shipped(), &Options::default()).unwrap();
    assert_eq!(cents(result.column_by_name("amount").unwrap(), 0), Some(61_728));
    assert_eq!(label(result.column_by_name("status").unwrap(), 0).as_deref(), Some("priced"));
    assert_eq!(
        label(result.column_by_name("codes").unwrap(), 0).as_deref(),
        Some("flat.rate flat.amount rounding.cents")
    );
}

#[test]
fn every_policy_in_every_layout_gives_the_per_mission_results() {
    let facts = missions(400, 7);
    for layout in [Layout::Usual, Layout::Other, Layout::Floats] {
        let b = batch(&facts, layout);
        let floats = if layout == Layout::Floats { Floats::Round } else { Floats::Refuse };
        for policy in policies() {
            for details in [true, false] {
                let o = Options { details, floats, ..options(2) };
                let result = evaluate_batch(&b, &policy, Parameters::shipped(), &o)
                    .unwrap_or_else(|e| panic!("{layout:?} {policy:?}: {e}"));
                check(&result, &policy, &facts, details);
            }
        }
    }
}

#[test]
fn batches_of_one_table_give_the_results_of_the_whole() {
    let facts = missions(300, 11);
    let whole = batch(&facts, Layout::Usual);
    let parts = vec![whole.slice(0, 100), whole.slice(100, 0), whole.slice(100, 200)];
    let missions = Missions::new(whole.schema(), parts).unwrap();
    assert_eq!(missions.len(), 300);
    for policy in policies() {
        let result = evaluate(&missions, &policy, Parameters::shipped(), &options(3)).unwrap().concat().unwrap();
        check(&result, &policy, &facts, true);
    }
}

#[test]
fn one_thread_and_several_give_the_same_batches() {
    // Above the rows where work is shared out (65,536), in three batches.
    let facts = missions(140_000, 3);
    let whole = batch(&facts, Layout::Usual);
    let parts = vec![whole.slice(0, 70_000), whole.slice(70_000, 70_000)];
    let missions = Missions::new(whole.schema(), parts).unwrap();
    let other = Missions::new(batch(&facts, Layout::Other).schema(), vec![batch(&facts, Layout::Other)]).unwrap();
    for policy in [BuiltinPolicy::Flat, BuiltinPolicy::Guide, BuiltinPolicy::Negotiated(None)] {
        for m in [&missions, &other] {
            let one = evaluate(m, &policy, Parameters::shipped(), &options(1)).unwrap().concat().unwrap();
            let four = evaluate(m, &policy, Parameters::shipped(), &options(4)).unwrap().concat().unwrap();
            assert_eq!(one, four, "{policy:?}");
        }
    }
    let spot: Vec<usize> = vec![0, 65_535, 65_536, 69_999, 70_000, 139_999];
    let result =
        evaluate(&missions, &BuiltinPolicy::Guide, Parameters::shipped(), &options(4)).unwrap().concat().unwrap();
    for row in spot {
        let a = BuiltinPolicy::Guide.evaluate(&facts[row], Parameters::shipped()).unwrap();
        check_row(&result, "", row, &a, true);
    }
    let all = BuiltinPolicy::ALL.map(Policy::Builtin);
    let one = compare(&missions, &all, Parameters::shipped(), &options(1)).unwrap();
    let four = compare(&missions, &all, Parameters::shipped(), &options(4)).unwrap();
    assert_eq!(one.comparison, four.comparison);
    assert_eq!(one.missions, four.missions);
}

#[test]
fn a_comparison_is_the_core_comparison_of_the_same_missions() {
    let facts = missions(500, 5);
    let missions = Missions::new(batch(&facts, Layout::Usual).schema(), vec![batch(&facts, Layout::Usual)]).unwrap();
    let builtins = policies();
    let compared = compare(
        &missions,
        &builtins.iter().copied().map(Policy::Builtin).collect::<Vec<_>>(),
        Parameters::shipped(),
        &options(2),
    )
    .unwrap();
    let refs: Vec<&dyn ContributionPolicy> = builtins.iter().map(|p| p as &dyn ContributionPolicy).collect();
    let expected = compare_facts(&facts, &refs, Parameters::shipped()).unwrap();
    assert_eq!(compared.comparison, expected);
    for policy in &builtins {
        for (row, m) in facts.iter().enumerate() {
            let a = policy.evaluate(m, Parameters::shipped()).unwrap();
            check_row(&compared.missions, &format!("{}_", policy.name()), row, &a, true);
        }
    }
    // A policy the crate does not know goes mission by mission, to the same totals.
    let other: Arc<dyn ContributionPolicy> = Arc::new(BuiltinPolicy::Guide);
    let mixed = compare(
        &missions,
        &[Policy::Builtin(BuiltinPolicy::Flat), Policy::Other(other)],
        Parameters::shipped(),
        &options(2),
    )
    .unwrap();
    let expected =
        compare_facts(&facts, &[&BuiltinPolicy::Flat, &BuiltinPolicy::Guide], Parameters::shipped()).unwrap();
    assert_eq!(mixed.comparison, expected);
    let summary = summary_batch(&compared.comparison).unwrap();
    assert_eq!(summary.num_rows(), builtins.len());
    let total: i128 = facts
        .iter()
        .map(|m| i128::from(BuiltinPolicy::Flat.evaluate(m, Parameters::shipped()).unwrap().cents().unwrap()))
        .sum();
    assert_eq!(cents(summary.column_by_name("total_due").unwrap(), 0), Some(total));
    let by_provider = breakdown_batch(&compared.comparison, Breakdown::Provider).unwrap();
    // Seven providers per policy.
    assert_eq!(by_provider.num_rows(), 7 * builtins.len());
}

#[test]
fn a_refused_row_is_named_with_its_code_and_nothing_is_returned() {
    let mut facts = missions(20, 9);
    let mut b = batch(&facts, Layout::Other);
    // A negative revenue in row 13 of `revenue_cents`.
    let index = b.schema().index_of("revenue_cents").unwrap();
    let mut revenue: Vec<i64> = b.column(index).as_primitive::<arrow_array::types::Int64Type>().values().to_vec();
    revenue[13] = -100;
    let mut columns = b.columns().to_vec();
    columns[index] = Arc::new(arrow_array::Int64Array::from(revenue));
    b = RecordBatch::try_new(b.schema(), columns).unwrap();
    for policy in policies() {
        let e = evaluate_batch(&b, &policy, Parameters::shipped(), &options(2)).unwrap_err();
        assert_eq!(e.code(), "batch.row.invalid", "{policy:?}: {e}");
        assert!(e.to_string().starts_with("column `revenue_cents`, row 13"), "{policy:?}: {e}");
    }
    // A float column of money is refused unless rounding is asked for.
    facts.truncate(3);
    let floats = batch(&facts, Layout::Floats);
    let e = evaluate_batch(&floats, &BuiltinPolicy::Flat, Parameters::shipped(), &options(1)).unwrap_err();
    assert_eq!(e.code(), "batch.column.invalid");
    assert!(e.to_string().contains("column `revenue`"), "{e}");
    // A missing column.
    let no_date = floats.project(&[floats.schema().index_of("revenue").unwrap()]).unwrap();
    let e = evaluate_batch(
        &no_date,
        &BuiltinPolicy::Flat,
        Parameters::shipped(),
        &Options { floats: Floats::Round, ..options(1) },
    )
    .unwrap_err();
    assert_eq!(e.code(), "batch.column.invalid");
    assert!(e.to_string().starts_with("column `won_on`: is missing"), "{e}");
}

#[test]
fn zero_threads_and_mismatched_batches_are_refused() {
    assert_eq!(Threads::new(0).unwrap_err().code(), "input.parse.invalid");
    let facts = missions(3, 1);
    let usual = batch(&facts, Layout::Usual);
    let e = Missions::new(usual.schema(), vec![usual.clone(), batch(&facts, Layout::Other)]).unwrap_err();
    assert_eq!(e.code(), "batch.column.invalid");
}

/// `batch` with column `name` replaced by `array` (or renamed `rename`).
fn replaced(batch: &RecordBatch, name: &str, rename: &str, array: ArrayRef) -> RecordBatch {
    let mut columns: Vec<(String, ArrayRef)> = Vec::new();
    for (field, column) in batch.schema().fields().iter().zip(batch.columns()) {
        if field.name() == name {
            columns.push((rename.to_owned(), array.clone()));
        } else {
            columns.push((field.name().clone(), column.clone()));
        }
    }
    RecordBatch::try_from_iter(columns).unwrap()
}

fn cast(column: &ArrayRef, to: DataType) -> ArrayRef {
    arrow_cast::cast(column, &to).unwrap()
}

#[test]
fn the_flat_rate_and_the_guide_read_every_common_layout() {
    // Whole euros, so that decimals of scale 0 and 1 hold them too.
    let mut facts = missions(3_000, 23);
    for m in &mut facts {
        m.revenue = Money::from_cents(common::cents(m.revenue) / 100 * 100);
    }
    let usual = batch(&facts, Layout::Usual);
    let column = |name: &str| usual.column_by_name(name).unwrap().clone();
    let origin = column("lead_origin");
    let text = cast(&origin, DataType::Utf8);
    let dict = |key: DataType, value: DataType| cast(&origin, DataType::Dictionary(Box::new(key), Box::new(value)));
    let revenue = column("revenue");
    let cents: Vec<i64> = facts.iter().map(|m| common::cents(m.revenue)).collect();
    let days: Vec<i64> = facts.iter().map(|m| i64::from(days_from_date(m.won_on))).collect();
    let seconds = |shift: i64| Int64Array::from_iter_values(days.iter().map(|d| d * 86_400 + shift));
    let stamp = |unit: TimeUnit, per_second: i64, shift: i64, tz: Option<&str>| -> ArrayRef {
        let ticks: ArrayRef =
            Arc::new(Int64Array::from_iter_values(seconds(shift).values().iter().map(|s| s * per_second)));
        cast(&ticks, DataType::Timestamp(unit, tz.map(Into::into)))
    };
    let layouts: Vec<(&str, &str, &str, ArrayRef)> = vec![
        ("dictionary<int8, string>", "lead_origin", "lead_origin", dict(DataType::Int8, DataType::Utf8)),
        ("dictionary<uint16, large_string>", "lead_origin", "lead_origin", dict(DataType::UInt16, DataType::LargeUtf8)),
        ("dictionary<int64, string_view>", "lead_origin", "lead_origin", dict(DataType::Int64, DataType::Utf8View)),
        ("dictionary<uint32, large_string>", "lead_origin", "lead_origin", dict(DataType::UInt32, DataType::LargeUtf8)),
        ("string", "lead_origin", "lead_origin", text.clone()),
        ("large_string", "lead_origin", "lead_origin", cast(&text, DataType::LargeUtf8)),
        ("string_view", "lead_origin", "lead_origin", cast(&text, DataType::Utf8View)),
        ("decimal128(38, 2)", "revenue", "revenue", cast(&revenue, DataType::Decimal128(38, 2))),
        ("decimal128(20, 1)", "revenue", "revenue", cast(&revenue, DataType::Decimal128(20, 1))),
        ("decimal128(20, 0)", "revenue", "revenue", cast(&revenue, DataType::Decimal128(20, 0))),
        ("int64 cents", "revenue", "revenue_cents", Arc::new(Int64Array::from(cents.clone()))),
        ("decimal text", "revenue", "revenue", cast(&revenue, DataType::Utf8)),
        ("decimal text, large", "revenue", "revenue", cast(&revenue, DataType::LargeUtf8)),
        (
            "int32 cents",
            "revenue",
            "revenue_cents",
            cast(&(Arc::new(Int64Array::from(cents.clone())) as ArrayRef), DataType::Int32),
        ),
        (
            "uint64 cents",
            "revenue",
            "revenue_cents",
            cast(&(Arc::new(Int64Array::from(cents)) as ArrayRef), DataType::UInt64),
        ),
        ("date64", "won_on", "won_on", cast(&column("won_on"), DataType::Date64)),
        ("ISO date text", "won_on", "won_on", cast(&column("won_on"), DataType::Utf8)),
        ("timestamp[s]", "won_on", "won_on", stamp(TimeUnit::Second, 1, 0, None)),
        ("timestamp[ms], a time of day", "won_on", "won_on", stamp(TimeUnit::Millisecond, 1_000, 86_399, None)),
        ("timestamp[us, UTC]", "won_on", "won_on", stamp(TimeUnit::Microsecond, 1_000_000, 3_600, Some("UTC"))),
        ("timestamp[ns]", "won_on", "won_on", stamp(TimeUnit::Nanosecond, 1_000_000_000, 0, None)),
        // Midnight in the zone is the evening before in UTC: the zone's day is taken.
        ("timestamp[s, +02:00]", "won_on", "won_on", stamp(TimeUnit::Second, 1, -7_200, Some("+02:00"))),
        (
            "timestamp[ms, -05:00] at 23:00",
            "won_on",
            "won_on",
            stamp(TimeUnit::Millisecond, 1_000, 28 * 3_600, Some("-05:00")),
        ),
        (
            "timestamp[s, Europe/Paris] at noon",
            "won_on",
            "won_on",
            stamp(TimeUnit::Second, 1, 11 * 3_600, Some("Europe/Paris")),
        ),
        ("partners int8", "partners", "partners", cast(&column("partners"), DataType::Int8)),
        ("partners uint64", "partners", "partners", cast(&column("partners"), DataType::UInt64)),
        (
            "shared_resources int16",
            "shared_resources",
            "shared_resources",
            cast(&column("shared_resources"), DataType::Int16),
        ),
    ];
    for (layout, name, rename, array) in layouts {
        let b = replaced(&usual, name, rename, array);
        for policy in [BuiltinPolicy::Flat, BuiltinPolicy::Guide] {
            for details in [true, false] {
                let o = Options { details, ..options(2) };
                let result = evaluate_batch(&b, &policy, Parameters::shipped(), &o)
                    .unwrap_or_else(|e| panic!("{layout} {policy:?}: {e}"));
                check(&result, &policy, &facts, details);
            }
        }
    }
}

#[test]
fn money_written_as_text_is_read_exactly_or_refused_by_row() {
    let facts = missions(3, 3);
    let usual = batch(&facts, Layout::Usual);
    let text: ArrayRef = Arc::new(arrow_array::StringArray::from(vec!["1000.00", " 2000.5 ", "12.345"]));
    let b = replaced(&usual, "revenue", "revenue", text);
    let e = evaluate_batch(&b, &BuiltinPolicy::Flat, Parameters::shipped(), &options(1)).unwrap_err();
    assert_eq!(e.code(), "batch.row.invalid");
    assert!(e.to_string().contains("row 2") && e.to_string().contains("money.amount.precision"), "{e}");
    let ok = b.slice(0, 2);
    let r = evaluate_batch(&ok, &BuiltinPolicy::Flat, Parameters::shipped(), &options(1)).unwrap();
    let amounts = r.column_by_name("amount").unwrap().as_primitive::<Decimal128Type>();
    assert_eq!((amounts.value(0), amounts.value(1)), (5_000, 10_003)); // 5 % of 1000.00 and of 2000.50, half up
}

#[test]
fn a_time_zone_that_is_not_known_is_refused_with_the_fix() {
    let facts = missions(10, 3);
    let usual = batch(&facts, Layout::Usual);
    let ticks: ArrayRef = Arc::new(Int64Array::from(vec![0_i64; 10]));
    let stamps = cast(&ticks, DataType::Timestamp(TimeUnit::Second, Some("Mars/Olympus".into())));
    let b = replaced(&usual, "won_on", "won_on", stamps);
    let e = evaluate_batch(&b, &BuiltinPolicy::Flat, Parameters::shipped(), &options(1)).unwrap_err();
    assert_eq!(e.code(), "batch.column.invalid");
    assert!(e.to_string().contains("Mars/Olympus") && e.to_string().contains(".dt.date"), "{e}");
}

#[test]
fn the_summaries_of_parts_merge_into_the_summary_of_the_whole() {
    use coopetition::policy::compare::Summary;
    // Above the rows where policies run side by side (65,536).
    let facts = missions(70_000, 41);
    let whole = batch(&facts, Layout::Usual);
    let all: Vec<Policy> = policies().into_iter().map(Policy::Builtin).collect();
    let compare_rows = |b: RecordBatch| {
        let m = Missions::new(b.schema(), vec![b]).unwrap();
        compare(&m, &all, Parameters::shipped(), &options(2)).unwrap()
    };
    let expected = compare_rows(whole.clone());
    assert_eq!(expected.summary.comparison().unwrap(), expected.comparison);
    let parts: Vec<Summary> = [(0, 1_000), (1_000, 68_000), (69_000, 1_000)]
        .iter()
        .map(|&(s, n)| compare_rows(whole.slice(s, n)).summary)
        .collect();
    // Every rate kept (70,000 per policy, above the default limit of `Summary::merge`).
    let merged = Summary::merge_within(&parts.iter().collect::<Vec<_>>(), 1 << 20).unwrap().comparison().unwrap();
    assert_eq!(merged.missions, expected.comparison.missions);
    for (m, e) in merged.policies.iter().zip(&expected.comparison.policies) {
        assert_eq!((m.total_due, &m.by_provider, &m.by_situation), (e.total_due, &e.by_provider, &e.by_situation));
        let (a, b) = (m.effective_rate.unwrap(), e.effective_rate.unwrap());
        assert_eq!((a.median, a.p10, a.p90, a.gini, a.count), (b.median, b.p10, b.p90, b.gini, b.count));
    }
}
