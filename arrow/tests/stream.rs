//! Streams of record batches: compared and evaluated batch by batch, with
//! the results of the whole table, rows named from the start of the stream.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use arrow_array::cast::AsArray;
use arrow_array::types::UInt64Type;
use arrow_array::{Array, ArrayRef, Int64Array, RecordBatch, RecordBatchIterator};
use common::{batch, missions, Layout};
use coopetition::policy::batch::BuiltinPolicy;
use coopetition::policy::{BehaviourModel, Parameters};
use coopetition_arrow::{compare, compare_stream, evaluate_batch, EvaluateStream, Flow, Missions, Options, Policy};
use std::sync::Arc;

fn reader(
    batches: Vec<RecordBatch>,
) -> RecordBatchIterator<std::vec::IntoIter<Result<RecordBatch, arrow_schema::ArrowError>>> {
    let schema = batches[0].schema();
    RecordBatchIterator::new(batches.into_iter().map(Ok).collect::<Vec<_>>().into_iter(), schema)
}

fn all() -> Vec<Policy> {
    let model = Some(BehaviourModel::default());
    [BuiltinPolicy::Flat, BuiltinPolicy::Guide, BuiltinPolicy::SelfAssessed(model), BuiltinPolicy::Negotiated(model)]
        .into_iter()
        .map(Policy::Builtin)
        .collect()
}

#[test]
fn a_stream_compares_as_its_table_does() {
    let facts = missions(3_000, 17);
    let whole = batch(&facts, Layout::Usual);
    let parts = vec![whole.slice(0, 1_000), whole.slice(1_000, 0), whole.slice(1_000, 1_999), whole.slice(2_999, 1)];
    let expected = compare(
        &Missions::new(whole.schema(), vec![whole.clone()]).unwrap(),
        &all(),
        Parameters::shipped(),
        &Options::default(),
    )
    .unwrap();
    let mut results = Vec::new();
    let mut seen = Vec::new();
    let (summary, complete) =
        compare_stream(reader(parts), &all(), Parameters::shipped(), &Options::default(), |b, read| {
            seen.push(read);
            results.push(b);
            Ok(Flow::Continue)
        })
        .unwrap();
    assert!(complete);
    assert_eq!(seen, vec![1_000, 2_999, 3_000]);
    assert_eq!(summary.comparison().unwrap(), expected.comparison);
    let rows: Vec<u64> = results
        .iter()
        .flat_map(|b| b.column_by_name("row").unwrap().as_primitive::<UInt64Type>().values().to_vec())
        .collect();
    assert_eq!(rows, (0..3_000).collect::<Vec<u64>>());
    let joined = arrow_select::concat::concat_batches(&results[0].schema(), &results).unwrap();
    assert_eq!(joined, expected.missions);
}

#[test]
fn a_stream_stops_when_asked_with_the_summary_of_what_was_read() {
    let whole = batch(&missions(300, 2), Layout::Usual);
    let parts = vec![whole.slice(0, 100), whole.slice(100, 100), whole.slice(200, 100)];
    let (summary, complete) =
        compare_stream(reader(parts), &all(), Parameters::shipped(), &Options::default(), |_, read| {
            Ok(if read >= 200 { Flow::Stop } else { Flow::Continue })
        })
        .unwrap();
    assert!(!complete);
    assert_eq!(summary.missions(), 200);
}

#[test]
fn an_error_names_the_row_of_the_stream_and_a_new_schema_its_column() {
    let whole = batch(&missions(300, 3), Layout::Other);
    let mut cents: Vec<i64> = whole
        .column_by_name("revenue_cents")
        .unwrap()
        .as_primitive::<arrow_array::types::Int64Type>()
        .values()
        .to_vec();
    cents[250] = -5;
    let index = whole.schema().index_of("revenue_cents").unwrap();
    let mut columns = whole.columns().to_vec();
    columns[index] = Arc::new(Int64Array::from(cents)) as ArrayRef;
    let broken = RecordBatch::try_new(whole.schema(), columns).unwrap();
    let parts = vec![broken.slice(0, 200), broken.slice(200, 100)];
    let e = compare_stream(reader(parts.clone()), &all(), Parameters::shipped(), &Options::default(), |_, _| {
        Ok(Flow::Continue)
    })
    .unwrap_err();
    assert_eq!(e.code(), "batch.row.invalid");
    assert!(e.to_string().contains("row 250"), "{e}");
    let mut stream =
        EvaluateStream::new(reader(parts), BuiltinPolicy::Flat, Parameters::shipped().clone(), Options::default())
            .unwrap();
    assert!(stream.next_batch().unwrap().is_ok());
    let e = stream.next_batch().unwrap().unwrap_err();
    assert!(e.to_string().contains("row 250"), "{e}");
    assert!(stream.next_batch().is_none());
    // A batch whose column changes type.
    let other = batch(&missions(10, 4), Layout::Usual);
    let usual = batch(&missions(10, 5), Layout::Other);
    let e = compare_stream(
        RecordBatchIterator::new(vec![Ok(other.clone()), Ok(usual)], other.schema()),
        &all(),
        Parameters::shipped(),
        &Options::default(),
        |_, _| Ok(Flow::Continue),
    )
    .unwrap_err();
    assert_eq!(e.code(), "batch.column.invalid");
    assert!(e.to_string().contains("starting at mission 10"), "{e}");
}

#[test]
fn an_evaluated_stream_gives_the_results_of_its_table() {
    let whole = batch(&missions(2_500, 9), Layout::Usual);
    for policy in [BuiltinPolicy::Flat, BuiltinPolicy::Guide] {
        let expected = evaluate_batch(&whole, &policy, Parameters::shipped(), &Options::default()).unwrap();
        let parts = vec![whole.slice(0, 999), whole.slice(999, 1_501)];
        let stream =
            EvaluateStream::new(reader(parts), policy, Parameters::shipped().clone(), Options::default()).unwrap();
        let schema = stream.schema();
        let batches: Vec<RecordBatch> = stream.map(|b| b.unwrap()).collect();
        assert_eq!(arrow_select::concat::concat_batches(&schema, &batches).unwrap(), expected);
    }
}

#[test]
fn result_batches_share_one_schema_whatever_their_values() {
    // Above the rows of one task (65,536): the first task prices every
    // mission, the last leaves one undeclared (a null amount).
    let mut facts = missions(70_000, 5);
    for m in &mut facts {
        m.declared = Some(m.revenue);
    }
    facts.last_mut().unwrap().declared = None;
    let b = batch(&facts, Layout::Usual);
    for details in [true, false] {
        let o = Options { details, ..Options::default() };
        let r = evaluate_batch(&b, &BuiltinPolicy::SelfAssessed(None), Parameters::shipped(), &o).unwrap();
        assert_eq!(r.num_rows(), 70_000);
        assert_eq!(r.column_by_name("amount").unwrap().null_count(), 1);
    }
}
