//! The public directory: what the network may show "to public actors and partners".
//!
//! It lists the members (founders and holders of an active contract) who
//! consented to public listing, with their kind, involvement level and, for
//! providers, where they stand with the charter. Nothing about a member who
//! did not consent appears in it, in any form: no entry, no count, no name in
//! another member's entry. A suspended or excluded member is left out too
//! (the network does not vouch for it), without saying why.

use crate::actor::{ActorKind, InvolvementLevel};
use crate::charter::CharterStatus;
use crate::contract::ContractStatus;
use crate::ids::ActorId;
use crate::labels::Labelled;
use crate::network::Network;
use crate::standing::Standing;
use crate::text::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// One member in the public directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct DirectoryEntry {
    /// The member's id.
    pub id: ActorId,
    /// Its name.
    pub display_name: String,
    /// Its kind.
    pub kind: ActorKind,
    /// Its involvement level.
    pub level: InvolvementLevel,
    /// For a provider, where it stands with the charter; `None` for other kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charter: Option<CharterStatus>,
    /// Member since (the first validation of its contract, or the founding).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_since: Option<NaiveDate>,
}

/// The public directory, in id order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Directory {
    /// The entries.
    pub entries: Vec<DirectoryEntry>,
}

impl Network {
    /// The public directory as the state stands.
    pub fn public_directory(&self) -> Directory {
        let state = self.state();
        let entries = state
            .actors
            .values()
            .filter(|a| a.public_listing && self.is_member(&a.id))
            .filter(|a| !matches!(self.standing(&a.id), Standing::Suspended | Standing::Excluded))
            .map(|a| DirectoryEntry {
                id: a.id.clone(),
                display_name: a.display_name.clone(),
                kind: a.kind,
                level: a.level,
                charter: (a.kind == ActorKind::Provider).then(|| self.charter_status(&a.id)),
                member_since: match self.live_contract(&a.id).filter(|c| c.status == ContractStatus::Active) {
                    Some(c) => c.versions.first().map(|v| v.validated_on),
                    None => state.founded_on,
                },
            })
            .collect();
        Directory { entries }
    }
}

impl Directory {
    /// The directory as a Markdown table.
    pub fn to_markdown(&self, lang: Lang) -> String {
        let (title, header) = match lang {
            Lang::Fr => ("Annuaire des membres", "| Membre | Type | Implication | Charte | Membre depuis |"),
            Lang::En => ("Member directory", "| Member | Kind | Involvement | Charter | Member since |"),
        };
        let mut out = format!("# {title}\n\n{header}\n| --- | --- | --- | --- | --- |\n");
        for e in &self.entries {
            let charter = e.charter.map_or("—", |c| charter_label(c, lang));
            let since = e.member_since.map_or_else(|| "—".to_owned(), |d| d.to_string());
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                escape(&e.display_name),
                kind_label(e.kind, lang),
                level_label(e.level, lang),
                charter,
                since
            );
        }
        out
    }
}

fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn charter_label(status: CharterStatus, lang: Lang) -> &'static str {
    match (status, lang) {
        (CharterStatus::Signed, Lang::Fr) => "signée",
        (CharterStatus::Outdated, Lang::Fr) => "version antérieure signée",
        (CharterStatus::Unsigned, Lang::Fr) => "non signée",
        (CharterStatus::Signed, Lang::En) => "signed",
        (CharterStatus::Outdated, Lang::En) => "earlier version signed",
        (CharterStatus::Unsigned, Lang::En) => "not signed",
    }
}

/// The name of an actor kind in `lang`.
pub fn kind_label(kind: ActorKind, lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => match kind {
            ActorKind::ThirdPlace => "tiers-lieu",
            ActorKind::LocalAuthority => "collectivité",
            ActorKind::Citizen => "citoyen·ne",
            ActorKind::Association => "association",
            ActorKind::Company => "entreprise",
            ActorKind::Provider => "prestataire",
        },
        Lang::En => match kind {
            ActorKind::ThirdPlace => "third place",
            ActorKind::LocalAuthority => "local authority",
            ActorKind::Citizen => "citizen",
            ActorKind::Association => "association",
            ActorKind::Company => "company",
            ActorKind::Provider => "service provider",
        },
    }
}

/// The name of an involvement level in `lang` (the seed's sympathisant, contributeur, soucieux).
pub fn level_label(level: InvolvementLevel, lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => match level {
            InvolvementLevel::Supporter => "sympathisant",
            InvolvementLevel::Contributor => "contributeur",
            InvolvementLevel::Steward => "soucieux",
        },
        Lang::En => level.label(),
    }
}
