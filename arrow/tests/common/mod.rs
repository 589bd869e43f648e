//! Missions for the tests: generated facts, and the same facts as record
//! batches in several Arrow layouts.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use arrow_array::builder::StringDictionaryBuilder;
use arrow_array::types::Int32Type;
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Date64Array, Decimal128Array, Float64Array, Int32Array, Int64Array,
    RecordBatch, StringArray, UInt32Array, UInt8Array,
};
use chrono::{Duration, NaiveDate};
use coopetition::labels::Labelled;
use coopetition::mission::LeadOrigin;
use coopetition::policy::batch::days_from_date;
use coopetition::policy::{MissionFacts, NegotiationState};
use coopetition::prelude::*;
use std::sync::Arc;

/// A deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `n` missions won in 2021–2024 with every kind of input: declarations or
/// none, the four negotiation states, donations, 7 providers.
pub fn missions(n: usize, seed: u64) -> Vec<MissionFacts> {
    let mut rng = Rng::new(seed);
    let start = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    (0..n)
        .map(|i| {
            let revenue = 50_000 + rng.below(6_000_000) as i64;
            let won_on = start + Duration::days(rng.below(4 * 365) as i64);
            let origin = LeadOrigin::ALL[rng.below(5) as usize];
            let provider = ActorId::new(format!("p{}", i % 7)).unwrap();
            let mut m = MissionFacts::new(provider, Money::from_cents(revenue), won_on, origin);
            m.partners = rng.below(4) as u32;
            m.shared_resources = rng.below(3) as u32;
            m.steward_workstream = rng.below(10) == 0;
            m.client_informed = rng.below(2) == 0;
            m.declared = (rng.below(10) < 7).then(|| Money::from_cents(revenue / 1000 * rng.below(120) as i64));
            let offers = rng.below(5) as u32;
            let on = won_on + Duration::days(10);
            m.negotiation = match rng.below(4) {
                0 => NegotiationState::NotOpened {},
                1 => NegotiationState::Open {
                    offers,
                    last_offer: (rng.below(2) == 0).then(|| Money::from_cents(revenue / 50)),
                },
                2 => NegotiationState::Agreed { amount: Money::from_cents(revenue / 40), on, offers },
                _ => NegotiationState::Stalemate { on, offers },
            };
            if rng.below(20) == 0 {
                m.donations = Money::from_cents(rng.below(100_000) as i64);
            }
            m
        })
        .collect()
}

pub fn cents(m: Money) -> i64 {
    m.to_cents().unwrap()
}

fn decimal(values: impl IntoIterator<Item = Option<i128>>, precision: u8, scale: i8) -> ArrayRef {
    Arc::new(Decimal128Array::from_iter(values).with_precision_and_scale(precision, scale).unwrap())
}

fn negotiation(m: &MissionFacts) -> (&'static str, Option<i64>, u32, Option<i32>) {
    match m.negotiation {
        NegotiationState::NotOpened {} => ("not_opened", None, 0, None),
        NegotiationState::Open { offers, last_offer } => ("open", last_offer.map(cents), offers, None),
        NegotiationState::Agreed { amount, on, offers } => {
            ("agreed", Some(cents(amount)), offers, Some(days_from_date(on)))
        }
        NegotiationState::Stalemate { on, offers } => ("stalemate", None, offers, Some(days_from_date(on))),
    }
}

/// The layouts the tests read the same missions in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// What a Parquet file of this crate's users holds: decimal128 money of
    /// scale 2, date32, dictionary-encoded lead origins, int32 counts.
    Usual,
    /// Integer cents (`*_cents`), date64, plain strings, narrow integers,
    /// decimals of scale 3.
    Other,
    /// Money as float64 euros (read with `Floats::Round`).
    Floats,
}

/// `missions` as one record batch in `layout`.
pub fn batch(missions: &[MissionFacts], layout: Layout) -> RecordBatch {
    let col = |f: &dyn Fn(&MissionFacts) -> i64| missions.iter().map(f).collect::<Vec<_>>();
    let revenue = col(&|m| cents(m.revenue));
    let days: Vec<i32> = missions.iter().map(|m| days_from_date(m.won_on)).collect();
    let declared: Vec<Option<i64>> = missions.iter().map(|m| m.declared.map(cents)).collect();
    let donations = col(&|m| cents(m.donations));
    let neg: Vec<_> = missions.iter().map(negotiation).collect();
    let origins: Vec<&str> = missions.iter().map(|m| m.lead_origin.label()).collect();
    let mut columns: Vec<(&str, ArrayRef)> =
        vec![("provider", Arc::new(StringArray::from_iter_values(missions.iter().map(|m| m.provider.as_str()))))];
    let euros = |c: &[Option<i64>]| -> ArrayRef {
        Arc::new(Float64Array::from_iter(c.iter().map(|c| c.map(|c| c as f64 / 100.0))))
    };
    match layout {
        Layout::Usual | Layout::Floats => {
            if layout == Layout::Usual {
                columns.push(("revenue", decimal(revenue.iter().map(|&c| Some(i128::from(c))), 12, 2)));
                columns.push(("declared", decimal(declared.iter().map(|c| c.map(i128::from)), 12, 2)));
                columns.push(("donations_cents", Arc::new(Int64Array::from(donations.clone()))));
                let amounts: Vec<Option<i64>> = neg.iter().map(|n| n.1).collect();
                columns.push(("negotiation_amount_cents", Arc::new(Int64Array::from(amounts))));
            } else {
                columns.push(("revenue", euros(&revenue.iter().map(|&c| Some(c)).collect::<Vec<_>>())));
                columns.push(("declared", euros(&declared)));
                columns.push(("donations", euros(&donations.iter().map(|&c| Some(c)).collect::<Vec<_>>())));
                columns.push(("negotiation_amount", euros(&neg.iter().map(|n| n.1).collect::<Vec<_>>())));
            }
            columns.push(("won_on", Arc::new(Date32Array::from(days.clone()))));
            let mut origin = StringDictionaryBuilder::<Int32Type>::new();
            origins.iter().for_each(|o| {
                origin.append_value(o);
            });
            columns.push(("lead_origin", Arc::new(origin.finish())));
            columns
                .push(("partners", Arc::new(Int32Array::from_iter_values(missions.iter().map(|m| m.partners as i32)))));
            columns.push((
                "shared_resources",
                Arc::new(Int64Array::from_iter_values(missions.iter().map(|m| i64::from(m.shared_resources)))),
            ));
            columns.push(("negotiation_on", Arc::new(Date32Array::from(neg.iter().map(|n| n.3).collect::<Vec<_>>()))));
        }
        Layout::Other => {
            columns.push(("revenue_cents", Arc::new(Int64Array::from(revenue.clone()))));
            columns.push(("declared_cents", Arc::new(Int64Array::from(declared.clone()))));
            // Scale 3: ten times the cents.
            columns.push(("donations", decimal(donations.iter().map(|&c| Some(i128::from(c) * 10)), 20, 3)));
            let amounts = neg.iter().map(|n| n.1.map(|c| i128::from(c) * 10));
            columns.push(("negotiation_amount", decimal(amounts, 20, 3)));
            let ms = |d: i32| i64::from(d) * 86_400_000;
            columns.push(("won_on", Arc::new(Date64Array::from_iter_values(days.iter().map(|&d| ms(d))))));
            columns.push(("lead_origin", Arc::new(StringArray::from(origins.clone()))));
            columns
                .push(("partners", Arc::new(UInt8Array::from_iter_values(missions.iter().map(|m| m.partners as u8)))));
            columns.push((
                "shared_resources",
                Arc::new(UInt32Array::from_iter_values(missions.iter().map(|m| m.shared_resources))),
            ));
            let on = neg.iter().map(|n| n.3.map(ms));
            columns.push(("negotiation_on", Arc::new(Date64Array::from_iter(on))));
        }
    }
    columns.push((
        "steward_workstream",
        Arc::new(BooleanArray::from_iter(missions.iter().map(|m| Some(m.steward_workstream)))),
    ));
    columns
        .push(("client_informed", Arc::new(BooleanArray::from_iter(missions.iter().map(|m| Some(m.client_informed))))));
    columns.push(("negotiation_state", Arc::new(StringArray::from_iter_values(neg.iter().map(|n| n.0)))));
    columns.push(("negotiation_offers", Arc::new(UInt32Array::from_iter_values(neg.iter().map(|n| n.2)))));
    RecordBatch::try_from_iter(columns).unwrap()
}
