//! Actors of the network: who they are, their kind and involvement level.

use crate::error::Result;
use crate::ids::ActorId;
use crate::labels::labelled_enum;
use serde::{Deserialize, Serialize};

labelled_enum!(
    /// The six kinds of actor named by the seed.
    ActorKind, "actor kind", {
        /// A third place (tiers-lieu): coworking, fablab, café-atelier…
        ThirdPlace => "third_place",
        /// A local authority (collectivité): municipality, region…
        LocalAuthority => "local_authority",
        /// A citizen.
        Citizen => "citizen",
        /// An association.
        Association => "association",
        /// A company.
        Company => "company",
        /// A service provider (accompagnateur) selling support missions.
        Provider => "provider",
    }
);

labelled_enum!(
    /// How involved a member is: supporter < contributor < steward.
    ///
    /// Stewards (soucieux) carry the strategy: they validate contracts,
    /// record decisions and follow engagements up.
    InvolvementLevel, "involvement level", {
        /// Sympathisant: supports the network.
        Supporter => "supporter",
        /// Contributeur: contributes to the network's work.
        Contributor => "contributor",
        /// Soucieux: carries the network's strategy.
        Steward => "steward",
    }
);

/// An actor known to the network: a member, an applicant or a founder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all, from_py_object)
)]
pub struct Actor {
    /// Stable identifier.
    pub id: ActorId,
    /// Kind of actor.
    pub kind: ActorKind,
    /// Name shown to people.
    pub display_name: String,
    /// Involvement level; changed only by a steward's decision.
    pub level: InvolvementLevel,
    /// Whether the actor consents to being listed publicly
    /// ("to public actors and partners").
    pub public_listing: bool,
}

impl Actor {
    /// A new actor at the supporter level.
    ///
    /// # Errors
    /// `input.text.empty` when the display name is blank.
    pub fn new(id: ActorId, kind: ActorKind, display_name: impl Into<String>, public_listing: bool) -> Result<Actor> {
        let actor =
            Actor { id, kind, display_name: display_name.into(), level: InvolvementLevel::Supporter, public_listing };
        actor.check()?;
        Ok(actor)
    }

    /// A new actor at a given involvement level: [`Actor::new`], then
    /// [`Actor::with_level`] (for founders and imports).
    ///
    /// # Errors
    /// As [`Actor::new`].
    pub fn at_level(
        id: ActorId,
        kind: ActorKind,
        display_name: String,
        level: InvolvementLevel,
        public_listing: bool,
    ) -> Result<Actor> {
        Ok(Actor::new(id, kind, display_name, public_listing)?.with_level(level))
    }

    /// The same actor at another involvement level (for founders and imports;
    /// in a network, levels change only through commands).
    ///
    /// ```
    /// use coopetition::prelude::*;
    /// let founder = Actor::new(ActorId::new("alice")?, ActorKind::Association, "Alice", true)?
    ///     .with_level(InvolvementLevel::Steward);
    /// assert!(founder.is_steward());
    /// # Ok::<(), coopetition::Error>(())
    /// ```
    pub fn with_level(mut self, level: InvolvementLevel) -> Actor {
        self.level = level;
        self
    }

    /// Checks the fields a caller may have set by hand.
    ///
    /// # Errors
    /// `input.text.empty` when the display name is blank, `input.text.invalid`
    /// when it holds a control or format character.
    pub fn check(&self) -> Result<()> {
        crate::text::check_text(&self.display_name, "display_name")
    }

    /// Whether this actor is a steward.
    pub fn is_steward(&self) -> bool {
        self.level == InvolvementLevel::Steward
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::Labelled;

    #[test]
    fn labels_round_trip() {
        for kind in ActorKind::ALL {
            assert_eq!(ActorKind::from_label(kind.label()).unwrap(), *kind);
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.label()));
        }
        assert_eq!(ActorKind::ALL.len(), 6);
        assert_eq!(InvolvementLevel::ALL.len(), 3);
        let err = ActorKind::from_label("wizard").unwrap_err();
        assert_eq!(err.code(), "input.label.unknown");
        assert!(err.to_string().contains("third_place"));
    }

    #[test]
    fn levels_are_ordered() {
        assert!(InvolvementLevel::Supporter < InvolvementLevel::Contributor);
        assert!(InvolvementLevel::Contributor < InvolvementLevel::Steward);
    }

    #[test]
    fn an_actor_made_at_a_level_is_checked_like_a_new_one() {
        let id = ActorId::new("a").unwrap();
        let steward = Actor::at_level(id.clone(), ActorKind::Citizen, "Ann".into(), InvolvementLevel::Steward, false);
        assert!(steward.unwrap().is_steward());
        let blank = Actor::at_level(id, ActorKind::Citizen, " ".into(), InvolvementLevel::Steward, false);
        assert_eq!(blank.unwrap_err().code(), "input.text.empty");
    }

    #[test]
    fn blank_name_is_refused() {
        let id = ActorId::new("a").unwrap();
        assert_eq!(Actor::new(id, ActorKind::Citizen, "  ", true).unwrap_err().code(), "input.text.empty");
    }
}
