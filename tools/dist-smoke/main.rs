//! A Rust program outside the workspace, on the packaged crate (`make dist-check`).
use coopetition::policy::{ContributionPolicy, FlatRate, MissionFacts, Parameters};
use coopetition::prelude::*;

fn main() -> coopetition::Result<()> {
    let paul = ActorId::new("paul")?;
    let facts = MissionFacts::new(paul, Money::parse_eur("12000.00")?, date(2021, 3, 1)?, LeadOrigin::NetworkEvent);
    let assessment = FlatRate.evaluate(&facts, Parameters::shipped())?;
    assert_eq!(assessment.amount, Some(Money::parse_eur("600.00")?));
    println!("coopetition (crate): flat 5 % of 12 000.00 = {:?}", assessment.amount);
    Ok(())
}
