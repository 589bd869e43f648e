//! Founds a network, admits a provider, and shows a rejected command's code.
use coopetition::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let camille = ActorId::new("camille")?;
    let atelier = ActorId::new("atelier-des-communs")?;
    let contract = ContractId::new("contract-atelier")?;

    // Found the network with one founding steward.
    let mut network = Network::new();
    let founder =
        Actor { level: InvolvementLevel::Steward, ..Actor::new(camille.clone(), ActorKind::Citizen, "Camille", true)? };
    network.execute(Command::new(
        &camille,
        date(2020, 1, 6)?,
        Action::FoundNetwork {
            settings: NetworkSettings::two_tier("La Compagnie des Tiers-Lieux"),
            founders: vec![founder],
        },
    ))?;

    // A provider registers itself (as a supporter) and proposes its contract.
    let provider = Actor::new(atelier.clone(), ActorKind::Provider, "L'Atelier des Communs", true)?;
    network.execute(Command::new(&atelier, date(2020, 1, 20)?, Action::RegisterActor { actor: provider }))?;
    let terms = ContractTerms {
        needs: vec![Choice::item("network_work"), Choice::item("team_up")],
        extra_engagements: vec![],
        contributions: vec![Choice::item("revenue_share_5pct")],
        place: "Lille".into(),
        signatory: "Sam Durand".into(),
    };
    network.execute(Command::new(
        &atelier,
        date(2020, 1, 20)?,
        Action::ProposeContract { contract: contract.clone(), terms },
    ))?;

    // Only a steward validates: the provider's own attempt is rejected with a stable code.
    let attempt = Command::new(&atelier, date(2020, 1, 21)?, Action::ValidateContract { contract: contract.clone() });
    match network.execute(attempt) {
        Err(error) => println!("rejected: {} ({error})", error.code()),
        Ok(_) => return Err("a provider validated its own contract".into()),
    }
    network.execute(Command::new(
        &camille,
        date(2020, 2, 4)?,
        Action::ValidateContract { contract: contract.clone() },
    ))?;

    println!("contract status: {}", network.contract(&contract)?.status);
    println!("journal: {} events", network.journal().len());
    Ok(())
}
