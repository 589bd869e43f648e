//! Stable identifiers of actors, contracts and missions.
//!
//! Ids are chosen by the caller (an app, an import) so that the same journal
//! replays to the same state anywhere. They are 1 to 64 characters from
//! `[A-Za-z0-9._:-]`, which keeps them safe in file names, URLs and CSV.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;

fn check_id(raw: &str) -> Result<()> {
    let ok = !raw.is_empty()
        && raw.len() <= 64
        && raw.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidId(raw.to_owned()))
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Checks and wraps an identifier.
            ///
            /// # Errors
            /// `input.id.invalid` when the text is empty, longer than 64
            /// characters or holds a character outside `[A-Za-z0-9._:-]`.
            pub fn new(raw: impl Into<String>) -> Result<Self> {
                let raw = raw.into();
                check_id(&raw)?;
                Ok(Self(raw))
            }

            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = Error;
            fn try_from(raw: String) -> Result<Self> {
                Self::new(raw)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = Error;
            fn try_from(raw: &str) -> Result<Self> {
                Self::new(raw)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        #[cfg(feature = "python")]
        $crate::python_values::python_id!($name);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// Identifies an actor of the network (a member or an applicant).
    ActorId
);
id_type!(
    /// Identifies a membership contract across all its versions.
    ContractId
);
id_type!(
    /// Identifies a mission reported by a provider.
    MissionId
);
id_type!(
    /// Identifies a lead the network received.
    LeadId
);
id_type!(
    /// Identifies a call for partners.
    CallId
);
id_type!(
    /// Identifies an event the network held (a meeting, a visit, a fair).
    NetworkEventId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_ids_and_rejects_others() {
        assert!(ActorId::new("atelier-42").is_ok());
        assert!(ActorId::new("org:lille.fablab_1").is_ok());
        for bad in ["", "a b", "é", &"x".repeat(65), "a/b"] {
            let err = ActorId::new(bad).unwrap_err();
            assert_eq!(err.code(), "input.id.invalid", "{bad:?}");
        }
    }

    #[test]
    fn json_round_trip_and_validation() {
        let id = MissionId::new("m-1").unwrap();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"m-1\"");
        assert_eq!(serde_json::from_str::<MissionId>(&json).unwrap(), id);
        assert!(serde_json::from_str::<MissionId>("\"a b\"").is_err());
    }
}
