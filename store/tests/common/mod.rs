//! Commands shared by the store's tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::prelude::*;

pub fn alice() -> ActorId {
    ActorId::new("alice").unwrap()
}

/// Founds the network with alice, a steward: event 1.
pub fn found() -> Command {
    let founder = Actor {
        level: InvolvementLevel::Steward,
        ..Actor::new(alice(), ActorKind::Association, "Alice", true).unwrap()
    };
    Command::new(
        &alice(),
        date(2020, 1, 6).unwrap(),
        Action::FoundNetwork { settings: NetworkSettings::two_tier("La Compagnie"), founders: vec![founder] },
    )
}

/// Registers the provider `p{n}`.
pub fn register(n: u64) -> Command {
    let actor = Actor::new(ActorId::new(format!("p{n}")).unwrap(), ActorKind::Provider, "P", false).unwrap();
    Command::new(&alice(), date(2020, 2, 1).unwrap(), Action::RegisterActor { actor })
}

/// The command that the writers of these tests decide as event `seq`:
/// founding first, then one registration per event.
pub fn command_for(seq: u64) -> Command {
    if seq == 1 {
        found()
    } else {
        register(seq)
    }
}

/// The network built in memory from the commands of events 1 to `last`.
pub fn expected(last: u64) -> Network {
    let mut network = Network::new();
    for seq in 1..=last {
        network.execute(command_for(seq)).unwrap();
    }
    network
}
