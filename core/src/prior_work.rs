//! Article 4 of the charter: respect the prior work of other members.
//!
//! The registry records which member worked with which local actor, and from
//! when: declared with [`crate::network::Action::RecordPriorWork`], and added
//! automatically when a provider starts a mission (the provider works with
//! the client from the start date). When a provider starts a mission with a
//! local actor another member worked with before, an [`InformObligation`] is
//! created for that member, and tracked until the provider records that it
//! informed them ([`crate::network::Action::RecordMemberInformed`]).
//!
//! Local actors are matched by [`local_actor_key`]: a member client by its id,
//! an outside client by its name, ignoring case and repeated blanks (accents
//! count).

use crate::ids::{ActorId, MissionId};
use crate::mission::Client;
use crate::recorded::Recorded;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An entry of the registry: a member worked with a local actor from a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorWork {
    /// The member who did the work.
    pub member: ActorId,
    /// The local actor.
    pub local_actor: Client,
    /// Since when.
    pub since: NaiveDate,
    /// The mission the entry comes from, when it was added by a mission's start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mission: Option<MissionId>,
    /// The event that recorded it.
    pub recorded: Recorded,
}

/// An obligation, created when a mission starts, to inform a member who worked
/// with the same local actor before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InformObligation {
    /// The mission.
    pub mission: MissionId,
    /// The provider who must inform.
    pub provider: ActorId,
    /// The member to inform.
    pub member: ActorId,
    /// The start of the mission, from which the deadline runs.
    pub arises_on: NaiveDate,
    /// Sequence number of the registry entry that creates the obligation.
    pub prior_work: u64,
    /// The start report that created it.
    pub created: Recorded,
    /// The record that the member was informed, once made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discharged: Option<Recorded>,
}

/// The key under which the registry files a local actor: `member:<id>` for a
/// member, `outside:<name>` for another actor, the name lowercased with its
/// blanks collapsed.
pub fn local_actor_key(actor: &Client) -> String {
    match actor {
        Client::Member { id } => format!("member:{id}"),
        Client::Outside { name, .. } => {
            let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
            format!("outside:{}", words.join(" "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::ActorKind;

    #[test]
    fn outside_actors_match_by_name_ignoring_case_and_blanks() {
        let a = Client::Outside { name: "Mairie  de Fives ".into(), kind: ActorKind::LocalAuthority };
        let b = Client::Outside { name: "mairie de fives".into(), kind: ActorKind::Association };
        assert_eq!(local_actor_key(&a), local_actor_key(&b));
        let m = Client::Member { id: ActorId::new("mairie-de-fives").unwrap() };
        assert_ne!(local_actor_key(&a), local_actor_key(&m));
        assert_eq!(local_actor_key(&m), "member:mairie-de-fives");
    }
}
