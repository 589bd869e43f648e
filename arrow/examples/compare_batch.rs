//! Builds a record batch of five won missions, as a Parquet reader or a
//! DataFrame library would hand it over, and compares the four built-in
//! policies over it.
//!
//! ```sh
//! cargo run -p coopetition-arrow --example compare_batch
//! ```

use arrow_array::builder::StringDictionaryBuilder;
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, BooleanArray, Date32Array, Decimal128Array, Int32Array, RecordBatch, StringArray};
use coopetition::policy::batch::BuiltinPolicy;
use coopetition::policy::Parameters;
use coopetition::text::Lang;
use coopetition_arrow::{compare, evaluate_batch, Missions, Options, Policy};
use std::sync::Arc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut origin = StringDictionaryBuilder::<Int32Type>::new();
    for o in ["network_event", "own_network", "network_referral", "other", "network_action"] {
        origin.append_value(o);
    }
    let revenue = Decimal128Array::from(vec![1_234_550, 4_800_000, 920_000, 15_000_000, 2_500_075])
        .with_precision_and_scale(12, 2)?;
    // Days since 1970-01-01: 2021-03-01, 2022-06-15, 2023-01-10, 2023-09-04, 2024-02-29.
    let won_on = Date32Array::from(vec![18_687, 19_158, 19_367, 19_604, 19_782]);
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("provider", Arc::new(StringArray::from(vec!["ana", "bob", "ana", "cleo", "bob"]))),
        ("revenue", Arc::new(revenue)),
        ("won_on", Arc::new(won_on)),
        ("lead_origin", Arc::new(origin.finish())),
        ("partners", Arc::new(Int32Array::from(vec![1, 0, 2, 3, 1]))),
        ("shared_resources", Arc::new(Int32Array::from(vec![0, 1, 0, 2, 0]))),
        ("steward_workstream", Arc::new(BooleanArray::from(vec![false, false, true, false, false]))),
        ("client_informed", Arc::new(BooleanArray::from(vec![true, false, true, true, false]))),
        (
            "declared",
            Arc::new(
                Decimal128Array::from(vec![Some(50_000), None, Some(30_000), None, Some(90_000)])
                    .with_precision_and_scale(12, 2)?,
            ),
        ),
    ];
    let batch = RecordBatch::try_from_iter(columns)?;

    let flat = evaluate_batch(&batch, &BuiltinPolicy::Flat, Parameters::shipped(), &Options::default())?;
    println!("flat rate, per mission:\n{:?}\n", flat.column_by_name("amount").ok_or("no amount")?);

    let missions = Missions::new(batch.schema(), vec![batch])?;
    let policies = BuiltinPolicy::ALL.map(Policy::Builtin);
    let compared = compare(&missions, &policies, Parameters::shipped(), &Options::default())?;
    println!("{}", compared.comparison.to_table(Lang::En));
    Ok(())
}
