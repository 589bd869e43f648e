//! Stable text labels for the crate's enumerations.
//!
//! Every enumeration that crosses a boundary (JSON, Arrow columns, bindings)
//! has one snake_case label per value, the same in every language.

use crate::error::{Error, Result};

/// An enumeration with stable snake_case labels.
pub trait Labelled: Sized + Copy + 'static {
    /// What the enumeration names, for error messages (`actor kind`…).
    const WHAT: &'static str;
    /// Every value, in declaration order.
    const ALL: &'static [Self];

    /// The stable label of this value.
    fn label(self) -> &'static str;

    /// The value with this label.
    ///
    /// # Errors
    /// `input.label.unknown`, listing the accepted labels.
    fn from_label(label: &str) -> Result<Self> {
        Self::ALL.iter().copied().find(|v| v.label() == label).ok_or_else(|| Error::UnknownLabel {
            what: Self::WHAT,
            value: label.to_owned(),
            expected: Self::ALL.iter().map(|v| v.label()).collect::<Vec<_>>().join(", "),
        })
    }

    /// Position of this value in [`Labelled::ALL`], for compact columnar codes.
    fn index(self) -> usize {
        Self::ALL.iter().position(|v| v.label() == self.label()).unwrap_or(0)
    }
}

/// Implements [`Labelled`] and serde (as the label) for a fieldless enum.
///
/// `Name as "ForeignName"` gives the enum another name in the bindings, where
/// the Rust name, read without its module, would say too little.
macro_rules! labelled_enum {
    ($(#[$doc:meta])* $name:ident $(as $foreign:literal)?, $what:literal, { $($(#[$vdoc:meta])* $variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        $(#[cfg_attr(feature = "uniffi", uniffi(name = $foreign))])?
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $label)] $variant),+
        }

        impl $crate::labels::Labelled for $name {
            const WHAT: &'static str = $what;
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        // Kotlin reads the label as `value.label()`; the Rust name differs so that
        // `Labelled::label` keeps its `&'static str` in Rust.
        #[cfg(feature = "uniffi")]
        #[uniffi::export$((name = $foreign))?]
        impl $name {
            /// The stable snake_case label of this value, as in JSON and in the other bindings.
            #[uniffi::method(name = "label")]
            pub fn uniffi_label(&self) -> String {
                $crate::labels::Labelled::label(*self).to_owned()
            }
        }

        #[cfg(feature = "python")]
        $crate::python_values::python_label!($name, [$($label),+]);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad($crate::labels::Labelled::label(*self))
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::Error;
            fn from_str(s: &str) -> $crate::error::Result<Self> {
                <Self as $crate::labels::Labelled>::from_label(s)
            }
        }
    };
}
pub(crate) use labelled_enum;
